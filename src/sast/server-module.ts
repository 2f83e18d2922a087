import { builtinModules } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode } from './naming.ts';
import { calleeName } from './resolve.ts';
import { scanImports } from './scope/modules.ts';

/** Node's own modules, as a program names them (`fs`, `node:fs`, `fs/promises`). */
const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** Packages that only run in a server: HTTP frameworks. */
const SERVER_PACKAGES = new Set(['express', 'koa', 'fastify', '@hapi/hapi', 'hapi', 'restify']);

/** The browser's globals, named anywhere in the text (a comment too: then the file is not judged server code). */
const BROWSER_GLOBAL = /\b(?:window|document)\b/;

/**
 * A module of Node server code: it loads Node's own modules or a server framework and never names
 * `window` or `document`. It has no DOM: an object's `href` or `data` there is no element's.
 */
export function isNodeServerModule(text: string, imports: readonly string[] = scanImports(text)): boolean {
  return !BROWSER_GLOBAL.test(text) && imports.some(isServerSpecifier);
}

/** Node's own module or a server framework's. */
function isServerSpecifier(spec: string): boolean {
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  return (
    spec.startsWith('node:') ||
    NODE_BUILTINS.has(name) ||
    SERVER_PACKAGES.has(name) ||
    name.startsWith('@nestjs/')
  );
}

/** Packages that only run in a browser: UI frameworks and their error reporters. */
const BROWSER_PACKAGE =
  /^(?:react|react-dom|preact|vue|svelte|solid-js|@angular\/core|@sentry\/(?:react|vue|angular|browser|svelte))(?:\/|$)/;

/** Code a component file runs on the server: Next.js data functions, Remix loaders and actions, server actions. */
const SERVER_PARTS =
  /\b(?:getServerSideProps|getStaticProps|getInitialProps)\b|\bexport\s+(?:async\s+)?(?:function|const)\s+(?:loader|action)\b|['"]use server['"]/;

/**
 * A module of browser code: a component file (`.jsx`, `.tsx`, `.vue`, `.svelte`) or one that loads
 * a UI framework, unless it holds code its framework runs on the server (a Remix `loader`, a
 * Next.js `getServerSideProps`, `'use server'`) or loads Node's modules. (Naming `document` proves
 * nothing: server code has documents of its own.)
 */
export function isBrowserModule(path: string, text: string): boolean {
  const imports = scanImports(text);
  const component =
    /\.(?:jsx|tsx|vue|svelte)$/.test(path) || imports.some((spec) => BROWSER_PACKAGE.test(spec));
  return component && !SERVER_PARTS.test(text) && !isNodeServerModule(text, imports);
}

/**
 * Hooks whose callback runs only in the browser, after the component is on the page: never during
 * server rendering (React's effects, Vue's and Svelte's mount hooks).
 */
const BROWSER_ONLY_HOOKS = new Set([
  'useEffect',
  'useLayoutEffect',
  'useInsertionEffect',
  'onMounted',
  'onBeforeMount',
  'onMount',
]);

/** Is `node` inside a callback handed to a hook that runs it only in the browser (BROWSER_ONLY_HOOKS)? */
export function inBrowserOnlyCallback(node: TSESTree.Node): boolean {
  for (let n: TSESTree.Node | undefined = node; n; n = n.parent) {
    if (!isFunctionNode(n)) continue;
    const call: TSESTree.Node | undefined = n.parent;
    if (call?.type !== 'CallExpression' || call.arguments[0] !== n) continue;
    const name = calleeName(call.callee);
    if (name && BROWSER_ONLY_HOOKS.has(name)) return true;
  }
  return false;
}
