import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Diagnostic, DraftFinding, FlowStep, Location, Precision } from '../core/finding.ts';
import { componentKind, componentProgram, placeTemplateFindings } from './components.ts';
import { parseSource, ParseError, type Lang } from './parse.ts';
import { redactSecrets } from './secrets/find.ts';
import {
  applicableRules,
  type Node,
  type ReportDescriptor,
  type RuleContext,
  type RuleModule,
} from './rule.ts';
import type { TaintEnv } from './taint/summary.ts';
import { offsetLocator } from './source-text.ts';
import { standsAt } from './stands-at.ts';
import { traverse } from './traverse.ts';
import { isTestFile } from './test-files.ts';
import { inDevelopmentOnlyCode } from './development-only.ts';

export interface FileResult {
  findings: DraftFinding[];
  diagnostics: Diagnostic[];
}

type Handler = (node: Node) => void;

/** A rule's handler for one node type; a rule that throws is not called again in the file. */
interface Hook {
  rule: RuleModule;
  handler: Handler;
}

/** Snippets are cut from source: a credential on the flagged line is masked whatever the rule. */
export function toLocation(
  path: string,
  loc: TSESTree.SourceLocation,
  snippet: string | undefined,
): Location {
  if (snippet !== undefined) snippet = redactSecrets(snippet);
  return {
    path,
    startLine: loc.start.line,
    startColumn: loc.start.column + 1,
    endLine: loc.end.line,
    endColumn: loc.end.column + 1,
    ...(snippet === undefined ? {} : { snippet }),
  };
}

/**
 * Parse a file once and walk it once, dispatching every node to every rule that asked for its
 * type — unless no rule's hint matches the text, when there is nothing to parse for. A rule that
 * throws loses its findings for this file and leaves a diagnostic; the other rules and files are
 * unaffected.
 */
export function runRules(
  path: string,
  text: string,
  rules: readonly RuleModule[],
  options: RunOptions = {},
): FileResult {
  const kind = componentKind(path);
  if (!kind) return runProgram(path, text, rules, options);
  // A Vue or Svelte component: its script blocks in place, its template sinks after its last line.
  const component = componentProgram(kind, text);
  const out = runProgram(path, component.text, rules, options, component.lang);
  return {
    findings: placeTemplateFindings(path, component, out.findings),
    diagnostics: [
      ...component.warnings.map((message): Diagnostic => ({
        level: 'warning',
        source: 'sast',
        path,
        message,
      })),
      ...out.diagnostics,
    ],
  };
}

interface RunOptions {
  taint?: TaintEnv;
  /** The caller has kept only the rules whose hint matches (see applicableRules). */
  hinted?: boolean;
  /** No untrusted data can reach the file: taint rules run their pattern half only. */
  taintOff?: boolean;
  /** The file is code of a library-mode package (RuleContext.inLibrary). */
  library?: boolean;
  /** Flows into a view's data are reported, to be completed against templates (RuleContext.views). */
  views?: boolean;
}

