/**
 * `npm run bench:sast-dev [-- CORPUS]`: vigil's SAST on the labelled sast-dev corpus, scored by the
 * corpus's own score.mjs. The corpus is not part of the repository (see its README): it is looked
 * for at CORPUS, $VIGIL_SAST_DEV, or ../shared/corpus/sast-dev beside the checkout. The scan
 * names files by their real path and the scorer gets the same root, so a symlinked `shared/`
 * scores as it should. Arguments after the corpus go to score.mjs (`--details`, `--json F`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const given = args[0] !== undefined && !args[0].startsWith('--') ? args.shift() : undefined;
const candidate = given ?? process.env.VIGIL_SAST_DEV ?? join(ROOT, '../shared/corpus/sast-dev');
if (!existsSync(join(candidate, 'score.mjs'))) {
  process.stderr.write(
    `bench:sast-dev: no sast-dev corpus at ${candidate} (give its path, or set VIGIL_SAST_DEV)\n`,
  );
  process.exit(2);
}
const corpus = realpathSync(candidate);
const work = mkdtempSync(join(tmpdir(), 'vigil-sast-dev-'));
try {
  const sarif = join(work, 'sast-dev.sarif');
  const started = performance.now();
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'bin/vigil.js'),
      'scan',
      corpus,
      '--scanners',
      'sast',
      '--format',
      'sarif',
      '--output',
      sarif,
      '--fail-on',
      'none',
      '-q',
    ],
    { stdio: 'inherit' },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`vigil ${process.version}: scanned ${corpus} in ${seconds} s\n`);
  execFileSync(process.execPath, [join(corpus, 'score.mjs'), sarif, '--root', corpus, ...args], {
    stdio: 'inherit',
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
