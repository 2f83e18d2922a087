import { ScanBuilder, TemplateScope, type TemplateScan } from './sites.ts';

/** Helpers whose result is escaped or not text: what they receive is not written raw. */
const SAFE_HELPERS = new Set([
  'escape',
  'escapeExpression',
  'encodeURIComponent',
  'json',
  'length',
  'eq',
  'if',
  'unless',
]);

/** Splits a mustache body into words, quoted strings and sub-expressions kept whole. */
function words(body: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let j = i;
    if (c === '"' || c === "'") {
      j = body.indexOf(c, i + 1);
      j = j < 0 ? body.length : j + 1;
    } else if (c === '(') {
      let depth = 0;
      for (; j < body.length; j++) {
        if (body[j] === '(') depth++;
        else if (body[j] === ')' && --depth === 0) break;
      }
      j++;
    } else while (j < body.length && !/\s/.test(body[j]!)) j++;
    out.push(body.slice(i, j));
    i = j;
  }
  return out;
}

/**
 * A Handlebars path as a local's path: `this.`, `./` and `@root.` dropped, `../` one block up,
 * `a/b` as `a.b`. Undefined for literals, data variables (`@index`) and sub-expressions.
 */
function pathOf(word: string, prefixes: readonly string[]): string | undefined {
  if (/^["'(\d-]/.test(word) || word === 'true' || word === 'false' || word === 'null') return undefined;
  const value = word.includes('=') ? word.slice(word.indexOf('=') + 1) : word;
  if (value !== word) return pathOf(value, prefixes);
  let w = value.replace(/\//g, '.');
  let level = prefixes.length - 1;
  if (w.startsWith('@root.')) {
    w = w.slice(6);
    level = 0;
  } else if (w.startsWith('@')) return undefined;
  while (w.startsWith('...')) {
    w = w.slice(3);
    level = Math.max(0, level - 1);
  }
  if (w.startsWith('..')) {
    w = w.slice(2);
    level = Math.max(0, level - 1);
  }
  if (w === 'this' || w === '.') w = '';
  else if (w.startsWith('this.')) w = w.slice(5);
  else if (w.startsWith('./')) w = w.slice(2);
  const prefix = prefixes[level] ?? '';
  const path = prefix && w ? `${prefix}.${w}` : prefix || w;
  return path || undefined;
}

/**
 * Handlebars and Mustache: `{{{x}}}`, `{{{helper x}}}` and Mustache's `{{& x}}` write unescaped;
 * `{{x}}` escapes. `{{> name}}` pulls in a partial. `#each`/`#with` blocks (and their `as |x|`
 * parameters) move the context, so the path written is mapped back to the local it reads.
 */
export function readHandlebars(text: string): TemplateScan {
  const b = new ScanBuilder(text);
  const scope = new TemplateScope();
  // Context paths of the open blocks; blocks that do not move the context repeat their parent's.
  const prefixes: string[] = [''];
  let i = text.indexOf('{{');
  while (i >= 0) {
    if (i > 0 && text[i - 1] === '\\') {
      i = text.indexOf('{{', i + 2);
      continue;
    }
    if (text.startsWith('{{!--', i)) {
      const close = text.indexOf('--}}', i + 5);
      if (close < 0) {
        b.warn('unterminated `{{!--` comment: the rest of the template is not read', i);
        break;
      }
      i = text.indexOf('{{', close + 4);
      continue;
    }
    const triple = text.startsWith('{{{', i);
    const closer = triple ? '}}}' : '}}';
    const close = text.indexOf(closer, i + closer.length);
    if (close < 0) {
      b.warn(`unterminated \`${triple ? '{{{' : '{{'}\` tag: the rest of the template is not read`, i);
      break;
    }
    const end = close + closer.length;
    let body = text.slice(i + closer.length, close).trim();
    if (body.startsWith('~')) body = body.slice(1).trim();
    if (body.endsWith('~')) body = body.slice(0, -1).trim();
    const sigil = body[0];
    if (triple || sigil === '&') {
      const ws = words(sigil === '&' ? body.slice(1) : body);
      const args = ws.length > 1 ? ws.slice(1) : ws;
      if (!(ws.length > 1 && SAFE_HELPERS.has(ws[0]!))) {
        const names = args.flatMap((w) => {
          const p = pathOf(w, prefixes);
          return p === undefined ? [] : [p];
        });
        b.site(scope.resolveAll(names), i, end);
      }
    } else if (sigil === '>') {
      const name = words(body.slice(1))[0];
      if (name && !name.startsWith('(')) b.include(name.replace(/^["']|["']$/g, ''), i, end);
    } else if (sigil === '#') {
      const ws = words(body.slice(1));
      if (ws[0] === '>' || ws[0]?.startsWith('>')) {
        const name = ws[0] === '>' ? ws[1] : ws[0].slice(1);
        if (name) b.include(name.replace(/^["']|["']$/g, ''), i, end);
        prefixes.push(prefixes[prefixes.length - 1]!);
        scope.push();
      } else {
        const helper = ws[0] ?? '';
        // `{{#each list}}`/`{{#with obj}}`, or a Mustache section `{{#list}}` (no helper: it iterates).
        const section = ws.length === 1 && helper !== 'if' && helper !== 'unless';
        const target = section
          ? pathOf(helper, prefixes)
          : ws[1] !== undefined
            ? pathOf(ws[1], prefixes)
            : undefined;
        const moves = section || helper === 'each' || helper === 'with';
        const as = ws.indexOf('as');
        scope.push();
        if (moves && as > 0 && ws[as + 1]?.startsWith('|')) {
          const param = ws[as + 1]!.replace(/\|/g, '');
          if (param) scope.bind(param, target);
          prefixes.push(prefixes[prefixes.length - 1]!);
        } else prefixes.push(moves && target !== undefined ? target : prefixes[prefixes.length - 1]!);
      }
    } else if (sigil === '^') {
      prefixes.push(prefixes[prefixes.length - 1]!);
      scope.push();
    } else if (sigil === '/') {
      if (prefixes.length > 1) prefixes.pop();
      scope.pop();
    }
    i = text.indexOf('{{', end);
  }
  return b.scan;
}
