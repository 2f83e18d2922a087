import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { admitsBelow } from '../../src/sast/declared-dependencies.ts';
import { functionWords, isFunctionNode, splitWords, type FunctionNode } from '../../src/sast/naming.ts';
import {
  calleeName,
  findProperty,
  memberName,
  propertyKey,
  resolverFor,
  scopeManagerFor,
  unwrap,
} from '../../src/sast/resolve.ts';
import { defineRule } from '../../src/sast/rule.ts';

type Node = TSESTree.Node;

/**
 * What a session key names (its last word, after `id`, `name`, `in`, `info`…) when it says who is
 * logged in: `user`, `userId`, `user_name`, `accountId`, `loggedIn`, `isAdmin`, `authenticated`.
 * `login` counts alone only: `forceLogin`, `lastLogin` and `loginEmail` are about a login, not one.
 */
const IDENTITY = new Set(
  'user username uid account identity principal member role roles admin passport auth authed authenticated authorized logged signed'.split(
    ' ',
  ),
);
/** Trailing words that leave the key naming the same thing (`userId`, `loggedIn`, `accountInfo`). */
const QUALIFIERS = new Set('id ids name in on info data details profile obj object'.split(' '));
/**
 * Words that make a key about a login still under way or somewhere to go, not a login
 * (`twoFactorPendingUserId`, `oauthStateUser`, `returnToUser`).
 */
const NOT_A_LOGIN = new Set(
  'pending challenge return redirect next url path state nonce attempt attempts error errors message flash expired expires'.split(
    ' ',
  ),
);
/**
 * Words of a handler's name, or of a call before the write, that say someone logs in
 * (`handleLogin`, `signIn`, `users.authenticate(…)`). Not `auth`: `requireAuth` middleware checks a
 * login and may refresh the session's user.
 */
const LOGIN = new Set(['login', 'signin', 'logon', 'authenticate']);
/** …and of a route's path segment (`/auth/local`, `/api/signin`). */
const LOGIN_PATH = new Set([...LOGIN, 'auth']);
/**
 * Words of a call before the write that checks a credential (`checkPassword`, `user.comparePassword`,
 * `jwt.verify`, `verifyCredentials`). Reading a password is not enough: a profile update does too.
 */
const CHECK_WORDS = new Set(['verify', 'password', 'passwd', 'passphrase', 'credentials']);
/** Password and constant-time checks by module: `bcrypt.compare`, `argon2.verify`, `crypto.timingSafeEqual`. */
const CHECKS = /^(?:bcrypt|bcryptjs|argon2|@node-rs\/argon2|@node-rs\/bcrypt)\.|^crypto\.timingSafeEqual$/;
/**
 * Session middlewares that keep the session in the cookie, not under an id the server looks up
 * (koa-session unless given a `store`, which is not looked at).
 */
const COOKIE_SESSIONS = ['cookie-session', 'client-sessions', 'koa-session'];
/** passport's `req.login` regenerates the session itself from 0.6 on. */
const PASSPORT_REGENERATES = '0.6';

/** The words of a name, `signIn` and `logOn` as one word (`logIn` is passport's, decided by its version). */
function wordsOf(name: string): string[] {
  return joinedPairs(splitWords(name));
}

function joinedPairs(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = words[i]! + (words[i + 1] ?? '');
    if (pair === 'signin' || pair === 'logon') {
      out.push(pair);
      i++;
    } else out.push(words[i]!);
  }
  return out;
}

/** Does a session key say it holds who is logged in? */
function identityKey(key: string): boolean {
  const words = wordsOf(key);
  if (words.some((w) => NOT_A_LOGIN.has(w))) return false;
  let end = words.length - 1;
  while (end > 0 && QUALIFIERS.has(words[end]!)) end--;
  const head = words[end];
  return head !== undefined && (IDENTITY.has(head) || (head === 'login' && words.length === 1));
}

/** `null`, `undefined`, `false`, `0`, `''`: a write that clears a login (a logout), not one that marks it. */
function clears(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'Literal') return !n.value;
  return n.type === 'Identifier' && n.name === 'undefined';
}

