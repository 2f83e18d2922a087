import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type YAMLMap,
} from 'yaml';
import type { Diagnostic } from '../../core/finding.ts';
import { iacDiagnostic } from '../diagnostic.ts';
import type { Span } from '../rule.ts';

/**
 * A GitHub Actions workflow read through the `yaml` package, keeping node ranges so every rule
 * can point at a line. Only what rules need is modelled (triggers, permissions, jobs, steps);
 * everything else stays reachable through the nodes.
 */

export interface Step {
  index: number;
  node: YAMLMap;
  uses?: Node;
  run?: Node;
  with?: YAMLMap;
  env?: YAMLMap;
}

export interface Job {
  id: string;
  key: Node;
  node: YAMLMap;
  permissions?: Node;
  env?: YAMLMap;
  /** `uses:` of a job that calls a reusable workflow. */
  uses?: Node;
  /** `secrets:` of such a job (`inherit` or a map). */
  secrets?: Node;
  steps: Step[];
}

export interface Workflow {
  path: string;
  text: string;
  /** Event names under `on:`. */
  triggers: Set<string>;
  onKey?: Node;
  permissions?: Node;
  permissionsKey?: Node;
  env?: YAMLMap;
  jobsKey?: Node;
  jobs: Job[];
  diagnostics: Diagnostic[];
  /** 1-based line and column of an offset into `text`. */
  position(offset: number): { line: number; column: number };
}

export const MAX_WORKFLOW_BYTES = 1024 * 1024;
/** Deeper flow collections are refused before parsing (the parser recurses per level). */
const MAX_FLOW_DEPTH = 64;

export function parseWorkflow(path: string, text: string): Workflow {
  const counter = new LineCounter();
  const workflow: Workflow = {
    path,
    text,
    triggers: new Set(),
    jobs: [],
    diagnostics: [],
    position: (offset) => {
      const p = counter.linePos(offset);
      return { line: p.line, column: p.col };
    },
  };
  if (Buffer.byteLength(text, 'utf8') > MAX_WORKFLOW_BYTES) {
    workflow.diagnostics.push(
      iacDiagnostic(path, undefined, `skipped: workflow larger than ${MAX_WORKFLOW_BYTES} bytes`, 'warning'),
    );
    return workflow;
  }
  if (text.includes('\u0000')) {
    workflow.diagnostics.push(
      iacDiagnostic(
        path,
        text.slice(0, text.indexOf('\u0000')).split('\n').length,
        'not a workflow: binary content',
        'error',
      ),
    );
    return workflow;
  }
  const deep = flowTooDeep(text);
  if (deep !== undefined) {
    workflow.diagnostics.push(
      iacDiagnostic(path, deep, `YAML nested deeper than ${MAX_FLOW_DEPTH} levels`, 'error'),
    );
    return workflow;
  }
  let doc: Document;
  try {
    doc = parseDocument(text, {
      lineCounter: counter,
      prettyErrors: false,
      uniqueKeys: false,
    });
  } catch (error) {
    workflow.diagnostics.push(
      iacDiagnostic(
        path,
        undefined,
        `cannot parse YAML: ${error instanceof Error ? error.message : String(error)}`,
        'error',
      ),
    );
    return workflow;
  }
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = counter.linePos(e.pos[0]).line;
    workflow.diagnostics.push(
      iacDiagnostic(path, line, `invalid YAML: ${e.message.split('\n')[0]}`, 'error'),
    );
    return workflow;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    if (root !== null)
      workflow.diagnostics.push(
        iacDiagnostic(path, 1, 'not a workflow: the document is not a mapping', 'warning'),
      );
    return workflow;
  }
  const on = entry(root, 'on');
  if (on) {
    workflow.onKey = on.key;
    for (const name of triggerNames(on.value)) workflow.triggers.add(name);
  }
  const permissions = entry(root, 'permissions');
  if (permissions) {
    workflow.permissions = permissions.value;
    workflow.permissionsKey = permissions.key;
  }
  const env = get(root, 'env');
  if (isMap(env)) workflow.env = env;
  const jobs = entry(root, 'jobs');
  if (jobs) {
    workflow.jobsKey = jobs.key;
    if (isMap(jobs.value)) {
      for (const pair of jobs.value.items) {
        if (!isScalar(pair.key) || !isMap(pair.value)) continue;
        workflow.jobs.push(readJob(String(pair.key.value), pair.key, pair.value));
      }
    }
  }
  return workflow;
}

