import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { splitWords } from '../../src/sast/naming.ts';
import { memberName, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { isTestFile } from '../../src/sast/test-files.ts';

type Node = TSESTree.Node;

/**
 * Top-level domains a host check names. Not those that are also file extensions or words a path
 * or name ends with (`.js`, `.md`, `.sh`, `.in`, `.me`): `/jquery.min.js/`, `/log.in/` are no hosts.
 */
const TLDS = new Set(
  'com org net edu gov mil io uk de fr jp cn ru br au ca us eu nl ch se es it pl dev app cloud ai xyz'.split(
    ' ',
  ),
);
const MAX_TEXT = 2048;
/** Elements of a constant list read as the texts a search runs over. */
const MAX_LIST = 200;
const LIST_TESTS = new Set(['some', 'every', 'find', 'filter', 'findIndex']);

/** A host name in text: labels of letters, digits and `-` joined by dots, the last one a TLD. */
interface Host {
  /** Where the host starts and ends in the text. */
  start: number;
  end: number;
  labels: string[];
  /** Per separator (between label i and i+1): written `\.` (escaped) or `.` (a regex's any character)? */
  escaped: boolean[];
}

const isLabelChar = (c: string) => /[a-z0-9-]/i.test(c);

/**
 * The host names in `text`, scanned left to right once (linear). In regex source, `\.` is an
 * escaped dot; other escapes (`\d`, `\/`) end a label.
 */
function hostsIn(text: string, regex: boolean): Host[] {
  const hosts: Host[] = [];
  let i = 0;
  while (i < text.length) {
    if (
      !isLabelChar(text[i]!) ||
      (regex && i > 0 && text[i - 1] === '\\' && !isEscapedBackslash(text, i - 1))
    ) {
      i++;
      continue;
    }
    const start = i;
    const labels: string[] = [];
    const escaped: boolean[] = [];
    for (;;) {
      let j = i;
      while (j < text.length && isLabelChar(text[j]!)) j++;
      labels.push(text.slice(i, j));
      i = j;
      const sep = regex && text[i] === '\\' && text[i + 1] === '.' ? 2 : text[i] === '.' ? 1 : 0;
      if (!sep || !isLabelChar(text[i + sep] ?? '')) break;
      escaped.push(sep === 2);
      i += sep;
    }
    const last = labels[labels.length - 1]!.toLowerCase();
    if (labels.length >= 2 && TLDS.has(last) && labels.every((l) => l.length > 0 && !l.startsWith('-')))
      hosts.push({ start, end: i, labels, escaped });
  }
  return hosts;
}

/** Is the backslash at `at` itself escaped (`\\`)? Counts the run of backslashes before it. */
function isEscapedBackslash(text: string, at: number): boolean {
  let n = 0;
  for (let k = at - 1; k >= 0 && text[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/** Is a call's boolean result what decides something: a condition, a negation, a return? */
function decides(node: Node): boolean {
  let n: Node = node;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (p.type === 'UnaryExpression' && p.operator === '!') continue;
    if (p.type === 'LogicalExpression') continue;
    if (p.type === 'BinaryExpression' && /^[!=]==?$|^[<>]=?$/.test(p.operator)) continue;
    if (p.type === 'IfStatement' || p.type === 'WhileStatement' || p.type === 'ConditionalExpression')
      return p.test === n;
    // `return url.includes(…)`, `(u) => u.startsWith(…)`, `.filter((u) => …)`: a predicate.
    if (p.type === 'ReturnStatement') return true;
    if (p.type === 'ArrowFunctionExpression') return p.body === n;
    // `const allowed = origin.endsWith('example.com')`, `allowed = allowed || url.includes(u)`
    if (p.type === 'VariableDeclarator' || p.type === 'AssignmentExpression') return true;
    return false;
  }
  return false;
}

/** `x.indexOf(s)` compared so that it means "found" (`!== -1`, `>= 0`, `> -1`) or "at the start" (`=== 0`). */
function indexOfMeaning(resolver: Resolver, call: TSESTree.CallExpression): 'found' | 'start' | undefined {
  const p = call.parent;
  if (p?.type !== 'BinaryExpression') return undefined;
  const v = resolver.staticValue(p.left === call ? p.right : p.left)?.value;
  if (typeof v !== 'number') return undefined;
  const callLeft = p.left === call;
  if (v === -1 && ['!==', '!=', ...(callLeft ? ['>'] : ['<'])].includes(p.operator)) return 'found';
  if (v === 0 && (callLeft ? p.operator === '>=' : p.operator === '<=')) return 'found';
  if (v === 0 && (p.operator === '===' || p.operator === '==')) return 'start';
  return undefined;
}

/** A URL's origin with nothing after the host: `https://example.com`, `//cdn.example.com:8443`. */
function bareOrigin(text: string, host: Host): boolean {
  const before = text.slice(0, host.start);
  const after = text.slice(host.end).replace(/^:\d{1,5}/, '');
  return /^(?:[a-z][a-z0-9+.-]{0,20}:)?\/\/(?:[^@/]{0,200}@)?$/i.test(before) && after === '';
}

/** What a substring test of `text` leaves open, or undefined when it is a complete check. */
function substringProblem(method: string, text: string): string | undefined {
  if (text.length > MAX_TEXT) return undefined;
  const hosts = hostsIn(text, false);
  if (hosts.length === 0) return undefined;
  const host = hosts[0]!.labels.join('.');
  if (method === 'includes' || method === 'found')
    return `\`${host}\` may stand anywhere in the URL (its path, query or another host's name: https://evil.example/?${host})`;
  if (method === 'startsWith' || method === 'start')
    return bareOrigin(text, hosts[0]!)
      ? `a host that starts with \`${host}\` passes too (${text}.evil.example): end the prefix with \`/\``
      : undefined;
  if (method === 'endsWith')
    return hosts[0]!.start === 0 && hosts[0]!.end === text.length
      ? `any host that ends with these letters passes too (evil${host}): check \`host === '${host}' || host.endsWith('.${host}')\``
      : undefined;
  return undefined;
}

/** A regex's problems as a host check: an unescaped dot in a host, no anchor before a URL's scheme. */
function regexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_TEXT) return undefined;
  const hosts = hostsIn(pattern, true);
  for (const h of hosts) {
    const loose = h.escaped.findIndex((e) => !e);
    if (loose >= 0)
      return `the \`.\` before \`${h.labels.slice(loose + 1).join('.')}\` is unescaped: it matches any character, so \`${h.labels.slice(0, loose + 1).join('.')}X${h.labels.slice(loose + 1).join('.')}\` passes too`;
  }
  if (hosts.length === 0 || /^\(*(?:\?:)?\^/.test(pattern)) return undefined;
  // A URL pattern (`https?:\/\/example\.com`) with no `^`: any URL that holds it passes.
  const scheme = /(?:https?\??|wss?\??|ftp):\\\/\\\//i.exec(pattern.slice(0, hosts[0]!.start));
  return scheme
    ? `it has no \`^\` anchor: any URL that holds it somewhere passes (https://evil.example/?${hosts[0]!.labels.join('.')})`
    : undefined;
}

/** The strings of a constant list: `['a', 'b']`, `new Set(['a', 'b'])`, or a constant holding one. */
function listStrings(resolver: Resolver, node: Node): string[] {
  let n = unwrap(node);
  if (n.type === 'Identifier') n = unwrap(resolver.constantInit(n) ?? n);
  if (n.type === 'NewExpression' && resolver.resolve(n.callee) === 'Set' && n.arguments[0])
    n = unwrap(n.arguments[0]);
  if (n.type !== 'ArrayExpression' || n.elements.length > MAX_LIST) return [];
  return n.elements.flatMap((e) => (e && e.type !== 'SpreadElement' ? (stringText(e) ?? []) : []));
}

/**
 * The texts a search value may be: a constant, or each element of a constant list it runs over
 * (`for (const u of ALLOWED) url.includes(u)`, `ALLOWED.some((u) => url.includes(u))`).
 */
function searchedTexts(resolver: Resolver, node: Node | undefined): string[] {
  if (!node) return [];
  const value = stringText(node) ?? resolver.staticValue(node)?.value;
  if (typeof value === 'string') return [value];
  if (node.type !== 'Identifier') return [];
  const variable = resolver.variableOf(node);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return [];
  // `for (const u of LIST)`
  const loop = def.node.parent?.parent;
  if (def.type === 'Variable' && loop?.type === 'ForOfStatement' && loop.left === def.node.parent)
    return listStrings(resolver, loop.right);
  // `LIST.some((u) => …)`: the callback's first parameter.
  const fn = def.type === 'Parameter' ? def.node : undefined;
  const call = fn?.parent;
  if (
    (fn?.type === 'ArrowFunctionExpression' || fn?.type === 'FunctionExpression') &&
    fn.params[0] === def.name &&
    call?.type === 'CallExpression' &&
    call.arguments[0] === fn &&
    call.callee.type === 'MemberExpression' &&
    LIST_TESTS.has(memberName(call.callee) ?? '')
  )
    return listStrings(resolver, call.callee.object);
  return [];
}

/** Words of a name for a URL, a host or an address someone supplies. */
const URL_WORDS = new Set(
  (
    'url urls uri href link origin host hostname domain referer referrer redirect next return callback ' +
    'target location src source dest destination endpoint site address email mail from to'
  ).split(' '),
);

/** Does the receiver's name say it holds a URL, host or address (`next`, `e.origin`, `redirectUrl`)? */
function namesUrl(receiver: Node): boolean {
  const r = unwrap(receiver);
  const name =
    r.type === 'Identifier' ? r.name : r.type === 'MemberExpression' ? (memberName(r) ?? '') : undefined;
  if (name === undefined) return false;
  return splitWords(name).some((w) => URL_WORDS.has(w));
}

/** The literal text of a string argument: a string literal or a template with no expressions. */
function stringText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0)
    return n.quasis[0]!.value.cooked ?? undefined;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'js/incomplete-url-check',
    kind: 'sast',
    title: 'Incomplete URL or host check',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-20'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'A check meant to accept only a trusted site lets others through: `url.includes("example.com")` ' +
      'or `url.indexOf("example.com") !== -1` is true for `https://evil.example/?example.com`; ' +
      '`url.startsWith("https://example.com")` for `https://example.com.evil.example`; ' +
      '`host.endsWith("example.com")` for `evilexample.com`; a regex `/^https:\\/\\/www.example.com/` ' +
      'has an unescaped dot that matches any character (`wwwXexample.com`), and `/https:\\/\\/example\\.com/` ' +
      'without `^` matches anywhere in the URL. Such checks guard redirects, CORS origins, postMessage ' +
      'senders and fetched URLs. Parse the URL (`new URL(u)`) and compare its `origin` or `hostname` ' +
      "exactly, or with `host === 'example.com' || host.endsWith('.example.com')`; escape every dot " +
      'and anchor host regexes with `^` and `$`. Reported where the check decides something (a ' +
      'condition, a returned or stored verdict), at medium precision: the check may pick a look, ' +
      'not guard anything.',
    fixHint:
      'Compare new URL(u).hostname exactly (or === host || endsWith("." + host)); escape dots and anchor regexes.',
  },
  hint: /\.(?:com|org|net|edu|gov|mil|io|uk|de|fr|jp|cn|ru|br|au|ca|us|eu|nl|ch|se|es|it|pl|dev|app|cloud|ai|xyz)\b/i,
  create(context) {
    if (isTestFile(context.filename)) return {};
    const report = (node: Node, what: string, problem: string) =>
      context.report({ node, message: `Incomplete ${what}: ${problem}.` });
    /** A regex literal used as a test: `re.test(u)`, `u.match(re)`, `u.search(re)`. */
    const regexTest = (call: TSESTree.CallExpression): TSESTree.RegExpLiteral | undefined => {
      const method = call.callee.type === 'MemberExpression' ? memberName(call.callee) : undefined;
      const literal = (n: Node | undefined) => {
        const u = n && unwrap(n);
        return u?.type === 'Literal' && 'regex' in u && u.regex ? (u as TSESTree.RegExpLiteral) : undefined;
      };
      if (method === 'test' || method === 'exec')
        return literal((call.callee as TSESTree.MemberExpression).object);
      if (method === 'match' || method === 'search') return literal(call.arguments[0]);
      return undefined;
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== 'MemberExpression') return;
        const method = memberName(node.callee);
        if (
          method === 'includes' ||
          method === 'startsWith' ||
          method === 'endsWith' ||
          method === 'indexOf'
        ) {
          if (node.arguments.length !== 1 || !namesUrl(node.callee.object)) return;
          const resolver = resolverFor(context.ast);
          const meaning = method === 'indexOf' ? indexOfMeaning(resolver, node) : method;
          const site = method === 'indexOf' ? node.parent! : node;
          if (!meaning || !decides(site)) return;
          for (const text of searchedTexts(resolver, node.arguments[0])) {
            const problem = substringProblem(meaning, text);
            if (!problem) continue;
            report(node, `URL check \`${method}(${JSON.stringify(text)})\``, problem);
            return;
          }
          return;
        }
        const regex = regexTest(node);
        if (!regex || !decides(node)) return;
        const problem = regexProblem(regex.regex.pattern);
        if (problem) report(regex, `host check \`${regex.raw.slice(0, 80)}\``, problem);
      },
    };
  },
});
