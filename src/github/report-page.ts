import type { Finding } from '../core/finding.ts';
import type { ScanResult } from '../core/scanner.ts';
import { renderHtml } from '../report/html/index.ts';
import type { ReportOptions } from '../report/reporter.ts';
import type { Classified } from './baseline.ts';

/**
 * The HTML report of a scan on GitHub (the App's page, the Action's artifact): findings marked new
 * or existing as the check runs counted them, and the scan named by repository and commit, not
 * by the temporary directory it ran in.
 */
export function renderScanReport(
  result: ScanResult,
  classified: Classified,
  where: string,
  judged: Pick<ReportOptions, 'failOn' | 'minPrecision'>,
): string {
  const existing = new Set<Finding>(classified.existing);
  const findings = result.findings.map((f) =>
    f.suppression
      ? f
      : { ...f, properties: { ...f.properties, baseline: existing.has(f) ? 'existing' : 'new' } },
  );
  return renderHtml({ ...result, root: where, findings }, judged);
}
