import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { defineRule } from '../../src/sast/rule.ts';
import {
  calleeName,
  memberName,
  propertyKey,
  resolverFor,
  unwrap,
  type Resolver,
} from '../../src/sast/resolve.ts';
import { lastProp, objectShape } from '../../src/sast/object-props.ts';

const ACAO = 'access-control-allow-origin';
/** Response methods that set one header by name, or several from an object. */
const NAMED_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);
/** CORS middleware factories whose options take `origin` and `credentials` (cors, NestJS, fastify). */
const CORS_FACTORIES = new Set(['cors', '@fastify/cors', 'fastify-cors', 'koa2-cors', '@koa/cors']);

function staticString(resolver: Resolver, node: TSESTree.Node | undefined): string | undefined {
  if (!node || node.type === 'SpreadElement') return undefined;
  const v = resolver.staticValue(node);
  return typeof v?.value === 'string' ? v.value : undefined;
}

type Fn = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/** What an `origin` option lets through, beyond a fixed list of trusted origins. */
type OriginPolicy = 'wildcard' | 'reflect' | 'loose' | 'null';
/** The policy, and the test that decides it when that is the place to report. */
interface Decision {
  policy: OriginPolicy;
  at?: TSESTree.Node;
}

/**
 * Does a regex meant to match trusted origins also match others? Each top-level alternative must
 * be anchored at its end (`$`) and at its start (`^`), or start at a label boundary (`\.example`,
 * `\/\/example`); a bare dot between letters (`app.example`) matches any character. One pass
 * over the pattern.
 */
function looseOriginRegex(pattern: string): boolean {
  const branches: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      branches.push(pattern.slice(from, i));
      from = i + 1;
    } else if (c === '.' && /[a-z0-9]/i.test(pattern[i - 1] ?? '') && /[a-z0-9]/i.test(pattern[i + 1] ?? ''))
      return true; // `app.example.com`: `appXexample.com` matches too
  }
  branches.push(pattern.slice(from));
  return branches.some((b) => {
    const endAnchored = b.endsWith('$') && !b.endsWith('\\$');
    const startSafe = b.startsWith('^') || b.startsWith('\\.') || b.startsWith('\\/\\/');
    return !endAnchored || !startSafe;
  });
}

function regexLiteral(resolver: Resolver, node: TSESTree.Node): TSESTree.RegExpLiteral | undefined {
  let n = unwrap(node);
  if (n.type === 'Identifier') n = resolver.constantInit(n) ?? n;
  n = unwrap(n);
  return n.type === 'Literal' && 'regex' in n && n.regex ? n : undefined;
}

/** A regex `origin`, or a list holding one, that matches more than the origins it names; or 'null'. */
function staticOriginPolicy(resolver: Resolver, node: TSESTree.Node): OriginPolicy | undefined {
  let n = unwrap(node);
  if (n.type === 'Identifier') n = unwrap(resolver.constantInit(n) ?? n);
  const items = n.type === 'ArrayExpression' ? n.elements : [n];
  let out: OriginPolicy | undefined;
  for (const e of items) {
    if (!e || e.type === 'SpreadElement') continue;
    const re = regexLiteral(resolver, e);
    if (re) {
      if (looseOriginRegex(re.regex.pattern)) out = 'loose';
      continue;
    }
    const v = resolver.staticValue(e);
    if (typeof v?.value === 'string' && v.value.trim().toLowerCase() === 'null') out ??= 'null';
  }
  return out;
}

/** The origin under test is the parameter `name`, or a `const` read from the request's Origin header. */
function isOriginValue(resolver: Resolver, node: TSESTree.Node, names: Set<string>, depth = 0): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') {
    if (names.has(n.name)) return true;
    const init = depth < 3 ? resolver.constantInit(n) : undefined;
    return init !== undefined && isOriginValue(resolver, init, names, depth + 1);
  }
  // Koa: ctx.get('Origin'), ctx.request.get('origin'), ctx.headers.origin, ctx.request.header.origin
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && calleeName(n.callee) === 'get') {
    const v = n.arguments[0] && resolver.staticValue(n.arguments[0]);
    return typeof v?.value === 'string' && v.value.toLowerCase() === 'origin';
  }
  if (n.type === 'MemberExpression' && memberName(n)?.toLowerCase() === 'origin') {
    const o = unwrap(n.object);
    return o.type === 'MemberExpression' && /^headers?$/.test(memberName(o) ?? '');
  }
  if (n.type === 'LogicalExpression') return isOriginValue(resolver, n.left, names, depth + 1);
  return false;
}

