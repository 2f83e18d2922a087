import { LOOPS } from '../../src/sast/taint/reaching.ts';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { calleeName, memberName, type Resolver, resolverFor, unwrap } from '../../src/sast/resolve.ts';
import { functionWords, hasAny } from '../../src/sast/naming.ts';

const DECODERS = new Set(['jsonwebtoken.decode', 'jwt-decode', 'jwt-decode.jwtDecode', 'jose.decodeJwt']);
/** Function names that say "this decides who the caller is". */
const AUTH_WORDS = new Set(
  (
    'auth authenticate authenticated authorize authorization authorized guard protect ' +
    'protected middleware login logged session permission permissions admin role roles ' +
    'verify'
  ).split(' '),
);
/** Calls that check a JWT's signature: one in the function means its decode is not the check. */
const JWT_VERIFIERS = new Set([
  'jsonwebtoken.verify',
  'jose.jwtVerify',
  'jose.compactVerify',
  'jose.flattenedVerify',
  'jose.generalVerify',
  'jose.JWT.verify',
  'jose.JWS.verify',
  'jws.verify',
]);
/** `this.jwtService.decode(t)` (@nestjs/jwt): a decoder; `jwtService.verify(Async)`: a verifier. */
function nestJwtMethod(callee: TSESTree.Node): string | undefined {
  const c = unwrap(callee);
  if (c.type !== 'MemberExpression') return undefined;
  const method = memberName(c);
  if (method !== 'decode' && method !== 'verify' && method !== 'verifyAsync') return undefined;
  const service = calleeName(c.object);
  return service && /jwtService$/i.test(service) ? method : undefined;
}
/** Verifier names that say what they check: `verifyToken(t)`, `verifyJwt(req)`, `verifySignature(…)`. */
const VERIFY_NAME = /verify/i;
const TOKEN_WORDS = /jwt|token|signature|auth|session|bearer|access/i;
/** Parameters of server request handlers and middleware. */
const HANDLER_PARAMS = new Set(['req', 'request', 'ctx', 'next']);

type Fn = TSESTree.FunctionLike;

/** Front-end frameworks: a file importing one runs in the browser, which decodes its own token. */
const BROWSER_FRAMEWORK = /^(?:@angular\/|react$|react-dom|vue$|svelte|@ionic\/|preact)/;
/** Browser storage: a token read from it is the page's own, decoded for display or routing. */
const BROWSER_STORAGE = /^(?:window\.)?(?:localStorage|sessionStorage)\.getItem$/;

function calleeText(callee: TSESTree.Node): string {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return '';
  const object = calleeText(callee.object);
  return object ? `${object}.${callee.property.name}` : '';
}

function isBrowserFile(ast: TSESTree.Program): boolean {
  return ast.body.some(
    (s) => s.type === 'ImportDeclaration' && BROWSER_FRAMEWORK.test(String(s.source.value)),
  );
}

function enclosingFunctions(node: TSESTree.Node): Fn[] {
  const out: Fn[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (
      p.type === 'FunctionDeclaration' ||
      p.type === 'FunctionExpression' ||
      p.type === 'ArrowFunctionExpression'
    ) {
      out.push(p);
    }
  }
  return out;
}

/**
 * Inside a function named for authentication (auth, guard, login, session, role…), or a NestJS
 * guard's `canActivate` (a method of a class named …Guard).
 */
function isAuthNamed(fns: Fn[]): boolean {
  return fns.some((fn) => hasAny(new Set(functionWords(fn).name), AUTH_WORDS) || isGuardMethod(fn));
}

function isGuardMethod(fn: Fn): boolean {
  const method = fn.parent;
  if (method?.type !== 'MethodDefinition') return false;
  if (method.key.type === 'Identifier' && method.key.name === 'canActivate') return true;
  const cls = method.parent.parent;
  const name = (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') && cls.id?.name;
  return !!name && /Guard$/.test(name);
}

/** `token`, `req.headers.authorization`, `req.headers['x-token']`: a path naming the same value. */
function valuePath(node: TSESTree.Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type !== 'MemberExpression') return undefined;
  const base = valuePath(n.object);
  const key = memberName(n);
  return base !== undefined && key !== undefined ? `${base}.${key}` : undefined;
}