function readJob(id: string, key: Node, node: YAMLMap): Job {
  const job: Job = { id, key, node, steps: [] };
  const permissions = get(node, 'permissions');
  if (permissions) job.permissions = permissions;
  const env = get(node, 'env');
  if (isMap(env)) job.env = env;
  const uses = get(node, 'uses');
  if (uses) job.uses = uses;
  const secrets = get(node, 'secrets');
  if (secrets) job.secrets = secrets;
  const steps = get(node, 'steps');
  if (isSeq(steps)) {
    steps.items.forEach((item, index) => {
      if (!isMap(item)) return;
      const step: Step = { index, node: item };
      const u = get(item, 'uses');
      if (u) step.uses = u;
      const r = get(item, 'run');
      if (r) step.run = r;
      const w = get(item, 'with');
      if (isMap(w)) step.with = w;
      const e = get(item, 'env');
      if (isMap(e)) step.env = e;
      job.steps.push(step);
    });
  }
  return job;
}

function triggerNames(node: Node | null | undefined): string[] {
  if (isScalar(node)) return [String(node.value)];
  if (isSeq(node)) return node.items.flatMap((i) => (isScalar(i) ? [String(i.value)] : []));
  if (isMap(node)) return node.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []));
  return [];
}

/** The key and value nodes of `key` in a mapping. */
export function entry(map: YAMLMap, key: string): { key: Node; value: Node | undefined } | undefined {
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key)
      return { key: pair.key, value: (pair.value ?? undefined) as Node | undefined };
  }
  return undefined;
}

export function get(map: YAMLMap, key: string): Node | undefined {
  return entry(map, key)?.value;
}

/** A scalar's value as a string (numbers and booleans too); undefined for collections. */
export function str(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/** The span of a node (its value, without trailing comments). */
export function spanOf(workflow: Workflow, node: Node): Span {
  const [start, end] = node.range ?? [0, 0];
  const a = workflow.position(start);
  const b = workflow.position(Math.max(start, end));
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

export interface Expression {
  /** Text between `${{` and `}}`, trimmed. */
  text: string;
  /** Offset of `${{` in the workflow text. */
  offset: number;
  end: number;
}

/**
 * `${{ … }}` expressions written inside a node's source. Read from the source rather than the
 * parsed value, so each expression keeps its exact line inside a block scalar.
 */
export function expressionsIn(workflow: Workflow, node: Node): Expression[] {
  const [start, end] = node.range ?? [0, 0];
  const source = workflow.text.slice(start, end);
  const out: Expression[] = [];
  // String search, not /\$\{\{([\s\S]*?)\}\}/g: that retries every later `${{` when none is
  // closed, quadratic on a run of openers. Once no `}}` follows an opener, none follows a later one.
  for (let open = source.indexOf('${{'); open !== -1;) {
    const close = source.indexOf('}}', open + 3);
    if (close === -1) break;
    out.push({ text: source.slice(open + 3, close).trim(), offset: start + open, end: start + close + 2 });
    open = source.indexOf('${{', close + 2);
  }
  return out;
}

export function spanOfRange(workflow: Workflow, start: number, end: number): Span {
  const a = workflow.position(start);
  const b = workflow.position(end);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** Line of the first flow collection nested deeper than the limit, if any. */
function flowTooDeep(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      continue;
    }
    if (quote) {
      if (c === quote && (quote === "'" || text[i - 1] !== '\\')) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if ((c === '"' || c === "'") && depth > 0) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return line;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}
