import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../sca/support/corpus.ts';
import { runCli } from './helpers.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE_RECORDS = join(REPO, 'examples', 'osv');
const CLI = 'node bin/vigil.js ';

/** `npm run example`, command by command, as vigil argv lists (the script has no quoting). */
function exampleScript(): string[][] {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return pkg.scripts.example!.split(' && ').map((command) => {
    expect(command.startsWith(CLI), command).toBe(true);
    return command.slice(CLI.length).trim().split(/\s+/);
  });
}

let dir: string;

beforeAll(() => {
  // a copy of examples/, so the script's relative paths (and its .cache/) resolve in a scratch folder
  dir = mkdtempSync(join(tmpdir(), 'vigil-example-'));
  cpSync(join(REPO, 'examples'), join(dir, 'examples'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run example', () => {
  it('imports examples/osv and scans examples/ offline with SCA findings', async () => {
    const [importArgs, scanArgs, htmlArgs, ...rest] = exampleScript();
    expect(rest).toEqual([]);
    expect(importArgs!.slice(0, 2)).toEqual(['db', 'import']);
    expect(scanArgs!.slice(0, 2)).toEqual(['scan', 'examples']);

    const imported = await runCli(importArgs!, { cwd: dir });
    expect(imported.stderr).toMatch(/examples\/osv: 7 records imported\n/);
    expect(imported.code).toBe(0);
    expect(existsSync(join(dir, '.cache', 'example-osv.db'))).toBe(true);

    const scanned = await runCli(scanArgs!, { cwd: dir });
    expect(scanned.code).toBe(0);
    expect(scanned.stderr).not.toMatch(/SCA skipped|error/i);
    const lockfileSection = `\n${scanned.stdout}`.slice(
      `\n${scanned.stdout}`.indexOf('\npackage-lock.json\n'),
    );
    const expected: Array<[string, string]> = [
      ['GHSA-29mw-wpgm-hmr9', 'lodash@4.17.15'],
      ['GHSA-35jh-r3h4-6jhm', 'lodash@4.17.15'],
      ['GHSA-p6mc-m468-83gw', 'lodash@4.17.15'],
      ['GHSA-hrpp-h998-j3pp', 'qs@6.7.0'],
      ['GHSA-9wv6-86v2-598j', 'path-to-regexp@0.1.7'],
      ['GHSA-rhx6-c78j-4q9w', 'path-to-regexp@0.1.7'],
      ['GHSA-xvch-5gv4-984h', 'minimist@1.2.5'],
    ];
    for (const [id, pkg] of expected)
      expect(lockfileSection).toMatch(new RegExp(`${id} +\\d+:1 +${pkg.replace(/\./g, '\\.')}:`));

    // the same scan as JSON: exactly those seven SCA findings
    const json = await runCli([...scanArgs!, '--format', 'json', '-q'], { cwd: dir });
    const report = JSON.parse(json.stdout) as { findings: Array<{ kind: string; ruleId: string }> };
    expect(report.findings.filter((f) => f.kind === 'sca').length).toBe(7);

    // and the same scan as the HTML page beside it
    expect(htmlArgs).toEqual([
      ...scanArgs!,
      '--quiet',
      '--format',
      'html',
      '--output',
      'examples/report.html',
    ]);
    expect((await runCli(htmlArgs!, { cwd: dir })).code).toBe(0);
    const page = readFileSync(join(dir, 'examples', 'report.html'), 'utf8');
    for (const [id] of expected) expect(page).toContain(id);
  });

  it('ships records copied byte for byte from the corpus, with their attribution', () => {
    const files = readdirSync(EXAMPLE_RECORDS).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(7);
    for (const f of files) {
      const original = [corpusPath('osv', 'npm', f), corpusPath('osv-extracted', 'npm', f)].find(existsSync);
      expect(original, f).toBeDefined();
      expect(readFileSync(join(EXAMPLE_RECORDS, f)).equals(readFileSync(original!)), f).toBe(true);
    }
    const readme = readFileSync(join(EXAMPLE_RECORDS, 'README.md'), 'utf8');
    expect(readme).toContain(
      'GitHub Advisory Database (https://github.com/github/advisory-database), © GitHub, Inc., licensed CC-BY-4.0',
    );
  });
});
