import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { localFunction } from '../../src/sast/local-function.ts';
import { ROUTE_METHODS } from '../../src/sast/models/express.ts';
import { splitWords, type FunctionNode } from '../../src/sast/naming.ts';
import { findRegexProblem } from '../../src/sast/regex-safety.ts';
import { memberName, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { pushChildren } from '../../src/sast/taint/key-writes.ts';

type Node = TSESTree.Node;

const ROUTE_METHOD_SET: ReadonlySet<string> = new Set(ROUTE_METHODS);
/** Words that name a middleware as a gate: `requireAdmin`, `isAuthenticated`, `passport.authenticate`, `csrfProtection`. */
const GATE_WORDS = new Set(
  'auth authn authz authenticate authenticated authentication authorize authorized authorization login logged loggedin signed admin admins permission permissions role roles guard protect protected protection acl jwt passport csrf restrict restricted allowed'.split(
    ' ',
  ),
);
/** Words that name what is mounted rather than a gate on it: `adminRouter`, `authRoutes`, `loginController`. */
const MOUNTED_WORDS = new Set(
  'router routes route controller controllers app api handler handlers static server'.split(' '),
);
/** Status codes a gate answers with when it turns a request away. */
const REFUSALS = new Set([401, 403]);
/** Longest pattern and route path worth trying one on the other. */
const MAX_PATTERN = 300;
const MAX_PATH = 200;

/** Does a middleware argument name a gate, or is it a local function that turns requests away (401/403)? */
function isGate(resolver: Resolver, arg: Node): boolean {
  const a = unwrap(arg);
  const named = a.type === 'CallExpression' ? a.callee : a;
  const text =
    named.type === 'Identifier' ? named.name : named.type === 'MemberExpression' ? memberText(named) : '';
  if (namesGate(text)) return true;
  const fn = localFunction(resolver, a);
  return !!fn && (namesGate(fnName(fn)) || refuses(fn));
}

function namesGate(name: string): boolean {
  const words = splitWords(name);
  return words.some((w) => GATE_WORDS.has(w)) && !words.some((w) => MOUNTED_WORDS.has(w));
}

function memberText(n: TSESTree.MemberExpression): string {
  const object = unwrap(n.object);
  const head =
    object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' ? memberText(object) : '';
  return `${head} ${memberName(n) ?? ''}`;
}

function fnName(fn: FunctionNode): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : '';
}

/** Does the function's body answer 401 or 403 (`res.status(403)`, `res.sendStatus(401)`)? */
function refuses(fn: FunctionNode): boolean {
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'Literal' && typeof n.value === 'number' && REFUSALS.has(n.value)) return true;
    pushChildren(n, stack);
  }
  return false;
}

/** Express's default: a route's path matches in any case, unless the app or router says otherwise. */
function caseSensitiveRouting(text: string): boolean {
  return text.includes('case sensitive routing') || /\bcaseSensitive\s*:\s*true\b/.test(text);
}

/** The path a route call registers, if a constant: `app.get('/admin/users', …)`, `app.use('/admin', router)`. */
function routePath(resolver: Resolver, call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || !ROUTE_METHOD_SET.has(memberName(callee) ?? '')) return undefined;
  if (call.arguments.length < 2) return undefined;
  const value = resolver.staticValue(call.arguments[0]!)?.value;
  return typeof value === 'string' && value.startsWith('/') && value.length <= MAX_PATH ? value : undefined;
}

/**
 * Is `path` one the regex guards as written, and would the same path in the other case (which
 * Express routes to the same handler) slip past it? The pattern is the program's own and passed
 * the ReDoS check, and the path is short: trying one on the other stays cheap.
 */
function slipsPast(pattern: RegExp, path: string): boolean {
  const other = /[a-z]/.test(path) ? path.toUpperCase() : path.toLowerCase();
  const insensitive = new RegExp(pattern.source, `${pattern.flags}i`);
  return insensitive.test(path) && !pattern.test(other);
}

/** The regex literal a middleware is mounted on, without `g`/`y` (whose `test` keeps state), or undefined. */
function mountPattern(node: Node | undefined): RegExp | undefined {
  const n = node && unwrap(node);
  if (n?.type !== 'Literal' || !('regex' in n) || !n.regex) return undefined;
  const { pattern, flags } = n.regex;
  if (flags.includes('i') || pattern.length > MAX_PATTERN || !/[a-z]/i.test(pattern)) return undefined;
  if (findRegexProblem(pattern, flags)) return undefined;
  try {
    return new RegExp(pattern, flags.replace(/[gy]/g, ''));
  } catch {
    return undefined;
  }
}

/** How the message names the gate: its own text when short (`requireAdmin`), else generically. */
function gateName(text: string): string {
  return text.length <= 40 && !text.includes('\n') ? `\`${text}\`` : 'The middleware';
}

interface Mount {
  call: TSESTree.CallExpression;
  receiver: string;
  pattern: RegExp;
  gate: string;
}

export default defineRule({
  meta: {
    id: 'js/case-sensitive-middleware-path',
    kind: 'sast',
    title: 'Access-control middleware mounted on a case-sensitive path pattern',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-178'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'Express matches string route paths in any case: `/ADMIN/users` reaches the handler of ' +
      "`app.get('/admin/users', …)`. A regular expression is matched as written, so middleware " +
      'mounted on `/^\\/admin/` does not run for `/ADMIN/users`, and whatever it checks ' +
      '(authentication, roles, CSRF) is skipped. vigil reports a gate (a middleware named for ' +
      'authentication, authorisation, roles or CSRF, or one that answers 401/403) mounted with ' +
      '`use`/`all` on a regex without the `i` flag, when a route registered after it on the same ' +
      'router has a path the regex matches as written but not in another case. Add the `i` flag, ' +
      "or mount the gate on a string path (`app.use('/admin', requireAdmin)`).",
    fixHint: 'Add the i flag to the path pattern, or mount the middleware on a string path.',
  },
  hint: /\.(?:use|all)\s*\(\s*\/[^/*]/,
  create(context) {
    const resolver = resolverFor(context.ast);
    if (caseSensitiveRouting(context.sourceText)) return {};
    const mounts: Mount[] = [];
    const reported = new Set<Mount>();
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const receiver = context.getText(callee.object);
        const method = memberName(callee);
        const pattern = method === 'use' || method === 'all' ? mountPattern(node.arguments[0]) : undefined;
        if (pattern) {
          const gate = node.arguments.slice(1).find((a) => isGate(resolver, a));
          if (gate) mounts.push({ call: node, receiver, pattern, gate: gateName(context.getText(gate)) });
          return;
        }
        const path = routePath(resolver, node);
        if (path === undefined) return;
        for (const m of mounts) {
          if (reported.has(m) || m.receiver !== receiver || !slipsPast(m.pattern, path)) continue;
          reported.add(m);
          context.report({
            node: m.call.arguments[0]!,
            message: `${m.gate} runs only on paths matching this pattern as written, but Express routes \`${path}\` (line ${context.locationOf(node).startLine}) in any case: a request in another case skips it.`,
          });
        }
      },
    };
  },
});
