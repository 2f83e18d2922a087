import { ECOSYSTEM_ORDERS, semver, type Order } from './orders.ts';

/**
 * The OSV schema's `IsVulnerable` (ossf/osv-schema docs/schema.md, "Evaluation"), written for
 * the OSV API stand-in independently of vigil's matcher: an `affected[]` entry naming the package
 * matches when the version is in its `versions` list or inside one of its SEMVER/ECOSYSTEM ranges.
 * Records are read as plain JSON; nothing of vigil's is imported.
 */

export interface EvalEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}
export interface EvalRange {
  type: string;
  events: EvalEvent[];
}
export interface EvalRecord {
  id: string;
  withdrawn?: string;
  affected?: Array<{
    package?: { ecosystem: string; name: string };
    versions?: string[];
    ranges?: EvalRange[];
  }>;
}
export interface EvalQuery {
  ecosystem: string;
  name: string;
  version: string;
}

/** A record names the queried package in an ecosystem whose version order the stand-in lacks. */
export class UnsupportedEcosystemError extends Error {
  constructor(record: string, ecosystem: string) {
    super(`${record}: the OSV stand-in has no version order for ecosystem ${JSON.stringify(ecosystem)}`);
    this.name = 'UnsupportedEcosystemError';
  }
}

/** PEP 503 for PyPI (the schema says PyPI names are normalised); every other name as written. */
function sameName(ecosystem: string, a: string, b: string): boolean {
  if (ecosystem !== 'PyPI') return a === b;
  const norm = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');
  return norm(a) === norm(b);
}

function orderFor(record: EvalRecord, range: EvalRange, ecosystem: string): Order | undefined {
  if (range.type === 'SEMVER') return semver;
  if (range.type !== 'ECOSYSTEM') return undefined; // GIT ranges name commits, which a version query never hits
  const order = Object.hasOwn(ECOSYSTEM_ORDERS, ecosystem) ? ECOSYSTEM_ORDERS[ecosystem] : undefined;
  if (!order) throw new UnsupportedEcosystemError(record.id, ecosystem);
  return order;
}

/** The event's single version (the schema allows exactly one key per event). */
function eventVersion(e: EvalEvent): string {
  const v = e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
  if (v === undefined) throw new Error(`event ${JSON.stringify(e)} has no version`);
  return v;
}

/** `BeforeLimits`: no `limit` means an implicit `*`; otherwise below at least one limit. */
function beforeLimits(v: string, events: EvalEvent[], order: Order): boolean {
  const limits = events.filter((e) => e.limit !== undefined).map((e) => e.limit!);
  if (limits.length === 0) return true;
  return limits.some((l) => l.includes('*') || order(v, l) < 0);
}

/** `IncludedInRanges` for one range: walk the events in version order, `introduced: "0"` first. */
export function inRange(v: string, events: EvalEvent[], order: Order): boolean {
  if (!beforeLimits(v, events, order)) return false;
  const sorted = events
    .filter((e) => e.limit === undefined)
    .sort((a, b) => {
      const zeroA = a.introduced === '0';
      const zeroB = b.introduced === '0';
      if (zeroA || zeroB) return zeroA === zeroB ? 0 : zeroA ? -1 : 1;
      return order(eventVersion(a), eventVersion(b));
    });
  let vulnerable = false;
  for (const e of sorted) {
    if (e.introduced !== undefined && (e.introduced === '0' || order(v, e.introduced) >= 0))
      vulnerable = true;
    else if (e.fixed !== undefined && order(v, e.fixed) >= 0) vulnerable = false;
    else if (e.last_affected !== undefined && order(v, e.last_affected) > 0) vulnerable = false;
  }
  return vulnerable;
}

/** Whether the record affects the package at the version (never when withdrawn: OSV's API hides those). */
export function affects(record: EvalRecord, query: EvalQuery): boolean {
  if (record.withdrawn) return false;
  for (const entry of record.affected ?? []) {
    const pkg = entry.package;
    if (!pkg || pkg.ecosystem !== query.ecosystem || !sameName(pkg.ecosystem, pkg.name, query.name)) continue;
    if (entry.versions?.includes(query.version)) return true;
    for (const range of entry.ranges ?? []) {
      const order = orderFor(record, range, pkg.ecosystem);
      if (order && inRange(query.version, range.events, order)) return true;
    }
  }
  return false;
}
