/**
 * The two SARIF validators the reports must pass: the SARIF 2.1.0 JSON schema (vendored from
 * @microsoft/sarif-multitool-linux, MIT; see fixtures/README.md) through ajv, and Microsoft's
 * SARIF Multitool `validate` with its SARIF and GitHub ingestion rule sets.
 */
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);

const schema = JSON.parse(
  readFileSync(new URL('./fixtures/sarif-2.1.0.json', import.meta.url), 'utf8'),
) as object;
// ajv-formats is CommonJS; under ESM its callable is the default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const validateSchema = ajv.compile(schema);

export function schemaErrors(log: unknown): ErrorObject[] {
  return validateSchema(log) ? [] : [...(validateSchema.errors ?? [])];
}

export interface MultitoolResult {
  level: 'error' | 'warning' | 'note' | 'none';
  ruleId: string;
  text: string;
}

/** The platform binary the npm package resolves to (it ships a .NET single-file executable). */
export const multitoolBinary: string = require('@microsoft/sarif-multitool');

// The tarball ships the binary without its execute bit and sets it in a postinstall script; an
// install that skipped scripts leaves it unrunnable, so do what that script does.
try {
  accessSync(multitoolBinary, constants.X_OK);
} catch {
  chmodSync(multitoolBinary, statSync(multitoolBinary).mode | 0o100);
}

/**
 * Validate logs with one run of the validator (it is a .NET program: starting it costs a second);
 * returns, for each log, every result the validator reported (errors, warnings and notes).
 */
export function multitoolValidate(...logs: unknown[]): MultitoolResult[][] {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-sarif-'));
  try {
    const inputs = logs.map((log, i) => {
      const input = join(dir, `report-${i}.sarif`);
      writeFileSync(input, JSON.stringify(log));
      return input;
    });
    const output = join(dir, 'validation.json');
    const run = spawnSync(
      multitoolBinary,
      ['validate', ...inputs, '--rule-kind', 'Sarif;Gh', '--output', output, '--log', 'ForceOverwrite'],
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      },
    );
    if (run.error) throw run.error;
    if (run.status !== 0)
      throw new Error(`sarif-multitool exited ${run.status}: ${run.stdout}\n${run.stderr}`);
    const validation = JSON.parse(readFileSync(output, 'utf8')) as {
      runs: {
        results?: {
          level?: string;
          ruleId: string;
          message: { id?: string; text?: string; arguments?: string[] };
          locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
        }[];
      }[];
    };
    const perLog: MultitoolResult[][] = logs.map(() => []);
    for (const r of validation.runs[0]?.results ?? []) {
      const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      const index = Number(/report-(\d+)\.sarif$/.exec(uri)?.[1]);
      const target = perLog[index];
      if (!target) throw new Error(`validator result for an unknown file: ${uri}`);
      target.push({
        level: (r.level ?? 'warning') as MultitoolResult['level'],
        ruleId: r.ruleId,
        text: r.message.text ?? `${r.message.id ?? ''} ${(r.message.arguments ?? []).join(' | ')}`,
      });
    }
    return perLog;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
