import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { AdvisoryDatabase } from '../../../src/sca/osv/db.ts';
import { parseRecordText, type OsvRecord } from '../../../src/sca/osv/schema.ts';

/** The repository's copy of the corpus of real OSV records and lockfiles (read-only; see its README.md and MANIFEST.tsv). */
export const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

export function corpusPath(...parts: string[]): string {
  return join(CORPUS, ...parts);
}

/** Every record under osv/<eco>/ and osv-extracted/<eco>/, with the file it came from. */
export function corpusRecordFiles(): string[] {
  const files: string[] = [];
  for (const top of ['osv', 'osv-extracted']) {
    for (const eco of readdirSync(corpusPath(top))) {
      for (const f of readdirSync(corpusPath(top, eco)))
        if (f.endsWith('.json')) files.push(corpusPath(top, eco, f));
    }
  }
  return files.sort();
}

/** A new npm project folder at `root` whose package-lock.json is a copy of a corpus v2 lockfile. */
export function npmProject(root: string, lockfile: string): string {
  mkdirSync(root, { recursive: true });
  copyFileSync(corpusPath('lockfiles', 'package-lock-v2', lockfile), join(root, 'package-lock.json'));
  return root;
}

export function loadRecord(relative: string): OsvRecord {
  const path = corpusPath(relative);
  return parseRecordText(readFileSync(path, 'utf8'), path);
}

export function santatrackerRecords(): OsvRecord[] {
  const path = corpusPath('osv-bundles', 'osv-scanner-santatracker-vulns.json');
  const bundle = JSON.parse(readFileSync(path, 'utf8')) as { vulns: unknown[] };
  return bundle.vulns.map((v) => parseRecordText(JSON.stringify(v), path));
}

/**
 * An offline database at `path` holding every npm record of the corpus (osv/npm and
 * osv-extracted/npm; where both hold a record, the import keeps the newer copy).
 */
async function npmCorpusDatabase(path: string): Promise<void> {
  const db = AdvisoryDatabase.open(path, { create: true });
  try {
    await db.importDirectory(corpusPath('osv', 'npm'));
    await db.importDirectory(corpusPath('osv-extracted', 'npm'));
  } finally {
    db.close();
  }
}

/**
 * A temporary folder holding `osv.db`, the npm corpus database, made before this file's tests and
 * removed after them (the fields are set once `beforeAll` has run).
 */
export function useNpmCorpusWorkdir(prefix: string): { dir: string; database: string } {
  const work = { dir: '', database: '' };
  beforeAll(async () => {
    work.dir = mkdtempSync(join(tmpdir(), prefix));
    work.database = join(work.dir, 'osv.db');
    await npmCorpusDatabase(work.database);
  });
  afterAll(() => {
    if (work.dir) rmSync(work.dir, { recursive: true, force: true });
  });
  return work;
}
