import { honoContext } from './hono.ts';

/**
 * Response methods shared by several rules' sinks (Express/Node `res`, Fastify `reply`, Koa
 * `ctx`, Hono `c`): each rule picks the header names it cares about with `firstLiteral`.
 */
export const HEADER_SETTERS = [
  '@Response.setHeader',
  '@Response.header',
  '@Response.set',
  '@Reply.header',
  '@KoaContext.set',
  ...honoContext('header'),
];
