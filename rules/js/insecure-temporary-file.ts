import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { findProperty, memberName, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';

/** Calls that create (or truncate) a file at their first argument, and where their flags sit. */
const CREATES = new Map<string, number>();
for (const base of ['fs', 'fs.promises', 'fs-extra']) {
  for (const m of ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'open', 'openSync'])
    CREATES.set(`${base}.${m}`, 2);
  CREATES.set(`${base}.createWriteStream`, 1);
}
CREATES.delete('fs.promises.openSync');
for (const m of [
  'outputFile',
  'outputFileSync',
  'outputJson',
  'outputJsonSync',
  'writeJson',
  'writeJsonSync',
])
  CREATES.set(`fs-extra.${m}`, 2);

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

/** Is `node` a path in a shared temp folder whose name a local user can guess in advance? */
function predictableTemp(resolver: Resolver, node: TSESTree.Node): boolean {
  const [first, ...rest] = piecesOf(resolver, node);
  if (!first) return false;
  let name: Piece[];
  if ('text' in first) {
    if (!SHARED_DIR.test(first.text)) return false;
    name = [{ text: first.text.replace(SHARED_DIR, '') }, ...rest];
  } else {
    const n = first.node;
    const shared =
      (n.type === 'CallExpression' && resolver.resolve(n.callee) === 'os.tmpdir') ||
      (n.type === 'MemberExpression' && resolver.resolve(n) === 'process.env.TMPDIR');
    if (!shared) return false;
    name = rest;
  }
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
function exclusive(resolver: Resolver, flags: TSESTree.Node | undefined): boolean {
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

export default defineRule({
  meta: {
    id: 'js/insecure-temporary-file',
    kind: 'sast',
    title: 'Temporary file with a predictable name in a shared folder',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-377', 'CWE-378'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      "`fs.writeFileSync(path.join(os.tmpdir(), 'report.pdf'), data)` writes into a folder every " +
      'local user shares, under a name anyone can guess (constants, `Date.now()`, `new Date().getTime()`, `process.pid`). ' +
      'Another user plants a symbolic link there first and the program overwrites the file it ' +
      'points to with its own rights, or plants a file the program then reads as its own; a file ' +
      'created with default permissions may also be readable by others. vigil reports a file created ' +
      'at such a path unless the open is exclusive (`wx`, `O_EXCL`). Make a private folder with ' +
      "`fs.mkdtempSync(path.join(os.tmpdir(), 'app-'))` and write inside it, or open with `'wx'` and mode `0o600`.",
    fixHint:
      "Write inside fs.mkdtempSync(path.join(os.tmpdir(), 'app-')), or open with flag 'wx' and mode 0o600.",
  },
  hint: /tmp|TMPDIR/,
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const target = resolver.resolve(node.callee);
        const flagsAt = target !== undefined ? CREATES.get(target) : undefined;
        const path = node.arguments[0];
        if (flagsAt === undefined || !path || path.type === 'SpreadElement') return;
        if (!predictableTemp(resolver, path)) return;
        // open(path, flags): the flags are the second argument; write calls take them in options.
        const flags = /\.open(?:Sync)?$/.test(target!) ? node.arguments[1] : node.arguments[flagsAt];
        if (exclusive(resolver, flags)) return;
        context.report({
          node,
          message:
            'A file with a guessable name in a shared temporary folder: another local user can plant a link there first.',
        });
      },
    };
  },
});
