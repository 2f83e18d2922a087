import type { DraftFinding, FlowStep } from '../../core/finding.ts';
import type { RuleModule } from '../rule.ts';
import type { ExportSummary, ModuleSummary, ParamSink } from '../taint/summary.ts';
import type { LibraryPackage } from './packages.ts';

/** Nested export objects followed (`module.exports = { fs: { read } }`). */
const MAX_MEMBER_DEPTH = 3;

interface Reach {
  entry: string;
  sink: ParamSink;
}

/**
 * Library mode: what a caller of the package's exported API controls. Each entry file's summary
 * already says which parameters of each exported function reach a sink — in the file itself, in
 * internal helpers, or through re-exports, all composed by the taint summaries — so the entry
 * points are its exports and the untrusted data is their arguments. Only rules that list
 * `library` among their source kinds (command, code, path, property writes, regexes) take part.
 * One finding per rule and sink, naming the entry points that reach it.
 */
export function libraryFindings(
  packages: readonly LibraryPackage[],
  summaryOf: (path: string) => ModuleSummary | undefined,
  rules: readonly RuleModule[],
): DraftFinding[] {
  const accepting = new Map(
    rules.filter((r) => r.taint?.sources?.includes('library')).map((r) => [r.meta.id, r] as const),
  );
  if (accepting.size === 0) return [];
  const bySink = new Map<string, Reach[]>();
  for (const pkg of packages) {
    for (const entry of pkg.entries) {
      const summary = summaryOf(entry);
      if (!summary) continue;
      for (const [name, e] of Object.entries(summary.exports)) {
        const entryName = name === 'default' ? pkg.name : `${pkg.name}.${name}`;
        collect(e, entryName, 0, (reach) => {
          if (!accepting.has(reach.sink.ruleId) || reach.sink.sink.callerNamed) return;
          const at = reach.sink.sink.location;
          const key = `${reach.sink.ruleId}\0${at.path}\0${at.startLine}\0${at.startColumn}`;
          const list = bySink.get(key) ?? [];
          if (!list.some((r) => r.entry === reach.entry)) list.push(reach);
          bySink.set(key, list);
        });
      }
    }
  }
  const findings: DraftFinding[] = [];
  for (const reaches of bySink.values()) {
    const first = reaches[0]!;
    const rule = accepting.get(first.sink.ruleId)!;
    findings.push(findingOf(rule, reaches, first));
  }
  return findings;
}

function collect(e: ExportSummary, entry: string, depth: number, found: (r: Reach) => void): void {
  for (const sink of e.fn?.sinks ?? []) found({ entry, sink });
  if (depth >= MAX_MEMBER_DEPTH) return;
  for (const [name, m] of Object.entries(e.members ?? {})) collect(m, `${entry}.${name}`, depth + 1, found);
}

function findingOf(rule: RuleModule, reaches: readonly Reach[], first: Reach): DraftFinding {
  const { sink } = first;
  const meta = rule.meta;
  const names = reaches.map((r) => `\`${r.entry}\``);
  const others =
    names.length > 1
      ? ` (also reached from ${names.slice(1, 4).join(', ')}${names.length > 4 ? ', …' : ''})`
      : '';
  const source: FlowStep = {
    location: sink.steps[0]?.location ?? sink.sink.location,
    message: `source: argument ${sink.param + 1} of ${first.entry} (the package's exported API)`,
  };
  return {
    ruleId: meta.id,
    kind: meta.kind,
    severity: meta.severity,
    title: meta.title,
    message: `A caller of ${names[0]} controls ${sink.sink.message}: its argument ${sink.param + 1} reaches it unchecked${others}.`,
    location: sink.sink.location,
    ...(meta.cwe ? { cwe: meta.cwe } : {}),
    ...(meta.owasp ? { owasp: meta.owasp } : {}),
    ...(meta.fixHint ? { fix: { description: meta.fixHint } } : {}),
    flow: [source, ...sink.steps, { location: sink.sink.location, message: `sink: ${sink.sink.message}` }],
    properties: { libraryEntry: first.entry },
  };
}
