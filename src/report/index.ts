import type { ScanResult } from '../core/scanner.ts';
import { renderHtml } from './html/index.ts';
import { renderJson } from './json.ts';
import { renderMarkdown } from './markdown.ts';
import type { ReportFormat, Reporter, ReportOptions } from './reporter.ts';
import { renderSarif } from './sarif.ts';
import { renderText } from './text.ts';

export { REPORT_FORMATS } from './reporter.ts';
export type { ReportFormat, Reporter, ReportOptions } from './reporter.ts';
export { buildJsonReport } from './json.ts';
export { buildSarifLog, sarifCategory, SARIF_GROUPS } from './sarif.ts';
export type { SarifOptions } from './sarif.ts';
export { GITHUB_MARKDOWN_LIMIT, escapeMarkdown, escapeHtml } from './markdown.ts';
export { packageFixes, summarize, groupFindings, sortBySeverity, sortByLocation } from './model.ts';
export type { PackageFix, Summary, FindingGroup, FindingSection } from './model.ts';

/** One reporter per `--format`; adding a format is one module and one entry here. */
export const reporters: Record<ReportFormat, Reporter> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  markdown: renderMarkdown,
  html: renderHtml,
};

export function render(format: ReportFormat, result: ScanResult, options: ReportOptions = {}): string {
  return reporters[format](result, options);
}
