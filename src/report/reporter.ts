import type { Precision } from '../core/finding.ts';
import type { FailThreshold } from '../core/severity.ts';
import type { ScanResult } from '../core/scanner.ts';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  /** ANSI colours (text only); the CLI sets it from the TTY and NO_COLOR/FORCE_COLOR. */
  color?: boolean;
  failOn?: FailThreshold;
  /** Findings less certain are an audit tail, not counted against `failOn` (default high). */
  minPrecision?: Precision;
  /** Show suppressed findings in human formats (machine formats always carry them, marked). */
  showSuppressed?: boolean;
  /**
   * Upper bound on the document's length in characters (markdown only): findings that do not fit
   * are left out with an "N more findings not shown" line. GitHub caps comments and check-run
   * summaries at 65,535.
   */
  maxLength?: number;
  /** Human formats list every skipped file instead of one line per reason. */
  verbose?: boolean;
  /** When the report was made (html shows it); now when unset. */
  generatedAt?: Date;
}

/** A reporter turns one scan result into one document. Pure: no I/O. */
export type Reporter = (result: ScanResult, options: ReportOptions) => string;
