import type { DraftFinding, FlowStep, Location } from '../../core/finding.ts';
import { addFlow } from '../taint/sinks.ts';
import { viewOf } from '../taint/rule.ts';
import type { ViewRef } from '../taint/spec.ts';
import type { ReachedSite, ViewIndex } from './views.ts';

/** Does a site writing `name` write (part of) the view's data `ref` names? `*`: the client chose every name. */
function writes(ref: ViewRef, name: string): boolean {
  const { local } = ref;
  if (local !== '*' && name !== local && !name.startsWith(`${local}.`)) return false;
  const key = (local === '*' ? name : name.slice(local.length + 1)).split('.')[0];
  return !(key && ref.except?.includes(key));
}

function siteLocation(r: ReachedSite): Location {
  const s = r.site;
  return {
    path: r.path,
    startLine: s.line,
    startColumn: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
    snippet: s.text,
  };
}

/**
 * Flows into a view's data (SinkSpec.view) become findings at the template lines that write that
 * data without escaping, the render call and any include tags as steps of the flow; flows into a
 * view that cannot be resolved, or into names the template escapes or never writes, are dropped.
 * `index` is called only when such a flow exists.
 */
export function completeViewFindings(findings: DraftFinding[], index: () => ViewIndex): DraftFinding[] {
  if (!findings.some((f) => viewOf(f.flow))) return findings;
  const views = index();
  const out: DraftFinding[] = [];
  const bySite = new Map<string, DraftFinding>();
  for (const f of findings) {
    if (!viewOf(f.flow)) {
      out.push(f);
      continue;
    }
    for (const flow of [f.flow!, ...(f.otherFlows ?? [])]) {
      const ref = viewOf(flow);
      const render = flow[flow.length - 1]!;
      const resolved = ref && views.resolve(ref.view, render.location.path);
      if (!ref || !resolved) continue;
      for (const reached of views.rawSites(resolved.path, resolved.folder)) {
        if (!reached.site.names.some((n) => writes(ref, n))) continue;
        const at = siteLocation(reached);
        const passed = ref.local === '*' ? 'as its data' : `as \`${ref.local}\``;
        const steps: FlowStep[] = [
          ...flow.slice(0, -1),
          { location: render.location, message: `rendered: view '${ref.view}' gets it ${passed}` },
          ...reached.via.map((v) => ({
            location: {
              path: v.path,
              startLine: v.include.line,
              startColumn: v.include.column,
              endLine: v.include.line,
              endColumn: v.include.column,
              snippet: v.include.text,
            },
            message: `includes '${v.include.name}'`,
          })),
          { location: at, message: 'sink: written into the page without HTML escaping' },
        ];
        const key = `${f.ruleId}\0${at.path}\0${at.startLine}\0${at.startColumn}`;
        const known = bySite.get(key);
        if (known) {
          addFlow(known, steps);
          continue;
        }
        const source = flow[0]?.message.replace(/^source: /, '') ?? 'an untrusted source';
        const finding: DraftFinding = {
          ...f,
          location: at,
          message:
            `Untrusted data from ${source}, rendered with view '${ref.view}' at ` +
            `${render.location.path}:${render.location.startLine}, is written without HTML escaping by \`${reached.site.text}\`.`,
          flow: steps,
        };
        delete finding.otherFlows;
        delete finding.fingerprint;
        bySite.set(key, finding);
        out.push(finding);
      }
    }
  }
  return out;
}
