import { PRECISIONS, type DraftFinding, type FlowStep } from '../../core/finding.ts';
import { addFlow } from './sinks.ts';

/**
 * One finding per rule and sink line across files. The analysis of each file reports what it
 * proves, so a helper's sink reached from two route files arrives twice, and the helper's own file
 * (which holds no source) reports the same line from the rule's pattern half. The proven findings
 * become one — the most certain flow first (then by source location, so the result does not depend
 * on which worker finished first), the others as `otherFlows` — and the pattern finding goes. Lines
 * no flow reaches are left as they are.
 */
export function oneFindingPerSink<F extends DraftFinding>(findings: F[]): F[] {
  const keyOf = (f: F) => `${f.ruleId}\0${f.location.path}\0${f.location.startLine}`;
  const groups = new Map<string, F[]>();
  for (const f of findings) {
    if (!f.flow) continue;
    const group = groups.get(keyOf(f));
    if (group) group.push(f);
    else groups.set(keyOf(f), [f]);
  }
  if (groups.size === 0) return findings;
  const dropped = new Set<F>();
  for (const group of groups.values()) {
    if (group.length === 1) continue;
    group.sort(
      (a, b) =>
        PRECISIONS.indexOf(a.precision ?? 'very-high') - PRECISIONS.indexOf(b.precision ?? 'very-high') ||
        (sourceKey(a.flow!) < sourceKey(b.flow!) ? -1 : 1),
    );
    const [first, ...rest] = group;
    for (const f of rest) {
      for (const flow of [f.flow!, ...(f.otherFlows ?? [])]) addFlow(first!, flow);
      dropped.add(f);
    }
  }
  for (const f of findings) if (!f.flow && groups.has(keyOf(f))) dropped.add(f);
  return dropped.size ? findings.filter((f) => !dropped.has(f)) : findings;
}

function sourceKey(flow: readonly FlowStep[]): string {
  const at = flow[0]?.location;
  return at ? `${at.path}\0${String(at.startLine).padStart(8, '0')}\0${at.startColumn}` : '';
}
