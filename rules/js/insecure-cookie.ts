import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import {
  findProperty as findLiteralProperty,
  resolverFor,
  unwrap,
  type Resolver,
} from '../../src/sast/resolve.ts';
import { splitWords } from '../../src/sast/naming.ts';
import { lastProp, objectShape } from '../../src/sast/object-props.ts';
import { isDomDocument } from '../../src/sast/dom-document.ts';

/** Session middlewares whose options carry the session cookie's flags. */
const SESSION_MODULES = new Set(['express-session', 'cookie-session', 'koa-session']);
/** Session plugins registered on fastify: `app.register(fastifySession, { cookie: {…} })`. */
const FASTIFY_SESSION = new Set(['@fastify/session', 'fastify-session']);
/** Names of a response parameter (Express, NestJS `@Res()`, fastify's reply). */
const RESPONSE_NAME = /^(?:res|resp|response|reply)$/i;

/** Cookie names that carry a session or credential (a CSRF token must stay readable by script). */
const AUTH_COOKIE_WORDS = new Set([
  'token',
  'session',
  'sess',
  'sid',
  'auth',
  'jwt',
  'access',
  'refresh',
  'remember',
  'login',
]);

function isAuthCookieName(resolver: Resolver, node: TSESTree.Node | undefined): boolean {
  if (!node || node.type === 'SpreadElement') return false;
  const v = resolver.staticValue(node);
  if (typeof v?.value !== 'string') return false;
  const words = splitWords(v.value);
  return words.some((w) => AUTH_COOKIE_WORDS.has(w)) && !words.some((w) => w === 'csrf' || w === 'xsrf');
}

/** What a cookie is known to carry: a session or credential, something else, or unknown (a computed name). */
type Carries = 'session' | 'other' | 'unknown';

function cookieCarries(resolver: Resolver, name: TSESTree.Node | undefined): Carries {
  if (isAuthCookieName(resolver, name)) return 'session';
  const v = name && name.type !== 'SpreadElement' ? resolver.staticValue(name) : undefined;
  return typeof v?.value === 'string' ? 'other' : 'unknown';
}

/**
 * A flag turned off is the weakness itself on a session or credential cookie; on a UI hint or a
 * CSRF token (which script must read) it is a look at most, and unknown in between.
 */
const FLAG_OFF_PRECISION = { session: undefined, unknown: 'medium', other: 'low' } as const;

function staticOf(program: TSESTree.Program, prop: TSESTree.Property | undefined) {
  return prop ? resolverFor(program).staticValue(prop.value) : undefined;
}

/** Methods that set a response header by name (Node, Express, Koa, Fetch `Headers`). */
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);

/** A text put together from constants and the values between them (`sid=${id}; Secure`). */
type Piece = string | TSESTree.Node;

/** The pieces of a `+` chain or template literal, constants (and `const` bindings of them) as text. */
function textPieces(resolver: Resolver, node: TSESTree.Node, depth = 0): Piece[] {
  const n = unwrap(node);
  const v = resolver.staticValue(n)?.value;
  if (typeof v === 'string') return [v];
  if (depth > 8) return [n];
  if (n.type === 'BinaryExpression' && n.operator === '+')
    return [...textPieces(resolver, n.left, depth + 1), ...textPieces(resolver, n.right, depth + 1)];
  if (n.type === 'TemplateLiteral')
    return n.quasis.flatMap((q, i) => {
      const e = n.expressions[i];
      return [q.value.cooked ?? '', ...(e ? textPieces(resolver, e, depth + 1) : [])];
    });
  const init = n.type === 'Identifier' ? resolver.constantInit(n) : undefined;
  return init ? textPieces(resolver, init, depth + 1) : [n];
}

/**
 * A `Set-Cookie` header value written in the code: the cookie's name and its attributes in lower
 * case (`secure; httponly`). Undefined when the name is not constant text, or when a value after
 * the cookie's own could add attributes. A cookie being cleared (no value, `Max-Age=0`) is none.
 */