function runProgram(
  path: string,
  text: string,
  rules: readonly RuleModule[],
  options: RunOptions,
  lang?: Lang,
): FileResult {
  const findings: DraftFinding[] = [];
  const diagnostics: Diagnostic[] = [];
  // A file no rule could fire on is not parsed at all (see RuleModule.hint).
  if (!options.hinted) rules = applicableRules(rules, text);
  if (rules.length === 0) return { findings, diagnostics };
  let ast: TSESTree.Program;
  try {
    ast = parseSource(path, text, lang);
  } catch (error) {
    const e = error instanceof ParseError ? error : new ParseError(path, String(error));
    diagnostics.push({
      level: 'error',
      source: 'sast',
      path,
      line: e.line,
      message: `cannot parse: ${e.message}`,
    });
    return { findings, diagnostics };
  }

  const enter = new Map<string, Hook[]>();
  const exit = new Map<string, Hook[]>();
  const failed = new Set<RuleModule>();

  // Nodes carry ranges only; lines and columns are worked out for what gets reported.
  let locate: ((offset: number) => { line: number; column: number }) | undefined;
  const locOf = (range: readonly [number, number]): TSESTree.SourceLocation => {
    locate ??= offsetLocator(text);
    const start = locate(range[0]);
    const end = locate(range[1]);
    return {
      start: { line: start.line, column: start.column - 1 },
      end: { line: end.line, column: end.column - 1 },
    };
  };

  const inTests = isTestFile(path);
  /** Gating shapes outside tests, by their index in `findings` (see precisionOf). */
  const shapes: Array<{ index: number; node: Node }> = [];
  // What every rule's context shares, made once per file; each rule adds its own `report`.
  const shared: Omit<RuleContext, 'report'> = {
    filename: path,
    sourceText: text,
    ast,
    ...(options.taint ? { taint: options.taint } : {}),
    ...(options.taintOff ? { taintOff: true } : {}),
    ...(options.library ? { inLibrary: true } : {}),
    ...(options.views ? { views: true } : {}),
    getText: (node) => text.slice(node.range[0], node.range[1]),
    locationOf: (target, snippet) => {
      if (!('type' in target)) return toLocation(path, target, snippet);
      const range = standingRange(target, text);
      return toLocation(path, locOf(range), snippet ?? text.slice(range[0], range[1]));
    },
  };
  for (const rule of rules) {
    const context: RuleContext = {
      ...shared,
      report: (d: ReportDescriptor) => {
        const range = d.node && standingRange(d.node, text);
        const loc = d.loc ?? locOf(range ?? ast.range);
        const meta = rule.meta;
        // A secret rule's node text is the secret itself: only an explicit (masked) snippet may go out.
        const snippet =
          d.snippet ?? (range && meta.kind !== 'secret' ? text.slice(range[0], range[1]) : undefined);
        // Whether only a development build runs the node is asked after the walk: a rule may
        // report a node the walk has not reached yet, which has no parent until it does.
        if (!inTests && d.node && shapeOnly(d, meta)) shapes.push({ index: findings.length, node: d.node });
        findings.push({
          ruleId: meta.id,
          kind: meta.kind,
          severity: d.severity ?? meta.severity,
          ...precisionOf(d, meta, inTests),
          title: meta.title,
          message: redactSecrets(d.message),
          location: d.at ?? toLocation(path, loc, snippet),
          ...(meta.cwe ? { cwe: meta.cwe } : {}),
          ...(meta.owasp ? { owasp: meta.owasp } : {}),
          ...(d.fix ? { fix: d.fix } : meta.fixHint ? { fix: { description: meta.fixHint } } : {}),
          ...(d.flow ? { flow: redactFlow(d.flow) } : {}),
          ...(d.otherFlows?.length ? { otherFlows: d.otherFlows.map(redactFlow) } : {}),
          ...(d.properties ? { properties: d.properties } : {}),
        });
      },
    };
    let visitors;
    try {
      visitors = rule.create(context);
    } catch (error) {
      diagnostics.push(ruleCrash(path, rule, error));
      continue;
    }
    for (const [selector, handler] of Object.entries(visitors)) {
      if (!handler) continue;
      const isExit = selector.endsWith(':exit');
      const type = isExit ? selector.slice(0, -5) : selector;
      const table = isExit ? exit : enter;
      let hooks = table.get(type);
      if (!hooks) table.set(type, (hooks = []));
      hooks.push({ rule, handler: handler as Handler });
    }
  }

  // Called for every node: one loop over the node type's hooks, no wrapper closure per handler.
  const dispatch = (table: Map<string, Hook[]>) => (node: Node) => {
    const hooks = table.get(node.type);
    if (!hooks) return;
    for (const { rule, handler } of hooks) {
      if (failed.size > 0 && failed.has(rule)) continue;
      try {
        handler(node);
      } catch (error) {
        failed.add(rule);
        diagnostics.push(ruleCrash(path, rule, error));
      }
    }
  };
  traverse(ast, dispatch(enter), dispatch(exit));
  for (const { index, node } of shapes) {
    const f = findings[index]!;
    if (inDevelopmentOnlyCode(node))
      findings[index] = {
        ...f,
        precision: 'medium',
        message: `${f.message} Only a development build runs this.`,
      };
  }
  const ownFindings = failed.size
    ? findings.filter((f) => ![...failed].some((r) => r.meta.id === f.ruleId))
    : findings;
  return { findings: ownFindings, diagnostics };
}

/** A gating SAST finding with no flow behind it: a shape or a setting. */
function shapeOnly(d: ReportDescriptor, meta: RuleModule['meta']): boolean {
  const precision = d.precision ?? meta.precision;
  // A rule that declares none is high (core/finding.ts precisionOf).
  const gating = precision === undefined || precision === 'high' || precision === 'very-high';
  return gating && !d.flow && meta.kind === 'sast';
}

/**
 * A finding's precision. In a test file, or in code only a development build runs (`if (isDev)`,
 * the `else` of `if (isProduction)`), a shape with no flow behind it (`rejectUnauthorized: false`
 * against the test server, CORS open to any origin for a local front end) is worth a look, not a
 * gate: it is capped at medium. Flows and secrets keep theirs.
 */
function precisionOf(
  d: ReportDescriptor,
  meta: RuleModule['meta'],
  inTests: boolean,
): { precision?: Precision } {
  if (inTests && shapeOnly(d, meta)) return { precision: 'medium' };
  const precision = d.precision ?? meta.precision;
  return precision ? { precision } : {};
}

/** The source range a finding on this node covers: from where it stands (standsAt) to its end. */
function standingRange(node: TSESTree.Node, text: string): readonly [number, number] {
  return [standsAt(node, text).range[0], node.range[1]];
}

/** vigil's own failure, not the repository's: this file's findings of the rule are missing. */
function ruleCrash(path: string, rule: RuleModule, error: unknown): Diagnostic {
  return {
    level: 'error',
    source: 'sast',
    incomplete: true,
    path,
    message: `rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

function redactFlow(flow: readonly FlowStep[]): FlowStep[] {
  return flow.map((step) => ({ ...step, message: redactSecrets(step.message) }));
}
