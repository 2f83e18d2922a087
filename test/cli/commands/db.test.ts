import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import type { CliIO } from '../../../src/cli/io.ts';
import { corpusPath, corpusRecordFiles, santatrackerRecords } from '../../sca/support/corpus.ts';
import { startOsvStandIn, type StandIn } from '../../sca/support/osv-stand-in.ts';
import { makeZip } from '../../sca/support/zip-writer.ts';

let dir: string;
let standIn: StandIn;

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    env: {},
    cwd: dir,
  };
}

const zipOf = (files: string[]) =>
  makeZip(files.map((f) => ({ name: f.split('/').pop()!, data: readFileSync(f), deflate: true })));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-dbcli-'));
  standIn = await startOsvStandIn(santatrackerRecords());
  standIn.files.set('/npm/all.zip', zipOf(corpusRecordFiles().filter((f) => f.includes('/osv/npm/'))));
  standIn.files.set(
    '/crates.io/all.zip',
    zipOf(corpusRecordFiles().filter((f) => f.includes('/osv/crates.io/'))),
  );
});
afterAll(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('vigil db', () => {
  it('status without a database says what to do', async () => {
    const t = io();
    expect(await main(['db', 'status', '--cache-dir', 'c0'], t)).toBe(2);
    expect(t.err.join('')).toMatch(/no database at .*c0\/osv\.db; run `vigil db update`/);
  });

  it('import reads an all.zip and a directory; status reports them', async () => {
    writeFileSync(join(dir, 'pypi.zip'), zipOf(corpusRecordFiles().filter((f) => f.includes('/osv/PyPI/'))));
    const t = io();
    expect(await main(['db', 'import', 'pypi.zip', '--cache-dir', 'c1'], t)).toBe(0);
    expect(t.err.join('')).toMatch(/pypi\.zip: 11 records imported/);
    expect(await main(['db', 'import', corpusPath('osv', 'RubyGems'), '--cache-dir', 'c1'], t)).toBe(0);
    const s = io();
    expect(await main(['db', 'status', '--cache-dir', 'c1'], s)).toBe(0);
    expect(s.out.join('')).toMatch(/17 records \(0 withdrawn\)\n {2}PyPI: 11\n {2}RubyGems: 6\n/);
  });

  it('import refuses what is not there, and names a broken archive', async () => {
    const t = io();
    expect(await main(['db', 'import', 'missing.zip', '--cache-dir', 'c2'], t)).toBe(2);
    expect(t.err.join('')).toMatch(/missing\.zip does not exist/);
    writeFileSync(join(dir, 'broken.zip'), 'PK\u0003\u0004 nope');
    expect(await main(['db', 'import', 'broken.zip', '--cache-dir', 'c2'], t)).toBe(2);
    expect(t.err.join('')).toMatch(/broken\.zip/);
  });

  it('update downloads each ecosystem export from the source URL and carries on past a failure', async () => {
    const t = io();
    const code = await main(
      [
        'db',
        'update',
        '--cache-dir',
        'c3',
        '--source-url',
        standIn.url,
        '--ecosystem',
        'npm',
        '--ecosystem',
        'Maven',
        '--ecosystem',
        'crates.io',
        '-q',
      ],
      t,
    );
    expect(code).toBe(2);
    const err = t.err.join('');
    expect(err).toMatch(/npm \(\d+\.\d MiB\): 95 records imported/);
    expect(err).toMatch(/Maven: GET .*\/Maven\/all\.zip: HTTP 404/);
    expect(err).toMatch(/crates\.io \(\d+\.\d MiB\): 21 records imported/);
    const s = io();
    await main(['db', 'status', '--cache-dir', 'c3'], s);
    expect(s.out.join('')).toMatch(/116 records/);
    expect(s.out.join('')).toContain(`${standIn.url}/npm/all.zip`);
  });
});
