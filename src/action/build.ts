/**
 * Bundle the Action into dist/ (committed: GitHub runs it without installing anything): index.js,
 * the SAST worker and their shared chunks, and the native parser beside them (below).
 * Deterministic: CI rebuilds and checks that dist/ is unchanged.
 */
import { build } from 'esbuild';
import { access, cp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

// Chunk names carry content hashes: start from an empty dist/ so no stale chunk survives.
await rm(`${root}dist`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  // The SAST worker is its own entry: the pool starts `./worker.js` beside the bundle, and the worker
  // loads `./serve.js` once its compile cache is on. Shared code goes into chunks so the entries do
  // not each carry the whole engine.
  entryPoints: {
    index: 'src/action/index.ts',
    worker: 'src/sast/workers/worker.ts',
    serve: 'src/sast/workers/serve.ts',
  },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
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
  plugins: [
    {
      // The SAST fallback parser is loaded lazily from node_modules (src/sast/estree-loader.ts);
      // the bundle has no node_modules, so it carries the parser and hands it over directly.
      name: 'bundled-estree',
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]sast[\\/]estree-loader\.ts$/ }, () => ({
          contents:
            "import * as estree from '@typescript-eslint/typescript-estree';\nexport const loadEstree = () => estree;\n",
          loader: 'ts',
          resolveDir: root,
        }));
      },
    },
    {
      // The Flow stripper is needed for few files and costs 0.3 s to load: bundled as CommonJS,
      // which esbuild evaluates on the first require, not at start-up.
      name: 'bundled-flow-remove-types',
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]sast[\\/]flow-loader\.ts$/ }, () => ({
          contents: "export const loadFlowRemoveTypes = () => require('flow-remove-types');\n",
          loader: 'ts',
          resolveDir: root,
        }));
      },
    },
  ],
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

/**
 * Oxc, the SAST parser, is native code and cannot be bundled: dist/ carries the package and the
 * binding GitHub's hosted Linux x64 runners load, where the bundle's `require('oxc-parser')` finds
 * them. On any other runner the binding does not load and typescript-estree parses instead.
 */
const OXC_FILES = [
  'oxc-parser/package.json',
  'oxc-parser/LICENSE',
  'oxc-parser/src-js',
  '@oxc-parser/binding-linux-x64-gnu/package.json',
  '@oxc-parser/binding-linux-x64-gnu/parser.linux-x64-gnu.node',
];
for (const file of OXC_FILES) {
  const from = `${root}node_modules/${file}`;
  await access(from).catch(() => {
    throw new Error(`${from} is missing: the Action bundle is built on Linux x64, after npm ci`);
  });
  await cp(from, `${root}dist/node_modules/${file}`, { recursive: true });
}
