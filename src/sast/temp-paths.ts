import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, memberName, unwrap, type Resolver } from './resolve.ts';

/**
 * Paths in the folders every local user shares (`/tmp`, `os.tmpdir()`, `$TMPDIR`) and the open
 * flags that refuse a name planted there first: read by `js/insecure-temporary-file` and
 * `js/file-system-race`.
 */

/** A folder every local user can write to. */
const SHARED_DIR = /^\/(?:var\/)?tmp(?:\/|$)/;
/** Values an attacker on the machine can guess: the time, the process id. */
const GUESSABLE = new Set(['Date.now', 'process.pid', 'process.hrtime', 'performance.now']);

/** `new Date().getTime()`, `new Date().valueOf()`, `+new Date()`: the time now, as a number. */
function timeNow(n: TSESTree.Node): boolean {
  const u = unwrap(n);
  const isNewDate = (d: TSESTree.Node) => {
    const x = unwrap(d);
    return (
      x.type === 'NewExpression' &&
      x.callee.type === 'Identifier' &&
      x.callee.name === 'Date' &&
      x.arguments.length === 0
    );
  };
  if (u.type === 'UnaryExpression' && u.operator === '+') return isNewDate(u.argument);
  return (
    u.type === 'CallExpression' &&
    u.callee.type === 'MemberExpression' &&
    ['getTime', 'valueOf'].includes(memberName(u.callee) ?? '') &&
    isNewDate(u.callee.object)
  );
}

/** A piece of a path: constant text, or an expression. */
type Piece = { text: string } | { node: TSESTree.Node };

/** How many `const` bindings a path is followed through (`const file = path.join(…)`). */
const MAX_BINDINGS = 4;

/**
 * The pieces of a path built with `+`, a template or `path.join`/`path.resolve` (joined by `/`),
 * through `const` bindings.
 */
function piecesOf(resolver: Resolver, node: TSESTree.Node, out: Piece[] = [], bindings = 0): Piece[] {
  const u = unwrap(node);
  const constant = resolver.staticValue(u)?.value;
  const init = u.type === 'Identifier' && bindings < MAX_BINDINGS ? resolver.constantInit(u) : undefined;
  if (typeof constant === 'string' || typeof constant === 'number') out.push({ text: String(constant) });
  else if (init) piecesOf(resolver, init, out, bindings + 1);
  else if (u.type === 'BinaryExpression' && u.operator === '+') {
    piecesOf(resolver, u.left, out, bindings);
    piecesOf(resolver, u.right, out, bindings);
  } else if (u.type === 'TemplateLiteral') {
    u.quasis.forEach((q, i) => {
      if (q.value.cooked) out.push({ text: q.value.cooked });
      const e = u.expressions[i];
      if (e) piecesOf(resolver, e, out, bindings);
    });
  } else if (
    u.type === 'CallExpression' &&
    ['path.join', 'path.resolve', 'path.posix.join'].includes(resolver.resolve(u.callee) ?? '')
  ) {
    u.arguments.forEach((a, i) => {
      if (i > 0) out.push({ text: '/' });
      if (a.type === 'SpreadElement') out.push({ node: a });
      else piecesOf(resolver, a, out, bindings);
    });
  } else out.push({ node: u });
  return out;
}

/** The pieces naming a file inside a shared temp folder, when `node` is a path in one. */
function nameInSharedTemp(resolver: Resolver, node: TSESTree.Node): Piece[] | undefined {
  const [first, ...rest] = piecesOf(resolver, node);
  if (!first) return undefined;
  if ('text' in first) {
    if (!SHARED_DIR.test(first.text)) return undefined;
    return [{ text: first.text.replace(SHARED_DIR, '') }, ...rest];
  }
  const n = first.node;
  const shared =
    (n.type === 'CallExpression' && resolver.resolve(n.callee) === 'os.tmpdir') ||
    (n.type === 'MemberExpression' && resolver.resolve(n) === 'process.env.TMPDIR');
  return shared ? rest : undefined;
}

/** Is `node` a path in a shared temp folder (`/tmp/…`, `path.join(os.tmpdir(), …)`)? */
export function inSharedTemp(resolver: Resolver, node: TSESTree.Node): boolean {
  return nameInSharedTemp(resolver, node) !== undefined;
}

/** Is `node` a path in a shared temp folder whose name a local user can guess in advance? */
export function predictableTemp(resolver: Resolver, node: TSESTree.Node): boolean {
  const name = nameInSharedTemp(resolver, node);
  if (!name) return false;
  // A name must follow the folder, made only of constants and guessable values.
  const named = name.some((p) => !('text' in p) || p.text.replace(/\//g, '') !== '');
  return (
    named &&
    name.every((p) => {
      if ('text' in p) return true;
      const n = p.node;
      const path = n.type === 'CallExpression' ? resolver.resolve(n.callee) : resolver.resolve(n);
      return (path !== undefined && GUESSABLE.has(path)) || timeNow(n);
    })
  );
}

/** `'wx'`, `'ax'`, `O_EXCL`: the call fails when the name exists already (a planted file or link). */
export function exclusive(resolver: Resolver, flags: TSESTree.Node | undefined): boolean {
  if (!flags || flags.type === 'SpreadElement') return false;
  const f = unwrap(flags);
  const direct = resolver.staticValue(f)?.value;
  if (typeof direct === 'string') return direct.includes('x');
  if (f.type === 'ObjectExpression') {
    const flag = findProperty(f, 'flag') ?? findProperty(f, 'flags');
    const v = flag && resolver.staticValue(flag.value)?.value;
    return typeof v === 'string' && v.includes('x');
  }
  // fs.constants.O_CREAT | fs.constants.O_EXCL
  const stack: TSESTree.Node[] = [f];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'BinaryExpression') stack.push(n.left, n.right);
    else if (
      n.type === 'MemberExpression' &&
      n.property.type === 'Identifier' &&
      n.property.name === 'O_EXCL'
    )
      return true;
  }
  return false;
}
