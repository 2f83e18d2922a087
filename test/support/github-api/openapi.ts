import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * GitHub's published OpenAPI description (@octokit/openapi), loaded once per process, with routes
 * matched the way GitHub does (literal segments beat parameters) and request schemas compiled
 * lazily per operation: compiling all ~1,000 operations up front would take seconds.
 */

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: object;
  'x-multi-segment'?: boolean;
}

interface OperationObject {
  operationId: string;
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: object }> }>;
  parameters?: Array<ParameterObject | { $ref: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: object }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    parameters: Record<string, ParameterObject>;
    responses: Record<string, { content?: Record<string, { schema?: object }> }>;
    examples: Record<string, { value?: unknown }>;
  };
}

export interface Operation {
  method: string;
  template: string;
  operationId: string;
  parameters: ParameterObject[];
  hasJsonBody: boolean;
  bodyRequired: boolean;
  /** JSON pointer of the request body schema inside the document. */
  bodyPointer: string;
  regex: RegExp;
  pathParams: string[];
}

export interface RouteMatch {
  operation: Operation;
  params: Record<string, string>;
}

const require = createRequire(import.meta.url);
const SPEC_PATH = require.resolve('@octokit/openapi/generated/api.github.com.json');
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'];

const pointerEscape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

let loaded: OpenApiCatalog | undefined;

/** The catalog is immutable once built, so every stand-in in a process shares one. */
export function openApiCatalog(): OpenApiCatalog {
  loaded ??= new OpenApiCatalog(JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApiDocument);
  return loaded;
}

