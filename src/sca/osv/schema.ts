/**
 * The OSV schema (https://ossf.github.io/osv-schema/), the parts vigil reads. Records come from
 * untrusted files and servers, so `parseRecord` checks the shape before anything relies on it.
 */
export type RangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: RangeType | string;
  repo?: string;
  events: OsvEvent[];
  database_specific?: Record<string, unknown>;
}

export interface OsvPackage {
  ecosystem: string;
  name: string;
  purl?: string;
}

export interface OsvSeverity {
  type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | 'Ubuntu' | string;
  score: string;
}

export interface OsvAffected {
  package?: OsvPackage;
  severity?: OsvSeverity[];
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvReference {
  type: string;
  url: string;
}

export interface OsvRecord {
  schema_version?: string;
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  upstream?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: OsvReference[];
  database_specific?: Record<string, unknown>;
}

export class OsvRecordError extends Error {
  /** The file or URL the record came from. */
  readonly origin: string;
  readonly recordId?: string;
  constructor(origin: string, message: string, recordId?: string) {
    super(`${origin}${recordId ? ` (${recordId})` : ''}: ${message}`);
    this.name = 'OsvRecordError';
    this.origin = origin;
    this.recordId = recordId;
  }
}

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown, what: string, fail: (m: string) => never): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    fail(`${what} must be an array of strings`);
  return value as string[];
}

function optionalString(value: unknown, what: string, fail: (m: string) => never): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(`${what} must be a string`);
  return value as string;
}

function parseSeverity(value: unknown, where: string, fail: (m: string) => never): OsvSeverity[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail(`${where} must be an array`);
  return (value as unknown[]).map((s, i) => {
    if (!isObject(s) || typeof s.type !== 'string' || typeof s.score !== 'string')
      fail(`${where}[${i}] needs string type and score`);
    const sev = s as Record<string, unknown>;
    return { type: sev.type as string, score: sev.score as string };
  });
}

function parseAffected(value: unknown, i: number, fail: (m: string) => never): OsvAffected {
  const where = `affected[${i}]`;
  if (!isObject(value)) fail(`${where} must be an object`);
  const a = value as Record<string, unknown>;
  const out: OsvAffected = {};
  if (a.package !== undefined) {
    const p = a.package;
    if (!isObject(p) || typeof p.ecosystem !== 'string' || typeof p.name !== 'string')
      fail(`${where}.package needs string ecosystem and name`);
    const pkg = p as Record<string, unknown>;
    out.package = { ecosystem: pkg.ecosystem as string, name: pkg.name as string };
    const purl = optionalString(pkg.purl, `${where}.package.purl`, fail);
    if (purl !== undefined) out.package.purl = purl;
  }
  const severity = parseSeverity(a.severity, `${where}.severity`, fail);
  if (severity) out.severity = severity;
  const versions = stringArray(a.versions, `${where}.versions`, fail);
  if (versions) out.versions = versions;
  if (a.ranges !== undefined && a.ranges !== null) {
    if (!Array.isArray(a.ranges)) fail(`${where}.ranges must be an array`);
    out.ranges = (a.ranges as unknown[]).map((r, j) => {
      const rw = `${where}.ranges[${j}]`;
      if (!isObject(r) || typeof r.type !== 'string' || !Array.isArray(r.events))
        fail(`${rw} needs a string type and an events array`);
      const range = r as Record<string, unknown>;
      const events = (range.events as unknown[]).map((e, k) => {
        if (!isObject(e)) fail(`${rw}.events[${k}] must be an object`);
        const ev = e as Record<string, unknown>;
        const out: OsvEvent = {};
        for (const key of EVENT_KEYS) {
          const v = optionalString(ev[key], `${rw}.events[${k}].${key}`, fail);
          if (v !== undefined) out[key] = v;
        }
        return out;
      });
      const parsed: OsvRange = { type: range.type as string, events };
      const repo = optionalString(range.repo, `${rw}.repo`, fail);
      if (repo !== undefined) parsed.repo = repo;
      return parsed;
    });
  }
  if (isObject(a.ecosystem_specific)) out.ecosystem_specific = a.ecosystem_specific;
  if (isObject(a.database_specific)) out.database_specific = a.database_specific;
  return out;
}

/**
 * Check an untrusted value against the OSV shape and return a clean record. Throws
 * OsvRecordError naming `origin` (file, zip entry or URL) and the record id when known.
 */
export function parseRecord(value: unknown, origin: string): OsvRecord {
  const known: { id?: string } = {};
  const fail = (message: string): never => {
    throw new OsvRecordError(origin, message, known.id);
  };
  if (!isObject(value)) fail('an OSV record must be a JSON object');
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '') fail('missing string "id"');
  const id = v.id as string;
  known.id = id;
  if (typeof v.modified !== 'string') fail('missing string "modified"');
  const record: OsvRecord = { id, modified: v.modified as string };
  for (const key of ['schema_version', 'published', 'withdrawn', 'summary', 'details'] as const) {
    const s = optionalString(v[key], key, fail);
    if (s !== undefined) record[key] = s;
  }
  for (const key of ['aliases', 'related', 'upstream'] as const) {
    const list = stringArray(v[key], key, fail);
    if (list) record[key] = list;
  }
  const severity = parseSeverity(v.severity, 'severity', fail);
  if (severity) record.severity = severity;
  if (v.affected !== undefined && v.affected !== null) {
    if (!Array.isArray(v.affected)) fail('"affected" must be an array');
    record.affected = (v.affected as unknown[]).map((a, i) => parseAffected(a, i, fail));
  }
  if (Array.isArray(v.references)) {
    record.references = (v.references as unknown[]).filter(
      (r): r is OsvReference => isObject(r) && typeof r.type === 'string' && typeof r.url === 'string',
    );
  }
  if (isObject(v.database_specific)) record.database_specific = v.database_specific;
  return record;
}

/** Parse JSON text holding one record, naming `origin` in any error. */
export function parseRecordText(text: string, origin: string): OsvRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OsvRecordError(origin, `not valid JSON: ${(error as Error).message}`);
  }
  return parseRecord(value, origin);
}
