/** Each tool's alerts on one unpacked package: rule id, file (relative to the tree) and line. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORK } from './trees.ts';
import { securityEslint } from '../sast/eslint-security.ts';

export interface Alert {
  rule: string;
  file: string;
  line: number;
}

const VIGIL = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));

/** vigil's SAST findings, library mode decided as for any repository (`auto`). Scanned afresh each run. */
export function vigilAlerts(tree: string): Alert[] {
  mkdirSync(join(WORK, 'vigil'), { recursive: true });
  const out = join(WORK, 'vigil', `${basename(tree)}.json`);
  execFileSync(
    process.execPath,
    [
      VIGIL,
      'scan',
      tree,
      '--scanners',
      'sast',
      '--format',
      'json',
      '--output',
      out,
      '--fail-on',
      'none',
      '-q',
      // This run's own cache: summaries cached by an older vigil would hide what this one finds.
      '--cache-dir',
      join(WORK, 'cache'),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const result = JSON.parse(readFileSync(out, 'utf8')) as {
    findings: { ruleId: string; location: { path: string; startLine: number } }[];
  };
  return result.findings.map((f) => ({ rule: f.ruleId, file: f.location.path, line: f.location.startLine }));
}

/** ESLint with eslint-plugin-security's recommended rules, over the tree's JS/TS files. Cached per tree. */
export async function eslintAlerts(tree: string): Promise<Alert[]> {
  mkdirSync(join(WORK, 'eslint'), { recursive: true });
  const out = join(WORK, 'eslint', `${basename(tree)}.json`);
  if (existsSync(out)) return JSON.parse(readFileSync(out, 'utf8')) as Alert[];
  const alerts = await runEslint(tree);
  writeFileSync(out, JSON.stringify(alerts));
  return alerts;
}

async function runEslint(tree: string): Promise<Alert[]> {
  const eslint = await securityEslint(tree);
  const results = await eslint.lintFiles(['.']);
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId)
      .map((m) => ({ rule: m.ruleId!, file: relative(tree, r.filePath), line: m.line })),
  );
}