/** Inside a request handler or middleware (by its parameters). */
function isHandler(fns: Fn[]): boolean {
  return fns.some((fn) => functionWords(fn).params.some((p) => HANDLER_PARAMS.has(p)));
}

function sameValue(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const x = valuePath(a);
  return x !== undefined && x === valuePath(b);
}

/**
 * Does the token come from the request (`req.headers.authorization.split(' ')[1]`, `ctx.cookies.get('t')`),
 * directly or through constants? A handler decoding a token it keeps itself decides nothing on it.
 */
function fromRequest(
  resolver: Resolver,
  node: TSESTree.Node,
  depth = 0,
  seen: Set<unknown> = new Set(),
): boolean {
  if (depth > 8) return false;
  let n = unwrap(node);
  for (;;) {
    if (n.type === 'MemberExpression') n = unwrap(n.object);
    else if (n.type === 'CallExpression') n = unwrap(n.callee);
    else if (n.type === 'ChainExpression') n = unwrap(n.expression);
    else if (n.type === 'AwaitExpression') n = unwrap(n.argument);
    else break;
  }
  // `(req.headers.authorization ?? '').replace(…)`, `a ? b : c`, `'Bearer ' + x`: any part.
  if (n.type === 'LogicalExpression' || n.type === 'BinaryExpression')
    return (
      (n.left.type !== 'PrivateIdentifier' && fromRequest(resolver, n.left, depth + 1, seen)) ||
      fromRequest(resolver, n.right, depth + 1, seen)
    );
  if (n.type === 'ConditionalExpression')
    return (
      fromRequest(resolver, n.consequent, depth + 1, seen) ||
      fromRequest(resolver, n.alternate, depth + 1, seen)
    );
  if (n.type === 'TemplateLiteral')
    return n.expressions.some((e) => fromRequest(resolver, e, depth + 1, seen));
  if (n.type !== 'Identifier') return false;
  if (HANDLER_PARAMS.has(n.name)) return true;
  // Every value written to the variable: `const [, token] = …split(' ')`, `const { token } = req.cookies`,
  // `let token = req.headers.authorization; token = token.slice(7)`.
  const variable = resolver.variableOf(n);
  if (!variable || seen.has(variable)) return false;
  seen.add(variable);
  return variable.references.some(
    (r) =>
      r.isWrite() &&
      r.writeExpr !== null &&
      r.writeExpr !== undefined &&
      fromRequest(resolver, r.writeExpr, depth + 1, seen),
  );
}

/**
 * The callback a passport `authenticate(strategy, options?, (err, user, info) => …)` call is given
 * for a JWT strategy (named for it, as passport-jwt's `'jwt'` is), with its `user` and `info`
 * parameters, if `fns` (innermost first) holds one. A user another strategy accepted (a password
 * login) says nothing of a token.
 */
function passportCallback(fns: Fn[]): { fn: Fn; user?: string; info?: string } | undefined {
  for (const fn of fns) {
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || call.arguments[call.arguments.length - 1] !== fn) continue;
    const first = call.arguments[0];
    if (call.callee.type !== 'MemberExpression' || memberName(call.callee) !== 'authenticate') continue;
    if (first?.type !== 'Literal' || typeof first.value !== 'string' || !/jwt/i.test(first.value)) continue;
    const [, user, info] = fn.params;
    return {
      fn,
      ...(user?.type === 'Identifier' ? { user: user.name } : {}),
      ...(info?.type === 'Identifier' ? { info: info.name } : {}),
    };
  }
  return undefined;
}

/** The parts of a condition that all hold when it does (`a && b && c`). */
function conjuncts(test: TSESTree.Node): TSESTree.Node[] {
  const t = unwrap(test);
  return t.type === 'LogicalExpression' && t.operator === '&&'
    ? [...conjuncts(t.left), ...conjuncts(t.right)]
    : [t];
}

/**
 * Does `node` run only when some condition around it, up to `top`, passes `holds` (the consequent
 * of an `if` or a `?:`, the right of an `&&`)?
 */
