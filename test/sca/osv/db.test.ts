import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdvisoryDatabase } from '../../../src/sca/osv/db.ts';
import { corpusPath, corpusRecordFiles } from '../support/corpus.ts';
import { makeZip } from '../support/zip-writer.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vigil-db-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('offline advisory database', () => {
  it('imports a directory of real OSV records and finds them by ecosystem and normalised name', async () => {
    const db = AdvisoryDatabase.open(join(tempDir(), 'osv.db'), { create: true });
    const result = await db.importDirectory(corpusPath('osv'));
    expect(result.skipped).toBe(0);
    expect(result.imported).toBe(308);
    expect(db.recordsFor('npm', 'request').map((r) => r.id)).toContain('GHSA-p8p7-x288-28g6');
    // withdrawn records stay in the file but are never returned
    const status = db.status();
    expect(status.withdrawn).toBe(8);
    expect(status.ecosystems.npm).toBeGreaterThan(50);
    expect(Object.keys(status.imports)).toEqual([corpusPath('osv')]);
    db.close();
  });

  it('imports an all.zip (stored and deflated entries) and keeps the newer copy of a record', async () => {
    const dir = tempDir();
    const files = corpusRecordFiles().filter((f) => f.includes('/osv/PyPI/'));
    const entries = files.map((f, i) => ({
      name: f.split('/').pop()!,
      data: readFileSync(f),
      deflate: i % 2 === 0,
    }));
    const first = JSON.parse(readFileSync(files[0]!, 'utf8')) as {
      id: string;
      modified: string;
      summary?: string;
    };
    const older = { ...first, modified: '2000-01-01T00:00:00Z', summary: 'older copy' };
    writeFileSync(
      join(dir, 'all.zip'),
      makeZip([...entries, { name: 'dup/old.json', data: JSON.stringify(older) }]),
    );
    const db = AdvisoryDatabase.open(join(dir, 'osv.db'), { create: true });
    const result = await db.importZip(join(dir, 'all.zip'));
    expect(result.imported).toBe(files.length);
    expect(result.skipped).toBe(0);
    expect(db.get(first.id)!.summary).toBe(first.summary);
    db.close();
  });

  it('reads the osv.dev bundle form {"vulns": [...]}', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    writeFileSync(
      join(dir, 'in', 'vulns.json'),
      readFileSync(corpusPath('osv-bundles', 'osv-scanner-santatracker-vulns.json')),
    );
    const db = AdvisoryDatabase.open(join(dir, 'osv.db'), { create: true });
    expect((await db.importDirectory(join(dir, 'in'))).imported).toBe(170);
    db.close();
  });

  it('skips malformed records with a diagnostic naming the entry, and imports the rest', async () => {
    const dir = tempDir();
    const good = readFileSync(corpusPath('osv', 'npm', 'GHSA-p8p7-x288-28g6.json'));
    writeFileSync(
      join(dir, 'all.zip'),
      makeZip([
        { name: 'truncated.json', data: good.subarray(0, 200) },
        { name: 'no-id.json', data: '{"modified": "2024-01-01T00:00:00Z"}' },
        {
          name: 'bad-range.json',
          data: '{"id": "X-1", "modified": "2024", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "SEMVER", "events": "nope"}]}]}',
        },
        { name: 'README.md', data: 'not json, not a .json entry' },
        { name: 'GHSA-p8p7-x288-28g6.json', data: good },
        { name: 'lying-size.json', data: good, deflate: true, lieSize: 10 },
      ]),
    );
    const db = AdvisoryDatabase.open(join(dir, 'osv.db'), { create: true });
    const result = await db.importZip(join(dir, 'all.zip'));
    expect(result.imported).toBe(1);
    expect(result.skipped).toBe(4);
    const messages = result.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n');
    expect(messages).toMatch(/truncated\.json.*not valid JSON/);
    expect(messages).toMatch(/no-id\.json.*missing string "id"/);
    expect(messages).toMatch(/bad-range\.json.*X-1.*events/);
    expect(messages).toMatch(/lying-size\.json/);
    db.close();
  });

  it('refuses a file that is not a zip, or a corrupt one, naming it and importing nothing', async () => {
    const dir = tempDir();
    const good = readFileSync(corpusPath('osv', 'npm', 'GHSA-p8p7-x288-28g6.json'));
    writeFileSync(join(dir, 'not.zip'), 'this is not a zip');
    writeFileSync(
      join(dir, 'corrupt.zip'),
      makeZip([
        { name: 'a.json', data: good },
        { name: 'b.json', data: good, lieSize: 10 },
      ]),
    );
    const db = AdvisoryDatabase.open(join(dir, 'osv.db'), { create: true });
    await expect(db.importZip(join(dir, 'not.zip'))).rejects.toThrow(/not\.zip/);
    await expect(db.importZip(join(dir, 'corrupt.zip'))).rejects.toThrow(/corrupt\.zip.*size mismatch/);
    expect(db.status().records).toBe(0);
    db.close();
  });

  it('enforces entry size limits and does not follow symbolic links', async () => {
    const dir = tempDir();
    const big = JSON.stringify({ id: 'BIG-1', modified: '2024', details: 'x'.repeat(5000) });
    writeFileSync(join(dir, 'all.zip'), makeZip([{ name: 'big.json', data: big, deflate: true }]));
    const db = AdvisoryDatabase.open(join(dir, 'osv.db'), { create: true });
    const r = await db.importZip(join(dir, 'all.zip'), undefined, {
      maxEntryBytes: 1000,
      maxTotalBytes: 1e9,
      maxEntries: 10,
    });
    expect(r.skipped).toBe(1);
    expect(r.diagnostics[0]!.message).toMatch(/over the 1000-byte limit/);
    mkdirSync(join(dir, 'tree'));
    symlinkSync(corpusPath('osv', 'npm'), join(dir, 'tree', 'linked'));
    expect((await db.importDirectory(join(dir, 'tree'))).imported).toBe(0);
    db.close();
  });
});
