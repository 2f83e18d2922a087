import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { findProperty, resolverFor, unwrap } from '../../src/sast/resolve.ts';

/** Session middlewares whose options carry the session cookie's flags. */
const SESSION_MODULES = new Set(['express-session', 'cookie-session']);

function staticOf(program: TSESTree.Program, prop: TSESTree.Property | undefined) {
  return prop ? resolverFor(program).staticValue(prop.value) : undefined;
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
      'cross-site request. vigil reports these flags on `res.cookie()` and on express-session / ' +
      'cookie-session options. Set them: ' +
      "`session({ secret, cookie: { secure: true, httpOnly: true, sameSite: 'lax' } })`.",
    fixHint: "Set secure: true and httpOnly: true (sameSite: 'lax' or 'strict').",
  },
  hint: namesHint(['secure', 'httpOnly', 'httponly', 'sameSite', 'samesite']),
  create(context) {
    const program = context.ast;
    /** Flags of one cookie's options object. */
    const checkOptions = (node: TSESTree.Node | undefined) => {
      if (!node) return;
      const o = unwrap(node);
      if (o.type !== 'ObjectExpression') return;
      const secure = findProperty(o, 'secure');
      const secureValue = staticOf(program, secure);
      if (secure && secureValue && !secureValue.value) {
        context.report({ node: secure, message: 'Cookie sent over plain http (secure: false).' });
      }
      for (const key of ['httpOnly', 'httponly']) {
        const prop = findProperty(o, key);
        const v = staticOf(program, prop);
        if (prop && v && !v.value) {
          context.report({ node: prop, message: 'Cookie readable by page scripts (httpOnly: false).' });
        }
      }
      const sameSite = findProperty(o, 'sameSite') ?? findProperty(o, 'samesite');
      const s = staticOf(program, sameSite);
      if (sameSite && s && String(s.value).toLowerCase() === 'none' && !(secureValue && secureValue.value)) {
        context.report({ node: sameSite, message: "sameSite: 'none' without secure: true." });
      }
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        const target = resolverFor(program).resolve(callee);
        if (target && SESSION_MODULES.has(target)) {
          const options = node.arguments[0];
          if (!options || options.type === 'SpreadElement') return;
          // express-session nests the flags under `cookie`; cookie-session takes them at the top.
          checkOptions(target === 'express-session' ? findProperty(options, 'cookie')?.value : options);
          return;
        }
        // res.cookie(name, value, options) (Express) and ctx.cookies.set(name, value, options) (Koa).
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        const isExpress = method === 'cookie';
        const isKoa =
          method === 'set' &&
          unwrap(callee.object).type === 'MemberExpression' &&
          (unwrap(callee.object) as TSESTree.MemberExpression).property.type === 'Identifier' &&
          ((unwrap(callee.object) as TSESTree.MemberExpression).property as TSESTree.Identifier).name ===
            'cookies';
        if (!isExpress && !isKoa) return;
        const options = node.arguments[2];
        if (options && options.type !== 'SpreadElement') checkOptions(options);
      },
    };
  },
});