function guardedBy(node: TSESTree.Node, top: Fn, holds: (test: TSESTree.Node) => boolean): boolean {
  for (let child = node, p = node.parent; p && child !== top; child = p, p = p.parent) {
    const test =
      (p.type === 'IfStatement' || p.type === 'ConditionalExpression') && p.consequent === child
        ? p.test
        : p.type === 'LogicalExpression' && p.operator === '&&' && p.right === child
          ? p.left
          : undefined;
    if (test && conjuncts(test).some(holds)) return true;
  }
  return false;
}

/**
 * Inside a passport callback, is the decode reached only once the strategy checked the token: under
 * a test that `user` is set (the strategy accepted the request), that `info` is jsonwebtoken's
 * `TokenExpiredError` (thrown only after the signature checked out), or a flag (`let renew = false`)
 * that only such tests set? Like a verify call elsewhere in the function, this says a verification
 * happened, not of which token.
 */
function afterPassportCheck(resolver: Resolver, node: TSESTree.Node, fns: Fn[]): boolean {
  const cb = passportCallback(fns);
  if (!cb) return false;
  // The callback's own parameter, as passport gave it: reassigned only later on (`user = renewed`).
  const isParam = (n: TSESTree.Node, name: string | undefined) => {
    const variable = n.type === 'Identifier' && n.name === name ? resolver.variableOf(n) : undefined;
    return (
      variable?.defs[0]?.node === cb.fn &&
      variable.references.every((r) => !r.isWrite() || writtenLater(r.identifier, n, cb.fn))
    );
  };
  const expired = (n: TSESTree.Node): boolean => {
    if (n.type !== 'BinaryExpression') return false;
    if (n.operator === 'instanceof')
      return isParam(n.left, cb.info) && calleeName(n.right) === 'TokenExpiredError';
    if (n.operator !== '===' && n.operator !== '==') return false;
    const name = (m: TSESTree.Node) =>
      m.type === 'MemberExpression' && memberName(m) === 'name' && isParam(m.object, cb.info);
    const literal = (m: TSESTree.Node) => m.type === 'Literal' && m.value === 'TokenExpiredError';
    return (name(n.left) && literal(n.right)) || (name(n.right) && literal(n.left));
  };
  const verified = (t: TSESTree.Node) => isParam(t, cb.user) || expired(t);
  return guardedBy(
    node,
    cb.fn,
    (t) => verified(t) || (t.type === 'Identifier' && setOnlyWhen(resolver, t, cb.fn, verified)),
  );
}

/**
 * Is the write at `write` done after `read` has been evaluated, whenever it is: later in the text of
 * `fn` itself (not in a function it defines), with no loop around `read` that holds it.
 */
function writtenLater(write: TSESTree.Node, read: TSESTree.Node, fn: Fn): boolean {
  if (write.range[0] < read.range[1] || enclosingFunctions(write)[0] !== fn) return false;
  for (let p = read.parent; p && p !== fn; p = p.parent)
    if (LOOPS.has(p.type) && p.range[1] > write.range[0]) return false;
  return true;
}

/** Is `flag` a variable declared `false` in `fn` that is set `true` only under a test `holds` passes? */
function setOnlyWhen(
  resolver: Resolver,
  flag: TSESTree.Identifier,
  fn: Fn,
  holds: (test: TSESTree.Node) => boolean,
): boolean {
  const variable = resolver.variableOf(flag);
  const def = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
  if (def?.type !== 'VariableDeclarator' || def.init?.type !== 'Literal' || def.init.value !== false)
    return false;
  if (enclosingFunctions(def)[0] !== fn) return false;
  return variable!.references.every((r) => {
    if (!r.isWrite() || r.identifier === def.id) return true;
    const write = r.identifier.parent;
    if (write?.type !== 'AssignmentExpression' || write.operator !== '=' || write.right.type !== 'Literal')
      return false;
    return write.right.value === false || (write.right.value === true && guardedBy(write, fn, holds));
  });
}

