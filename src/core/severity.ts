/** Severities from most to least serious; the order drives thresholds and sorting. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `--fail-on` also accepts `none`: never fail on findings. */
export type FailThreshold = Severity | 'none';

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** Lower rank = more serious. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at or above `threshold`. */
export function meetsThreshold(severity: Severity, threshold: FailThreshold): boolean {
  return threshold !== 'none' && severityRank(severity) <= severityRank(threshold);
}

/** GitHub code scanning's numeric `security-severity` for a level (its bands: 9+, 7+, 4+, 0.1+). */
export function securitySeverityScore(severity: Severity): string {
  return { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: '0.0' }[severity];
}

/** Map a CVSS base score onto a severity, as NVD's qualitative scale does. */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}
