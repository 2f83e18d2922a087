import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.ts';

/** Summaries stored in a cache directory's database. */
function summaries(cacheDir: string): number {
  const db = new DatabaseSync(join(cacheDir, 'sast-summaries.db'), { readOnly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM summary').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('vigil scan --cache-dir', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'vigil-cache-dir-'));
    mkdirSync(join(work, 'app'));
    writeFileSync(
      join(work, 'app', 'run.js'),
      "const cp = require('child_process');\nexports.run = (c) => cp.exec(c);\n",
    );
    writeFileSync(
      join(work, 'app', 'main.js'),
      "const { run } = require('./run.js');\nrequire('http').createServer((req) => run(req.url));\n",
    );
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const scan = (args: string[], env: Record<string, string>) =>
    runCli(['scan', 'app', '--scanners', 'sast', '--format', 'json', '-q', ...args], { cwd: work, env });

  it('keeps source summaries in the named directory, relative to the working directory', async () => {
    const run = await scan(['--cache-dir', 'my-cache'], {});
    expect(run.code).toBe(1);
    // app/run.js and app/main.js: one summary each.
    expect(summaries(join(work, 'my-cache'))).toBe(2);
  });

  it('defaults to the cache root the advisory database uses ($VIGIL_CACHE_DIR)', async () => {
    await scan([], { VIGIL_CACHE_DIR: join(work, 'env-cache') });
    expect(summaries(join(work, 'env-cache'))).toBeGreaterThan(0);
  });
});
