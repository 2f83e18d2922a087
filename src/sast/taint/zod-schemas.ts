import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Flag } from './spec.ts';
import { SHORT_TEXT } from './guards.ts';
import { propName, type Node } from './values.ts';

/**
 * What a zod object schema lets through, field by field (`z.object({ id: z.number(), name:
 * z.string().max(50) })`): a number, boolean, date, enum or literal, or a string of a format with
 * no quote, space or separator (`uuid`, `cuid`, `datetime`, `ip`), is `numeric` as a class-validator
 * `@IsInt()` field is (checked-fields.ts); a string of at most SHORT_TEXT characters is `short`. A
 * nested object's fields are keyed by their dotted path (`collection.id`). `parse(x)` gives `x` with
 * these checks, `safeParse(x)` its `data` (Val.checks). A `transform` or a union may give anything:
 * such a field is not read.
 */
export type SchemaChecks = Record<string, Flag[]>;

/** Calls that build a zod object schema, by the path the import gives them. */
const OBJECT_SCHEMA = /^zod(?:\/v\d|\/mini)?(?:\.z)?\.(?:object|strictObject|looseObject)$/;

/** Methods of a schema that keep what it lets through (refinements, metadata, strictness). */
export const SCHEMA_KEEPS: ReadonlySet<string> = new Set([
  ...['strict', 'passthrough', 'strip', 'describe', 'openapi', 'refine', 'superRefine', 'readonly'],
  ...['brand', 'optional', 'nullable', 'nullish', 'default', 'catch', 'meta'],
]);
/** …and those that also bound a value without changing its type. */
const VALUE_KEEPS: ReadonlySet<string> = new Set([
  ...SCHEMA_KEEPS,
  ...['min', 'int', 'positive', 'negative', 'nonnegative', 'nonpositive', 'finite', 'safe', 'gt'],
  ...['gte', 'lt', 'lte', 'multipleOf', 'step', 'trim', 'toLowerCase', 'toUpperCase', 'nonempty'],
  ...['startsWith', 'endsWith', 'includes', 'regex', 'email', 'url'],
]);
/** Types whose values hold no quote, space, markup or separator. */
const VALUE_TYPES = new Set(['number', 'bigint', 'boolean', 'date', 'enum', 'nativeEnum', 'literal', 'nan']);
/** String formats that hold none either. */
const VALUE_FORMATS = new Set(['uuid', 'cuid', 'cuid2', 'ulid', 'nanoid', 'datetime', 'date', 'time', 'ip']);

export function isObjectSchemaCall(path: string | undefined): boolean {
  return path !== undefined && OBJECT_SCHEMA.test(path);
}

/** The checks of `z.object({ … })` (its callee named `zod` as `zodName`); undefined when none. */
export function objectSchemaChecks(call: TSESTree.CallExpression): SchemaChecks | undefined {
  const callee = call.callee;
  const zodName =
    callee.type === 'MemberExpression' && callee.object.type === 'Identifier'
      ? callee.object.name
      : undefined;
  const shape = call.arguments[0];
  if (!zodName || shape?.type !== 'ObjectExpression') return undefined;
  const out: SchemaChecks = {};
  fieldsOf(shape, zodName, '', out, 0);
  return Object.keys(out).length ? out : undefined;
}

const MAX_DEPTH = 8;

function fieldsOf(
  shape: TSESTree.ObjectExpression,
  zodName: string,
  prefix: string,
  out: SchemaChecks,
  depth: number,
) {
  for (const p of shape.properties) {
    const name = p.type === 'Property' ? propName(p) : undefined;
    if (name === undefined || p.type !== 'Property') continue;
    const field = describe(p.value, zodName);
    if (!field) continue;
    if (field.nested && depth < MAX_DEPTH)
      fieldsOf(field.nested, zodName, `${prefix}${name}.`, out, depth + 1);
    if (field.flags.length) out[prefix + name] = field.flags;
  }
}

/** What one field's schema lets through: flags, or the shape of a nested object. */
function describe(
  schema: Node,
  zodName: string,
): { flags: Flag[]; nested?: TSESTree.ObjectExpression } | undefined {
  const methods: Array<{ name: string; args: TSESTree.CallExpressionArgument[] }> = [];
  let n: Node = schema;
  while (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const name = propName(n.callee);
    if (name === undefined) return undefined;
    const base = n.callee.object;
    // `z.number()`, `z.coerce.number()`: the type itself.
    if (
      (base.type === 'Identifier' && base.name === zodName) ||
      (base.type === 'MemberExpression' &&
        base.object.type === 'Identifier' &&
        base.object.name === zodName &&
        propName(base) === 'coerce')
    ) {
      if (
        !methods.every(
          (m) =>
            VALUE_KEEPS.has(m.name) || VALUE_FORMATS.has(m.name) || m.name === 'max' || m.name === 'length',
        )
      )
        return undefined;
      if (VALUE_TYPES.has(name)) return { flags: ['numeric'] };
      if (name === 'object' && n.arguments[0]?.type === 'ObjectExpression')
        return { flags: [], nested: n.arguments[0] };
      if (name !== 'string') return undefined;
      const flags: Flag[] = [];
      if (methods.some((m) => VALUE_FORMATS.has(m.name))) flags.push('numeric');
      if (
        methods.some((m) => (m.name === 'max' || m.name === 'length') && literalAtMost(m.args[0], SHORT_TEXT))
      )
        flags.push('short');
      return { flags };
    }
    methods.push({ name, args: n.arguments });
    n = base;
  }
  return undefined;
}

function literalAtMost(arg: TSESTree.CallExpressionArgument | undefined, limit: number): boolean {
  return arg?.type === 'Literal' && typeof arg.value === 'number' && arg.value <= limit;
}

/** The checks of a field read from a value carrying `checks`: its own flags, its nested fields'. */
export function fieldChecks(
  checks: Readonly<Record<string, readonly Flag[]>>,
  name: string,
): { flags?: readonly Flag[]; nested?: Record<string, readonly Flag[]> } {
  const prefix = `${name}.`;
  let nested: Record<string, readonly Flag[]> | undefined;
  for (const [k, v] of Object.entries(checks))
    if (k.startsWith(prefix)) (nested ??= {})[k.slice(prefix.length)] = v;
  return { ...(checks[name] ? { flags: checks[name] } : {}), ...(nested ? { nested } : {}) };
}

/** `safeParse(x)`'s checks: those of `x`, under its `data`. */
export function underData(
  checks: Readonly<Record<string, readonly Flag[]>>,
): Record<string, readonly Flag[]> {
  return Object.fromEntries(Object.entries(checks).map(([k, v]) => [`data.${k}`, v]));
}
