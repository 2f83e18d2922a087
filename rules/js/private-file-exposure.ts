import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { findProperty, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';

/** Static file servers and the argument (or `root` option) that names the folder they publish. */
const SERVERS = new Map<string, 'first' | 'root'>([
  ['express.static', 'first'],
  ['serve-static', 'first'],
  ['koa-static', 'first'],
  ['@fastify/static', 'root'],
  ['fastify-static', 'root'],
]);

/**
 * What a folder expression publishes, when it is too much: the program's own folder or working
 * directory (its source, package.json, `.env`), the user's home directory, or a whole
 * node_modules (every dependency's version). A sub-folder (`__dirname + '/public'`) is fine.
 */
function exposure(resolver: Resolver, node: TSESTree.Node): string | undefined {
  const n = unwrap(node);
  const value = resolver.staticValue(n)?.value;
  if (typeof value === 'string') {
    const folder = value.replace(/\\/g, '/').replace(/\/+$/, '');
    if (folder === '' || folder === '.' || folder === './.')
      return 'the working directory (source, package.json, .env)';
    if (/(?:^|\/)node_modules$/.test(folder)) return 'a whole node_modules folder';
    if (folder === '~' || folder === '/')
      return folder === '/' ? 'the whole file system' : 'the home directory';
    return undefined;
  }
  if (n.type === 'Identifier' && n.name === '__dirname' && !resolver.variableOf(n)?.defs.length)
    return "this file's own folder (the server's source)";
  if (n.type === 'CallExpression') {
    const target = resolver.resolve(n.callee);
    if (target === 'process.cwd') return 'the working directory (source, package.json, .env)';
    if (target === 'os.homedir') return 'the home directory';
    // path.join(__dirname) / path.resolve(__dirname, '..') / path.join(__dirname, 'node_modules')
    if (target === 'path.join' || target === 'path.resolve') {
      const parts = n.arguments.map((a) => (a.type === 'SpreadElement' ? undefined : a));
      if (parts.some((p) => p === undefined) || parts.length === 0) return undefined;
      const rest = parts.slice(1).map((p) => resolver.staticValue(p!)?.value);
      if (rest.some((r) => typeof r !== 'string')) return undefined;
      const tail = (rest as string[]).join('/').replace(/\\/g, '/').replace(/\/+$/, '');
      const base = exposure(resolver, parts[0]!);
      if (!base) return undefined;
      if (tail === '' || tail === '.') return base;
      if (/^(?:\.\.\/?)+$/.test(tail)) return "a parent of the server's folder (source, package.json, .env)";
      if (/(?:^|\/)node_modules$/.test(tail)) return 'a whole node_modules folder';
    }
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const right = resolver.staticValue(n.right)?.value;
    if (typeof right === 'string' && /^\/?node_modules\/?$/.test(right) && exposure(resolver, n.left))
      return 'a whole node_modules folder';
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'js/private-file-exposure',
    kind: 'sast',
    title: 'Static file server publishes the project, home or node_modules folder',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-200', 'CWE-219', 'CWE-548'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      "`express.static(__dirname)`, `serveStatic('.')` or `process.cwd()` serve every file of the " +
      "folder: the server's source, `package.json`, `.env` with its secrets, `.git`. Serving a whole " +
      '`node_modules` tells an attacker every dependency and version to look up. vigil reports ' +
      "express/serve-static/koa-static/@fastify/static pointed at the working directory, the file's " +
      'own folder or a parent of it, the home directory or a node_modules folder, and serve-index ' +
      'directory listings (medium precision unless of such a folder): a listing shows files nobody ' +
      'linked to, backups and exports included. Publish a dedicated ' +
      "folder: `express.static(path.join(__dirname, 'public'))`, and copy what the browser needs out " +
      'of node_modules at build time.',
    fixHint: "Serve a dedicated folder: express.static(path.join(__dirname, 'public')).",
  },
  // express.static, `{ static: serve }`, express['static'], serve-static, koa-static, @fastify/static;
  // not the `static` of a class member, which most class-heavy files have.
  hint: /\.static\b|\bstatic\s*:|['"`]static['"`]|-static\b|serve-index/,
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const target = resolver.resolve(node.callee);
        // serve-index: a browsable list of every file in the folder.
        if (target === 'serve-index') {
          const dir = node.arguments[0];
          const what = dir && dir.type !== 'SpreadElement' ? exposure(resolver, dir) : undefined;
          context.report({
            node,
            message: what
              ? `This directory listing shows every file of ${what}.`
              : 'This directory listing shows every file of the folder, with names nobody linked to.',
            ...(what ? {} : { precision: 'medium' as const }),
          });
          return;
        }
        const where = target !== undefined ? SERVERS.get(target) : undefined;
        let folder: TSESTree.Node | undefined;
        if (where === 'first') folder = node.arguments[0];
        else if (
          target === 'fastify.register' ||
          (node.callee.type === 'MemberExpression' && where === undefined)
        ) {
          // fastify.register(require('@fastify/static'), { root: … })
          const [plugin, options] = node.arguments;
          const pluginPath = plugin && plugin.type !== 'SpreadElement' ? resolver.resolve(plugin) : undefined;
          if (pluginPath && SERVERS.get(pluginPath) === 'root') folder = findProperty(options, 'root')?.value;
        }
        if (!folder || folder.type === 'SpreadElement') return;
        const what = exposure(resolver, folder);
        if (what) context.report({ node, message: `This static file server publishes ${what}.` });
      },
    };
  },
});
