/**
 * Whether HTML text that ends here is inside a tag's attribute value (`<a href="`, `<a href=`,
 * `<img alt='x`), where a quote or a space in the next value ends the attribute. One pass from the
 * last `<`, no regex: linear in the text.
 */
export function endsInAttributeValue(html: string): boolean {
  const open = html.lastIndexOf('<');
  if (open < 0 || html.indexOf('>', open) >= 0) return false;
  let quote = '';
  // The current unquoted word holds an `=` (an unquoted value), or ends with one.
  let inValue = false;
  let afterEquals = false;
  for (let i = open + 1; i < html.length; i++) {
    const c = html[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (afterEquals) quote = c;
      inValue = afterEquals = false;
    } else if (c === '=') inValue = afterEquals = true;
    else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (!afterEquals) inValue = false;
    } else afterEquals = false;
  }
  return quote !== '' || inValue;
}
