import { outputNames } from './expression.ts';
import { leadingString, ScanBuilder, TemplateScope, type TemplateScan } from './sites.ts';

/** `arr.forEach(function (x` / `arr.forEach((x` / `arr.forEach(x =>`: x stands for arr's elements. */
function forEachAlias(code: string, scope: TemplateScope): void {
  let at = code.indexOf('.forEach(');
  while (at >= 0) {
    let s = at;
    while (s > 0 && /[\w$.]/.test(code[s - 1]!)) s--;
    const list = code.slice(s, at);
    let rest = code.slice(at + '.forEach('.length).trimStart();
    if (rest.startsWith('function')) rest = rest.slice('function'.length).trimStart();
    if (rest.startsWith('(')) rest = rest.slice(1).trimStart();
    const name = /^[A-Za-z_$][\w$]*/.exec(rest)?.[0];
    if (name && list) scope.bind(name, outputNames(list)[0]);
    at = code.indexOf('.forEach(', at + 1);
  }
}

/** Names a scriptlet declares: `for (const x of list)` aliases x to list; other declarations are the template's own. */
function declarations(code: string, scope: TemplateScope): void {
  forEachAlias(code, scope);
  const words = code.split(/[^\w$]+/);
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i] !== 'var' && words[i] !== 'let' && words[i] !== 'const') continue;
    const name = words[i + 1]!;
    const of = words[i + 2] === 'of' || words[i + 2] === 'in' ? words[i + 3] : undefined;
    if (name) scope.bind(name, of === undefined ? undefined : of);
  }
}

/**
 * EJS: `<%- expr %>` writes unescaped (`<%= %>` escapes, `<%# %>` is a comment, `<%%` a literal
 * `<%`). `<%- include('name') %>` and the old `<% include name %>` pull in another template.
 */
export function readEjs(text: string): TemplateScan {
  const b = new ScanBuilder(text);
  const scope = new TemplateScope();
  let i = text.indexOf('<%');
  while (i >= 0) {
    if (text[i + 2] === '%') {
      i = text.indexOf('<%', i + 3);
      continue;
    }
    const close = text.indexOf('%>', i + 2);
    if (close < 0) {
      b.warn('unterminated `<%` tag: the rest of the template is not read', i);
      break;
    }
    const end = close + 2;
    const mark = text[i + 2];
    let body = text.slice(i + 3, close);
    if (body.endsWith('-') || body.endsWith('_')) body = body.slice(0, -1);
    if (mark === '-') {
      const code = body.trim();
      if (/^include\s*\(/.test(code)) {
        const name = leadingString(code.slice(code.indexOf('(') + 1));
        if (name !== undefined) b.include(name, i, end);
      } else b.site(scope.resolveAll(outputNames(code)), i, end);
    } else if (mark !== '=' && mark !== '#') {
      const code = (mark === '_' ? body : text.slice(i + 2, close)).trim();
      const legacy = /^include\s+([^\s)]+)$/.exec(code);
      if (legacy) b.include(legacy[1]!, i, end);
      else declarations(code, scope);
    }
    i = text.indexOf('<%', end);
  }
  return b.scan;
}
