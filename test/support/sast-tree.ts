/** Small source trees written to a temporary folder and scanned as vigil's SAST scanner would. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { sastRules } from '../../rules/index.ts';
import { isPathAliasConfig } from '../../src/sast/scope/path-aliases.ts';
import { scanJsFiles } from '../../src/sast/workers/index.ts';

/** The files of `tree` written under a new temporary folder, which is returned. */
export async function writeTree(tree: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-tree-'));
  for (const [path, text] of Object.entries(tree)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/**
 * `tree` written before the enclosing describe block's tests and removed after them: call in the
 * block, read the folder through the returned function inside tests.
 */
export function treeForBlock(tree: Record<string, string>): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await writeTree(tree);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** `ruleId`'s findings in a written tree, scanned with each package.json as its folder's manifest
 * and each tsconfig.json's import aliases. */
export async function findingsOf(dir: string, tree: Record<string, string>, ruleId: string) {
  const js = Object.keys(tree).filter((p) => /\.[cm]?[jt]s$/.test(p));
  const manifests = new Map(Object.entries(tree).filter(([p]) => p.endsWith('package.json')));
  const tsconfigs = new Map(Object.entries(tree).filter(([p]) => isPathAliasConfig(p)));
  const r = await scanJsFiles(
    js.map((path) => ({ path, absPath: join(dir, path) })),
    { rules: sastRules, root: dir, workers: 0, library: { manifests }, tsconfigs },
  );
  return r.findings.filter((f) => f.ruleId === ruleId);
}
