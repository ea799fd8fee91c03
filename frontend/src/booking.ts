/** The booking flow from the booking API alone: service → time → details → confirmation.
 * Every step is a plain form (no JavaScript); the one write is a server-side POST to the API
 * with an Idempotency-Key, so a repeated submit returns the first booking. */
import { randomBytes } from "node:crypto";
import type { ApiClient, Problem, Schemas } from "./api/client.js";
import { esc } from "./html.js";

export interface View {
  status: number;
  title: string;
  body: string;
}

const HEALTH = [
  ["pregnant", "I am pregnant"],
  ["blood_clots", "I have or had blood clots"],
  ["cancer_treatment", "I am in cancer treatment"],
  ["recent_surgery", "I had surgery in the last six weeks"],
] as const;

/** "Tue Dec 01 2026, 10:45" from the API's local wall time (ISO 8601 with offset). */
function wallTime(local: string): string {
  return `${new Date(local.slice(0, 10) + "T12:00:00Z").toDateString()}, ${local.slice(11, 16)}`;
}

function problemView(problem: Problem, title = "Booking"): View {
  return { status: problem.status, title, body: `<h1>${esc(title)}</h1><p role="alert" class="problem">${esc(problem.detail)}</p><p><a href="/book/">Start again</a></p>` };
}

function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join("");
}

export async function start(api: ApiClient, query: URLSearchParams): Promise<View> {
  const service = query.get("service");
  if (!service) {
    const services = await api.get("/api/content/booking/services/", { query: { limit: 50 } });
    if (!services.ok) return problemView(services.problem);
    const list = services.data.items
      .map((s) => `<li><a href="/book/?service=${encodeURIComponent(s.slug)}">${esc(s.name)}</a> (${s.variants.map((v) => `${v.duration_minutes} min, $${esc(v.price)}`).join("; ")})</li>`)
      .join("");
    return { status: 200, title: "Book a massage", body: `<h1>Book a massage</h1><ul class="services">${list}</ul>` };
  }
  const therapist = query.get("therapist") || "any";
  const variant = query.get("variant_id");
  const availability = await api.get("/api/content/booking/availability/", {
    query: { service, therapist, days: 7, ...(variant ? { variant_id: Number(variant) } : {}) },
  });
  if (!availability.ok) return problemView(availability.problem, "Choose a time");
  const a = availability.data;
  const slots = a.slots
    .slice(0, 40)
    .map(
      (slot, i) =>
        `<li><label><input type="radio" name="starts_at" value="${esc(slot.starts_at)}"${i === 0 ? " required" : ""}> ${esc(wallTime(slot.local_start))} ${esc(slot.time_zone_abbreviation)}</label></li>`,
    )
    .join("");
  const form = slots
    ? `<form method="get" action="/book/details/">${hidden({ service: a.service, variant_id: String(a.variant_id), therapist: a.therapist })}<fieldset><legend>Free times (${esc(a.time_zone)})</legend><ul class="slots">${slots}</ul></fieldset><button type="submit">Continue</button></form>`
    : "<p>No free times in the next 7 days.</p>";
  return { status: 200, title: "Choose a time", body: `<h1>Choose a time</h1><p>${a.duration_minutes} minutes</p>${form}` };
}

function detailsForm(fields: Record<string, string>, error = "", values: Record<string, string> = {}): string {
  const input = (name: string, label: string, type = "text", autocomplete = "") =>
    `<p><label for="${name}">${esc(label)}</label><input id="${name}" name="${name}" type="${type}" required${autocomplete ? ` autocomplete="${autocomplete}"` : ""} value="${esc(values[name] ?? "")}"></p>`;
  return `${error ? `<p role="alert" class="problem">${esc(error)}</p>` : ""}<form method="post" action="/book/confirm/">${hidden(fields)}
${input("name", "Name", "text", "name")}${input("email", "Email", "email", "email")}${input("phone", "Phone", "tel", "tel")}
<fieldset><legend>Health screen (only your therapist sees it)</legend>${HEALTH.map(
    ([name, label]) => `<p><label><input type="checkbox" name="${name}" value="yes"${values[name] ? " checked" : ""}> ${esc(label)}</label></p>`,
  ).join("")}<p><label for="notes">Anything else we should know</label><textarea id="notes" name="notes">${esc(values.notes ?? "")}</textarea></p></fieldset>
<p><label><input type="checkbox" name="accept_policy" value="yes" required> I accept the cancellation policy</label></p>
<button type="submit">Book</button></form>`;
}

export function details(query: URLSearchParams): View {
  const fields = {
    service: query.get("service") ?? "",
    variant_id: query.get("variant_id") ?? "",
    therapist: query.get("therapist") ?? "any",
    starts_at: query.get("starts_at") ?? "",
    idempotency_key: randomBytes(16).toString("hex"),
  };
  if (!fields.service || !fields.starts_at) return { status: 400, title: "Your details", body: `<h1>Your details</h1><p role="alert">Choose a service and a time first. <a href="/book/">Start again</a></p>` };
  return { status: 200, title: "Your details", body: `<h1>Your details</h1>${detailsForm(fields)}` };
}

export async function confirm(api: ApiClient, form: URLSearchParams): Promise<View> {
  const values = Object.fromEntries(form.entries());
  const body: Schemas["NewBooking"] = {
    service: values.service ?? "",
    variant_id: Number(values.variant_id),
    therapist: values.therapist || "any",
    starts_at: values.starts_at ?? "",
    name: values.name ?? "",
    email: values.email ?? "",
    phone: values.phone ?? "",
    accept_policy: values.accept_policy === "yes",
    health: {
      pregnant: values.pregnant === "yes",
      blood_clots: values.blood_clots === "yes",
      cancer_treatment: values.cancer_treatment === "yes",
      recent_surgery: values.recent_surgery === "yes",
      notes: values.notes ?? "",
    },
  };
  const result = await api.post("/api/content/booking/bookings/", {
    body,
    headers: { "Idempotency-Key": values.idempotency_key ?? randomBytes(16).toString("hex") },
  });
  if (!result.ok) {
    const fields = { service: body.service, variant_id: String(body.variant_id), therapist: body.therapist ?? "any", starts_at: body.starts_at, idempotency_key: values.idempotency_key ?? "" };
    const again = result.status === 409 ? ` <a href="/book/?service=${encodeURIComponent(body.service)}">Choose another time</a>` : "";
    return { status: result.status, title: "Your details", body: `<h1>Your details</h1>${detailsForm(fields, result.problem.detail, values)}${again}` };
  }
  const booking = result.data;
  return {
    status: 200,
    title: "Booked",
    body: `<h1>You are booked</h1><dl class="booking"><dt>Reference</dt><dd id="reference">${esc(booking.reference)}</dd>
<dt>Service</dt><dd>${esc(booking.service_name)}, ${booking.duration_minutes} minutes</dd><dt>With</dt><dd>${esc(booking.therapist.name)}</dd>
<dt>When</dt><dd>${esc(wallTime(booking.local_start))} (${esc(booking.time_zone)})</dd></dl><p>We sent the details to your email. <a href="${esc(booking.manage_url)}">Manage your booking</a></p>`,
  };
}
