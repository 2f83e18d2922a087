import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { splitWords } from '../../src/sast/naming.ts';
import { memberName, unwrap } from '../../src/sast/resolve.ts';
import { defineRule, namesHint } from '../../src/sast/rule.ts';

type Node = TSESTree.Node;

const EQUALITY = new Set(['===', '==', '!==', '!=']);

/** `s.indexOf(t)` / `s.lastIndexOf(t)`: the receiver and the searched value. */
function indexCall(node: Node): { receiver: Node; searched: Node } | undefined {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || n.arguments.length !== 1)
    return undefined;
  const method = memberName(n.callee);
  if (method !== 'indexOf' && method !== 'lastIndexOf') return undefined;
  const searched = n.arguments[0]!;
  return searched.type === 'SpreadElement' ? undefined : { receiver: n.callee.object, searched };
}

/** `x.length` of the same text as `of`. */
function lengthOf(node: Node, of: Node, text: (n: Node) => string): boolean {
  const n = unwrap(node);
  return n.type === 'MemberExpression' && memberName(n) === 'length' && text(n.object) === text(of);
}

/** The searched value's length as written: `t.length`, or a string literal's own length. */
function searchedLength(node: Node, searched: Node, text: (n: Node) => string): boolean {
  const n = unwrap(node);
  const s = unwrap(searched);
  if (lengthOf(n, s, text)) return true;
  return (
    n.type === 'Literal' &&
    typeof n.value === 'number' &&
    s.type === 'Literal' &&
    typeof s.value === 'string' &&
    s.value.length === n.value
  );
}

/** Is `-1` ruled out for this call in the same `&&` chain (`i !== -1 && i === s.length - t.length`)? */
function notFoundRuledOut(compare: Node, callText: string, text: (n: Node) => string): boolean {
  for (let p = compare.parent; p?.type === 'LogicalExpression'; p = p.parent) {
    if (p.operator !== '&&') return false;
    const t = text(p);
    if (t.includes(callText) && /(?:!==?|>=?)\s*-\s*1\b|>=\s*0\b|-1\s*(?:!==?|<=?)/.test(t)) return true;
  }
  return false;
}

/** Names of suffixes a check decides trust by: a host, a domain, an origin, a URL. */
const TRUST_WORDS = new Set([
  'host',
  'hostname',
  'domain',
  'domains',
  'origin',
  'suffix',
  'tld',
  'url',
  'uri',
  'email',
]);

/**
 * Is the searched suffix one a check decides trust by: a text with a host, an address or a path in
 * it (`'.example.com'`, `'@acme.io'`), or a value named so (`domain`, `allowedHost`)? A line break
 * or a file name's ending is layout, not access: medium precision then.
 */
function trustSuffix(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'Literal') return typeof n.value === 'string' && /[a-z0-9-]\.[a-z]{2,}|[@/]/i.test(n.value);
  const name = n.type === 'Identifier' ? n.name : n.type === 'MemberExpression' ? memberName(n) : undefined;
  return name !== undefined && splitWords(name).some((w) => TRUST_WORDS.has(w));
}

export default defineRule({
  meta: {
    id: 'js/incorrect-suffix-check',
    kind: 'sast',
    title: 'Suffix check with indexOf that passes when the suffix is absent',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-20'],
    owasp: ['A03:2021-Injection'],
    help:
      '`s.indexOf(t) === s.length - t.length` is meant to say "s ends with t", but `indexOf` returns -1 ' +
      'when t is absent, and `s.length - t.length` is -1 whenever s is one character shorter than t: ' +
      'the check then passes for a value that does not end with t at all (a host check accepts ' +
      "`example.co` for `.example.com`'s length minus one). Use `s.endsWith(t)`, or test the index " +
      'against -1 first. High precision where the suffix is a host, an address or a path, or is ' +
      'named for one; medium for other texts (a line break, a file ending).',
    fixHint: 'Use s.endsWith(t) (or check indexOf(t) !== -1 first).',
  },
  hint: namesHint(['indexOf', 'lastIndexOf']),
  create(context) {
    const text = (n: Node) => context.getText(n);
    return {
      BinaryExpression(node: TSESTree.BinaryExpression) {
        if (!EQUALITY.has(node.operator)) return;
        for (const [a, b] of [
          [node.left, node.right],
          [node.right, node.left],
        ] as const) {
          const call = indexCall(a);
          if (!call) continue;
          const diff = unwrap(b);
          if (diff.type !== 'BinaryExpression' || diff.operator !== '-') continue;
          if (!lengthOf(diff.left, call.receiver, text) || !searchedLength(diff.right, call.searched, text))
            continue;
          if (notFoundRuledOut(node, text(a), text)) return;
          context.report({
            node,
            message: `\`${text(a).slice(0, 80)}\` is -1 when the suffix is absent, and so is \`${text(b).slice(0, 80)}\` for a value one character shorter: use endsWith.`,
            ...(trustSuffix(call.searched) ? {} : { precision: 'medium' as const }),
          });
          return;
        }
      },
    };
  },
});
