import { outputNames, skipStringOrGroup } from './expression.ts';
import { leadingString, ScanBuilder, TemplateScope, type TemplateScan } from './sites.ts';

/** Filters that mark a value as markup: written as it is even where autoescaping is on. */
const RAW_FILTERS = new Set(['safe', 'raw']);
/** Filters whose result is escaped, or a number or otherwise not markup the value chose. */
const CLEARING_FILTERS = new Set([
  'escape',
  'e',
  'forceescape',
  'urlencode',
  'url_encode',
  'striptags',
  'int',
  'float',
  'abs',
  'round',
  'length',
  'wordcount',
  'count',
  'date',
]);

/** An expression and its filters, split at the `|` outside strings and brackets (`||` is not one). */
function filterChain(body: string): { expr: string; filters: string[] } {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '"' || c === "'" || c === '(' || c === '[' || c === '{') {
      i = skipStringOrGroup(body, i);
      continue;
    }
    if (c === '|' && body[i + 1] !== '|' && body[i - 1] !== '|') {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  parts.push(body.slice(start));
  const filters = parts.slice(1).map((f) => /^\s*([\w$]+)/.exec(f)?.[1] ?? '');
  return { expr: parts[0]!, filters };
}

/** The offset of the next `{{`, `{%` or `{#` from `from`, or -1. */
function nextTag(text: string, from: number): number {
  const opener = /\{[{%#]/g;
  opener.lastIndex = from;
  return opener.exec(text)?.index ?? -1;
}

export interface NunjucksOptions {
  /** The project turns autoescaping off (`swig.setDefaults({ autoescape: false })`): `{{ x }}` is raw. */
  autoescapeOff?: boolean;
}

/**
 * Nunjucks, Swig and other Jinja-like engines: `{{ x | safe }}` writes unescaped, and so does every
 * `{{ x }}` inside `{% autoescape false %}` (or everywhere when the project turns autoescaping off)
 * unless a filter escapes it. `{% include %}`, `{% extends %}`, `{% import %}` and `{% from %}` with
 * a quoted name pull in another template; `{% for x in list %}` makes x stand for list's items.
 */
export function readNunjucks(text: string, options: NunjucksOptions = {}): TemplateScan {
  const b = new ScanBuilder(text);
  const scope = new TemplateScope();
  const escaping: boolean[] = [!options.autoescapeOff];
  let i = nextTag(text, 0);
  while (i >= 0) {
    const kind = text[i + 1];
    const closer = kind === '{' ? '}}' : kind === '%' ? '%}' : '#}';
    const close = text.indexOf(closer, i + 2);
    if (close < 0) {
      b.warn(`unterminated \`{${kind}\` tag: the rest of the template is not read`, i);
      break;
    }
    let end = close + 2;
    const body = text
      .slice(i + 2, close)
      .replace(/^-|-$/g, '')
      .trim();
    if (kind === '{') {
      const { expr, filters } = filterChain(body);
      // An escaping filter anywhere wins: `x | escape | safe` is escaped text marked as such.
      const raw =
        !filters.some((f) => CLEARING_FILTERS.has(f)) &&
        (filters.some((f) => RAW_FILTERS.has(f)) || !escaping[escaping.length - 1]);
      if (raw) b.site(scope.resolveAll(outputNames(expr)), i, end);
    } else if (kind === '%') {
      const word = /^[\w]+/.exec(body)?.[0] ?? '';
      const rest = body.slice(word.length).trim();
      if (word === 'autoescape') escaping.push(!/^(false|off)\b/.test(rest));
      else if (word === 'endautoescape') {
        if (escaping.length > 1) escaping.pop();
      } else if (word === 'include' || word === 'extends' || word === 'import' || word === 'from') {
        const name = leadingString(rest);
        if (name !== undefined) b.include(name, i, end);
      } else if (word === 'for') {
        const inAt = rest.search(/\sin\s/);
        if (inAt > 0) {
          const vars = rest
            .slice(0, inAt)
            .split(',')
            .map((v) => v.trim());
          const list = outputNames(rest.slice(inAt + 4))[0];
          scope.push();
          // `for k, v in obj`: v is a member of obj; k a key (the template's own text).
          vars.forEach((v, n) => scope.bind(v, n === vars.length - 1 ? list : undefined));
        }
      } else if (word === 'endfor') scope.pop();
      else if (word === 'set' || word === 'macro') {
        const name = /^[\w$]+/.exec(rest)?.[0];
        if (name) scope.bind(name);
      } else if (word === 'raw' || word === 'verbatim') {
        const stop = text.indexOf(`end${word}`, end);
        if (stop < 0) {
          b.warn(`unterminated \`{% ${word} %}\` block: the rest of the template is not read`, i);
          break;
        }
        end = stop;
      }
    }
    i = nextTag(text, end);
  }
  return b.scan;
}
