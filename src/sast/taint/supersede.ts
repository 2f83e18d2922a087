import type { DraftFinding } from '../../core/finding.ts';
import type { RuleModule } from '../rule.ts';

/**
 * One finding per line and class. When a taint rule proves a flow to a line where the structural
 * rule it supersedes already reports (`js/tainted-command` over `js/command-injection`), the
 * structural finding stays — its id is the one users already triage and suppress — and takes
 * the taint finding's flow, message and precision (the evidence), keeping its own severity (the
 * weakness's, as the rule list says); the taint finding is dropped. Taint
 * findings on lines no structural rule reports (helpers in other files, sinks the structural
 * rules do not cover) stay under the taint rule's id.
 */
export function mergeSuperseded<F extends DraftFinding>(findings: F[], rules: readonly RuleModule[]): F[] {
  const supersedes = new Map<string, readonly string[]>();
  for (const r of rules) if (r.taint?.supersedes?.length) supersedes.set(r.meta.id, r.taint.supersedes);
  if (supersedes.size === 0) return findings;
  const structural = new Map<string, F>();
  for (const f of findings) structural.set(`${f.ruleId}\0${f.location.path}\0${f.location.startLine}`, f);
  const dropped = new Set<F>();
  for (const f of findings) {
    for (const id of supersedes.get(f.ruleId) ?? []) {
      const target = structural.get(`${id}\0${f.location.path}\0${f.location.startLine}`);
      if (!target || target.flow) continue;
      if (f.flow) target.flow = f.flow;
      // The flow is proven now: the structural finding takes the taint finding's precision too.
      if (f.precision) target.precision = f.precision;
      target.message = `${target.message} ${f.message}`;
      target.properties = { ...target.properties, taintRule: f.ruleId };
      dropped.add(f);
      break;
    }
  }
  return dropped.size ? findings.filter((f) => !dropped.has(f)) : findings;
}