export class OpenApiCatalog {
  readonly operations: Operation[] = [];
  private readonly doc: OpenApiDocument;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.doc = doc;
    // OpenAPI 3.0 schemas carry `nullable`, `example`, `x-*`: non-strict mode accepts them.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
    addFormats(this.ajv);
    allowNullInNullableEnums(doc);
    this.ajv.addSchema(doc as object, 'gh');
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const parameters = (op.parameters ?? []).map((p) => this.resolveParameter(p));
        const multi = new Set(parameters.filter((p) => p['x-multi-segment']).map((p) => p.name));
        const pathParams: string[] = [];
        const source = template
          .split('/')
          .map((segment) =>
            segment.replace(/\{([^}]+)\}|[^{}]+/g, (whole, name?: string) => {
              if (name === undefined) return whole.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
              pathParams.push(name);
              return multi.has(name) ? '(.+)' : '([^/]+)';
            }),
          )
          .join('/');
        const json = op.requestBody?.content?.['application/json'];
        this.operations.push({
          method: method.toUpperCase(),
          template,
          operationId: op.operationId,
          parameters,
          hasJsonBody: Boolean(json?.schema),
          bodyRequired: Boolean(op.requestBody?.required),
          bodyPointer: `#/paths/${pointerEscape(template)}/${method}/requestBody/content/application~1json/schema`,
          regex: new RegExp(`^${source}$`),
          pathParams,
        });
      }
    }
    // Literal segments win over parameters at the first position where two templates differ.
    const rank = (t: string) => t.split('/').map((s) => (s.includes('{') ? 1 : 0));
    this.operations.sort((a, b) => {
      const ra = rank(a.template);
      const rb = rank(b.template);
      for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
        if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
      }
      return rb.length - ra.length;
    });
  }

  private resolveParameter(p: ParameterObject | { $ref: string }): ParameterObject {
    if ('$ref' in p) {
      const name = p.$ref.replace('#/components/parameters/', '');
      const resolved = this.doc.components.parameters[name];
      if (!resolved) throw new Error(`OpenAPI: unresolved parameter ${p.$ref}`);
      return resolved;
    }
    return p;
  }

  match(method: string, pathname: string): RouteMatch | { allowed: string[] } | undefined {
    const allowed: string[] = [];
    for (const operation of this.operations) {
      const m = operation.regex.exec(pathname);
      if (!m) continue;
      if (operation.method !== method) {
        allowed.push(operation.method);
        continue;
      }
      const params: Record<string, string> = {};
      operation.pathParams.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      return { operation, params };
    }
    return allowed.length ? { allowed } : undefined;
  }

  private validator(key: string, schema: object): ValidateFunction {
    let v = this.validators.get(key);
    if (!v) {
      v = this.ajv.compile(schema);
      this.validators.set(key, v);
    }
    return v;
  }

  /**
   * GitHub's own example of a response (`components.examples`): the stand-in builds its answers
   * from these so they carry every field real responses do, then overrides what its state knows.
   */
  example<T = Record<string, unknown>>(name: string): T {
    const ex = this.doc.components.examples[name];
    if (!ex) throw new Error(`OpenAPI: no example ${name}`);
    return structuredClone(ex.value) as T;
  }

  /** Problems with one of the stand-in's own JSON responses (it must answer as GitHub would). */
  validateResponse(match: RouteMatch, status: number, body: unknown): string[] {
    const { operation } = match;
    const method = operation.method.toLowerCase();
    const response = this.doc.paths[operation.template]?.[method]?.responses?.[String(status)];
    if (!response) return [`${operation.operationId} documents no ${status} response`];
    const pointer = response.$ref
      ? `#/components/responses/${pointerEscape(response.$ref.split('/').pop()!)}/content/application~1json/schema`
      : `#/paths/${pointerEscape(operation.template)}/${method}/responses/${status}/content/application~1json/schema`;
    const schema = response.$ref
      ? this.doc.components.responses[response.$ref.split('/').pop()!]?.content?.['application/json']?.schema
      : response.content?.['application/json']?.schema;
    if (!schema) return [];
    const v = this.validator(`${operation.operationId}:response:${status}`, { $ref: `gh${pointer}` });
    if (v(body)) return [];
    return (v.errors ?? []).slice(0, 5).map((e) => `response${e.instancePath} ${e.message ?? ''}`.trim());
  }

  /** Every problem with one request, as readable sentences; empty when it conforms. */
  validate(match: RouteMatch, query: URLSearchParams, body: unknown, bodyPresent: boolean): string[] {
    const { operation, params } = match;
    const problems: string[] = [];
    const check = (where: string, p: ParameterObject, raw: string) => {
      if (!p.schema) return;
      const v = this.validator(`${operation.operationId}:${p.in}:${p.name}`, p.schema);
      if (!v(coerce(raw, p.schema))) {
        problems.push(
          `${where} parameter ${p.name}=${JSON.stringify(raw)}: ${this.ajv.errorsText(v.errors)}`,
        );
      }
    };
    for (const p of operation.parameters) {
      if (p.in === 'path') check('path', p, params[p.name] ?? '');
      if (p.in === 'query') {
        const values = query.getAll(p.name);
        if (values.length === 0 && p.required) problems.push(`missing required query parameter ${p.name}`);
        for (const value of values) check('query', p, value);
      }
    }
    const known = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(query.keys())) {
      if (!known.has(name)) problems.push(`unknown query parameter ${name}`);
    }
    if (operation.hasJsonBody) {
      if (!bodyPresent) {
        if (operation.bodyRequired) problems.push('missing required JSON body');
      } else {
        const v = this.validator(operation.operationId, { $ref: `gh${operation.bodyPointer}` });
        if (!v(body)) {
          for (const e of v.errors ?? []) problems.push(`body${e.instancePath} ${e.message ?? ''}`.trim());
        }
      }
    } else if (
      bodyPresent &&
      body !== null &&
      !(typeof body === 'object' && Object.keys(body).length === 0)
    ) {
      problems.push(`${operation.operationId} takes no request body`);
    }
    return problems;
  }
}

/**
 * OpenAPI 3.0 reads `nullable: true` as allowing null even beside an `enum` or without a `type`;
 * ajv wants null in the enum and a type. GitHub's description relies on the former
 * (`conclusion`, `start_side`, `account`…).
 */
function allowNullInNullableEnums(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) allowNullInNullableEnums(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  for (const value of Object.values(o)) allowNullInNullableEnums(value);
  if (o.nullable !== true) return;
  if (Array.isArray(o.enum) && !o.enum.includes(null)) o.enum.push(null);
  if (o.type === undefined) {
    // ajv refuses `nullable` without `type` (GitHub writes it beside allOf/anyOf): say it as anyOf.
    const { nullable: _, ...rest } = o;
    for (const key of Object.keys(o)) delete o[key];
    o.anyOf = [rest, { type: 'null' }];
  }
}

function coerce(raw: string, schema: object): unknown {
  const type = (schema as { type?: string }).type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
