/** Text into HTML text or a quoted attribute. (markdown.ts's escapeHtml also defuses @-mentions, which a page does not need.) */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON inside `<script type="application/json">`: `<` is escaped so no `</script>` or `<!--` in
 * scanned text can end the element, and U+2028/9 so older engines parse it as JavaScript too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
