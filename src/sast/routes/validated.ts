import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { PRECISIONS, type DraftFinding, type FlowStep, type Precision } from '../../core/finding.ts';
import { REQUEST_PARTS, type RequestPart } from '../models/validation.ts';
import { isFunctionNode, type FunctionNode } from '../naming.ts';
import { memberName, patternPath, resolverFor } from '../resolve.ts';
import { importersOf, type ImportGraph } from '../workers/graph.ts';
import { NestValidation } from './nest-validation.ts';
import { nodesAt, type ParseElsewhere, ProjectCode } from './project-code.ts';
import { routeRegistrations, type Registration } from './registrations.ts';
import type { Validation } from './validation.ts';

type Node = TSESTree.Node;

/**
 * Weaknesses a request schema addresses: a NoSQL operator needs an object where the schema says
 * string, mass assignment needs keys the schema does not declare. Injections a string suffices for
 * (SQL, HTML, commands, paths) are not among them.
 */
const SHAPE_RULES: ReadonlySet<string> = new Set([
  'js/nosql-injection',
  'js/mass-assignment',
  // An array or text has the length its bytes allow; `{ "length": 1e9 }` is no array.
  'js/loop-bound-injection',
]);
/** What a shape finding behind validation drops to: out of the gating set, still reported. */
const VALIDATED_PRECISION: Precision = 'medium';
/**
 * A sink step that names the operator it reaches (`a MongoDB query object ($where)`, see
 * hitDangerousKey): JavaScript run by the database, which a string is enough for.
 */
const RUNS_AS_CODE = /\(\$\w+\)$/;
/** Request properties Express names after the part they hold. */
const SOURCE_PARTS: ReadonlySet<string> = new Set([
  'body',
  'query',
  'params',
  'headers',
  'cookies',
  'signedCookies',
]);

interface Handler {
  fn: FunctionNode;
  /** The request part read, when the source names one (`req.body`, `({ query }) =>`). */
  part?: RequestPart;
}

/**
 * Shape findings (SHAPE_RULES) whose every flow starts at a request part read by a handler that is
 * registered only behind request validation middleware covering that part (every registration
 * found, in any file that imports the handler's, has it) go down to `medium`, with the validation
 * named in the message: likely stopped by the schema, left for a human to confirm. The analysis of
 * a controller never sees its routes file (it runs first, in dependency order), so this is decided
 * once every file is done. A handler with no registration found, or one without validation, keeps
 * its finding as it was. Files are parsed again only when there is such a finding; with
 * `parseElsewhere`, those too long for this thread's stack on the thread that gives.
 */
export async function lowerValidatedShapes<F extends DraftFinding>(
  findings: F[],
  texts: ReadonlyMap<string, string>,
  graph: ImportGraph,
  parseElsewhere?: ParseElsewhere,
): Promise<F[]> {
  const candidates = findings.filter(
    (f) => SHAPE_RULES.has(f.ruleId) && f.flow?.length && gates(f.precision ?? 'high'),
  );
  if (candidates.length === 0) return findings;
  const code = new ProjectCode(texts, graph, parseElsewhere);
  const flows = candidates.flatMap((f) => [f.flow!, ...(f.otherFlows ?? [])]);
  await code.prefetch(flows.map((flow) => flow[0]!.location.path));
  const handlers = new Map<string, Handler | undefined>();
  const handlerAt = (flow: readonly FlowStep[]): Handler | undefined => {
    const at = flow[0]!.location;
    const key = `${at.path}\0${at.startLine}\0${at.startColumn}`;
    if (!handlers.has(key)) handlers.set(key, readingHandler(code, at.path, at.startLine, at.startColumn));
    return handlers.get(key);
  };
  const nest = new NestValidation(code, [...texts.keys()]);
  const nestAt = (flow: readonly FlowStep[]): Validation | undefined => {
    const at = flow[0]!.location;
    return nest.at(at.path, at.startLine, at.startColumn);
  };
  const sourceFiles = new Set<string>();
  for (const f of candidates)
    for (const flow of [f.flow!, ...(f.otherFlows ?? [])])
      if (handlerAt(flow)) sourceFiles.add(flow[0]!.location.path);
  const importers = importersOf(graph, sourceFiles);
  await code.prefetch(importers);
  const registrations = routeRegistrations(code, importers);
  const lowered = new Map<F, F>();
  for (const f of candidates) {
    let first: Validation | undefined;
    const all = [f.flow!, ...(f.otherFlows ?? [])].every((flow) => {
      if (RUNS_AS_CODE.test(flow.at(-1)!.message)) return false;
      const handler = handlerAt(flow);
      const validation = handler ? validatedBy(handler, registrations.get(handler.fn)) : nestAt(flow);
      first ??= validation;
      return validation !== undefined;
    });
    if (!all || !first) continue;
    lowered.set(f, {
      ...f,
      precision: VALIDATED_PRECISION,
      message: `${f.message} The route validates the request first (${first.label} at ${first.file}:${first.line}): a schema that types this field or rejects unknown keys stops it.`,
    });
  }
  return lowered.size ? findings.map((f) => lowered.get(f) ?? f) : findings;
}