export default defineRule({
  meta: {
    id: 'js/jwt-decode-as-verify',
    kind: 'sast',
    title: 'JWT decoded without verification in authentication code',
    severity: 'high',
    cwe: ['CWE-345', 'CWE-347'],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    help:
      '`jwt.decode` (and `jwt-decode`, `jose.decodeJwt`) only base64-decodes the payload; it does ' +
      'not check the signature, so anyone can forge the claims. vigil reports a decode of a token taken ' +
      'from the request (directly, destructured or reassigned) inside a request handler or middleware, ' +
      'and any decode (including @nestjs/jwt `jwtService.decode`) in a function named for authentication ' +
      '(auth, guard, login, session, role, admin, permission…) or a NestJS guard, when nothing in that ' +
      'function verifies the token (a JWT verifier, or a verify function given the token) and it is not ' +
      "reached only once a passport JWT strategy's callback was given a user or jsonwebtoken's " +
      '`TokenExpiredError` (directly, or through a flag only those tests set); reading ' +
      'claims elsewhere (display names, expiry checks on the client) is not reported, nor is a page ' +
      'decoding its own token (browser storage, a file importing Angular, React, Vue or Svelte). ' +
      "jwt-simple's `decode(token, key, true)` (noVerify) is reported wherever it is. Verify instead: " +
      "`const claims = jwt.verify(token, key, { algorithms: ['RS256'] })`.",
    fixHint: 'Use jwt.verify (or jose.jwtVerify) with pinned algorithms; decode only for display.',
  },
  hint: /jsonwebtoken|jwt-decode|jose|jwt-simple/,
  create(context) {
    if (isBrowserFile(context.ast)) return {};
    const decodes: Array<{ node: TSESTree.CallExpression; fns: Fn[] }> = [];
    const verified = new Set<Fn>();
    /** Calls named verify/validate that are not known JWT verifiers: they count only when handed the token. */
    const maybeVerifiers: Array<{ node: TSESTree.CallExpression; fns: Fn[] }> = [];
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const resolver = resolverFor(context.ast);
        const name = calleeName(node.callee);
        const nest = nestJwtMethod(node.callee);
        let target = resolver.resolve(node.callee);
        if (nest === 'decode') target = 'jsonwebtoken.decode';
        else if (nest || (target && JWT_VERIFIERS.has(target))) {
          enclosingFunctions(node).forEach((fn) => verified.add(fn));
          return;
        } else if (name && VERIFY_NAME.test(name)) {
          if (TOKEN_WORDS.test(name)) enclosingFunctions(node).forEach((fn) => verified.add(fn));
          else maybeVerifiers.push({ node, fns: enclosingFunctions(node) });
          return;
        }
        // jwt-simple's `decode(token, key, noVerify)`: told outright not to check the signature.
        if (target === 'jwt-simple.decode') {
          const noVerify = node.arguments[2];
          if (noVerify && noVerify.type !== 'SpreadElement' && resolver.staticValue(noVerify)?.value === true)
            context.report({
              node,
              message:
                'jwt-simple decode() with noVerify: the signature is not checked, so the claims can be forged.',
            });
          return;
        }
        if (!target || !DECODERS.has(target)) return;
        // jwtDecode(localStorage.getItem('token')), directly or through a constant.
        let token = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
        if (token?.type === 'Identifier') token = resolver.constantInit(token) ?? token;
        if (token?.type === 'CallExpression' && BROWSER_STORAGE.test(calleeText(token.callee))) return;
        const fns = enclosingFunctions(node);
        if (isAuthNamed(fns) || (isHandler(fns) && token !== undefined && fromRequest(resolver, token)))
          decodes.push({ node, fns });
      },
      'Program:exit'() {
        for (const { node, fns } of decodes) {
          if (fns.some((fn) => verified.has(fn))) continue;
          if (afterPassportCheck(resolverFor(context.ast), node, fns)) continue;
          // verifyCaptcha(req.body.captcha) checks something else; verifyIt(token) may check this token.
          const token = node.arguments[0];
          if (
            token &&
            maybeVerifiers.some(
              (v) =>
                v.fns.some((fn) => fns.includes(fn)) &&
                v.node.arguments.some((a) => a.type !== 'SpreadElement' && sameValue(a, token)),
            )
          )
            continue;
          context.report({
            node,
            message: 'The token is decoded but never verified: its claims can be forged.',
          });
        }
      },
    };
  },
});
