import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { RuleContext, RuleModule, SastRuleMeta } from '../rule.ts';
import { type AnalysisResult, FileAnalysis } from './analyse.ts';
import type { TaintSpec } from './spec.ts';
import { noImports, type TaintEnv } from './summary.ts';

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

export function defineTaintRule(meta: SastRuleMeta, taint: TaintSpec): TaintRuleModule {
  const rule: TaintRuleModule = {
    meta,
    taint,
    create(context) {
      let entry = files.get(context.ast);
      if (!entry) files.set(context.ast, (entry = { rules: [] }));
      if (!entry.rules.includes(rule)) entry.rules.push(rule);
      const own = entry;
      return {
        'Program:exit': () => {
          const result = analysisFor(context, own, context.taint ?? noImports);
          // Every taint finding is a flow from a declared untrusted source: proven, so very-high.
          for (const d of result.findings.get(meta.id) ?? []) {
            context.report({ ...d, precision: d.precision ?? 'very-high' });
          }
        },
      };
    },
  };
  return rule;
}

export function isTaintRule(rule: RuleModule): rule is TaintRuleModule {
  return 'taint' in rule && typeof (rule as { taint?: unknown }).taint === 'object';
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
