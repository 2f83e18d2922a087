import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ROUTE_METHODS } from '../models/express.ts';
import { propName } from './values.ts';
import type { Fn } from './values.ts';

type Node = TSESTree.Node;

/** Request members holding the path the client asked for (Express's `req.*`, Koa's `ctx.*`). */
const PATH_PARTS = new Set(['path', 'url', 'originalUrl']);
const ROUTE_CALLS: ReadonlySet<string> = new Set(ROUTE_METHODS);
/**
 * A route whose first segment is fixed text (`/share/:id`, `/auth/google`): every path it matches
 * starts with that segment, so the path names no other host (`//evil.example` cannot match it).
 */
const FIXED_FIRST_SEGMENT = /^\/[^/\\:*?(){}[\]]/;

/**
 * Whether `part` of the request a handler reads (`role` is its parameter's role) is pinned to a
 * local path by the route `fn` is registered on right where it is written
 * (`router.get('/share/:id', (ctx) => …)`). Express's `use` strips its mount path from `req.url`
 * and `req.path` (`app.use('/x', h)` sees `//evil.example` for `/x//evil.example`), so there only
 * `req.originalUrl` stays pinned; koa-router's `use` strips nothing.
 */
export function routePinsPath(fn: Fn, part: string, role: string): boolean {
  if (!PATH_PARTS.has(part)) return false;
  let call: Node | undefined = fn.parent;
  if (call?.type === 'ArrayExpression') call = call.parent;
  if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return false;
  const method = propName(call.callee);
  if (method === undefined || !ROUTE_CALLS.has(method)) return false;
  if (method === 'use' && role === '@Request' && part !== 'originalUrl') return false;
  const route = call.arguments[0];
  return route !== undefined && route !== fn && routeTexts(route).every((t) => FIXED_FIRST_SEGMENT.test(t));
}

/** The literal paths a route argument names; `['']` (matching nothing above) when not all literal. */
function routeTexts(route: Node): string[] {
  if (route.type === 'Literal' && typeof route.value === 'string') return [route.value];
  if (route.type === 'TemplateLiteral' && route.expressions.length === 0)
    return [route.quasis[0]?.value.cooked ?? ''];
  if (route.type === 'ArrayExpression' && route.elements.length > 0)
    return route.elements.flatMap((e) => (e && e.type !== 'SpreadElement' ? routeTexts(e) : ['']));
  return [''];
}
