import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { sastRules } from '../../rules/index.ts';
import { isRuleEnabled } from '../core/filters.ts';
import type { Diagnostic, DraftFinding } from '../core/finding.ts';
import type { ScanContext, Scanner, ScannerResult } from '../core/scanner.ts';
import { changedFiles } from './changed.ts';
import { runRules } from './engine.ts';
import { nodeScripts } from './node-scripts.ts';
import { isSastFile } from './parse.ts';
import type { RuleModule } from './rule.ts';
import { isSecretTextFile, SECRET_TEXT_RULE, scanTextForSecrets } from './secrets/index.ts';
import { binaryNote, isBinaryText, unreadable } from './source-text.ts';
import { isPathAliasConfig } from './scope/path-aliases.ts';
import { isTemplateFile } from './templates/engines.ts';
import { scanJsFiles } from './workers/index.ts';

export interface SastFileInput {
  path: string;
  text: string;
}

/**
 * Scan one file's text: JS/TS through the rule engine (one parse, one traversal), other text
 * files through the secrets text scan. Exported for callers that already hold the text (tests,
 * the taint helper's workers).
 */
export function scanSastText(
  file: SastFileInput,
  rules: readonly RuleModule[],
  secretText: boolean,
): { findings: DraftFinding[]; diagnostics: Diagnostic[] } {
  if (isBinaryText(file.text)) return { findings: [], diagnostics: [binaryNote(file.path)] };
  if (isSastFile(file.path)) return runRules(file.path, file.text, rules);
  if (secretText && isSecretTextFile(file.path))
    return { findings: scanTextForSecrets(file.path, file.text), diagnostics: [] };
  return { findings: [], diagnostics: [] };
}

/** Rules that will run under this configuration and rule selection. */
export function enabledRules(context: Pick<ScanContext, 'config' | 'options'>): RuleModule[] {
  return sastRules.filter((r) => isRuleEnabled(r.meta.id, context.config, context.options.ruleSelection));
}

export const sastScanner: Scanner = {
  id: 'sast',
  description: 'Security rules over JavaScript/TypeScript ASTs, and hard-coded secrets in text files',
  async run(context: ScanContext): Promise<ScannerResult> {
    const rules = enabledRules(context);
    const secretText = isRuleEnabled(SECRET_TEXT_RULE.id, context.config, context.options.ruleSelection);
    // --changed-since: JS/TS findings in the changed files and their importers; secrets in the
    // changed text files only (a secret file has no importers).
    const changed = context.options.changedSince
      ? await changedFiles(context.root, context.options.changedSince)
      : undefined;
    const scripts = nodeScripts(context.files);
    const manifests = readTexts(context.files, (p) => p === 'package.json' || p.endsWith('/package.json'));
    const tsconfigs = readTexts(context.files, isPathAliasConfig);
    const isJs = (f: { path: string }) => isSastFile(f.path) || scripts.has(f.path);
    const wanted = context.files.filter(
      (f) => isJs(f) || (secretText && isSecretTextFile(f.path) && (!changed || changed.has(f.path))),
    );
    const findings: DraftFinding[] = [];
    const diagnostics: Diagnostic[] = [];
    context.progress.start('sast', wanted.length);
    // JS/TS files: in dependency order on worker threads, with cross-file taint summaries.
    const js = await scanJsFiles(wanted.filter(isJs), {
      rules,
      root: context.root,
      ...(typeof context.options.workers === 'number' ? { workers: context.options.workers } : {}),
      ...(context.options.cacheDir ? { cacheDir: context.options.cacheDir } : {}),
      ...(changed ? { changed } : {}),
      tsconfigs,
      library: {
        manifests,
        ...(context.config.sast?.library !== undefined ? { setting: context.config.sast.library } : {}),
      },
      views: {
        templates: context.files.filter((f) => isTemplateFile(f.path)),
        packageRoots: [...manifests.keys()].map((p) => posix.dirname(p)),
      },
      onFile: () => context.progress.tick(),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    findings.push(...js.findings);
    diagnostics.push(...js.diagnostics);
    for (const file of wanted.filter((f) => !isJs(f))) {
      context.signal?.throwIfAborted();
      let text: string;
      try {
        text = await readFile(file.absPath, 'utf8');
      } catch (error) {
        diagnostics.push(unreadable(file.path, error));
        context.progress.tick();
        continue;
      }
      const out = scanSastText({ path: file.path, text }, rules, secretText);
      findings.push(...out.findings);
      diagnostics.push(...out.diagnostics);
      context.progress.tick();
    }
    context.progress.done();
    return { findings, diagnostics, rules: [...sastRules.map((r) => r.meta), SECRET_TEXT_RULE] };
  },
};

/**
 * The texts of the scan's project files `wanted` names (package.json for library mode,
 * tsconfig.json for import aliases); unreadable ones are left out.
 */
function readTexts(files: ScanContext['files'], wanted: (path: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    if (!wanted(f.path)) continue;
    try {
      out.set(f.path, readFileSync(f.absPath, 'utf8'));
    } catch {
      // Unreadable: SCA or the walker reports the file itself.
    }
  }
  return out;
}
