/** Where a value joined into HTML text lands: inside which attribute's value, if any. */
export interface AttributeAt {
  /** The attribute's name, lower-cased. */
  name: string;
  /** Nothing of the value written yet: the joined value starts it (its scheme, for a URL). */
  empty: boolean;
}

/**
 * The attribute value HTML text ends inside (`<a href="`, `<a href=`, `<img alt='x`), where a quote
 * or a space in the next value ends the attribute; undefined outside one. One pass from the last
 * `<`, no regex: linear in the text.
 */
export function attributeAt(html: string): AttributeAt | undefined {
  const open = html.lastIndexOf('<');
  if (open < 0 || html.indexOf('>', open) >= 0) return undefined;
  let quote = '';
  let name = '';
  let word = '';
  let empty = true;
  // In an unquoted value (`inValue`), or right after `=` (`afterEquals`).
  let inValue = false;
  let afterEquals = false;
  for (let i = open + 1; i < html.length; i++) {
    const c = html[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else empty = false;
    } else if (c === '"' || c === "'") {
      if (afterEquals) {
        quote = c;
        empty = true;
      }
      inValue = afterEquals = false;
    } else if (c === '=') {
      name = word;
      word = '';
      empty = true;
      inValue = afterEquals = true;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (!afterEquals) inValue = false;
      if (!afterEquals) word = '';
    } else {
      if (inValue) empty = false;
      else word += c;
      afterEquals = false;
    }
  }
  return quote !== '' || inValue ? { name: name.toLowerCase(), empty } : undefined;
}
