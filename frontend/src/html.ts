/** Escaping for the server-rendered pages: text and attributes are always escaped; the API's
 * rich text (HTML it sanitised and resolved) is the only markup inserted as is (`trusted`). */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Rich text from the API (`RichTextHTML` fields): already HTML. */
export function trusted(html: string | null | undefined): string {
  return html ?? "";
}

/** JSON inside `<script type="application/ld+json">` that cannot end the element early. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}
