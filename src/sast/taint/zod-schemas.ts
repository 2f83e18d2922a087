import type { Flag } from './spec.ts';
import { SHORT_TEXT } from './guards.ts';

/**
 * What a zod schema lets through, carried on the schema's value (Val.checks) so that it survives
 * constants, imports and composition: the key `''` holds the flags of the value itself, a field's
 * key its own (`id`), a nested object's fields their dotted path (`collection.id`). A number,
 * boolean, date, enum or literal, or a string of a format with no quote, space or separator
 * (`uuid`, `cuid`, `datetime`, `ip`), is `numeric`, as a class-validator `@IsInt()` field is
 * (checked-fields.ts); a string of at most SHORT_TEXT characters is `short`. A schema with nothing
 * to say still carries `'': []`, so that a method called on it (`.uuid()`) can add to it.
 * `parse(x)` gives `x` with these checks, `safeParse(x)` its `data`. A `transform`, a union, an
 * array or any method not listed here may give anything: the result carries no checks.
 */
export type SchemaChecks = Readonly<Record<string, readonly Flag[]>>;

/** zod's own functions, by the path an import gives them: `zod.z.object`, `zod.number`, `zod/v4.z.enum`. */
const ZOD_FUNCTION = /^zod(?:\/v\d|\/mini)?(?:\.z)?(?:\.coerce)?\.(\w+)$/;

/** Types whose values hold no quote, space, markup or separator. */
const VALUE_TYPES = new Set(['number', 'bigint', 'boolean', 'date', 'enum', 'nativeEnum', 'literal', 'nan']);
/** String formats that hold none either. */
const VALUE_FORMATS = new Set(['uuid', 'cuid', 'cuid2', 'ulid', 'nanoid', 'datetime', 'date', 'time', 'ip']);
/** Methods that keep what a schema lets through (refinements, bounds, metadata, strictness). */
const KEEPS = new Set([
  ...['strict', 'passthrough', 'strip', 'describe', 'openapi', 'refine', 'superRefine', 'readonly'],
  ...['brand', 'optional', 'nullable', 'nullish', 'default', 'catch', 'meta', 'partial', 'required'],
  ...['min', 'int', 'positive', 'negative', 'nonnegative', 'nonpositive', 'finite', 'safe', 'gt'],
  ...['gte', 'lt', 'lte', 'multipleOf', 'step', 'trim', 'toLowerCase', 'toUpperCase', 'nonempty'],
  ...['startsWith', 'endsWith', 'includes', 'regex', 'email', 'url'],
]);

const NOTHING: SchemaChecks = { '': [] };

/** What a call of zod's own function `path` builds, given its arguments' schemas; undefined if no schema. */
export function zodFunctionChecks(
  path: string | undefined,
  fields: () => Array<[string, SchemaChecks | undefined]> | undefined,
): SchemaChecks | undefined {
  const type = path !== undefined ? ZOD_FUNCTION.exec(path)?.[1] : undefined;
  if (type === undefined) return undefined;
  if (VALUE_TYPES.has(type)) return { '': ['numeric'] };
  if (type === 'object' || type === 'strictObject' || type === 'looseObject') {
    const shape = fields();
    return shape ? withFields(NOTHING, shape) : undefined;
  }
  return type === 'string' ? NOTHING : undefined;
}

/**
 * What `schema.method(…)` builds: the same checks through a method that keeps them, a format or a
 * short cap added, an object extended with more fields; undefined for any other method.
 */
export function schemaMethodChecks(
  schema: SchemaChecks,
  method: string,
  firstArg: {
    number?: number;
    fields: () => Array<[string, SchemaChecks | undefined]> | undefined;
    schema: () => SchemaChecks | undefined;
  },
): SchemaChecks | undefined {
  if (KEEPS.has(method)) return schema;
  if (VALUE_FORMATS.has(method)) return withOwn(schema, 'numeric');
  if (method === 'max' || method === 'length')
    return firstArg.number !== undefined && firstArg.number <= SHORT_TEXT ? withOwn(schema, 'short') : schema;
  if (method === 'extend') {
    const shape = firstArg.fields();
    return shape ? withFields(schema, shape) : undefined;
  }
  if (method === 'merge') {
    const other = firstArg.schema();
    return other ? { ...schema, ...other, '': [] } : undefined;
  }
  return undefined;
}

/** `checks` with the fields of a shape over them (a field given again replaces the old one whole). */
function withFields(checks: SchemaChecks, shape: Array<[string, SchemaChecks | undefined]>): SchemaChecks {
  const out: Record<string, readonly Flag[]> = {};
  const replaced = new Set(shape.map(([name]) => name));
  for (const [k, v] of Object.entries(checks)) if (!replaced.has(k.split('.')[0]!)) out[k] = v;
  for (const [name, field] of shape)
    for (const [k, v] of Object.entries(field ?? {}))
      if (v.length || k === '') out[k ? `${name}.${k}` : name] = v;
  out[''] = [];
  return out;
}

function withOwn(checks: SchemaChecks, flag: Flag): SchemaChecks {
  const own = checks[''] ?? [];
  return own.includes(flag) ? checks : { ...checks, '': [...own, flag] };
}

/** The checks of a field read from a value carrying `checks`: its own flags, its nested fields'. */
export function fieldChecks(
  checks: SchemaChecks,
  name: string,
): { flags?: readonly Flag[]; nested?: Record<string, readonly Flag[]> } {
  const prefix = `${name}.`;
  let nested: Record<string, readonly Flag[]> | undefined;
  for (const [k, v] of Object.entries(checks))
    if (k.startsWith(prefix)) (nested ??= {})[k.slice(prefix.length)] = v;
  const flags = checks[name];
  return { ...(flags?.length ? { flags } : {}), ...(nested ? { nested } : {}) };
}

/** What `parse(x)` gives: `x` with the schema's checks (its own flags apply to `x` itself). */
export function parsedChecks(schema: SchemaChecks): {
  own: readonly Flag[];
  fields: SchemaChecks | undefined;
} {
  const fields = Object.fromEntries(Object.entries(schema).filter(([k, v]) => k !== '' && v.length));
  return { own: schema[''] ?? [], fields: Object.keys(fields).length ? fields : undefined };
}

/** `safeParse(x)`'s checks: those of `x`, under its `data`. */
export function underData(schema: SchemaChecks): SchemaChecks {
  const out: Record<string, readonly Flag[]> = {};
  for (const [k, v] of Object.entries(schema)) if (v.length) out[k ? `data.${k}` : 'data'] = v;
  return out;
}
