import type { Diagnostic, DraftFinding } from '../../core/finding.ts';
import { runRules } from '../engine.ts';
import { applicableRules, presetVerdict, ruleApplies, type RuleModule } from '../rule.ts';
import type { ExportSummary, ModuleSummary } from '../taint/summary.ts';

export interface FileJob {
  path: string;
  text: string;
  /** The scanned files this one imports, keyed by the specifier as written (summaries ready). */
  imports: Record<string, string>;
  /** Specifiers of scanned files whose summaries are not ready: an import cycle broken here. */
  pending?: string[];
  /**
   * JSON summaries of imported files that the receiving thread has not seen yet, by path: each
   * summary crosses to a worker once, as text (cheaper to copy than an object graph).
   */
  summaries: Record<string, string>;
  /** Only the summary is wanted (a dependency outside the reported set): findings are dropped. */
  summaryOnly?: boolean;
  /**
   * Outside the taint set (see taintRelevant): the taint rules run only if an imported summary
   * hands out untrusted data. The analysing thread decides, as it holds those summaries.
   */
  outsideTaint?: boolean;
  /** A generated file (AnalyseOptions.generated): outside the taint set, no pattern halves either. */
  generated?: boolean;
  /** Code of a library-mode package (RuleContext.inLibrary). */
  library?: boolean;
  /** Version ranges its package declares for version-gated sinks' modules (TaintEnv.declared). */
  declared?: Record<string, string>;
  /**
   * Ids of the rules whose hint matches the text (taint rules only for `summaryOnly`). Worked out
   * by the pool's thread while a worker analyses the batches before.
   */
  rules: string[];
  /** Ids of those taint rules whose pattern half's hint (auditHint) matches the text, likewise. */
  audits?: string[];
}

export interface FileOutcome {
  path: string;
  findings: DraftFinding[];
  diagnostics: Diagnostic[];
  /** This file's summary as JSON text. */
  summary?: string;
}

/** The summaries a thread has: JSON text by path, parsed once on first use. */
export class SummaryStore {
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, ModuleSummary>();
  private readonly sourcing = new Map<string, boolean>();

  /** `summary`: the object `json` was made from, when this thread made it (no parse needed then). */
  set(path: string, json: string, summary?: ModuleSummary): void {
    // The same summary set again (a thread's own, then the pool's copy of it) keeps its parse.
    const same = this.texts.get(path) === json;
    this.texts.set(path, json);
    if (summary) this.parsed.set(path, summary);
    else if (!same) this.parsed.delete(path);
    if (!same) this.sourcing.delete(path);
  }

  text(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** Does the module's summary hand out untrusted data (see exportsSources)? Worked out once per summary. */
  handsOutSources(path: string): boolean {
    let yes = this.sourcing.get(path);
    if (yes === undefined) {
      const summary = this.get(path);
      yes = summary !== undefined && exportsSources(summary);
      if (summary) this.sourcing.set(path, yes);
    }
    return yes;
  }

  get(path: string): ModuleSummary | undefined {
    let s = this.parsed.get(path);
    if (s) return s;
    const json = this.texts.get(path);
    if (json === undefined) return undefined;
    s = JSON.parse(json) as ModuleSummary;
    this.parsed.set(path, s);
    return s;
  }
}

/** Texts the main thread wants parsed on a worker's stack (see parseOnWorker). */
export interface ParseRequest {
  parse: Array<{ path: string; text: string }>;
}

/** The ids of the rules a job may run (FileJob.rules): hint matching, taint rules only if `summaryOnly`. */
export function rulesFor(rules: readonly RuleModule[], text: string, summaryOnly: boolean): string[] {
  return applicableRules(summaryOnly ? rules.filter((r) => r.taint) : rules, text).map((r) => r.meta.id);
}

/** The ids among `ids` of the rules whose pattern half's hint matches the text (FileJob.audits). */
export function auditsFor(rules: readonly RuleModule[], ids: readonly string[], text: string): string[] {
  const wanted = new Set(ids);
  return rules
    .filter(
      (r) => r.auditHint !== undefined && wanted.has(r.meta.id) && ruleApplies({ hint: r.auditHint }, text),
    )
    .map((r) => r.meta.id);
}

/** One parse, one walk: structural rules and taint rules together, plus this file's summary. */
export function analyseFile(job: FileJob, rules: readonly RuleModule[], store: SummaryStore): FileOutcome {
  for (const [path, json] of Object.entries(job.summaries)) store.set(path, json);
  const env = {
    inScan: (spec: string) => job.imports[spec] !== undefined || job.pending?.includes(spec) === true,
    resolveImport: (spec: string) => {
      const target = job.imports[spec];
      return target === undefined ? undefined : store.get(target);
    },
    summary: undefined as ModuleSummary | undefined,
    ...(job.declared ? { declared: job.declared } : {}),
  };
  const wanted = new Set(job.rules);
  // The pool's thread matched the pattern halves' hints: their verdicts are not worked out again.
  if (job.audits) {
    const matched = new Set(job.audits);
    for (const r of rules)
      if (r.auditHint !== undefined && wanted.has(r.meta.id))
        presetVerdict(r.auditHint, job.text, matched.has(r.meta.id));
  }
  const noTaint =
    job.outsideTaint && !Object.values(job.imports).some((target) => store.handsOutSources(target));
  // Where no untrusted data can arrive, a taint rule runs only for its pattern half: a file none
  // of whose pattern halves can fire there is not even parsed for it.
  const auditRuns = (r: RuleModule) =>
    !job.generated &&
    r.auditHint !== undefined &&
    (!r.auditInLibraryOnly || job.library === true) &&
    ruleApplies({ hint: r.auditHint }, job.text);
  const out = runRules(
    job.path,
    job.text,
    rules.filter((r) => wanted.has(r.meta.id) && !(noTaint && r.taint && !auditRuns(r))),
    {
      taint: env,
      hinted: true,
      ...(noTaint ? { taintOff: true } : {}),
      ...(job.library ? { library: true } : {}),
      views: true,
    },
  );
  const summary = env.summary;
  let json: string | undefined;
  if (summary) {
    json = JSON.stringify(summary);
    store.set(job.path, json, summary);
  }
  return {
    path: job.path,
    findings: job.summaryOnly ? [] : out.findings,
    diagnostics: job.summaryOnly ? [] : out.diagnostics,
    ...(json === undefined ? {} : { summary: json }),
  };
}

/** Does a module hand out untrusted data (an exported value, or a function returning some)? */
export function exportsSources(summary: ModuleSummary): boolean {
  const carries = (e: ExportSummary | undefined, depth: number): boolean =>
    !!e &&
    (!!e.sources?.length ||
      !!e.fn?.returnSources.length ||
      (depth < 3 && Object.values(e.members ?? {}).some((m) => carries(m, depth + 1))));
  return Object.values(summary.exports).some((e) => carries(e, 0));
}

/** A file whose analysis crashed or whose worker died: a diagnostic, nothing else lost. */
export function failedOutcome(path: string, error: unknown): FileOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return {
    path,
    findings: [],
    diagnostics: [
      { level: 'error', source: 'sast', incomplete: true, path, message: `analysis failed: ${message}` },
    ],
  };
}
