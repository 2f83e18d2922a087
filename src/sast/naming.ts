/**
 * What is a value for? Several rules (weak hashes, Math.random) decide by the names around a
 * call: the variable or property it is stored in, the function it is returned from, what is fed
 * into it. Names are split into lower-case words (`resetToken` → reset, token) and matched against
 * word lists, never against substrings, so `tokenizer` is not `token`.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyKey, unwrap } from './resolve.ts';

type Node = TSESTree.Node;

/**
 * The lower-case words of a name. Rules ask about the same names over and over (every `===` of a
 * validator is two questions to timing-unsafe-compare): the words of recent short names are kept,
 * shared, so never to be changed by a caller.
 */
export function splitWords(name: string): readonly string[] {
  if (name.length > MAX_KEPT_NAME) return wordsOf(name);
  let words = splitNames.get(name);
  if (!words) {
    if (splitNames.size >= SPLIT_NAMES) splitNames.clear();
    splitNames.set(name, (words = wordsOf(name)));
  }
  return words;
}

const splitNames = new Map<string, readonly string[]>();
const SPLIT_NAMES = 4096;
const MAX_KEPT_NAME = 64;

function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Names in an expression: identifiers, member names, string keys (bounded). */
function namesIn(node: Node | null | undefined, out: string[], budget = { n: 40 }): void {
  if (!node || budget.n-- <= 0) return;
  const n = unwrap(node);
  switch (n.type) {
    case 'Identifier':
    case 'PrivateIdentifier':
      out.push(n.name);
      return;
    case 'MemberExpression':
      namesIn(n.object, out, budget);
      namesIn(n.property, out, budget);
      return;
    case 'CallExpression':
      namesIn(n.callee, out, budget);
      n.arguments.forEach((a) => namesIn(a, out, budget));
      return;
    case 'BinaryExpression':
      namesIn(n.left, out, budget);
      namesIn(n.right, out, budget);
      return;
    case 'TemplateLiteral':
      n.expressions.forEach((e) => namesIn(e, out, budget));
      return;
    // `const [welcomeMsgIndex] = useState(…)`: the names bound.
    case 'ArrayPattern':
      n.elements.forEach((e) => namesIn(e, out, budget));
      return;
    case 'AssignmentPattern':
      namesIn(n.left, out, budget);
      return;
    default:
      return;
  }
}

function functionName(fn: Node): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (
    (parent.type === 'Property' ||
      parent.type === 'MethodDefinition' ||
      parent.type === 'PropertyDefinition') &&
    parent.key.type === 'Identifier'
  ) {
    return parent.key.name;
  }
  if (
    parent.type === 'AssignmentExpression' &&
    parent.left.type === 'MemberExpression' &&
    parent.left.property.type === 'Identifier'
  ) {
    return parent.left.property.name;
  }
  return undefined;
}

export type FunctionNode =
  TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export function isFunctionNode(node: Node | null | undefined): node is FunctionNode {
  return (
    !!node &&
    (node.type === 'FunctionDeclaration' ||
      node.type === 'FunctionExpression' ||
      node.type === 'ArrowFunctionExpression')
  );
}

/** The innermost function holding `node`; undefined at the top level. */
export function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}

/** A statement that always leaves its function: `return`, `throw`, or a block ending in one. */
export function alwaysLeaves(stmt: Node): boolean {
  if (stmt.type === 'ReturnStatement' || stmt.type === 'ThrowStatement') return true;
  if (stmt.type === 'BlockStatement') {
    const last = stmt.body[stmt.body.length - 1];
    return last !== undefined && alwaysLeaves(last);
  }
  return false;
}

/** Name and parameter names of a function. */
export function functionWords(fn: TSESTree.FunctionLike | undefined): {
  name: readonly string[];
  params: string[];
} {
  if (!fn) return { name: [], params: [] };
  const params: string[] = [];
  for (const p of fn.params) if (p.type === 'Identifier') params.push(p.name);
  return { name: splitWords(functionName(fn) ?? ''), params };
}

/** Words describing a value: where it goes (`target`) and what it is made from (`inputs`). */
export interface ValueWords {
  /** The binding, property, JSX attribute or returning function the value lands in. */
  target: Set<string>;
  /** Names fed into the call chain that produces it. */
  inputs: Set<string>;
}

/** Words that start a qualifier: what follows says whom the value is for, not what it is. */
const QUALIFIERS = new Set(['for', 'of', 'from', 'by', 'with', 'per']);

/** A name's words before its qualifier: `generateIdForToken` makes an id, not a token. */
function headWords(words: readonly string[]): readonly string[] {
  const at = words.findIndex((w, i) => i > 0 && QUALIFIERS.has(w));
  return at === -1 ? words : words.slice(0, at);
}

