import { readFile } from 'node:fs/promises';
import { iacRules } from '../../rules/iac-index.ts';
import { isRuleEnabled } from '../core/filters.ts';
import type { Diagnostic, DraftFinding } from '../core/finding.ts';
import type { ScanContext, Scanner, ScannerResult } from '../core/scanner.ts';
import { iacKindOf, runIacRules } from './engine.ts';
import { MAX_DOCKERFILE_BYTES } from './dockerfile/parse.ts';
import { MAX_WORKFLOW_BYTES } from './workflow/parse.ts';

/**
 * The `config` scanner: Dockerfiles (`Dockerfile`, `*.Dockerfile`, `Dockerfile.*`, `Containerfile`)
 * and GitHub workflows (`.github/workflows/*.yml|yaml`) from the walked files, through the rules
 * in rules/dockerfile and rules/workflow. One bad file is a diagnostic; the others are still scanned.
 */
export const configScanner: Scanner = {
  id: 'config',
  description: 'Dockerfile and GitHub Actions workflow checks',
  async run(context: ScanContext): Promise<ScannerResult> {
    const rules = iacRules.filter((r) =>
      isRuleEnabled(r.meta.id, context.config, context.options.ruleSelection),
    );
    const findings: DraftFinding[] = [];
    const diagnostics: Diagnostic[] = [];
    const wanted = context.files.flatMap((f) => {
      const kind = iacKindOf(f.path);
      return kind ? [{ file: f, kind }] : [];
    });
    context.progress.start('config', wanted.length);
    for (const { file, kind } of wanted) {
      context.signal?.throwIfAborted();
      const limit = kind === 'dockerfile' ? MAX_DOCKERFILE_BYTES : MAX_WORKFLOW_BYTES;
      if (file.size > limit) {
        diagnostics.push({
          level: 'warning',
          source: 'config',
          path: file.path,
          message: `skipped: ${file.size} bytes is more than the ${limit} a ${kind} may have`,
        });
        context.progress.tick();
        continue;
      }
      let text: string;
      try {
        text = await readFile(file.absPath, 'utf8');
      } catch (error) {
        diagnostics.push({
          level: 'error',
          source: 'config',
          path: file.path,
          message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        });
        context.progress.tick();
        continue;
      }
      const result = runIacRules(file.path, text, rules, kind);
      findings.push(...result.findings);
      diagnostics.push(...result.diagnostics);
      context.progress.tick();
    }
    return { findings, diagnostics, rules: rules.map((r) => r.meta) };
  },
};
