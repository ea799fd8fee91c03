/** Page bodies per page type, from the API's detail shapes (narrowed on `type`). */
import type { Schemas } from "./api/client.js";
import { esc, trusted } from "./html.js";

export type PageDetail =
  | Schemas["HomePageDetail"]
  | Schemas["ArticleIndexPageDetail"]
  | Schemas["TechniqueIndexPageDetail"]
  | Schemas["ProfileIndexPageDetail"]
  | Schemas["LocationIndexPageDetail"]
  | Schemas["ArticleDetail"]
  | Schemas["TechniqueDetail"]
  | Schemas["ProfileDetail"]
  | Schemas["LocationDetail"];

type Link = { title: string; url?: string | null };
type Block = Schemas["ArticleDetail"]["body"][number];

function link(page: Link): string {
  return page.url ? `<a href="${esc(page.url)}">${esc(page.title)}</a>` : esc(page.title);
}

function bookLink(service: string, label = "Book"): string {
  return `<a class="button" href="/book/?service=${encodeURIComponent(service)}">${esc(label)}</a>`;
}

function items(list: { title?: string; text?: string }[]): string {
  const rows = list.map((item) => `<li>${item.title ? `<strong>${esc(item.title)}</strong> ` : ""}${trusted(item.text)}</li>`);
  return rows.length ? `<ul>${rows.join("")}</ul>` : "";
}

function block(b: Block, anchors: Map<string, string>): string {
  const id = anchors.get(b.id) ?? "";
  const heading = (text: string) => (text ? `<h2${id ? ` id="${esc(id)}"` : ""}>${esc(text)}</h2>` : "");
  switch (b.type) {
    case "section":
      return `<section>${heading(b.value.heading)}${trusted(b.value.body)}</section>`;
    case "see_a_doctor":
      return `<aside class="callout" role="note">${heading(b.value.heading)}<p>${esc(b.value.threshold)}</p><ul>${b.value.red_flags
        .map((flag) => `<li>${esc(flag)}</li>`)
        .join("")}</ul>${trusted(b.value.body)}</aside>`;
    case "book_cta":
      return `<aside class="cta">${heading(b.value.heading)}<p>${esc(b.value.text)}</p>${
        b.value.service ? bookLink(b.value.service.slug, b.value.button_label || "Book") : ""
      }</aside>`;
    case "techniques":
      return `<section>${heading(b.value.heading)}${trusted(b.value.intro)}<ul>${b.value.items
        .map((item) => `<li>${item.technique ? link(item.technique) : ""} ${trusted(item.text)}</li>`)
        .join("")}</ul>${trusted(b.value.outro)}</section>`;
    case "causes":
    case "common_sites":
    case "first_aid":
    case "benefits":
    case "prevention":
      return `<section>${heading(b.value.heading)}${trusted(b.value.intro)}${items(b.value.items)}${trusted(b.value.outro)}</section>`;
    default: {
      const value = b.value as { heading?: string };
      return `<section>${heading(value.heading ?? "")}</section>`;
    }
  }
}

function cards(list: (Link & { summary?: string | null })[]): string {
  return `<ul class="cards">${list.map((c) => `<li>${link(c)}${c.summary ? `<p>${esc(c.summary)}</p>` : ""}</li>`).join("")}</ul>`;
}

export function renderPage(page: PageDetail): string {
  switch (page.type) {
    case "condition_article": {
      const anchors = new Map(page.table_of_contents.map((entry) => [entry.block_id, entry.anchor]));
      const reviewed = page.reviewer
        ? `<p>Medically reviewed by ${link(page.reviewer)} on ${esc(page.last_reviewed)}</p>`
        : "<p>Not medically reviewed yet.</p>";
      return `<article><h1>${esc(page.title)}</h1>${page.summary ? `<p class="summary">${esc(page.summary)}</p>` : ""}
<p class="byline">${page.author ? `By ${link(page.author)}` : ""} · ${page.reading_time_minutes} min read</p>${reviewed}
<nav aria-label="Contents"><ol>${page.table_of_contents.map((e) => `<li><a href="#${esc(e.anchor)}">${esc(e.heading)}</a></li>`).join("")}</ol></nav>
${page.body.map((b) => block(b, anchors)).join("\n")}
${page.related_articles.length ? `<h2>Related articles</h2>${cards(page.related_articles)}` : ""}</article>`;
    }
    case "technique":
      return `<article><h1>${esc(page.title)}</h1><p class="summary">${esc(page.summary)}</p><p>Pressure: ${esc(page.pressure_label)}</p>
<h2>How it works</h2>${trusted(page.how_it_works)}<h2>What to expect</h2>${trusted(page.what_to_expect)}
${page.precautions ? `<h2>Precautions</h2>${trusted(page.precautions)}` : ""}
${page.good_for.length ? `<h2>Good for</h2>${cards(page.good_for)}` : ""}
<h2>Book this technique</h2><ul>${page.services.map((s) => `<li>${esc(s.name)} ${bookLink(s.slug)}</li>`).join("")}</ul></article>`;
    case "profile":
      return `<article><h1>${esc(page.title)}</h1><p>${esc(page.job_title)}${page.experience ? ` · ${esc(page.experience)}` : ""}</p>
<div class="bio">${trusted(page.bio)}</div>
${page.credentials.length ? `<h2>Credentials</h2><ul>${page.credentials.map((c) => `<li>${esc(c.name)} (${esc(c.kind_label)})</li>`).join("")}</ul>` : ""}
${page.articles_written.length ? `<h2>Articles</h2>${cards(page.articles_written)}` : ""}
${page.services.length ? `<h2>Book with ${esc(page.title)}</h2><ul>${page.services.map((s) => `<li>${esc(s.name)} <a class="button" href="/book/?service=${encodeURIComponent(s.slug)}&amp;therapist=${encodeURIComponent(page.slug)}">Book</a></li>`).join("")}</ul>` : ""}</article>`;
    case "location":
      return `<article><h1>${esc(page.business_name || page.title)}</h1>${trusted(page.description)}
<p>${esc(page.phone)} · ${esc(page.email)}</p><h2>Services</h2><ul>${page.services.map((s) => `<li>${esc(s.name)} ${bookLink(s.slug)}</li>`).join("")}</ul></article>`;
    default:
      return `<article><h1>${esc(page.title)}</h1>${trusted(page.intro)}${cards(page.children)}</article>`;
  }
}