export default defineRule({
  meta: {
    id: 'js/session-fixation',
    kind: 'sast',
    title: 'Login without a new session id (session fixation)',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-384'],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    help:
      'An Express handler that logs a user in by writing who they are into the existing server-side ' +
      'session (`req.session.user = user`, `req.session.loggedIn = true`) keeps the session id the ' +
      'browser arrived with. Someone who planted that id beforehand (a cookie set from a subdomain, ' +
      'an id in a URL, a shared computer) shares the session and is logged in as the victim. vigil ' +
      'reports a write of an identity key (user, userId, account, auth, loggedIn, role, admin, identity…; ' +
      'not a pending, challenge or returnTo key, not a write that clears it) to the session of a ' +
      'handler whose first parameter is the request, when the handler logs someone in: its name or ' +
      "its name says login, signin, logon or authenticate, its route's path also auth, or before the " +
      'write it calls something named so, or named for a password, credentials or verify, or checks ' +
      'a hash (bcrypt, argon2, timingSafeEqual). A `req.session.regenerate(…)` earlier in the handler, or around the ' +
      "write (its callback), is the fix. passport's `req.login`/`req.logIn` and `passport.authenticate` " +
      'without a callback or `session: false` are reported only where the package declares passport ' +
      'below 0.6, which did not regenerate the session. A package that declares cookie-session ' +
      '(client-sessions, koa-session) and not express-session keeps the session in the cookie, ' +
      'which a login replaces: nothing is reported there. Medium precision: whether an attacker ' +
      'can plant a session id depends on the deployment.',
    fixHint:
      'Call req.session.regenerate() and store the user in its callback, or upgrade passport to 0.6 or later.',
  },
  hint: /session|\blog[iI]n\b|passport/,
  declares: ['passport', 'express-session', ...COOKIE_SESSIONS],
  create(context) {
    const declared = context.taint?.declared ?? {};
    // A session kept in the cookie itself is a new cookie once a login writes to it: nothing planted survives.
    if (COOKIE_SESSIONS.some((m) => m in declared) && !('express-session' in declared)) return {};
    const resolver = resolverFor(context.ast);
    const passport = declared['passport'];
    const oldPassport = passport !== undefined && admitsBelow(passport, PASSPORT_REGENERATES);
    /** Where the session was made new, and where the code shows someone logs in, in source order. */
    const regenerations: Node[] = [];
    const evidence: Node[] = [];

    /** The handler whose first parameter `id` is: a function of the request and at least the response. */
    const handlerOf = (id: Node): FunctionNode | undefined => {
      const n = unwrap(id);
      if (n.type !== 'Identifier') return undefined;
      const def = resolver.variableOf(n)?.defs[0];
      if (def?.type !== 'Parameter' || !isFunctionNode(def.node)) return undefined;
      const fn = def.node;
      return fn.params.length >= 2 && fn.params[0] === def.name ? fn : undefined;
    };
    /**
     * The handlers whose session `node` (used at `at`) is, each with the place in the handler the
     * session is used from: `req.session`, a `const session = req.session`, or the parameter of a
     * helper of this file the handler hands its session to (`loginSucceeded(req.session, user)`).
     */
    const sessionsOf = (
      node: Node,
      at: Node,
      viaHelper = true,
    ): Array<{ handler: FunctionNode; site: Node; helper?: FunctionNode }> => {
      let n = unwrap(node);
      if (n.type === 'Identifier') {
        const def = resolver.variableOf(n)?.defs[0];
        if (viaHelper && def?.type === 'Parameter' && isFunctionNode(def.node)) {
          const helper = def.node;
          const index = helper.params.indexOf(def.name as TSESTree.Parameter);
          return callsOf(helper).flatMap((call) => {
            const arg = call.arguments[index];
            return index >= 0 && arg ? sessionsOf(arg, call, false).map((s) => ({ ...s, helper })) : [];
          });
        }
        const init = resolver.constantInit(n);
        if (!init) return [];
        n = unwrap(init);
      }
      const handler =
        n.type === 'MemberExpression' && memberName(n) === 'session' ? handlerOf(n.object) : undefined;
      return handler ? [{ handler, site: at }] : [];
    };
    /** The calls of a named function of this file (`function f() {}`, `const f = () => …`). */
    const callsOf = (fn: FunctionNode): TSESTree.CallExpression[] => {
      const holder = fn.type === 'FunctionDeclaration' ? fn : fn.parent;
      if (!holder || (holder.type !== 'FunctionDeclaration' && holder.type !== 'VariableDeclarator'))
        return [];
      const name = holder.id?.type === 'Identifier' ? holder.id.name : undefined;
      const variable = scopeManagerFor(context.ast)
        .getDeclaredVariables(holder)
        .find((v) => v.name === name);
      return (variable?.references ?? []).flatMap(({ identifier }) => {
        const call = identifier.parent;
        return call?.type === 'CallExpression' && call.callee === identifier ? [call] : [];
      });
    };
    const before = (list: Node[], handler: FunctionNode, at: Node) =>
      list.some((e) => e.range[0] >= handler.range[0] && e.range[0] < at.range[0]);
    /** A handler or the route it is registered on names a login (`handleLogin`, `router.post('/signin', …)`). */
    const namedLogin = (handler: FunctionNode): boolean => {
      if (joinedPairs(functionWords(handler).name).some((w) => LOGIN.has(w))) return true;
      const route = handler.parent;
      if (route?.type !== 'CallExpression' || route.callee.type !== 'MemberExpression') return false;
      const path = route.arguments[0] && resolver.staticValue(route.arguments[0])?.value;
      return (
        typeof path === 'string' &&
        path.split('/').some((part) => wordsOf(part).some((w) => LOGIN_PATH.has(w)))
      );
    };
    /**
     * Writes of who is logged in to an object's keys, decided at the end: a helper's may come
     * before its handler (whose calls have no parents until the walk reaches them).
     */
    const writes: Array<{ at: Node; what: string; object: Node }> = [];
    /** Handlers reported once, at their first login write: one regenerate before it fixes them all. */
    const reported = new Set<FunctionNode>();
    const check = ({ at, what, object }: (typeof writes)[number]) => {
      const unprotected = sessionsOf(object, at).find(
        ({ handler, site, helper }) =>
          !reported.has(handler) &&
          !before(regenerations, handler, site) &&
          !(helper && before(regenerations, helper, at)) &&
          (namedLogin(handler) || before(evidence, handler, site)),
      );
      if (!unprotected) return;
      reported.add(unprotected.handler);
      context.report({
        node: at,
        message: `${what} in the session a login keeps: without req.session.regenerate() first, a session id planted before the login is logged in too.`,
      });
    };
    const passportLogin = (
      at: TSESTree.CallExpression,
      handler: FunctionNode | undefined,
      options: Node | undefined,
    ) => {
      if (!oldPassport || (handler && before(regenerations, handler, at))) return;
      const session = options && findProperty(options, 'session');
      if (session && resolver.staticValue(session.value)?.value === false) return;
      context.report({
        node: at,
        message: `passport ${passport} logs in without a new session id (from 0.6 it regenerates the session): a session id planted before the login is logged in too.`,
      });
    };

    return {
      MemberExpression(node: TSESTree.MemberExpression) {
        // `req.session.regenerate(cb)`, handed over (`promisify(req.session.regenerate)`), or a
        // helper's (`session.regenerate`): where it counts is decided by where it stands.
        if (memberName(node) !== 'regenerate') return;
        const object = unwrap(node.object);
        if (
          object.type === 'Identifier' ||
          (object.type === 'MemberExpression' && memberName(object) === 'session')
        )
          regenerations.push(node);
      },
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        const target = resolver.resolve(callee);
        // passport imported here, or handed in (`module.exports = (passport) => …`).
        const passportCall =
          target === 'passport.authenticate' ||
          (callee.type === 'MemberExpression' &&
            memberName(callee) === 'authenticate' &&
            unwrap(callee.object).type === 'Identifier' &&
            (unwrap(callee.object) as TSESTree.Identifier).name === 'passport');
        if (passportCall) {
          if (!node.arguments.some((a) => isFunctionNode(unwrap(a))))
            passportLogin(node, undefined, node.arguments[1]);
          evidence.push(node);
          return;
        }
        if (target && CHECKS.test(target)) {
          evidence.push(node);
          return;
        }
        if (callee.type === 'MemberExpression') {
          const name = memberName(callee) ?? '';
          const handler = handlerOf(callee.object);
          if (handler) {
            // Calls on the request (`req.logIn`) are passport's: they log in, they do not check anything.
            if (name === 'login' || name === 'logIn') passportLogin(node, handler, node.arguments[1]);
            return;
          }
          // Object.assign(req.session, { user })
          const object = node.arguments[0];
          if (target === 'Object.assign' && object) {
            for (const source of node.arguments.slice(1)) {
              const o = unwrap(source);
              if (o.type !== 'ObjectExpression') continue;
              const key = o.properties.find(
                (p): p is TSESTree.Property => p.type === 'Property' && identityKey(propertyKey(p) ?? ''),
              );
              if (key) return void writes.push({ at: node, what: `\`${propertyKey(key)}\` stored`, object });
            }
          }
        }
        const name = calleeName(callee);
        if (name && wordsOf(name).some((w) => LOGIN.has(w) || CHECK_WORDS.has(w))) evidence.push(node);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        const left = unwrap(node.left);
        if (left.type !== 'MemberExpression' || clears(node.right)) return;
        const key = memberName(left);
        if (!key || !identityKey(key)) return;
        writes.push({ at: node, what: `\`${key}\` stored`, object: left.object });
      },
      'Program:exit'() {
        for (const write of writes) check(write);
      },
    };
  },
});
