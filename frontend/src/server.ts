/**
 * The reference front end: every page server-rendered from the delivery API alone.
 *
 *   API_BASE_URL=http://127.0.0.1:8000 PORT=3000 node dist/server.js
 *
 * Plain Node `http` and TypeScript (no framework): the point is to show what the API
 * contract gives a front end, with nothing between the two but the generated types.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { ApiClient, type Schemas } from "./api/client.js";
import * as booking from "./booking.js";
import { plainHead, renderHead } from "./head.js";
import { esc } from "./html.js";
import { type PageDetail, renderPage } from "./pages.js";

const api = new ApiClient({ baseUrl: process.env.API_BASE_URL ?? "http://127.0.0.1:8000" });
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const MAX_BODY = 64 * 1024;

const STYLE = `body{font:1rem/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1d2433}
a{color:#23407a}.button{display:inline-block;padding:.3rem .8rem;background:#23407a;color:#fff;border-radius:.3rem;text-decoration:none}
header nav a{margin-right:1rem}.callout{border-left:4px solid #a33;padding:.5rem 1rem;background:#fbeeee}.problem{color:#a33;font-weight:600}
.preview{background:#ffe9a8;padding:.5rem;text-align:center}input,textarea{display:block;width:100%;max-width:24rem;padding:.3rem}
input[type=radio],input[type=checkbox]{display:inline;width:auto}`;

async function layout(head: string, body: string, preview = false): Promise<string> {
  const site = await api.get("/api/content/site/");
  const nav = site.ok ? site.data.navigation.map((p) => `<a href="${esc(p.url)}">${esc(p.title)}</a>`).join("") : "";
  const name = site.ok ? site.data.settings.business_name : "";
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${head}<style>${STYLE}</style></head><body>${preview ? '<p class="preview" role="status">Preview: not published</p>' : ""}
<header><p><a href="/">${esc(name)}</a></p><nav aria-label="Main">${nav}<a href="/book/">Book</a></nav></header>
<main>${body}</main><footer><p>Rendered from the API by the reference front end.</p></footer></body></html>`;
}

function send(res: ServerResponse, status: number, html: string, cache = "no-store"): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": cache });
  res.end(html);
}

async function siteName(): Promise<string> {
  const site = await api.get("/api/content/site/");
  return site.ok ? site.data.settings.business_name : "";
}

async function bookingView(res: ServerResponse, view: booking.View): Promise<void> {
  // Booking pages are personal: never cached, never indexed (as on the Django site).
  send(res, view.status, await layout(plainHead(view.title, await siteName()), view.body), "private, no-store");
}

async function page(res: ServerResponse, path: string): Promise<void> {
  const found = await api.get("/api/content/pages/by-path/", { query: { path } });
  if (!found.ok) {
    const status = found.status === 422 || found.status === 400 ? 404 : found.status;
    return send(res, status, await layout(plainHead("Page not found", await siteName()), `<h1>Page not found</h1><p>${esc(found.problem.detail)}</p>`));
  }
  const data = found.data;
  if (data.type === "redirect") {
    res.writeHead(data.status, { Location: data.location, "Cache-Control": "public, max-age=60" });
    return void res.end();
  }
  const detail: PageDetail = data;
  send(res, 200, await layout(renderHead(detail.meta.head), renderPage(detail)), "public, max-age=60");
}

async function preview(res: ServerResponse, query: URLSearchParams): Promise<void> {
  const token = query.get("token") ?? "";
  const found = await api.get("/api/content/preview/", { query: { token } });
  if (!found.ok) return send(res, found.status, await layout(plainHead("Preview", await siteName()), `<h1>Preview</h1><p role="alert">${esc(found.problem.detail)}</p>`));
  const detail: PageDetail = found.data;
  send(res, 200, await layout(renderHead(detail.meta.head, { preview: true }), renderPage(detail), true));
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

/** A form post from another site must not book on a visitor's behalf. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return !origin || origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`;
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://front.end");
  const path = url.pathname;
  if (path === "/healthz") return send(res, 200, "ok");
  if (path === "/book/" && req.method === "GET") return bookingView(res, await booking.start(api, url.searchParams));
  if (path === "/book/details/" && req.method === "GET") return bookingView(res, booking.details(url.searchParams));
  if (path === "/book/confirm/" && req.method === "POST") {
    if (!sameOrigin(req)) return send(res, 403, "Forbidden");
    const form = await readForm(req);
    if (form === null) return send(res, 413, "Too large");
    return bookingView(res, await booking.confirm(api, form));
  }
  if (path === "/preview/" && req.method === "GET") return preview(res, url.searchParams);
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" });
    return void res.end();
  }
  if (!path.endsWith("/")) {
    res.writeHead(301, { Location: path + "/" + url.search });
    return void res.end();
  }
  return page(res, path);
}

export function start(): void {
  createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) send(res, 502, "<h1>The content API did not answer</h1>");
      else res.end();
    });
  }).listen(port, host, () => console.log(`Reference front end on http://${host}:${port}/ (API ${api.baseUrl})`));
}

start();
export type { Schemas };
