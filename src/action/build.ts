/**
 * Bundle the Action into dist/index.js (committed: GitHub runs it without installing anything).
 * Deterministic: CI rebuilds and checks the bytes match (`npm run build:action && git diff --exit-code dist/`).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/action/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  // CommonJS dependencies use require, __filename and __dirname; give the ESM bundle all three.
  banner: {
    js: [
      "import { createRequire as __vigilRequire } from 'node:module';",
      'const require = __vigilRequire(import.meta.url);',
      'const __filename = import.meta.filename;',
      'const __dirname = import.meta.dirname;',
    ].join('\n'),
  },
  // Optional native add-ons of dockerode's ssh transport: loaded in try/catch, never needed here.
  external: ['cpu-features', '*.node'],
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
