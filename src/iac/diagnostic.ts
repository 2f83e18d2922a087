import type { Diagnostic } from '../core/finding.ts';

/** A problem with a Dockerfile or workflow, naming the file and (where known) the line. */
export function iacDiagnostic(
  path: string,
  line: number | undefined,
  message: string,
  level: Diagnostic['level'],
): Diagnostic {
  return { level, source: 'config', path, ...(line ? { line } : {}), message };
}
