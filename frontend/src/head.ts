/** The page head from the API's `meta.head`: the same tags the Django site prints, built by
 * the same code there (spa_site/seo/metadata.py), so this front end only prints them. */
import type { PageHead } from "./api/client.js";
import { esc, scriptJson } from "./html.js";

export function renderHead(head: PageHead, options: { preview?: boolean } = {}): string {
  const lines = [`<title>${esc(head.title)}</title>`];
  if (head.description) lines.push(`<meta name="description" content="${esc(head.description)}">`);
  if (head.canonical) lines.push(`<link rel="canonical" href="${esc(head.canonical)}">`);
  // A preview is never indexed, whatever the page will say once published.
  lines.push(`<meta name="robots" content="${esc(options.preview ? "noindex, nofollow" : head.robots)}">`);
  for (const alternate of head.alternates) {
    lines.push(`<link rel="alternate" hreflang="${esc(alternate.hreflang)}" href="${esc(alternate.href)}">`);
  }
  for (const tag of head.open_graph) lines.push(`<meta property="${esc(tag.property)}" content="${esc(tag.content)}">`);
  for (const tag of head.twitter) lines.push(`<meta name="${esc(tag.name)}" content="${esc(tag.content)}">`);
  if (head.json_ld) lines.push(`<script type="application/ld+json">${scriptJson(head.json_ld)}</script>`);
  return lines.join("\n");
}

/** A head for views that are not pages (booking steps, errors): never indexed. */
export function plainHead(title: string, siteName: string): string {
  return `<title>${esc(title)} | ${esc(siteName)}</title>\n<meta name="robots" content="noindex, nofollow">`;
}
