import type { Flag, FrameworkModel, HandlerModel, SourceModel } from '../taint/spec.ts';
import { express } from './express.ts';

/**
 * A resolver's parameters (graphql-js, Apollo, graphql-tools, graphql-yoga, mercurius):
 * `(parent, args, context, info)`. `args` are the field's arguments as the client wrote them in
 * the query or its variables: text, numbers or input objects, as the schema declares (so no
 * `string` flag). `parent` is what the parent field's resolver returned and `info` the query's
 * plan: the server's, not the client's data as such.
 */

/**
 * What GraphQL's validation lets through: values of the declared types, whose input object keys
 * are names of the schema, and a GraphQL name never starts with `$` — no MongoDB operator (`nosql`).
 * Only a custom scalar that takes any JSON (`JSON`, `JSONObject`) carries one; the schema is not
 * read, so a filter taken whole through one is not seen (text the resolver parses itself is).
 */
const ARGS_FLAGS: Flag[] = ['nosql'];
const RESOLVER_PARAMS = ['@GraphQLParent', '@GraphQLArgs', '@GraphQLContext', '@GraphQLInfo'];

/** A graphql-js root value's functions are called without the parent: `(args, context, info)`. */
const ROOT_PARAMS = RESOLVER_PARAMS.slice(1);

/** The root operation types: a key of these holding an object of functions makes a resolver map. */
const ROOT_TYPES = '^(?:Query|Mutation|Subscription)$';

/** Calls given a resolver map as their `resolvers` option (also inside an array: `buildSubgraphSchema([{…}])`). */
const TAKE_RESOLVERS = [
  '*.ApolloServer',
  '*.makeExecutableSchema',
  '*.createSchema',
  '*.buildSubgraphSchema',
  '*.buildFederatedSchema',
  // mercurius: `app.register(mercurius, { schema, resolvers })`.
  '*.register',
];

/**
 * graphql-js and the HTTP servers built on it that take a root value (`rootValue` option, or the
 * third argument of graphql-js's positional `graphql(schema, source, rootValue)`).
 */
const TAKE_ROOT_VALUE: ReadonlyArray<readonly [string, number?]> = [
  ['graphql.graphql', 2],
  ['graphql.graphqlSync', 2],
  ['graphql.execute', 2],
  ['express-graphql.graphqlHTTP'],
  // express-graphql before 0.10 exported the middleware itself.
  ['express-graphql'],
  ['*.createHandler'],
];

const HANDLERS: HandlerModel[] = [
  { framework: 'graphql', resolverMap: ROOT_TYPES, params: RESOLVER_PARAMS },
  ...TAKE_RESOLVERS.map((call) => ({
    framework: 'graphql',
    call,
    option: 'resolvers',
    resolverMap: ROOT_TYPES,
    params: RESOLVER_PARAMS,
  })),
  ...TAKE_ROOT_VALUE.flatMap(([call, arg]): HandlerModel[] => [
    { framework: 'graphql', call, option: 'rootValue', params: ROOT_PARAMS },
    ...(arg === undefined ? [] : [{ framework: 'graphql', call, optionArg: arg, params: ROOT_PARAMS }]),
  ]),
];

/**
 * Apps put the HTTP request in the context (`context: ({ req }) => ({ req })`): `context.req` is
 * read as Express's request, and its parts are sources as there.
 */
const CONTEXT_REQUEST: SourceModel[] = (express.sources ?? [])
  .filter((s) => s.path.startsWith('@Request.') && !s.except)
  .map((s) => ({
    ...s,
    path: s.path.replace('@Request.', '@GraphQLContext.req.'),
    label: `GraphQL context ${s.label}`,
  }));

/**
 * GraphQL servers: resolver maps (`{ Query: { user(parent, args) {…} } }`, exported or given to
 * Apollo, graphql-tools, graphql-yoga, mercurius), graphql-js root values, and the argument
 * decorators of type-graphql (`@Arg('id')`, `@Args()`) and NestJS GraphQL (`@Args('input')`).
 */
export const graphql: FrameworkModel = {
  framework: 'graphql',
  // A root type key or a `resolvers`/`rootValue` option written in an object literal (shorthand
  // too), graphql-js imported (its positional root value), an argument decorator. `Subscription`
  // only as a key: shorthand it is mostly RxJS's class in an import list (`{ Observable,
  // Subscription }`), and a resolver map holding subscriptions holds a `Query` too.
  hints: [
    '\\b(?:Query|Mutation|resolvers|rootValue)\\s*[:,}]',
    '\\bSubscription\\s*:',
    '\\b(?:from|require\\s*\\()\\s*[\'"]graphql[\'"]',
    '@Args?\\s*\\(',
  ],
  handlers: HANDLERS,
  decorators: ['Arg', 'Args'].map((d) => ({
    framework: 'graphql',
    decorator: d,
    source: { kind: 'remote' as const, label: `@${d}() parameter`, flags: ARGS_FLAGS },
  })),
  sources: [
    { path: '@GraphQLArgs', kind: 'remote', label: 'GraphQL resolver arguments', flags: ARGS_FLAGS },
    ...CONTEXT_REQUEST,
  ],
};
