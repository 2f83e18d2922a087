/** Small source trees written to a temporary folder and scanned as vigil's SAST scanner would. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sastRules } from '../../rules/index.ts';
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

/** `ruleId`'s findings in a written tree, scanned with each package.json as its folder's manifest. */
export async function findingsOf(dir: string, tree: Record<string, string>, ruleId: string) {
  const js = Object.keys(tree).filter((p) => /\.[cm]?[jt]s$/.test(p));
  const manifests = new Map(Object.entries(tree).filter(([p]) => p.endsWith('package.json')));
  const r = await scanJsFiles(
    js.map((path) => ({ path, absPath: join(dir, path) })),
    { rules: sastRules, root: dir, workers: 0, library: { manifests } },
  );
  return r.findings.filter((f) => f.ruleId === ruleId);
}
