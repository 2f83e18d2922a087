import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { namesHint } from '../../src/sast/rule.ts';
import { calleeName, memberName, resolverFor, unwrap } from '../../src/sast/resolve.ts';
import { builtFromConstants } from '../../src/sast/constant-text.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';

/** Helpers that escape regex metacharacters (lodash, escape-string-regexp, hand-written ones). */
const ESCAPERS =
  /^(escapeRegExp|escapeRegex|escapeStringRegexp|escapeRegExpChars|quotemeta|regexEscape|escape)$/i;

/** True when a piece of a pattern is escaped text or another regex's source. */
function isEscaped(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  // re.source: already a pattern someone wrote as a regex literal.
  if (n.type === 'MemberExpression' && memberName(n) === 'source') return true;
  if (n.type !== 'CallExpression') return false;
  const name = calleeName(n.callee);
  if (name && ESCAPERS.test(name)) return true;
  // s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') — the classic inline escape.
  const replacement = n.arguments[1];
  if (
    (name === 'replace' || name === 'replaceAll') &&
    replacement?.type === 'Literal' &&
    replacement.value === '\\$&'
  ) {
    return true;
  }
  // words.map(escapeRegExp).join('|')
  if (n.callee.type === 'MemberExpression') {
    const inner = unwrap(n.callee.object);
    if (inner.type === 'CallExpression' && calleeName(inner.callee) === 'map') {
      const fn = inner.arguments[0];
      return fn !== undefined && fn.type !== 'SpreadElement' && ESCAPERS.test(calleeName(fn) ?? '');
    }
  }
  return false;
}

/** The dynamic pieces of a pattern: a template's expressions, each operand of a `+` chain. */
function piecesOf(node: TSESTree.Node): TSESTree.Node[] {
  const u = unwrap(node);
  const template = u.type === 'TaggedTemplateExpression' ? u.quasi : u;
  if (template.type === 'TemplateLiteral') return template.expressions;
  if (template.type === 'BinaryExpression' && template.operator === '+')
    return [...piecesOf(template.left), ...piecesOf(template.right)];
  return [template];
}

/** The pattern half: the shape of the weakness with no untrusted source proven (precision low). */
const nonConstantPattern: TaintAudit = {
  precision: 'low',
  scope: 'everywhere',
  hint: namesHint(['RegExp']),
  create(context, propose) {
    const candidates: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const collect = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      if (calleeName(node.callee) !== 'RegExp') return;
      const pattern = node.arguments[0];
      if (pattern && pattern.type !== 'SpreadElement' && pattern.type !== 'Literal') candidates.push(node);
    };
    // Decided at the end: a table or a helper's calls may come later in the file, and parent
    // pointers are only all set once the walk is done.
    const decide = () => {
      const resolver = resolverFor(context.ast);
      for (const node of candidates) {
        const pattern = node.arguments[0] as TSESTree.Expression;
        if (resolver.staticValue(pattern) || resolver.resolve(node.callee) !== 'RegExp') continue;
        // Parts: a template or concatenation is fine when every dynamic piece is constant or escaped.
        const constant = (p: TSESTree.Node): boolean => builtFromConstants(p, resolver);
        // `const reSep = escapeStringRegexp(sep)` … `'(' + reSep + ')'`: escaped where it was declared.
        const escaped = (p: TSESTree.Node): boolean => {
          const u = unwrap(p);
          const init = u.type === 'Identifier' ? resolver.constantInit(u) : undefined;
          return isEscaped(u) || (init !== undefined && isEscaped(init));
        };
        if (piecesOf(pattern).every((p) => constant(p) || escaped(p))) continue;
        propose({ node, message: 'RegExp pattern is built from non-constant, unescaped text.' });
      }
    };
    return { NewExpression: collect, CallExpression: collect, 'Program:exit': decide };
  },
};

export default defineTaintRule(
  {
    id: 'js/regexp-injection',
    kind: 'sast',
    title: 'Regular expression injection: a pattern built from non-constant text (ReDoS)',
    severity: 'medium',
    cwe: ['CWE-1333', 'CWE-730'],
    owasp: ['A03:2021-Injection'],
    help:
      'Text compiled into a regular expression (`new RegExp(q)`, `str.match(q)`, `str.search(q)`) ' +
      'lets whoever controls it choose the pattern: `(a+)+$` takes exponential time and blocks the ' +
      'event loop for every user, and metacharacters change what matches. A proven flow from an ' +
      'untrusted source is reported at precision very-high; `new RegExp(x)` of unescaped non-constant ' +
      'text with no source in view, at low (configuration builds patterns too). Escape the text first ' +
      "(`_.escapeRegExp(q)`, `new RegExp(escapeStringRegexp(term), 'i')`) or search with " +
      '`includes`/`indexOf`.',
    fixHint: 'Escape the input (escapeRegExp) or search with includes/indexOf instead.',
  },
  {
    sinks: [
      { call: ['RegExp'], args: [0], label: 'a regular expression' },
      {
        call: ['*.match', '*.search', '*.matchAll'],
        args: [0],
        // A PascalCase receiver is a class or namespace with a method of that name, not a string.
        receiverNot: '^[A-Z](?![A-Z0-9_]*$)',
        // …nor one of the program's modules (NodeBB's `groups.search(query)`, added by a mixin).
        receiverNotModule: true,
        // `store.search({ query })`: an object is no pattern (a string's search would read `[object Object]`).
        skipLiteralObjects: true,
        // The string methods take one argument: `index.search(q, { limit })` is a search engine's.
        maxArgs: 1,
        label: 'a regular expression built from a string',
      },
    ],
    sources: ['remote', 'cli', 'dom', 'storage', 'library'],
    sanitisedBy: ['numeric', 'regex'],
    guards: ['allow', 'lookup'],
  },
  nonConstantPattern,
);
