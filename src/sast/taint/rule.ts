import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type Precision, PRECISIONS } from '../../core/finding.ts';
import {
  ruleApplies,
  type ReportDescriptor,
  type RuleContext,
  type RuleHint,
  type RuleModule,
  type RuleVisitors,
  type SastRuleMeta,
} from '../rule.ts';
import { type AnalysisResult, FileAnalysis } from './analyse.ts';
import type { SinkStep, TaintSpec, ViewRef } from './spec.ts';
import { mayHoldSources } from './models.ts';
import { noImports, type TaintEnv } from './summary.ts';
import { isTestFile } from '../test-files.ts';

/** A rule whose "how" is a taint spec. The spec is data; the engine below is shared. */
export interface TaintRuleModule extends RuleModule {
  taint: TaintSpec;
}

interface FileEntry {
  rules: TaintRuleModule[];
  result?: AnalysisResult;
}

/**
 * Every taint rule of a file shares one analysis. Rules register while the engine creates them
 * (before the walk); the first `Program:exit` runs the analysis for all of them, and each rule
 * reports its own findings. Keyed by the AST, so ESLint (which shares one AST among rules) gets
 * the same single analysis.
 */
const files = new WeakMap<TSESTree.Program, FileEntry>();

function analysisFor(context: RuleContext, entry: FileEntry, env: TaintEnv): AnalysisResult {
  if (!entry.result) {
    const analysis = new FileAnalysis(
      context.ast,
      context.filename,
      context.sourceText,
      entry.rules.map((r) => ({ id: r.meta.id, taint: r.taint })),
      env,
      (node) => context.locationOf(node, firstLine(context.getText(node))),
    );
    entry.result = analysis.run();
    env.summary = entry.result.summary;
  }
  return entry.result;
}

/**
 * The pattern half of a taint rule: sinks that look dangerous with no untrusted source in view (a
 * non-constant file path, SQL text built by concatenation). It reports at `precision` (or the
 * proposal's own), never on a line where the taint half proves a flow: one finding per line and
 * weakness, under one rule id.
 */
export interface TaintAudit {
  precision: Precision;
  /** Text the pattern half needs to see (a superset, linear-time), as RuleModule.hint. */
  hint: RuleHint;
  /**
   * Never in test files. `no-source` (default): only in files that hold no source (no framework model's hint:
   * mayHoldSources), where the taint half cannot see callers. `everywhere`: in every file, for
   * shapes dangerous enough to show even where the data's origin is in view but not proven.
   * `library`: only in the code of a library-mode package, whose callers choose its inputs however
   * many calls away from the exported API the shape stands.
   */
  scope?: 'no-source' | 'everywhere' | 'library';
  /**
   * `anyCaller`: the shape stands in a function with callers out of view (exported, or passed on),
   * dangerous whoever calls it: a line the taint half cleared only for the callers in view (one
   * vets its key) stays reported; a line whose parameter the function itself sanitises or bounds
   * does not.
   */
  create(context: RuleContext, propose: (d: ReportDescriptor, anyCaller?: boolean) => void): RuleVisitors;
}

export function defineTaintRule(meta: SastRuleMeta, taint: TaintSpec, audit?: TaintAudit): TaintRuleModule {
  const rule: TaintRuleModule = {
    meta,
    taint,
    ...(audit ? { auditHint: audit.hint } : {}),
    ...(audit?.scope === 'library' ? { auditInLibraryOnly: true } : {}),
    create(context) {
      // Where request data can arrive, the taint half sees where each value comes from, and a
      // value it does not connect to a source is the program's own. The pattern half is for the
      // files that hold no source: helpers, scripts, modules whose callers are out of view.
      const proposed: ReportDescriptor[] = [];
      const forAnyCaller = new Set<ReportDescriptor>();
      // A test drives the code with values of its own choosing: a shape alone says nothing there.
      const visitors =
        audit &&
        !isTestFile(context.filename) &&
        ruleApplies(audit, context.sourceText) &&
        (audit.scope === 'library'
          ? context.inLibrary
          : audit.scope === 'everywhere' ||
            context.taintOff ||
            !mayHoldSources(context.sourceText, context.filename, true))
          ? audit.create(context, (d, anyCaller) => {
              proposed.push(d);
              if (anyCaller) forAnyCaller.add(d);
            })
          : {};
      // `decided`: lines where the taint half proved a flow, or saw source data arrive sanitised or
      // guarded (`forAny`: arrive so whatever the callers pass).
      const reportProposed = (decided: ReadonlySet<number>, forAny: ReadonlySet<number>) => {
        for (const d of proposed) {
          if ((forAnyCaller.has(d) ? forAny : decided).has(startLineOf(context, d))) continue;
          context.report({ ...d, precision: d.precision ?? audit!.precision });
        }
      };
      // The pattern half may decide at the end of the walk too (its own `Program:exit`): first.
      const auditExit = (visitors as RuleVisitors)['Program:exit'];
      if (context.taintOff)
        return {
          ...visitors,
          'Program:exit': (node) => {
            auditExit?.(node);
            reportProposed(new Set(), new Set());
          },
        };
      let entry = files.get(context.ast);
      if (!entry) files.set(context.ast, (entry = { rules: [] }));
      if (!entry.rules.includes(rule)) entry.rules.push(rule);
      const own = entry;
      return {
        ...visitors,
        'Program:exit': (node) => {
          auditExit?.(node);
          const result = analysisFor(context, own, context.taint ?? noImports);
          const decided = new Set<number>(result.cleared.get(meta.id));
          const forAny = new Set<number>(result.clearedForAnyCaller.get(meta.id));
          // A shape the pattern half rates higher than a likely flow's medium keeps its rating.
          const shapeRating = new Map<number, Precision>();
          for (const d of proposed) {
            const line = startLineOf(context, d);
            const p = d.precision ?? audit!.precision;
            const known = shapeRating.get(line);
            if (!known || PRECISIONS.indexOf(p) < PRECISIONS.indexOf(known)) shapeRating.set(line, p);
          }
          // Every taint finding is a flow from a declared untrusted source: proven, so very-high.
          for (const d of result.findings.get(meta.id) ?? []) {
            // A view's data is a finding only where its template writes it raw: left to callers that read templates.
            if (!context.views && viewOf(d.flow)) continue;
            const line = startLineOf(context, d);
            const shape = shapeRating.get(line);
            const precision = d.precision ?? 'very-high';
            const better = shape && PRECISIONS.indexOf(shape) < PRECISIONS.indexOf(precision);
            context.report({ ...d, precision: better ? shape : precision });
            decided.add(line);
            forAny.add(line);
          }
          reportProposed(decided, forAny);
        },
      };
    },
  };
  return rule;
}

/** The view a flow ends in (SinkSpec.view), if it does. */
export function viewOf(flow: readonly SinkStep[] | undefined): ViewRef | undefined {
  return flow?.[flow.length - 1]?.view;
}

export function isTaintRule(rule: RuleModule): rule is TaintRuleModule {
  return 'taint' in rule && typeof (rule as { taint?: unknown }).taint === 'object';
}

function startLineOf(context: RuleContext, d: ReportDescriptor): number {
  const at = d.loc ?? d.node;
  return at ? context.locationOf(at).startLine : 0;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
