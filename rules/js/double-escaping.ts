import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, unwrap } from '../../src/sast/resolve.ts';
import { defineRule, namesHint } from '../../src/sast/rule.ts';

type Node = TSESTree.Node;

/** One `replace`/`replaceAll` of a chain: what it replaces and with what, both constants. */
interface Step {
  call: TSESTree.CallExpression;
  /** The text the pattern matches: a string's, or a regex's when it matches one text only. */
  from: string;
  to: string;
}

/** A regex that matches one fixed text (`/&/g`, `/&amp;/g`, `/\\/g`): that text. */
function fixedRegexText(pattern: string): string | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      out += next;
    } else if ('.^$*+?()[]{}|'.includes(c)) return undefined;
    else out += c;
  }
  return out || undefined;
}

function stepOf(node: Node): Step | undefined {
  const call = unwrap(node);
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
  const method = memberName(call.callee);
  if ((method !== 'replace' && method !== 'replaceAll') || call.arguments.length !== 2) return undefined;
  const [pattern, replacement] = call.arguments;
  if (replacement?.type !== 'Literal' || typeof replacement.value !== 'string') return undefined;
  if (pattern?.type !== 'Literal') return undefined;
  let from: string | undefined;
  if ('regex' in pattern && pattern.regex) {
    // Only a global regex replaces every occurrence, as an escaper must.
    if (!pattern.regex.flags.includes('g')) return undefined;
    from = fixedRegexText(pattern.regex.pattern);
  } else if (typeof pattern.value === 'string' && method === 'replaceAll') from = pattern.value;
  return from === undefined ? undefined : { call, from, to: replacement.value };
}

const ENTITY = /^&(?:[a-z]+|#\d+|#x[0-9a-f]+);$/i;
const isEntity = (s: string) => ENTITY.test(s);

/** What goes wrong when `later` runs after `earlier` on the same text, if anything. */
function clash(earlier: Step, later: Step): string | undefined {
  // Escaping: `&` → `&amp;` after `<` → `&lt;` turns the new `&lt;` into `&amp;lt;`.
  if (later.from === '&' && isEntity(later.to) && isEntity(earlier.to))
    return `\`&\` is escaped after \`${earlier.from}\` became \`${earlier.to}\`, whose \`&\` it escapes again (\`${later.to}${earlier.to.slice(1)}\`): escape \`&\` first`;
  // The same with backslashes: `\` → `\\` after `"` → `\"`.
  if (later.from === '\\' && later.to === '\\\\' && earlier.to.includes('\\') && earlier.from !== '\\')
    return `\`\\\` is escaped after \`${earlier.from}\` became \`${earlier.to}\`, whose backslash it doubles: escape \`\\\` first`;
  // Unescaping: `&amp;` → `&` before `&lt;` → `<` turns a written `&amp;lt;` into `<`.
  if (isEntity(earlier.from) && earlier.to === '&' && isEntity(later.from) && later.from !== earlier.from)
    return `\`${earlier.from}\` is unescaped before \`${later.from}\`, so \`${earlier.from}${later.from.slice(1)}\` (meant as the text \`${later.from}\`) becomes \`${later.to}\`: unescape \`${earlier.from}\` last`;
  if (earlier.from === '\\\\' && earlier.to === '\\' && later.from.startsWith('\\') && later.from !== '\\\\')
    return `\`\\\\\` is unescaped before \`${later.from}\`: unescape \`\\\\\` last`;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'js/double-escaping',
    kind: 'sast',
    title: 'Escaping or unescaping done in an order that undoes it',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-116', 'CWE-20'],
    owasp: ['A03:2021-Injection'],
    help:
      'A chain of `replace` calls that escapes HTML must escape `&` first: `s.replace(/</g, "&lt;")' +
      '.replace(/&/g, "&amp;")` turns its own `&lt;` into `&amp;lt;`, so the page shows the entity ' +
      'instead of the character (and an unescaper downstream may restore markup). Unescaping must ' +
      'do `&amp;` last: `s.replace(/&amp;/g, "&").replace(/&lt;/g, "<")` turns the text `&amp;lt;` — ' +
      'a user writing about `&lt;` — into a real `<`, markup the escaping was meant to keep out. ' +
      'Backslash escapes follow the same order. Use a library escaper (`he`, lodash `escape`) or ' +
      'one `replace` with a function over all characters.',
    fixHint: 'Escape & (or \\) first and unescape it last, or use one replace with a lookup table.',
  },
  hint: namesHint(['replace', 'replaceAll']),
  create(context) {
    const seen = new Set<Node>();
    return {
      CallExpression(node: TSESTree.CallExpression) {
        // Start at the outermost call of a chain: `a.replace(…).replace(…)`'s last link.
        if (seen.has(node) || !stepOf(node)) return;
        const steps: Step[] = [];
        for (let n: Node = node; ;) {
          const step = stepOf(n);
          if (!step) break;
          seen.add(step.call);
          steps.unshift(step);
          n = (step.call.callee as TSESTree.MemberExpression).object;
        }
        for (let j = 1; j < steps.length; j++)
          for (let i = 0; i < j; i++) {
            const problem = clash(steps[i]!, steps[j]!);
            if (!problem) continue;
            context.report({
              node: (steps[j]!.call.callee as TSESTree.MemberExpression).property,
              message: `${problem}.`,
            });
            return;
          }
      },
    };
  },
});