function gates(precision: Precision): boolean {
  return PRECISIONS.indexOf(precision) <= PRECISIONS.indexOf('high');
}

/** The validation every registration of the handler has for the part it reads, if all do. */
function validatedBy(
  handler: Handler,
  registrations: readonly Registration[] | undefined,
): Validation | undefined {
  if (!registrations?.length) return undefined;
  const covers = (v: Validation | undefined): v is Validation =>
    !!v && (v.parts === undefined || (handler.part !== undefined && v.parts.has(handler.part)));
  return registrations.every((r) => covers(r.validation)) ? registrations[0]!.validation : undefined;
}

/**
 * The function whose parameter the source at this position reads (`req` of `req.body.email`, or a
 * destructured `({ body }) =>`), with the request part read.
 */
function readingHandler(code: ProjectCode, file: string, line: number, column: number): Handler | undefined {
  const program = code.program(file);
  const offset = code.offsetOf(file, line, column);
  if (!program || offset === undefined) return undefined;
  const id = nodesAt(program, offset).findLast(
    (n): n is TSESTree.Identifier => n.type === 'Identifier' && n.range[0] === offset,
  );
  const variable = id && resolverFor(program).variableOf(id);
  const def = variable?.defs[0];
  if (!id || variable?.defs.length !== 1 || def?.type !== 'Parameter' || !isFunctionNode(def.node))
    return undefined;
  const fn = def.node;
  const param = fn.params.find((p) => p.range[0] <= def.name.range[0] && def.name.range[1] <= p.range[1]);
  // Keys from the parameter down: destructured in it, then read off the identifier.
  const keys = [...((param && patternPath(param, def.name)) ?? [])];
  let n: Node = id;
  while (keys.length < 2 && n.parent?.type === 'MemberExpression' && n.parent.object === n) {
    n = n.parent;
    keys.push(memberName(n as TSESTree.MemberExpression) ?? '');
  }
  // Koa's `ctx.request.body`; Hono's `c.req.query()`, `c.req.valid('json')`.
  const part = keys[0] === 'request' ? keys[1] : keys[0] === 'req' ? honoPart(keys[1], n) : keys[0];
  return { fn, ...(part !== undefined && SOURCE_PARTS.has(part) ? { part: part as RequestPart } : {}) };
}

/** The part each HonoRequest reader reads, as Express names it. */
const HONO_READERS: ReadonlyMap<string, RequestPart> = new Map<string, RequestPart>([
  ['query', 'query'],
  ['queries', 'query'],
  ['param', 'params'],
  ['header', 'headers'],
  ['json', 'body'],
  ['parseBody', 'body'],
  ['formData', 'body'],
  ['text', 'body'],
  ['arrayBuffer', 'body'],
  ['blob', 'body'],
]);

/** `c.req.<reader>(…)` at `member`: its part; `valid(target)` names the part a validator checked. */
function honoPart(reader: string | undefined, member: Node): string | undefined {
  if (reader !== 'valid') return reader === undefined ? undefined : HONO_READERS.get(reader);
  const call = member.parent;
  const target = call?.type === 'CallExpression' && call.callee === member ? call.arguments[0] : undefined;
  return target?.type === 'Literal' && typeof target.value === 'string'
    ? REQUEST_PARTS.get(target.value.toLowerCase())
    : undefined;
}