/**
 * A test of the origin that other sites pass: `o.endsWith('example.com')` (evilexample.com),
 * `o.includes('example.com')`, `o.indexOf(…) !== -1`, an unanchored regex.
 */
function isLooseTest(resolver: Resolver, node: TSESTree.Node, names: Set<string>): boolean {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression') return false;
  const method = memberName(n.callee);
  const arg = n.arguments[0];
  if (!arg || arg.type === 'SpreadElement') return false;
  if (method === 'test' || method === 'exec') {
    const re = regexLiteral(resolver, n.callee.object);
    return !!re && isOriginValue(resolver, arg, names) && looseOriginRegex(re.regex.pattern);
  }
  if (!isOriginValue(resolver, n.callee.object, names)) return false;
  if (method === 'match' || method === 'search') {
    const re = regexLiteral(resolver, arg);
    return !!re && looseOriginRegex(re.regex.pattern);
  }
  const v = resolver.staticValue(arg);
  if (typeof v?.value !== 'string') return false;
  if (method === 'includes' || method === 'indexOf') return true;
  // endsWith('.example.com') stops at a label; endsWith('example.com') does not.
  return method === 'endsWith' && !/^[./]|:\/\//.test(v.value);
}

type Parents = Map<TSESTree.Node, TSESTree.Node>;

/** Only `||`, `!`, and `x && <test>` with a bare truthiness check lead from the test to the decision. */
function decides(test: TSESTree.Node, parents: Parents, names: Set<string>): boolean {
  for (let n = test; ;) {
    const p = parents.get(n);
    if (!p) return true; // the arrow's expression body
    if (p.type === 'UnaryExpression' && p.operator === '!') {
      n = p;
      continue;
    }
    if (p.type === 'BinaryExpression' && n.type === 'CallExpression') {
      n = p; // indexOf(…) !== -1
      continue;
    }
    if (p.type === 'LogicalExpression') {
      const other = unwrap(p.left === n ? p.right : p.left);
      if (p.operator === '&&' && !(other.type === 'Identifier' && names.has(other.name))) return false;
      n = p;
      continue;
    }
    if (p.type === 'ChainExpression' || p.type.startsWith('TS')) {
      n = p;
      continue;
    }
    // The statement or call that the test decides.
    return (
      p.type === 'IfStatement' ||
      p.type === 'ConditionalExpression' ||
      p.type === 'ReturnStatement' ||
      p.type === 'CallExpression'
    );
  }
}

/** Nodes of a function body, without entering nested functions, with their parents. */
function bodyNodes(fn: Fn): { nodes: TSESTree.Node[]; parents: Parents } {
  const nodes: TSESTree.Node[] = [];
  const parents: Parents = new Map();
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length) {
    const n = stack.pop()!;
    nodes.push(n);
    if (
      n !== fn.body &&
      (n.type === 'ArrowFunctionExpression' ||
        n.type === 'FunctionExpression' ||
        n.type === 'FunctionDeclaration')
    )
      continue;
    for (const key of visitorKeys[n.type] ?? []) {
      const child = (n as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) {
        if (c && typeof c === 'object' && typeof (c as TSESTree.Node).type === 'string') {
          parents.set(c as TSESTree.Node, n);
          stack.push(c as TSESTree.Node);
        }
      }
    }
  }
  return { nodes, parents };
}

/**
 * An origin callback that lets every origin through (`cb(null, true)`, `cb(null, origin)`, Koa's
 * `ctx => ctx.get('Origin')`), or one that decides by a loose test of it.
 */
