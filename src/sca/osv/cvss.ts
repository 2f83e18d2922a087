import type { Severity } from '../../core/severity.ts';
import { severityFromScore } from '../../core/severity.ts';
import { MACROVECTOR_SCORES, MAX_COMPOSED, MAX_SEVERITY } from './cvss4-table.ts';

/**
 * CVSS base scores computed from vectors (v3.0, v3.1 and v4.0), so a finding's severity follows
 * the vector and not a label someone typed. A malformed vector yields an error message, never
 * a guess.
 */
export type CvssResult =
  { ok: true; version: '3.0' | '3.1' | '4.0'; score: number } | { ok: false; error: string };

const MAX_VECTOR = 512;

function parseMetrics(
  body: string,
  allowed: Record<string, readonly string[]>,
  required: readonly string[],
): Map<string, string> | string {
  const metrics = new Map<string, string>();
  for (const part of body.split('/')) {
    const colon = part.indexOf(':');
    if (colon <= 0) return `malformed metric "${part}"`;
    const key = part.slice(0, colon);
    const value = part.slice(colon + 1);
    if (!Object.hasOwn(allowed, key)) return `unknown metric "${key}"`;
    if (!allowed[key]!.includes(value)) return `invalid value "${value}" for ${key}`;
    if (metrics.has(key)) return `metric ${key} given twice`;
    metrics.set(key, value);
  }
  for (const key of required) if (!metrics.has(key)) return `missing base metric ${key}`;
  return metrics;
}

// ---- CVSS v3.x (FIRST CVSS v3.1 specification §7) ----

const V3_BASE = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;
const CIA = ['X', 'H', 'L', 'N'] as const;
const V3_ALLOWED: Record<string, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['H', 'L', 'N'],
  I: ['H', 'L', 'N'],
  A: ['H', 'L', 'N'],
  // temporal and environmental metrics are valid in a vector but do not change the base score
  E: ['X', 'U', 'P', 'F', 'H'],
  RL: ['X', 'O', 'T', 'W', 'U'],
  RC: ['X', 'U', 'R', 'C'],
  CR: ['X', 'L', 'M', 'H'],
  IR: ['X', 'L', 'M', 'H'],
  AR: ['X', 'L', 'M', 'H'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'R'],
  MS: ['X', 'U', 'C'],
  MC: CIA,
  MI: CIA,
  MA: CIA,
};

