import { outputNames, skipGroup, skipStringOrGroup } from './expression.ts';
import { ScanBuilder, TemplateScope, type TemplateScan } from './sites.ts';

/**
 * Pug (and Jade): `!{expr}` interpolates unescaped, `tag!= expr` and `!= expr` buffer code
 * unescaped, `attr!=expr` writes an attribute unescaped (`#{}`, `=` and `attr=expr` escape).
 * `include` and `extends` pull in another template; `each x in list` makes x stand for list's items.
 */
export function readPug(text: string): TemplateScan {
  const b = new ScanBuilder(text);
  const scope = new TemplateScope();
  const sites = (expr: string, start: number, end: number) =>
    b.site(scope.resolveAll(outputNames(expr)), start, end);

  // The next `!{` at or after the reading point: it only moves forward, so finding them all is one pass.
  let bang = text.indexOf('!{');
  /** `!{…}` interpolations in text from `from` to `to`. */
  const interpolations = (from: number, to: number): boolean => {
    while (bang >= 0 && bang < from) bang = text.indexOf('!{', bang + 1);
    while (bang >= 0 && bang < to) {
      let after = bang + 2;
      if (text[bang - 1] !== '\\') {
        const end = skipGroup(text, bang + 1);
        if (text[end - 1] !== '}') {
          b.warn('unterminated `!{` interpolation: the rest of the template is not read', bang);
          return false;
        }
        sites(text.slice(bang + 2, end - 1), bang, end);
        after = end;
      }
      bang = text.indexOf('!{', after);
    }
    return true;
  };

  /** `attr!=expr` in an attribute block from `from` (the `(`) to `to` (after the `)`). */
  const rawAttributes = (from: number, to: number) => {
    let k = from + 1;
    while (k < to - 1) {
      const c = text[k]!;
      if (c === '"' || c === "'" || c === '`' || c === '(' || c === '[' || c === '{') {
        k = skipStringOrGroup(text, k);
        continue;
      }
      if (c === '!' && text[k + 1] === '=' && text[k + 2] !== '=' && /[\w\-:@.]/.test(text[k - 1]!)) {
        const start = k + 2;
        let e = start;
        while (e < to - 1 && /\s/.test(text[e]!)) e++;
        while (e < to - 1 && text[e] !== ',' && !/\s/.test(text[e]!)) {
          const d = text[e]!;
          e =
            d === '"' || d === "'" || d === '`' || d === '(' || d === '[' || d === '{'
              ? skipStringOrGroup(text, e)
              : e + 1;
        }
        let s = k;
        while (s > from + 1 && /[\w\-:@.]/.test(text[s - 1]!)) s--;
        sites(text.slice(start, e), s, e);
        k = e;
        continue;
      }
      k++;
    }
  };

  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let p = lineStart;
    while (p < lineEnd && (text[p] === ' ' || text[p] === '\t')) p++;
    const line = text.slice(p, lineEnd).trimEnd();
    let next = lineEnd + 1;
    const word = /^[\w-]+/.exec(line)?.[0];
    if (line.startsWith('//')) {
      // A comment: `//-` is dropped; `//` becomes an HTML comment, whose text is not read either.
    } else if (word === 'include' || word === 'extends' || word === 'extend') {
      const name = line.slice(word.length).trim();
      if (name && line[word.length] !== ':') b.include(name, p, lineEnd);
    } else if ((word === 'each' || word === 'for') && /\sin\s/.test(line)) {
      const inAt = line.search(/\sin\s/);
      const vars = line
        .slice(word.length, inAt)
        .split(',')
        .map((v) => v.trim());
      const list = outputNames(line.slice(inAt + 4))[0];
      vars.forEach((v, n) => scope.bind(v, n === 0 ? list : undefined));
    } else if (line.startsWith('-')) {
      for (const m of line.matchAll(/\b(?:var|let|const)\s+([\w$]+)/g)) scope.bind(m[1]!);
    } else if (line.startsWith('!=')) {
      sites(line.slice(2), p, p + line.length);
    } else if (line.startsWith('|') || line.startsWith('<')) {
      if (!interpolations(p, lineEnd)) break;
    } else {
      // A tag line: name, #id and .classes, an attribute block, then `!=`, `=` or text.
      let k = p;
      while (k < lineEnd && /[\w\-:#.]/.test(text[k]!)) k++;
      if (text[k] === '(') {
        const close = skipStringOrGroup(text, k);
        if (text[close - 1] !== ')') {
          b.warn('unterminated attribute block `(`: the rest of the template is not read', k);
          break;
        }
        rawAttributes(k, close);
        k = close;
        if (close > lineEnd) {
          lineEnd = text.indexOf('\n', close);
          if (lineEnd < 0) lineEnd = text.length;
          next = lineEnd + 1;
        }
      }
      if (text.startsWith('&attributes', k) && text[k + 11] === '(') k = skipStringOrGroup(text, k + 11);
      while (k < lineEnd && /[\w\-#.]/.test(text[k]!)) k++;
      if (text.startsWith('!=', k)) sites(text.slice(k + 2, lineEnd), k, lineEnd);
      else if (text[k] !== '=' && !interpolations(k, lineEnd)) break;
    }
    lineStart = next;
  }
  return b.scan;
}