function callbackPolicy(resolver: Resolver, fn: Fn): Decision | undefined {
  const p0 = fn.params[0];
  const cb = fn.params[1];
  const names = new Set<string>();
  if (p0?.type === 'Identifier') names.add(p0.name);
  const { nodes, parents } = bodyNodes(fn);
  // What the function hands back: the callback's second argument, or (Koa, async) the returned value.
  const answers: TSESTree.Node[] = [];
  if (fn.body.type !== 'BlockStatement') answers.push(fn.body);
  for (const n of nodes) {
    if (n.type === 'ReturnStatement' && n.argument && unwrap(n.argument).type !== 'CallExpression')
      answers.push(n.argument);
    if (
      cb?.type === 'Identifier' &&
      n.type === 'CallExpression' &&
      n.callee.type === 'Identifier' &&
      n.callee.name === cb.name &&
      n.arguments[1] &&
      n.arguments[1].type !== 'SpreadElement'
    )
      answers.push(n.arguments[1]);
  }
  if (cb?.type === 'Identifier' || fn.params.length <= 1) {
    // Unconditional: a single statement (or an expression body) that says yes or echoes the origin.
    const single =
      fn.body.type !== 'BlockStatement'
        ? fn.body
        : fn.body.body.length === 1 && fn.body.body[0]!.type === 'ExpressionStatement'
          ? fn.body.body[0]!.expression
          : fn.body.body.length === 1 && fn.body.body[0]!.type === 'ReturnStatement'
            ? (fn.body.body[0]!.argument ?? undefined)
            : undefined;
    if (single) {
      const s = unwrap(single);
      const said =
        cb?.type === 'Identifier'
          ? s.type === 'CallExpression' && s.callee.type === 'Identifier' && s.callee.name === cb.name
            ? s.arguments[1]
            : undefined
          : s;
      if (said && said.type !== 'SpreadElement') {
        if (resolver.staticValue(said)?.value === true || isOriginValue(resolver, said, names))
          return { policy: 'reflect' };
      }
    }
  }
  const allows = answers.some((a) => {
    const v = resolver.staticValue(a);
    return v ? v.value === true : true;
  });
  if (!allows) return undefined;
  const test = nodes.find((n) => isLooseTest(resolver, n, names) && decides(n, parents, names));
  return test ? { policy: 'loose', at: test } : undefined;
}

