import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('the Action bundle (dist/)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-dist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('carries the native SAST parser it loads, away from any node_modules of the repository', () => {
    // A copy outside the checkout: nothing up its tree can lend it a package.
    cpSync('dist', join(dir, 'dist'), { recursive: true });
    const probe = `
      const { createRequire } = require('node:module');
      const oxc = createRequire(${JSON.stringify(join(dir, 'dist/index.js'))})('oxc-parser');
      const { program, errors } = oxc.parseSync('a.ts', 'let a: number = f(<T>b);', { astType: 'ts', range: true });
      console.log(JSON.stringify({ errors: errors.length, type: program.body[0].type, raw: oxc.rawTransferSupported() }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as object;
    expect(out).toEqual({ errors: 0, type: 'VariableDeclaration', raw: true });
    const bundled = JSON.parse(readFileSync('dist/node_modules/oxc-parser/package.json', 'utf8')) as {
      version: string;
    };
    const installed = JSON.parse(readFileSync('node_modules/oxc-parser/package.json', 'utf8')) as {
      version: string;
    };
    expect(bundled.version).toBe(installed.version);
  });
});
