import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLInt,
  parse,
  TypeInfo,
  validate,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * Checks a GraphQL request the way GitHub does before running it: the document parses, validates
 * against GitHub's published schema (@octokit/graphql-schema, the introspection result GitHub
 * serves, loaded once per process), names one operation, its variables coerce to the types the
 * operation declares, and every connection asks for `first`/`last` between 1 and 100 (GitHub's
 * pagination rule, beyond the schema).
 */

let cached: GraphQLSchema | undefined;

/** GitHub's schema. The package's entry point builds a second copy on import; read its JSON directly. */
export function githubSchema(): GraphQLSchema {
  if (!cached) {
    const entry = import.meta.resolve('@octokit/graphql-schema');
    const json = JSON.parse(readFileSync(new URL('./schema.json', entry), 'utf8')) as IntrospectionQuery;
    cached = buildClientSchema(json);
  }
  return cached;
}

export type Checked =
  | {
      ok: true;
      document: DocumentNode;
      operation: OperationDefinitionNode;
      variables: Record<string, unknown>;
    }
  | { ok: false; errors: readonly GraphQLError[] };

export function checkRequest(query: unknown, variables: unknown, operationName: unknown): Checked {
  const fail = (message: string): Checked => ({ ok: false, errors: [new GraphQLError(message)] });
  if (typeof query !== 'string') return fail('A query attribute must be specified and must be a string.');
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  )
    return fail('Variables must be an object.');
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) return { ok: false, errors: [error] };
    throw error;
  }
  const schema = githubSchema();
  const invalid = validate(schema, document);
  if (invalid.length) return { ok: false, errors: invalid };
  const operation = getOperationAST(document, typeof operationName === 'string' ? operationName : undefined);
  if (!operation)
    return fail(
      typeof operationName === 'string'
        ? `No operation named "${operationName}"`
        : 'An operation name is required when the document holds more than one operation.',
    );
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    (variables ?? {}) as Record<string, unknown>,
  );
  if (coerced.errors) return { ok: false, errors: coerced.errors };
  const paging = pagingErrors(schema, document, operation, coerced.coerced);
  if (paging.length) return { ok: false, errors: paging };
  return { ok: true, document, operation, variables: coerced.coerced };
}

/** GitHub: every connection field needs `first` or `last`, each within 1..100. */
function pagingErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  // fragments are walked where they are defined; the operation's own fields where it is
  const roots = [operation, ...document.definitions.filter((d) => d.kind === 'FragmentDefinition')];
  for (const root of roots) {
    visit(
      root,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const type = typeInfo.getType();
          const named = type && getNamedType(type);
          if (!named || !named.name.endsWith('Connection')) return;
          const limits = (['first', 'last'] as const).flatMap((name) => {
            const arg = node.arguments?.find((a) => a.name.value === name);
            if (!arg) return [];
            const value = valueFromAST(arg.value, GraphQLInt, variables);
            return value === null || value === undefined ? [] : [{ name, value: value as number, arg }];
          });
          if (limits.length === 0) {
            errors.push(
              new GraphQLError(
                `You must provide a \`first\` or \`last\` value to properly paginate the \`${node.name.value}\` connection.`,
                { nodes: node },
              ),
            );
          }
          for (const { name, value, arg } of limits) {
            if (value < 1 || value > 100)
              errors.push(
                new GraphQLError(
                  `Requesting ${value} records on the \`${node.name.value}\` connection exceeds the \`${name}\` limit of 100 records.`,
                  { nodes: arg },
                ),
              );
          }
        },
      }),
    );
  }
  return errors;
}