function setCookieText(
  resolver: Resolver,
  node: TSESTree.Node,
): { name: string; attributes: string } | undefined {
  const pieces = textPieces(resolver, node).filter((p) => p !== '');
  const first = pieces[0];
  const eq = typeof first === 'string' ? first.indexOf('=') : -1;
  if (typeof first !== 'string' || eq <= 0) return undefined;
  const text = pieces.map((p) => (typeof p === 'string' ? p : '\0')).join('');
  const semi = text.indexOf(';');
  const value = semi < 0 ? text.slice(eq + 1) : text.slice(eq + 1, semi);
  const attributes = semi < 0 ? '' : text.slice(semi + 1).toLowerCase();
  // The cookie's value may be one value; any other after it could carry attributes of its own.
  if (value.split('\0').length > 2 || attributes.includes('\0')) return undefined;
  if (value.trim() === '' || /max-age\s*=\s*0\b/.test(attributes)) return undefined;
  return { name: first.slice(0, eq).trim(), attributes };
}

/** Is `attribute` (lower case, no value) among a cookie's attributes? */
function hasAttribute(attributes: string, attribute: string): boolean {
  return attributes.split(';').some((a) => a.trim().split('=')[0]!.trim() === attribute);
}

export default defineRule({
  meta: {
    id: 'js/insecure-cookie',
    kind: 'sast',
    title: 'Session or auth cookie without Secure / HttpOnly',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-614', 'CWE-1004', 'CWE-1275'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'A cookie set with `secure: false` is sent over plain http, where anyone on the path can ' +
      'read it; `httpOnly: false` lets any script injected into the page read it; ' +
      "`sameSite: 'none'` without `secure` is rejected by browsers or, in old ones, sent on every " +
      'cross-site request. vigil reports these flags on `res.cookie()` (any response parameter: ' +
      '`reply`, a NestJS `@Res()`), @fastify/cookie `setCookie`, and on express-session / ' +
      'cookie-session / koa-session / @fastify/session options, unless the flag is assigned again ' +
      'after the options are declared (`if (prod) sess.cookie.secure = true`) (on a cookie named for something else, such as a UI hint or a CSRF ' +
      'token script must read, at low precision; medium when the name is computed); at medium ' +
      'precision, express-session `cookie` options without ' +
      '`secure` (its default is false), an Express `res.cookie` of a session/auth cookie (token, ' +
      'session, sid, jwt…) without `httpOnly`/`secure` (Express sets neither by default), and a ' +
      "session cookie with `sameSite: 'none'` (every cross-site request carries it); at low " +
      'precision, express-session without `name` (its default, `connect.sid`, names the stack) and ' +
      'a `document.cookie` write (a cookie set by script can never be HttpOnly). A `Set-Cookie` header ' +
      "written as text (`res.setHeader('Set-Cookie', `sid=${id}; Path=/`)`, `writeHead`) is read the same " +
      'way: SameSite=None without Secure, and at medium precision a session/auth cookie without ' +
      'HttpOnly or Secure, or with SameSite=None. Set them: ' +
      "`session({ secret, name: 'id', cookie: { secure: true, httpOnly: true, sameSite: 'lax' } })`.",
    fixHint: "Set secure: true and httpOnly: true (sameSite: 'lax' or 'strict').",
  },
  hint: namesHint([
    'secure',
    'httpOnly',
    'httponly',
    'sameSite',
    'samesite',
    'cookie',
    'Set-Cookie',
    'set-cookie',
  ]),
  create(context) {
    const program = context.ast;
    /** Flags of one cookie's options object. */
    const checkOptions = (
      node: TSESTree.Node | undefined,
      carries: Carries,
      written: ReadonlySet<string> = writtenLater(node),
    ) => {
      const o = objectLiteral(node);
      if (!o) return;
      // `if (prod) sess.cookie.secure = true`: the literal is a development default.
      const findProperty = (obj: TSESTree.ObjectExpression, key: string) =>
        written.has(key) ? undefined : findLiteralProperty(obj, key);
      const precision = FLAG_OFF_PRECISION[carries];
      const graded = precision ? { precision } : {};
      const secure = findProperty(o, 'secure');
      const secureValue = staticOf(program, secure);
      if (secure && secureValue && !secureValue.value) {
        context.report({ node: secure, message: 'Cookie sent over plain http (secure: false).', ...graded });
      }
      for (const key of ['httpOnly', 'httponly']) {
        const prop = findProperty(o, key);
        const v = staticOf(program, prop);
        if (prop && v && !v.value) {
          context.report({
            node: prop,
            message: 'Cookie readable by page scripts (httpOnly: false).',
            ...graded,
          });
        }
      }
      const sameSite = findProperty(o, 'sameSite') ?? findProperty(o, 'samesite');
      const s = staticOf(program, sameSite);
      if (sameSite && s && String(s.value).toLowerCase() === 'none') {
        if (!(secureValue && secureValue.value)) {
          context.report({ node: sameSite, message: "sameSite: 'none' without secure: true." });
        } else if (carries === 'session') {
          // Secure, but sent on every cross-site request: the browser's Lax default against CSRF is off.
          context.report({
            node: sameSite,
            precision: 'medium',
            message:
              "Session cookie with sameSite: 'none': every cross-site request carries it (no CSRF defence from the browser).",
          });
        }
      }
    };
    const resolver = resolverFor(program);
    /** Keys assigned after the options object was declared (`opts.cookie.secure = true`), at any depth. */
    const writtenLater = (node: TSESTree.Node | undefined): Set<string> => {
      if (!node || node.type === 'SpreadElement') return new Set();
      return new Set(
        objectShape(resolver, node)
          .props.filter((p) => p.node.type === 'AssignmentExpression')
          .map((p) => p.key),
      );
    };
    /** An options object written in place or held by a constant: `session(opts)`. */
    const objectLiteral = (node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined => {
      let o = node && unwrap(node);
      if (o?.type === 'Identifier') {
        const init = resolver.constantInit(o);
        o = init && unwrap(init);
      }
      return o?.type === 'ObjectExpression' ? o : undefined;
    };
    /** express-session defaults to `secure: false`: a cookie block without `secure` sends the id over http. */
    const checkSessionSecure = (node: TSESTree.CallExpression, options: TSESTree.Node) => {
      const shape = objectShape(resolver, options);
      const cookie = lastProp(shape.props, 'cookie');
      if (!shape.complete || !cookie?.value || !objectShape(resolver, cookie.value).complete) return;
      if (shape.props.some((p) => p.key === 'secure')) return;
      context.report({
        node,
        precision: 'medium',
        message:
          'express-session cookie options without `secure` (it defaults to false): the session id travels over http.',
      });
    };
    /** express-session's default cookie name (`connect.sid`) tells every client which stack runs. */
    const checkSessionName = (node: TSESTree.CallExpression, options: TSESTree.Node) => {
      const shape = objectShape(resolver, options);
      if (!shape.complete || lastProp(shape.props, 'name')) return;
      context.report({
        node,
        precision: 'low',
        message:
          "express-session without `name`: the default cookie name 'connect.sid' fingerprints the server.",
      });
    };
    /** Express sets neither HttpOnly nor Secure unless asked: an auth cookie without them. */
    const checkExpressDefaults = (node: TSESTree.CallExpression, callee: TSESTree.MemberExpression) => {
      const receiver = unwrap(callee.object);
      if (receiver.type !== 'Identifier' || !RESPONSE_NAME.test(receiver.name)) return;
      if (!isAuthCookieName(resolver, node.arguments[0])) return;
      const options = node.arguments[2];
      if (options?.type === 'SpreadElement') return;
      const shape = options ? objectShape(resolver, options) : { props: [], complete: true };
      if (!shape.complete) return;
      const missing = ['httpOnly', 'secure'].filter((k) => !lastProp(shape.props, k));
      if (!missing.length) return;
      context.report({
        node,
        precision: 'medium',
        message: `Session/auth cookie set without ${missing.join(' and ')} (Express leaves them off by default).`,
      });
    };
    /** A session or auth cookie written as `Set-Cookie` header text: the attributes it lacks. */
    const checkSetCookie = (value: TSESTree.Node) => {
      const values = value.type === 'ArrayExpression' ? value.elements : [value];
      for (const v of values) {
        if (!v || v.type === 'SpreadElement') continue;
        const cookie = setCookieText(resolver, v);
        if (!cookie) continue;
        const { name, attributes } = cookie;
        const session = splitWords(name).some((w) => AUTH_COOKIE_WORDS.has(w)) && !/csrf|xsrf/i.test(name);
        const secure = hasAttribute(attributes, 'secure');
        const sameSiteNone = attributes.split(';').some((a) => /^\s*samesite\s*=\s*none\s*$/.test(a));
        if (sameSiteNone && !secure) {
          context.report({ node: v, message: 'Set-Cookie with SameSite=None without Secure.' });
          continue;
        }
        if (!session) continue;
        const missing = [
          ...(hasAttribute(attributes, 'httponly') ? [] : ['HttpOnly']),
          ...(secure ? [] : ['Secure']),
        ];
        if (missing.length)
          context.report({
            node: v,
            precision: 'medium',
            message: `Session/auth cookie set by a Set-Cookie header without ${missing.join(' and ')}.`,
          });
        else if (sameSiteNone)
          context.report({
            node: v,
            precision: 'medium',
            message:
              'Session cookie with SameSite=None: every cross-site request carries it (no CSRF defence from the browser).',
          });
      }
    };
    /** `res.setHeader('Set-Cookie', text)` and kin, or `res.writeHead(200, { 'Set-Cookie': text })`. */
    const setCookieValue = (method: string, args: TSESTree.CallExpressionArgument[]) => {
      const [first, second] = args;
      if (HEADER_SETTERS.has(method)) {
        const header =
          first && first.type !== 'SpreadElement' ? resolver.staticValue(first)?.value : undefined;
        return typeof header === 'string' &&
          header.toLowerCase() === 'set-cookie' &&
          second?.type !== 'SpreadElement'
          ? second
          : undefined;
      }
      const headers =
        method === 'writeHead' ? objectLiteral(args.find((a) => a.type === 'ObjectExpression')) : undefined;
      const prop = headers?.properties.find(
        (p): p is TSESTree.Property =>
          p.type === 'Property' &&
          String(
            resolver.staticValue(p.key)?.value ?? (p.key.type === 'Identifier' ? p.key.name : ''),
          ).toLowerCase() === 'set-cookie',
      );
      return prop?.value;
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        const target = resolverFor(program).resolve(callee);
        if (target && SESSION_MODULES.has(target)) {
          const options = node.arguments[0];
          if (!options || options.type === 'SpreadElement') return;
          // express-session nests the flags under `cookie`; cookie-session and koa-session take them at the top.
          checkOptions(
            target === 'express-session'
              ? findLiteralProperty(objectLiteral(options), 'cookie')?.value
              : options,
            'session',
            writtenLater(options),
          );
          if (target === 'express-session') {
            checkSessionSecure(node, options);
            checkSessionName(node, options);
          }
          return;
        }
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        const setCookie = setCookieValue(method, node.arguments);
        if (setCookie) return checkSetCookie(setCookie);
        // @fastify/session: app.register(fastifySession, { secret, cookie: { secure: false } })
        if (method === 'register') {
          const plugin = node.arguments[0];
          const options = node.arguments[1];
          if (!plugin || plugin.type === 'SpreadElement' || !options || options.type === 'SpreadElement')
            return;
          const name = resolver.resolve(plugin);
          if (name && FASTIFY_SESSION.has(name))
            checkOptions(
              findLiteralProperty(objectLiteral(options), 'cookie')?.value,
              'session',
              writtenLater(options),
            );
          return;
        }
        // res.cookie(name, value, options) (Express), reply.setCookie (@fastify/cookie) and
        // ctx.cookies.set(name, value, options) (Koa).
        const isExpress = method === 'cookie' || method === 'setCookie';
        const isKoa =
          method === 'set' &&
          unwrap(callee.object).type === 'MemberExpression' &&
          (unwrap(callee.object) as TSESTree.MemberExpression).property.type === 'Identifier' &&
          ((unwrap(callee.object) as TSESTree.MemberExpression).property as TSESTree.Identifier).name ===
            'cookies';
        if (!isExpress && !isKoa) return;
        const options = node.arguments[2];
        if (options && options.type !== 'SpreadElement')
          checkOptions(options, cookieCarries(resolver, node.arguments[0]));
        if (isExpress) checkExpressDefaults(node, callee);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        const left = node.left;
        if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return;
        if (left.property.name !== 'cookie' || !isDomDocument(resolver, left.object)) return;
        context.report({
          node,
          precision: 'low',
          message: 'A cookie written by script cannot be HttpOnly: any injected script reads it too.',
        });
      },
    };
  },
});
