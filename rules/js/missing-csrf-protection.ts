import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { memberName, propertyKey, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { splitWords } from '../../src/sast/naming.ts';

/** Session middlewares keeping the user's login in a cookie the browser sends by itself. */
const SESSIONS = new Set(['express-session', 'cookie-session']);
/** Methods whose handlers change state (what a CSRF check guards; GET is taken to read). */
const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete', 'del']);
/**
 * Any mention of CSRF in the file's code (a name or a string; a commented-out `csurf` protects
 * nothing): a protection library (csurf, csrf-csrf, csrf-sync, tiny-csrf, lusca,
 * @dr.pogodin/csurf…) or a token the program checks itself.
 */
const MENTIONS_CSRF = /csrf|xsrf|csurf|lusca/i;
/** Cookie names that carry a login, when cookie-parser reads them for authentication. */
const AUTH_WORDS = new Set(['session', 'sid', 'token', 'auth', 'jwt', 'login', 'user', 'remember']);

/** `express()`, `express.Router()`, `Router()`: an Express app or router, here or in a `const`. */
function isExpressRouter(resolver: Resolver, node: TSESTree.Node): boolean {
  let n = unwrap(node);
  // router.route('/x').post(…)
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && memberName(n.callee) === 'route')
    n = unwrap(n.callee.object);
  const made = n.type === 'Identifier' ? resolver.constantInit(n) : n;
  if (made?.type !== 'CallExpression') return false;
  const maker = resolver.resolve(made.callee);
  return maker === 'express' || maker === 'express.Router';
}

/** `req.cookies.token`, `req.signedCookies['sid']`: a login read from a cookie. */
function readsAuthCookie(node: TSESTree.MemberExpression): boolean {
  const object = unwrap(node.object);
  if (object.type !== 'MemberExpression') return false;
  const jar = memberName(object);
  if (jar !== 'cookies' && jar !== 'signedCookies') return false;
  return splitWords(memberName(node) ?? '').some((w) => AUTH_WORDS.has(w));
}

export default defineRule({
  meta: {
    id: 'js/missing-csrf-protection',
    kind: 'sast',
    title: 'Cookie session without CSRF protection',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-352'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'An Express app that keeps its login in a cookie (express-session, cookie-session, or ' +
      'cookie-parser reading a session or token cookie) and accepts POST/PUT/PATCH/DELETE requests ' +
      'trusts any request that carries the cookie, and the browser attaches it to a form another ' +
      'site submits: that site acts as the user. vigil reports the session middleware of a file ' +
      'that registers such routes on an Express app or router, mentions no CSRF protection at all ' +
      "(csurf, csrf-csrf, csrf-sync, tiny-csrf, lusca's csrf, a hand-written token check) and sets " +
      "no `sameSite: 'strict'` or `'lax'` on a cookie. Medium precision: routes and middleware in " +
      'other files are not seen, and browsers that default to Lax cookies block the simplest attack. ' +
      "Add CSRF tokens (`doubleCsrf` of csrf-csrf, `lusca.csrf()`) and set `sameSite: 'lax'` on the session cookie.",
    fixHint:
      "Add CSRF token middleware (csrf-csrf, lusca.csrf) and set sameSite: 'lax' on the session cookie.",
  },
  hint: /express-session|cookie-session|cookie-parser/,
  create(context) {
    const resolver = resolverFor(context.ast);
    // Names and strings are looked at only when the text mentions CSRF somewhere.
    const mayMention = MENTIONS_CSRF.test(context.sourceText);
    let mentionsCsrf = false;
    const mention = (text: unknown) => {
      if (mayMention && !mentionsCsrf && typeof text === 'string' && MENTIONS_CSRF.test(text))
        mentionsCsrf = true;
    };
    let session: TSESTree.CallExpression | undefined;
    let cookieParser: TSESTree.CallExpression | undefined;
    let authCookie = false;
    let sameSite = false;
    let route: { node: TSESTree.CallExpression; method: string } | undefined;
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        if (callee.type === 'MemberExpression') {
          const method = memberName(callee) ?? '';
          if (!route && STATE_CHANGING.has(method) && isExpressRouter(resolver, callee.object))
            route = { node, method: method.toUpperCase() };
          return;
        }
        const target = resolver.resolve(callee);
        if (target && SESSIONS.has(target)) session ??= node;
        else if (target === 'cookie-parser') cookieParser ??= node;
      },
      Identifier(node: TSESTree.Identifier) {
        mention(node.name);
      },
      Literal(node: TSESTree.Literal) {
        mention(node.value);
      },
      TemplateElement(node: TSESTree.TemplateElement) {
        mention(node.value.raw);
      },
      MemberExpression(node: TSESTree.MemberExpression) {
        if (!authCookie && readsAuthCookie(node)) authCookie = true;
      },
      Property(node: TSESTree.Property) {
        if (propertyKey(node)?.toLowerCase() !== 'samesite') return;
        const value = resolver.staticValue(node.value)?.value;
        if (value === true || (typeof value === 'string' && /^(?:strict|lax)$/i.test(value))) sameSite = true;
      },
      'Program:exit'() {
        const middleware = session ?? (authCookie ? cookieParser : undefined);
        if (!middleware || !route || sameSite || mentionsCsrf) return;
        context.report({
          node: middleware,
          message: `Cookie-based login with ${route.method} routes (line ${context.locationOf(route.node).startLine}) and no CSRF protection: another site can submit those requests as the user.`,
        });
      },
    };
  },
});