/** How an `origin` option lets other origins in: '*', true, a callback, a regex, 'null'. */
function originPolicy(resolver: Resolver, node: TSESTree.Node): Decision | undefined {
  const v = resolver.staticValue(node);
  if (v?.value === '*') return { policy: 'wildcard' };
  if (v?.value === true) return { policy: 'reflect' };
  let fn = unwrap(node);
  if (fn.type === 'Identifier') fn = unwrap(resolver.constantInit(fn) ?? fn);
  if (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression')
    return callbackPolicy(resolver, fn);
  const policy = staticOriginPolicy(resolver, node);
  return policy && { policy };
}

export default defineRule({
  meta: {
    id: 'js/cors-permissive',
    kind: 'sast',
    title: 'CORS policy lets every origin read responses',
    severity: 'medium',
    precision: 'low',
    cwe: ['CWE-942', 'CWE-346'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'A CORS middleware (cors, NestJS `enableCors` / `NestFactory.create({ cors })`, @fastify/cors, ' +
      '@koa/cors) configured with `origin: true`, an origin callback that always allows or echoes the ' +
      'origin, one that tests it loosely (`includes`, `endsWith` without a leading dot, an unanchored ' +
      "regex), a loose regex, or the origin `'null'` (sent by sandboxed iframes), together with " +
      "`credentials: true` (or @koa/cors with credentials and no origin, which reflects), lets any web site send the user's cookies and read the " +
      'answers: high precision. `Access-Control-Allow-Origin: *` (set by hand, in a headers object, ' +
      "or by `cors()` / `enableCors()` with their default or `origin: '*'`) lets every site read the " +
      'responses without credentials: fine for public data, a leak for anything protected by network ' +
      'position (an intranet, a VPC, localhost) — reported at low precision for review. Allow only the ' +
      "origins you trust: `cors({ origin: ['https://app.example.com'], credentials: true })`.",
    fixHint: 'List the allowed origins explicitly; never reflect any origin with credentials.',
  },
  hint: /access-control-allow-origin|cors/i,
  create(context) {
    const resolver = resolverFor(context.ast);
    const wildcard = (node: TSESTree.Node, how: string) =>
      context.report({ node, message: `${how}: every site may read these responses.` });
    const checkCorsOptions = (
      call: TSESTree.CallExpression,
      options: TSESTree.Node | undefined,
      factory: string | undefined,
    ) => {
      // @koa/cors without `origin` (or with '*') echoes the request's Origin once credentials are on.
      const koaReflects = factory === '@koa/cors';
      if (!options) {
        wildcard(call, "CORS middleware with its default origin '*'");
        return;
      }
      if (options.type === 'SpreadElement') return;
      const shape = objectShape(resolver, options);
      const credentials = lastProp(shape.props, 'credentials');
      const withCredentials = !!credentials?.value && resolver.staticValue(credentials.value)?.value === true;
      const origin = lastProp(shape.props, 'origin');
      if (!origin?.value) {
        if (!shape.complete) return;
        if (koaReflects && withCredentials) reflects(call);
        else wildcard(call, "CORS middleware with its default origin '*'");
        return;
      }
      const decision = originPolicy(resolver, origin.value);
      if (!decision) return;
      let policy = decision.policy;
      const at = decision.at ?? origin.node;
      if (policy === 'wildcard' && koaReflects && withCredentials) policy = 'reflect';
      if (policy !== 'wildcard' && withCredentials) {
        if (policy === 'reflect') reflects(origin.node);
        else
          context.report({
            node: at,
            precision: 'high',
            severity: 'high',
            message:
              policy === 'null'
                ? "CORS allows the origin 'null' with credentials: any site can send it from a sandboxed iframe and read authenticated responses."
                : 'CORS allows origins by a loose match (substring, suffix without a dot, unanchored regex) with credentials: a look-alike domain can read authenticated responses.',
          });
        return;
      }
      wildcard(
        at,
        policy === 'reflect'
          ? 'CORS reflects every origin'
          : policy === 'loose'
            ? 'CORS allows origins by a loose match'
            : policy === 'null'
              ? "CORS allows the origin 'null'"
              : "CORS origin '*'",
      );
    };
    const reflects = (node: TSESTree.Node) =>
      context.report({
        node,
        precision: 'high',
        severity: 'high',
        message: 'CORS reflects every origin with credentials: any site can read authenticated responses.',
      });
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const target = resolver.resolve(node.callee);
        if (target && CORS_FACTORIES.has(target)) {
          checkCorsOptions(node, node.arguments[0], target);
          return;
        }
        const method = calleeName(node.callee);
        if (method === 'enableCors' && node.callee.type === 'MemberExpression') {
          checkCorsOptions(node, node.arguments[0], undefined);
          return;
        }
        // NestFactory.create(AppModule, { cors: {…} | true })
        if (target === '@nestjs/core.NestFactory.create') {
          const appOptions = node.arguments[1];
          if (!appOptions || appOptions.type === 'SpreadElement') return;
          const cors = lastProp(objectShape(resolver, appOptions).props, 'cors');
          if (!cors?.value) return;
          if (resolver.staticValue(cors.value)?.value === true)
            wildcard(cors.node, "CORS middleware with its default origin '*'");
          else if (unwrap(cors.value).type === 'ObjectExpression' || unwrap(cors.value).type === 'Identifier')
            checkCorsOptions(node, cors.value, undefined);
          return;
        }
        // fastify.register(fastifyCors, { … })
        if (method === 'register' && node.callee.type === 'MemberExpression') {
          const plugin = node.arguments[0];
          const name = plugin && plugin.type !== 'SpreadElement' ? resolver.resolve(plugin) : undefined;
          if (name && CORS_FACTORIES.has(name)) checkCorsOptions(node, node.arguments[1], name);
          return;
        }
        if (!method || !NAMED_SETTERS.has(method) || node.arguments.length < 2) return;
        if (staticString(resolver, node.arguments[0])?.toLowerCase() !== ACAO) return;
        if (staticString(resolver, node.arguments[1])?.trim() === '*') {
          wildcard(node, 'Access-Control-Allow-Origin: *');
        }
      },
      // { 'Access-Control-Allow-Origin': '*' } in writeHead, res.set({…}), Lambda/Next headers…
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression') return;
        const key = propertyKey(node);
        if (key?.toLowerCase() === ACAO) {
          if (staticString(resolver, node.value)?.trim() === '*')
            wildcard(node, 'Access-Control-Allow-Origin: *');
          return;
        }
        // next.config.js headers(): { key: 'Access-Control-Allow-Origin', value: '*' }
        if (key !== 'key' || staticString(resolver, node.value)?.toLowerCase() !== ACAO) return;
        const value = node.parent.properties.find(
          (p): p is TSESTree.Property => p.type === 'Property' && propertyKey(p) === 'value',
        );
        if (value && staticString(resolver, value.value)?.trim() === '*') {
          wildcard(value, 'Access-Control-Allow-Origin: *');
        }
      },
    };
  },
});
