import type { FrameworkModel } from '../taint/spec.ts';
import { angular } from './angular.ts';
import { awsLambda } from './aws-lambda.ts';
import { browser } from './browser.ts';
import { components } from './components.ts';
import { databases } from './databases.ts';
import { errors } from './errors.ts';
import { express } from './express.ts';
import { fastify } from './fastify.ts';
import { fpTs } from './fp-ts.ts';
import { graphql } from './graphql.ts';
import { hono } from './hono.ts';
import { koa } from './koa.ts';
import { nestjs } from './nestjs.ts';
import { network } from './network.ts';
import { nextjs } from './nextjs.ts';
import { node } from './node.ts';
import { sanitisers } from './sanitisers.ts';
import { snippets } from './snippets.ts';
import { sockets } from './sockets.ts';

/** Every framework model the taint engine knows. Adding a framework is adding a file here. */
export const frameworkModels: readonly FrameworkModel[] = [
  // Before Express: a Hono app's route methods take the pattern before Express's `*.get` does.
  hono,
  express,
  snippets,
  koa,
  fastify,
  nestjs,
  nextjs,
  graphql,
  awsLambda,
  browser,
  components,
  angular,
  node,
  sockets,
  network,
  sanitisers,
  errors,
  databases,
  fpTs,
];
