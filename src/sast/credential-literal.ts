/**
 * Is an expression a hard-coded credential value? Shared by the rules that judge a secret
 * passed where the code uses it as a credential (js/hardcoded-credentials) and by the JWT rule
 * that must not report the same line twice. A literal counts, and so does the fallback of
 * `process.env.X || 'literal'` (the literal is what runs wherever the variable is unset).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { resolverFor, unwrap } from './resolve.ts';
import { splitWords } from './naming.ts';
import { findSecrets } from './secrets/index.ts';

type Node = TSESTree.Node;

/** Values that stand for "fill this in", not a credential. */
const PLACEHOLDER =
  /^(?:<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|x+|\*+|\.+|-+|_+|\?+|0+|null|undefined|none|todo|tbd|fixme|changeit-placeholder)$/i;
/** Label text such as `password: 'Password'` in a form or translation table. */
const LABEL = /^[A-Z][a-z]+$/;
/** A dotted lower-case key: a message id (`label.change-password`) or a storage key (`app.auth`). */
const KEY_PATH = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)+$/;

/** The constant text of a credential-looking value, following `env || 'literal'` fallbacks. */
export function credentialLiteral(program: TSESTree.Program, node: Node, name?: string): string | undefined {
  const n = unwrap(node);
  if (n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??')) {
    return readsEnvironment(program, n.left) ? credentialLiteral(program, n.right, name) : undefined;
  }
  let text: string | undefined;
  if (n.type === 'Literal' && typeof n.value === 'string') text = n.value;
  else if (n.type === 'TemplateLiteral' && n.expressions.length === 0)
    text = n.quasis[0]?.value.cooked ?? undefined;
  else if (n.type === 'Identifier') {
    const init = resolverFor(program).constantInit(n);
    if (init && init.type !== 'Identifier') return credentialLiteral(program, init, name);
  }
  if (text === undefined) return undefined;
  return looksLikeCredential(text, name) ? text : undefined;
}

/** A real value, not empty, a placeholder, a sentence or a label naming the field. */
export function looksLikeCredential(text: string, name?: string): boolean {
  const t = text.trim();
  if (t.length < 3 || t.length > 4096) return false;
  // Three words or more read as a prompt or message (`Enter your password`), not a secret.
  if (PLACEHOLDER.test(t) || t.split(/\s+/).length >= 3) return false;
  if (name && LABEL.test(t) && t.toLowerCase() === name.toLowerCase()) return false;
  // An enumeration's value spelling out its own name: `RESET_PASSWORD: 'resetPassword'`.
  if (name && isOwnName(t, name)) return false;
  // A translation or storage key naming the field it is for (`password: 'label.password'`,
  // `AUTH_TOKEN = 'app.auth'`): it names a value, it is none.
  if (name && KEY_PATH.test(t) && sharesWord(t, name)) return false;
  // A known token format is js/hardcoded-secret's finding, wherever it stands: one per line.
  return findSecrets(t).length === 0;
}

/** Two words or more, the same letters as the name: `RESET_PASSWORD` and `reset-password`. */
function isOwnName(text: string, name: string): boolean {
  const letters = (s: string) => s.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  return splitWords(name).length >= 2 && letters(text) === letters(name);
}

function sharesWord(text: string, name: string): boolean {
  const words = new Set(splitWords(name));
  return splitWords(text).some((w) => words.has(w));
}

/** `process.env.X`, `process.env['X']`, `config.get('X')`-free: only the environment. */
function readsEnvironment(program: TSESTree.Program, node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'LogicalExpression')
    return readsEnvironment(program, n.left) || readsEnvironment(program, n.right);
  if (n.type !== 'MemberExpression') return false;
  const object = unwrap(n.object);
  if (object.type !== 'MemberExpression') return false;
  return resolverFor(program).resolve(object) === 'process.env';
}
