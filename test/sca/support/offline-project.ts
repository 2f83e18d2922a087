import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { silentProgress, type ScanContext } from '../../../src/core/scanner.ts';
import type { VigilConfig } from '../../../src/core/config/types.ts';
import { AdvisoryDatabase } from '../../../src/sca/osv/db.ts';
import { corpusPath } from './corpus.ts';

export interface OfflineProject {
  root: string;
  /** The scanner's context over every file of the project, offline against its own database. */
  context(config?: VigilConfig): ScanContext;
  remove(): void;
}

/**
 * A project folder holding `files` and an offline advisory database of the corpus records named by
 * their paths under test/fixtures/corpus (e.g. `osv-extracted/npm/GHSA-….json`).
 */
export async function offlineProject(
  files: Record<string, string>,
  records: readonly string[],
): Promise<OfflineProject> {
  const root = mkdtempSync(join(tmpdir(), 'vigil-sca-project-'));
  const cacheDir = join(root, '.cache');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const db = AdvisoryDatabase.open(join(cacheDir, 'osv.db'), { create: true });
  await db.importEntries(
    'corpus',
    records.map((r) => ({ name: r, text: readFileSync(corpusPath(r), 'utf8') })),
  );
  db.close();
  return {
    root,
    context: (config = {}) => ({
      root,
      files: Object.keys(files).map((path) => ({
        path,
        absPath: join(root, path),
        size: statSync(join(root, path)).size,
      })),
      config,
      options: { offline: true, cacheDir, now: new Date('2026-01-15T00:00:00Z') },
      progress: silentProgress,
    }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