function toWords(names: string[]): Set<string> {
  const words = new Set<string>();
  for (const name of names) for (const w of splitWords(name)) words.add(w);
  return words;
}

/** A React-style hook: `useState`, `React.useRef`. */
function isHookCallee(callee: Node): boolean {
  const name =
    callee.type === 'Identifier'
      ? callee.name
      : callee.type === 'MemberExpression' && callee.property.type === 'Identifier'
        ? callee.property.name
        : '';
  return /^use[A-Z]/.test(name);
}

/**
 * Words around `node`: it climbs the expression chain the node heads
 * (`createHash('md5').update(password).digest('hex')`, `Math.floor(Math.random() * n)`),
 * collecting what is fed in, up to the binding, property or return that receives the result.
 */
export function wordsAround(node: Node): ValueWords {
  const inputs: string[] = [];
  const target: string[] = [];
  let top: Node = node;
  if (node.type === 'CallExpression') node.arguments.forEach((a) => namesIn(a, inputs));
  for (let p = top.parent; p; p = top.parent) {
    if (p.type === 'MemberExpression' && p.object === top) top = p;
    else if (p.type === 'CallExpression' && p.callee === top) {
      p.arguments.forEach((a) => namesIn(a, inputs));
      top = p;
    } else if (p.type === 'CallExpression') {
      // A hook's name says how the value is kept, not what it is for (`useState`'s "state").
      if (!isHookCallee(p.callee)) namesIn(p.callee, inputs);
      top = p;
    } else if (
      p.type === 'BinaryExpression' ||
      p.type === 'TemplateLiteral' ||
      p.type === 'AwaitExpression' ||
      p.type === 'ChainExpression' ||
      p.type === 'TSAsExpression' ||
      p.type === 'TSNonNullExpression'
    ) {
      top = p;
    } else break;
  }
  const parent = top.parent;
  if (parent?.type === 'VariableDeclarator') namesIn(parent.id, target);
  else if (parent?.type === 'AssignmentExpression') namesIn(parent.left, target);
  else if (parent?.type === 'Property' || parent?.type === 'PropertyDefinition') {
    const key = propertyKey(parent);
    if (key) target.push(key);
  } else if (parent?.type === 'ReturnStatement' || parent?.type === 'ArrowFunctionExpression') {
    const fn = functionWords(enclosingFunction(top));
    target.push(...headWords(fn.name));
  } else if (parent?.type === 'JSXExpressionContainer' && parent.parent?.type === 'JSXAttribute') {
    const attr = parent.parent.name;
    target.push(attr.type === 'JSXIdentifier' ? attr.name : attr.name.name);
  }
  return { target: toWords(target), inputs: toWords(inputs) };
}

/**
 * Does a value serve security? The target's name decides first (a quiet name such as `etag` or
 * `cacheKey` wins), then any security word in the target or the inputs.
 */
export function servesSecurity(
  words: ValueWords,
  security: ReadonlySet<string>,
  quiet: ReadonlySet<string>,
): boolean {
  if (hasAny(words.target, quiet)) return false;
  return hasAny(words.target, security) || hasAny(words.inputs, security);
}

export function hasAny(words: Set<string>, list: ReadonlySet<string>): boolean {
  for (const w of words) if (list.has(w)) return true;
  return false;
}

/** One word that makes a name a credential… */
const CREDENTIAL = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'secret',
  'apikey',
  'credentials',
]);
/** …or two (`apiKey`, `privateKey`, `accessToken`, `refreshToken`). */
const PAIRS: Array<[string, string]> = [
  ['api', 'key'],
  ['private', 'key'],
  ['secret', 'key'],
  ['access', 'token'],
  ['refresh', 'token'],
  ['auth', 'token'],
  ['bearer', 'token'],
  ['session', 'token'],
  ['client', 'secret'],
];
/** Words that make it about the credential, or a harmless form of it (`passwordHash`, `passwordChangedAt`). */
const NOT_THE_VALUE = new Set(
  'hash hashed digest encrypted masked redacted salt length len at changed updated expires expiry expired set has is reset required policy version strength hint field label placeholder name type id count match matches valid invalid error message'.split(
    ' ',
  ),
);
/**
 * Does a name say it holds a credential's value: a password, secret, API key or access token
 * (`password`, `apiKey`, `accessToken`), not something about one (`passwordHash`, `tokenExpiry`)?
 */
export function credentialName(name: string): boolean {
  const words = splitWords(name);
  if (words.some((w) => NOT_THE_VALUE.has(w))) return false;
  if (words.some((w) => CREDENTIAL.has(w))) return true;
  return PAIRS.some(([a, b]) => words.some((w, i) => w === a && words[i + 1] === b));
}
