import type { Diagnostic, DraftFinding } from '../../core/finding.ts';
import { runRules } from '../engine.ts';
import type { RuleModule } from '../rule.ts';
import type { ModuleSummary } from '../taint/summary.ts';

export interface FileJob {
  path: string;
  text: string;
  /** Summaries of the files this one imports, keyed by the specifier as written. */
  imports: Record<string, ModuleSummary>;
  /** Only the summary is wanted (a dependency outside the reported set): findings are dropped. */
  summaryOnly?: boolean;
  /** No untrusted data can reach this file (see taintRelevant): skip the taint rules. */
  noTaint?: boolean;
}

export interface FileOutcome {
  path: string;
  findings: DraftFinding[];
  diagnostics: Diagnostic[];
  summary?: ModuleSummary;
}

/** One parse, one walk: structural rules and taint rules together, plus this file's summary. */
export function analyseFile(job: FileJob, rules: readonly RuleModule[]): FileOutcome {
  const env = {
    resolveImport: (spec: string) => job.imports[spec],
    summary: undefined as ModuleSummary | undefined,
  };
  const run = job.summaryOnly
    ? rules.filter((r) => r.taint)
    : job.noTaint
      ? rules.filter((r) => !r.taint)
      : rules;
  const out = runRules(job.path, job.text, run, { taint: env });
  return {
    path: job.path,
    findings: job.summaryOnly ? [] : out.findings,
    diagnostics: job.summaryOnly ? [] : out.diagnostics,
    ...(env.summary ? { summary: env.summary } : {}),
  };
}

/** A file whose analysis crashed or whose worker died: a diagnostic, nothing else lost. */
export function failedOutcome(path: string, error: unknown): FileOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return {
    path,
    findings: [],
    diagnostics: [{ level: 'error', source: 'sast', path, message: `analysis failed: ${message}` }],
  };
}
