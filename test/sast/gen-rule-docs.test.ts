import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  allRuleMeta,
  END,
  main,
  renderRuleList,
  replaceBetweenMarkers,
  START,
} from '../../scripts/gen-rule-docs.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-docs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('gen-rule-docs', () => {
  it('renders one row per rule, sorted, with severity and tags', () => {
    const table = renderRuleList(allRuleMeta());
    const rows = table.split('\n').slice(2);
    expect(rows.length).toBe(allRuleMeta().length);
    expect(
      rows.some((r) => r.startsWith('| `js/sql-injection` | critical |') && r.includes('CWE-89, A03:2021')),
    ).toBe(true);
    expect([...rows].sort()).toEqual(rows);
  });

  it('replaces only the block between the markers', () => {
    const out = replaceBetweenMarkers(`# T\n${START}\nold\n${END}\ntail\n`, 'NEW');
    expect(out).toBe(`# T\n${START}\nNEW\n${END}\ntail\n`);
    expect(() => replaceBetweenMarkers('no markers', 'x', 'README.md')).toThrow(/README.md: missing/);
    expect(() => replaceBetweenMarkers(`${END}\n${START}`, 'x')).toThrow(/before/);
    expect(() => replaceBetweenMarkers(`${START}${END}${START}`, 'x')).toThrow(/more than once/);
  });

  it('writes, then --check passes; a stale list fails --check', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const file = join(dir, 'README.md');
    await writeFile(file, `# vigil\n\n${START}\nstale\n${END}\n`);
    expect(await main([file, '--check'])).toBe(1);
    expect(await main([file])).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('`js/command-injection`');
    expect(await main([file, '--check'])).toBe(0);
    expect(await main([join(dir, 'missing.md')])).toBe(2);
    expect(await main([])).toBe(2);
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/out of date/),
      expect.stringMatching(/missing\.md: cannot read: ENOENT/),
      expect.stringMatching(/^usage:/),
    ]);
    errors.mockRestore();
  });

  it('runs as a script', async () => {
    const file = join(dir, 'CLI.md');
    await writeFile(file, `${START}\n${END}\n`);
    const script = new URL('../../scripts/gen-rule-docs.ts', import.meta.url).pathname;
    await promisify(execFile)(process.execPath, [script, file]);
    expect(await readFile(file, 'utf8')).toContain('`secret/hardcoded-secret`');
  });
});