/** CVSS v3.1 Roundup: the smallest one-decimal number ≥ x, robust to float error. */
function roundUp31(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

function scoreV3(version: '3.0' | '3.1', body: string): CvssResult {
  const m = parseMetrics(body, V3_ALLOWED, V3_BASE);
  if (typeof m === 'string') return { ok: false, error: m };
  const changed = m.get('S') === 'C';
  const av = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 }[m.get('AV') as 'N']!;
  const ac = { L: 0.77, H: 0.44 }[m.get('AC') as 'L']!;
  const pr = { N: 0.85, L: changed ? 0.68 : 0.62, H: changed ? 0.5 : 0.27 }[m.get('PR') as 'N']!;
  const ui = { N: 0.85, R: 0.62 }[m.get('UI') as 'N']!;
  const cia = (k: string) => ({ H: 0.56, L: 0.22, N: 0 })[m.get(k) as 'H']!;
  const iss = 1 - (1 - cia('C')) * (1 - cia('I')) * (1 - cia('A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = 8.22 * av * ac * pr * ui;
  const round = version === '3.1' ? roundUp31 : (x: number) => Math.ceil(x * 10) / 10;
  let score = 0;
  if (impact > 0) score = round(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
  return { ok: true, version, score };
}

// ---- CVSS v4.0 (FIRST CVSS v4.0 specification §8) ----

const V4_BASE = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'] as const;
const V4_ALLOWED: Record<string, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
  E: ['X', 'A', 'P', 'U'],
  CR: ['X', 'H', 'M', 'L'],
  IR: ['X', 'H', 'M', 'L'],
  AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MAT: ['X', 'N', 'P'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', 'H', 'L', 'N'],
  MVI: ['X', 'H', 'L', 'N'],
  MVA: ['X', 'H', 'L', 'N'],
  MSC: ['X', 'H', 'L', 'N'],
  MSI: ['X', 'S', 'H', 'L', 'N'],
  MSA: ['X', 'S', 'H', 'L', 'N'],
  // supplemental metrics never affect the score
  S: ['X', 'N', 'P'],
  AU: ['X', 'N', 'Y'],
  R: ['X', 'A', 'U', 'I'],
  V: ['X', 'D', 'C'],
  RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
};

/** Severity levels in 0.1 steps, per metric, for distances within a macrovector. */
const LEVELS: Record<string, Record<string, number>> = {
  AV: { N: 0, A: 0.1, L: 0.2, P: 0.3 },
  PR: { N: 0, L: 0.1, H: 0.2 },
  UI: { N: 0, P: 0.1, A: 0.2 },
  AC: { L: 0, H: 0.1 },
  AT: { N: 0, P: 0.1 },
  VC: { H: 0, L: 0.1, N: 0.2 },
  VI: { H: 0, L: 0.1, N: 0.2 },
  VA: { H: 0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 },
  SI: { S: 0, H: 0.1, L: 0.2, N: 0.3 },
  SA: { S: 0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0, M: 0.1, L: 0.2 },
  IR: { H: 0, M: 0.1, L: 0.2 },
  AR: { H: 0, M: 0.1, L: 0.2 },
};

function scoreV4(body: string): CvssResult {
  const m = parseMetrics(body, V4_ALLOWED, V4_BASE);
  if (typeof m === 'string') return { ok: false, error: m };
  // The effective value: a modified (environmental) metric overrides its base; E and the
  // requirements default to their worst case, as the specification says for `X`.
  const eff = (k: string): string => {
    const mod = m.get(`M${k}`);
    if (mod !== undefined && mod !== 'X') return mod;
    const v = m.get(k);
    if (k === 'E') return v === undefined || v === 'X' ? 'A' : v;
    if (k === 'CR' || k === 'IR' || k === 'AR') return v === undefined || v === 'X' ? 'H' : v;
    return v!;
  };
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((k) => eff(k) === 'N'))
    return { ok: true, version: '4.0', score: 0 };

  const is = (k: string, v: string) => eff(k) === v;
  const eq1 =
    is('AV', 'N') && is('PR', 'N') && is('UI', 'N')
      ? 0
      : (is('AV', 'N') || is('PR', 'N') || is('UI', 'N')) && !is('AV', 'P')
        ? 1
        : 2;
  const eq2 = is('AC', 'L') && is('AT', 'N') ? 0 : 1;
  const eq3 = is('VC', 'H') && is('VI', 'H') ? 0 : is('VC', 'H') || is('VI', 'H') || is('VA', 'H') ? 1 : 2;
  const eq4 = is('SI', 'S') || is('SA', 'S') ? 0 : is('SC', 'H') || is('SI', 'H') || is('SA', 'H') ? 1 : 2;
  const eq5 = is('E', 'A') ? 0 : is('E', 'P') ? 1 : 2;
  const eq6 =
    (is('CR', 'H') && is('VC', 'H')) || (is('IR', 'H') && is('VI', 'H')) || (is('AR', 'H') && is('VA', 'H'))
      ? 0
      : 1;

  const lookup = (e: number[]): number => MACROVECTOR_SCORES[e.join('')] ?? NaN;
  const eqs = [eq1, eq2, eq3, eq4, eq5, eq6];
  const value = lookup(eqs);
  const lower = (i: number, d = 1) => lookup(eqs.map((x, j) => (j === i ? x + d : x)));
  const lowerEq1 = lower(0);
  const lowerEq2 = lower(1);
  // EQ3 and EQ6 step down jointly: 00 → 01 or 10 (the higher), 01 → 11, 10 → 11, 11 → 21.
  let lowerEq3Eq6: number;
  if (eq3 === 0 && eq6 === 0) {
    lowerEq3Eq6 = Math.max(
      lookup([eq1, eq2, eq3, eq4, eq5, eq6 + 1]),
      lookup([eq1, eq2, eq3 + 1, eq4, eq5, eq6]),
    );
  } else if (eq3 === 1 && eq6 === 0) {
    lowerEq3Eq6 = lookup([eq1, eq2, eq3, eq4, eq5, eq6 + 1]);
  } else if (eq3 < 2 && eq6 === 1) {
    lowerEq3Eq6 = lookup([eq1, eq2, eq3 + 1, eq4, eq5, eq6]);
  } else {
    lowerEq3Eq6 = lookup([eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1]); // 21 → 32 does not exist
  }
  const lowerEq4 = lower(3);
  const lowerEq5 = lower(4);

  // The highest-severity vectors of this macrovector; the first one this vector does not exceed
  // in any metric is the reference for the severity distance.
  const eq3eq6Max = MAX_COMPOSED.eq3eq6[eq3 as 0 | 1 | 2][eq6 as 0 | 1] as readonly string[];
  const candidates: string[] = [];
  for (const a of MAX_COMPOSED.eq1[eq1 as 0 | 1 | 2])
    for (const b of MAX_COMPOSED.eq2[eq2 as 0 | 1])
      for (const c of eq3eq6Max)
        for (const d of MAX_COMPOSED.eq4[eq4 as 0 | 1 | 2])
          for (const e of MAX_COMPOSED.eq5[eq5 as 0 | 1 | 2]) candidates.push([a, b, c, d, e].join('/'));
  const metricOf = (vector: string, k: string) => {
    const hit = vector.split('/').find((p) => p.startsWith(`${k}:`));
    return hit!.slice(k.length + 1);
  };
  let dist: Record<string, number> = {};
  for (const max of candidates) {
    dist = {};
    for (const k of Object.keys(LEVELS)) dist[k] = LEVELS[k]![eff(k)]! - LEVELS[k]![metricOf(max, k)]!;
    if (Object.values(dist).every((d) => d >= 0)) break;
  }
  const d = (...ks: string[]) => ks.reduce((s, k) => s + dist[k]!, 0);
  const step = 0.1;
  const parts: Array<[available: number, current: number, max: number]> = [
    [value - lowerEq1, d('AV', 'PR', 'UI'), MAX_SEVERITY.eq1[eq1]! * step],
    [value - lowerEq2, d('AC', 'AT'), MAX_SEVERITY.eq2[eq2]! * step],
    [value - lowerEq3Eq6, d('VC', 'VI', 'VA', 'CR', 'IR', 'AR'), MAX_SEVERITY.eq3eq6[eq3]![eq6]! * step],
    [value - lowerEq4, d('SC', 'SI', 'SA'), MAX_SEVERITY.eq4[eq4]! * step],
    [value - lowerEq5, 0, 1],
  ];
  let existing = 0;
  let total = 0;
  for (const [available, current, max] of parts) {
    if (Number.isNaN(available)) continue;
    existing++;
    total += available * (current / max);
  }
  const score = Math.min(10, Math.max(0, value - (existing === 0 ? 0 : total / existing)));
  // round half up to one decimal; the epsilon absorbs float error at the .x5 boundaries
  return { ok: true, version: '4.0', score: Math.round((score + 1e-6) * 10) / 10 };
}

// Advisories share a few thousand distinct vectors; score each once (bounded).
const scored = new Map<string, CvssResult>();

/** Compute the base score of a CVSS v3.0, v3.1 or v4.0 vector string. */
export function cvssScore(vector: string): CvssResult {
  if (typeof vector !== 'string' || vector.length > MAX_VECTOR)
    return { ok: false, error: 'not a CVSS vector' };
  let result = scored.get(vector);
  if (!result) {
    result = scoreVector(vector);
    if (scored.size >= 20_000) scored.clear();
    scored.set(vector, result);
  }
  return result;
}

function scoreVector(vector: string): CvssResult {
  const v = vector.trim();
  const match = /^CVSS:(3\.0|3\.1|4\.0)\/(.+)$/.exec(v);
  if (!match) return { ok: false, error: `not a CVSS v3/v4 vector: "${v.slice(0, 80)}"` };
  const version = match[1] as '3.0' | '3.1' | '4.0';
  return version === '4.0' ? scoreV4(match[2]!) : scoreV3(version, match[2]!);
}

/** A severity with its source, for a finding's properties. */
export interface ScoredSeverity {
  severity: Severity;
  score?: number;
  vector?: string;
  source: 'CVSS_V4' | 'CVSS_V3' | 'database_specific';
}

const LABELS: Record<string, Severity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
};

/**
 * The severity of an advisory: the CVSS v4.0 vector if one scores, else v3.x, else the
 * database's own label (`database_specific.severity`, GitHub's CRITICAL/HIGH/MODERATE/LOW).
 * Malformed vectors are reported through `onInvalid` and passed over.
 */
export function severityOf(
  severities: Array<{ type: string; score: string }>,
  databaseSpecific: Record<string, unknown> | undefined,
  onInvalid?: (vector: string, error: string) => void,
): ScoredSeverity | undefined {
  for (const type of ['CVSS_V4', 'CVSS_V3'] as const) {
    for (const s of severities) {
      if (s.type !== type) continue;
      const r = cvssScore(s.score);
      if (r.ok)
        return { severity: severityFromScore(r.score), score: r.score, vector: s.score, source: type };
      onInvalid?.(s.score, r.error);
    }
  }
  const label = databaseSpecific?.severity;
  if (typeof label === 'string' && Object.hasOwn(LABELS, label.toUpperCase()))
    return { severity: LABELS[label.toUpperCase()]!, source: 'database_specific' };
  return undefined;
}
