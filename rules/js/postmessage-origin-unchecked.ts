import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { calleeName, memberName, resolverFor, unwrap } from '../../src/sast/resolve.ts';
import { localFunction } from '../../src/sast/local-function.ts';
import { pushChildren } from '../../src/sast/taint/key-writes.ts';
import { logCallReceiver } from '../../src/sast/models/loggers.ts';

type Fn = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

const isFn = (n: TSESTree.Node | null | undefined): n is Fn =>
  !!n &&
  (n.type === 'FunctionDeclaration' ||
    n.type === 'FunctionExpression' ||
    n.type === 'ArrowFunctionExpression');

/** Receivers whose `message` events come from other windows (a worker's `self` hears its page only). */
const WINDOW = new Set(['window', 'globalThis', 'top', 'parent']);

/** Calls that only turn a logged value into text. */
const SHOWS = new Set(['stringify', 'String', 'inspect']);

/** Is `e.source.postMessage(…)` or `x.postMessage(reply, e.origin)` answering the sender of `e`? */
function replyReads(
  call: TSESTree.CallExpression,
  isEventPart: (n: TSESTree.Node, key: string) => boolean,
): TSESTree.Node[] {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || memberName(callee) !== 'postMessage') return [];
  const out: TSESTree.Node[] = [];
  if (isEventPart(callee.object, 'source')) out.push(callee.object);
  const target = call.arguments[1];
  if (target && isEventPart(target, 'origin')) out.push(target);
  return out;
}

/**
 * What the handler reads of its event: `data` put to some use, and `origin`/`source` read where a
 * check could be, through `e.x` or `({ data })`. Reads a console or logger call only shows
 * (`console.log('got', e.data.type)`) count for neither, nor does answering whoever sent the
 * message (`e.source.postMessage(reply, e.origin)`): any page can be that sender.
 */
function reads(fn: Fn): { data: boolean; origin: boolean } {
  const param = fn.params[0];
  if (!param) return { data: false, origin: false };
  if (param.type === 'ObjectPattern') {
    const keys = param.properties.map((p) =>
      p.type === 'Property' && p.key.type === 'Identifier' ? p.key.name : undefined,
    );
    return { data: keys.includes('data'), origin: keys.includes('origin') || keys.includes('source') };
  }
  if (param.type !== 'Identifier') return { data: false, origin: false };
  const name = param.name;
  const isEventPart = (n: TSESTree.Node, key: string) =>
    n.type === 'MemberExpression' &&
    n.object.type === 'Identifier' &&
    n.object.name === name &&
    memberName(n) === key;
  let data = false;
  let origin = false;
  const replies = new Set<TSESTree.Node>();
  // Each node with whether it is only shown by a log call (a call between them is a use).
  const stack: Array<[TSESTree.Node, boolean]> = [[fn.body, false]];
  const children: TSESTree.Node[] = [];
  while (stack.length > 0) {
    const [n, logged] = stack.pop()!;
    if (n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === name) {
      const key = memberName(n);
      if (key === 'data') data ||= !logged;
      else if ((key === 'origin' || key === 'source') && !logged && !replies.has(n)) origin = true;
    }
    // `const { data, origin } = e`
    if (n.type === 'VariableDeclarator' && n.init?.type === 'Identifier' && n.init.name === name) {
      if (n.id.type !== 'ObjectPattern')
        origin = true; // passed on whole: checked elsewhere, perhaps
      else
        for (const p of n.id.properties)
          if (p.type === 'Property' && p.key.type === 'Identifier') {
            if (p.key.name === 'data') data = true;
            if (p.key.name === 'origin' || p.key.name === 'source') origin = true;
          }
    }
    let childLogged = logged && !isFn(n) && !n.type.endsWith('Statement');
    if (n.type === 'CallExpression') {
      childLogged = !!logCallReceiver(n) || (logged && SHOWS.has(calleeName(n.callee) ?? ''));
      for (const r of replyReads(n, isEventPart)) replies.add(r);
      // Handed whole to a helper (`route(e)`): the check may be there.
      if (!childLogged && n.arguments.some((a) => a.type === 'Identifier' && a.name === name)) origin = true;
    }
    children.length = 0;
    pushChildren(n, children);
    for (const c of children) stack.push([c, childLogged]);
  }
  return { data, origin };
}

export default defineRule({
  meta: {
    id: 'js/postmessage-origin-unchecked',
    kind: 'sast',
    title: 'Cross-window message handled without checking its origin',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-940', 'CWE-20'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      "A window's `message` event delivers what any page can send with `postMessage`: a site that " +
      'frames yours, or a tab you opened, posts `{ action: "setToken", … }` and the handler acts on ' +
      'it. vigil reports a `message` handler on `window` (`addEventListener`, `onmessage`) that ' +
      'puts `event.data` to some use (showing it in a log line is none) and never checks ' +
      '`event.origin` (or `event.source`): reading the origin only to log it, or to answer ' +
      'whoever sent the message (`event.source.postMessage(reply, event.origin)`), checks nothing. ' +
      "Check the sender first: `if (event.origin !== 'https://app.acme.io') return;`. Data that " +
      'reaches an HTML or code sink is also a `js/dom-xss` / `js/code-injection` flow, which the ' +
      'same check clears.',
    fixHint: "Return unless event.origin is the exact origin you expect (event.origin !== 'https://…').",
  },
  hint: /onmessage|addEventListener/,
  create(context) {
    const resolver = resolverFor(context.ast);
    /** Does `object` name the window? Bare calls count in a file that uses the DOM. */
    const usesDom = /\b(?:window|document)\b/.test(context.sourceText);
    const isWindow = (object: TSESTree.Node | undefined) => {
      if (!object) return usesDom;
      const o = unwrap(object);
      return o.type === 'Identifier' && WINDOW.has(o.name) && !resolver.variableOf(o)?.defs.length;
    };
    const check = (at: TSESTree.Node, handler: Fn | undefined) => {
      if (!handler) return;
      const r = reads(handler);
      if (r.data && !r.origin)
        context.report({
          node: at,
          message: 'This message handler uses event.data without checking event.origin.',
        });
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        const onWindow =
          callee.type === 'Identifier'
            ? callee.name === 'addEventListener' && isWindow(undefined)
            : callee.type === 'MemberExpression' &&
              memberName(callee) === 'addEventListener' &&
              isWindow(callee.object);
        const [type, listener] = node.arguments;
        if (onWindow && type && resolver.staticValue(type)?.value === 'message')
          check(node, localFunction(resolver, listener));
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        const left = node.left;
        const onWindow =
          (left.type === 'Identifier' && left.name === 'onmessage' && usesDom) ||
          (left.type === 'MemberExpression' && memberName(left) === 'onmessage' && isWindow(left.object));
        if (onWindow) check(node, localFunction(resolver, node.right));
      },
    };
  },
});
