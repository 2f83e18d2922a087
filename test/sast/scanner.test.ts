import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanContext, WalkedFile } from '../../src/core/scanner.ts';
import { silentProgress } from '../../src/core/scanner.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { sastScanner, scanSastText } from '../../src/sast/scanner.ts';
import { sampleSecrets } from '../../src/sast/secrets/samples.ts';
import { scanners } from '../../src/scanners.ts';

let dir: string;
const files: WalkedFile[] = [];

async function add(path: string, content: string | Buffer): Promise<void> {
  await writeFile(join(dir, path), content);
  files.push({ path, absPath: join(dir, path), size: content.length });
}

function context(overrides: Partial<ScanContext> = {}): ScanContext {
  return { root: dir, files, config: {}, options: {}, progress: silentProgress, ...overrides };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-sast-'));
  await add('ok.js', `const cp = require('child_process');\ncp.exec('rm -rf ' + process.argv[2]);\n`);
  await add('broken.ts', `const a = ;\neval(a);\n`);
  // Broken too, but it names nothing any rule looks for: it is never parsed, so never reported.
  await add('plain.ts', `const b = ;\n`);
  await add('binary.js', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]));
  await add('deep.js', `eval(${'['.repeat(10_000)}${']'.repeat(10_000)});\n`);
  await add('notes.yml', `webhook: ${sampleSecrets()['slack-webhook']}\n`);
  await add('readme.bin', 'ignored');
  // Extension-less: a Node script by its `#!` line is JavaScript; a shell script or a Makefile is not.
  await add('tool', `#!/usr/bin/env node\nrequire('child_process').exec('tar xf ' + process.argv[2]);\n`);
  await add('deploy', `#!/bin/sh\neval "$1"\n`);
  await add('Makefile', `all:\n\tnode -e "eval(process.argv[1])"\n`);
  files.push({ path: 'gone.js', absPath: join(dir, 'gone.js'), size: 10 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sast scanner', () => {
  it('is registered', () => {
    expect(scanners).toContain(sastScanner);
  });

  it('scans what it can and turns every bad file into a diagnostic', async () => {
    const result = await sastScanner.run(context());
    const at = result.findings
      .filter((f) => f.ruleId === 'js/command-injection' || f.ruleId === 'secret/hardcoded-secret')
      .map((f) => `${f.location.path}:${f.location.startLine} ${f.ruleId}`);
    expect(at.sort()).toEqual(
      [
        'ok.js:2 js/command-injection',
        'tool:2 js/command-injection',
        'notes.yml:1 secret/hardcoded-secret',
      ].sort(),
    );
    const diag = Object.fromEntries(result.diagnostics.map((d) => [d.path, d]));
    expect(diag['broken.ts']).toMatchObject({ level: 'error', line: 1 });
    expect(diag['broken.ts']!.message).toMatch(/cannot parse/);
    expect(diag['binary.js']!.message).toMatch(/binary/);
    expect(diag['gone.js']!.message).toMatch(/cannot read: ENOENT/);
    expect(Object.keys(diag).sort()).toEqual(
      ['binary.js', 'broken.ts', 'gone.js'].concat(diag['deep.js'] ? ['deep.js'] : []).sort(),
    );
    expect(result.rules.map((r) => r.id)).toContain('secret/hardcoded-secret');
  });

  it('skips rules the configuration turns off', async () => {
    const result = await sastScanner.run(
      context({
        config: { rules: { 'js/command-injection': 'off', 'secret/hardcoded-secret': 'off' } },
        options: { ruleSelection: { only: ['js/command-injection', 'secret/hardcoded-secret'] } },
      }),
    );
    expect(result.findings).toEqual([]);
  });

  it('honours the CLI rule selection', async () => {
    const result = await sastScanner.run(
      context({ options: { ruleSelection: { only: ['secret/hardcoded-secret'] } } }),
    );
    expect(result.findings.map((f) => f.ruleId)).toEqual(['secret/hardcoded-secret']);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sastScanner.run(context({ signal: controller.signal }))).rejects.toThrow();
  });

  it('keeps a crashing rule from losing the other rules', () => {
    const crash = defineRule({
      meta: { id: 'js/crash', kind: 'sast', title: 'crash', severity: 'low', help: 'h' },
      create: () => ({
        CallExpression() {
          throw new Error('boom');
        },
      }),
    });
    const out = scanSastText({ path: 'a.js', text: `eval(x);\n` }, [crash], false);
    expect(out.diagnostics[0]!.message).toMatch(/rule js\/crash failed: boom/);
    // The rule's findings in this file are missing: the scan must not read as a clean one.
    expect(out.diagnostics[0]!.incomplete).toBe(true);
  });

  it('handles a long one-line bundle in bounded time', () => {
    const text = 'var a=[' + '1,'.repeat(30_000) + '1];eval(a);';
    const started = performance.now();
    const out = scanSastText({ path: 'bundle.js', text }, [], true);
    expect(out.diagnostics).toEqual([]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('sast rules on hostile shapes', () => {
  it('survive deep nesting and huge concatenations with at most diagnostics', async () => {
    const { sastRules } = await import('../../rules/index.ts');
    const inputs = [
      `db.query('SELECT * FROM t WHERE a = ' + ${Array.from({ length: 400 }, (_, i) => `a${i}`).join(' + ')});`,
      `el.innerHTML = ${'c ? '.repeat(2000)}x${' : y'.repeat(2000)};`,
      `const v = ${'('.repeat(3000)}1${')'.repeat(3000)};`,
      `eval(${'f('.repeat(1500)}x${')'.repeat(1500)});`,
    ];
    for (const text of inputs) {
      const out = scanSastText({ path: 'hostile.js', text }, sastRules, true);
      for (const d of out.diagnostics) expect(d.path).toBe('hostile.js');
    }
    const sql = scanSastText({ path: 'q.js', text: inputs[0]! }, sastRules, true);
    expect(sql.findings.map((f) => f.ruleId)).toContain('js/sql-injection');
  });
});
