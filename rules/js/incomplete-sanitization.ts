import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode } from '../../src/sast/naming.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { memberName } from '../../src/sast/resolve.ts';

type Node = TSESTree.Node;

/** Characters escaped to keep text inside a quoted string, markup or a path. */
const META = new Set(["'", '"', '`', '<', '>', '&', '\\']);

/** Named and numeric HTML entities of META's characters. */
const ENTITIES: Record<string, string[]> = {
  '<': ['&lt;'],
  '>': ['&gt;'],
  '&': ['&amp;'],
  '"': ['&quot;'],
  "'": ['&apos;'],
};

/** The one character a `replace` pattern matches once: a string, or a regex without the `g` flag. */
function replacedOnce(pattern: Node): string | undefined {
  if (pattern.type !== 'Literal') return undefined;
  if (typeof pattern.value === 'string') return META.has(pattern.value) ? pattern.value : undefined;
  if (!('regex' in pattern) || !pattern.regex || pattern.regex.flags.includes('g')) return undefined;
  const source = pattern.regex.pattern;
  const char = source.length === 2 && source[0] === '\\' ? source[1]! : source;
  return META.has(char) ? char : undefined;
}

/** Is `text` an escaped form of `char`: a backslash before it, a doubled quote (SQL), an HTML entity, a percent-encoding? */
function escapes(text: string, char: string): boolean {
  const code = char.charCodeAt(0);
  const hex = code.toString(16);
  return (
    text === `\\${char}` ||
    ((char === "'" || char === '"') && text === char + char) ||
    (ENTITIES[char] ?? []).includes(text.toLowerCase()) ||
    text === `&#${code};` ||
    text.toLowerCase() === `&#x${hex};` ||
    text.toLowerCase() === `&#x${hex.padStart(2, '0')};` ||
    text.toUpperCase() === `%${hex.toUpperCase().padStart(2, '0')}`
  );
}

/** A loop around the call that tests for the same character again (`while (s.includes('<'))`). */
function inLoopOver(node: Node, char: string, text: (n: Node) => string): boolean {
  for (let p = node.parent; p && !isFunctionNode(p); p = p.parent) {
    if (
      (p.type === 'WhileStatement' || p.type === 'DoWhileStatement' || p.type === 'ForStatement') &&
      p.test &&
      text(p.test).includes(char)
    )
      return true;
  }
  return false;
}

/** Tokens a sanitiser removes that one pass of removal can put back together (`<scr<script>ipt>`). */
const REMOVED_TOKENS = ['<script', '</script', '<iframe', '<!--', '-->', '../', '..\\', 'javascript:'];

/** The token a global removal (`replace(/<script.*?>/gi, '')`, `replaceAll('../', '')`) starts with. */
function removedToken(pattern: Node, method: string): string | undefined {
  let text: string | undefined;
  if (pattern.type === 'Literal' && 'regex' in pattern && pattern.regex) {
    if (!pattern.regex.flags.includes('g')) return undefined;
    // Unescape what a regex writes for a plain character (`\.`, `\/`, `\\`); the rest stays.
    text = pattern.regex.pattern.replace(/\\([^A-Za-z0-9])/g, '$1').replace(/^\(\?:|^\(/, '');
  } else if (pattern.type === 'Literal' && typeof pattern.value === 'string' && method === 'replaceAll')
    text = pattern.value;
  const lower = text?.toLowerCase();
  return lower === undefined ? undefined : REMOVED_TOKENS.find((t) => lower.startsWith(t));
}

/** Inside a loop of its function: removal repeated until nothing is left. */
function inAnyLoop(node: Node): boolean {
  for (let p = node.parent; p && !isFunctionNode(p); p = p.parent)
    if (p.type === 'WhileStatement' || p.type === 'DoWhileStatement' || p.type === 'ForStatement')
      return true;
  return false;
}

export default defineRule({
  meta: {
    id: 'js/incomplete-sanitization',
    kind: 'sast',
    title:
      'Incomplete sanitization: replace() escapes only the first occurrence, or removes once what it can rebuild',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-116', 'CWE-20'],
    owasp: ['A03:2021-Injection'],
    help:
      '`s.replace("\'", "\\\\\'")` and `s.replace(/</, \'&lt;\')` escape the first quote or angle ' +
      'bracket only: a string pattern, or a regex without the `g` flag, matches once. Text with a ' +
      "second one (`a'b'; drop table …`, `<b><script>`) keeps it as it was, and the escaping that " +
      'was meant to stop an injection does not. Use a global regex (`/</g`) or `replaceAll`, or ' +
      "better the escaper of the context (an HTML template engine, the database driver's " +
      'placeholders, `JSON.stringify`). Removing a multi-character token in one pass ' +
      "(`s.replace(/<script[^>]*>/gi, '')`, `p.replaceAll('../', '')`) leaves the one the removal " +
      'puts back together: `<scr<script>ipt>` becomes `<script>`, `....//` becomes `../`. Remove until ' +
      'nothing changes, or better escape instead of removing, or parse (an HTML sanitiser, `path.resolve` ' +
      'and a check of the root).',
    fixHint: 'Replace every occurrence: `s.replace(/\'/g, "\\\\\'")` or `s.replaceAll("\'", "\\\\\'")`.',
  },
  hint: /\.replace\s*\(/,
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const method = node.callee.type === 'MemberExpression' ? memberName(node.callee) : undefined;
        if (method !== 'replace' && method !== 'replaceAll') return;
        const [pattern, replacement] = node.arguments;
        if (!pattern || replacement?.type !== 'Literal' || typeof replacement.value !== 'string') return;
        const token = replacement.value === '' ? removedToken(pattern, method) : undefined;
        if (token !== undefined && !inAnyLoop(node)) {
          const half = Math.ceil(token.length / 2);
          context.report({
            node,
            message: `One pass of removing ${JSON.stringify(token)} can put one back together: ${JSON.stringify(
              token.slice(0, half) + token + token.slice(half),
            )} becomes ${JSON.stringify(token)}.`,
          });
          return;
        }
        if (method !== 'replace') return;
        const char = replacedOnce(pattern);
        if (char === undefined || !escapes(replacement.value, char)) return;
        if (inLoopOver(node, char, (n) => context.getText(n))) return;
        context.report({
          node,
          message: `Only the first ${JSON.stringify(char)} is escaped: the pattern ${
            pattern.type === 'Literal' && typeof pattern.value === 'string' ? 'is a string' : 'has no g flag'
          }, so every later one stays as it was.`,
        });
      },
    };
  },
});
