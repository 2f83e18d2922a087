import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { defineRule, namesHint } from '../../src/sast/rule.ts';

type Node = TSESTree.Node;

/**
 * Middleware factories that parse every multipart body they see into files on disk: Express 3's and
 * Connect 2's `bodyParser()` (which includes `multipart()`), their `multipart()`, and
 * connect-multiparty. None deletes the files; the handler that never expected an upload never does.
 */
const TEMP_FILE_PARSERS = new Set([
  'express.bodyParser',
  'express.multipart',
  'connect.bodyParser',
  'connect.multipart',
  'connect-multiparty',
]);
/**
 * multer's middleware makers that take files: `upload.single('avatar')`, `multer(opts).any()`.
 * Not `none()`, which takes text fields alone and answers any file with `LIMIT_UNEXPECTED_FILE`.
 */
const MULTER_METHODS = new Set(['any', 'single', 'array', 'fields']);
const MAX_HOPS = 4;

/** Is this expression a multer instance: `multer(opts)`, or a constant holding one? */
function isMulter(resolver: Resolver, node: Node, hops = 0): boolean {
  const n = unwrap(node);
  if (n.type === 'CallExpression') return resolver.resolve(n.callee) === 'multer';
  if (n.type !== 'Identifier' || hops >= MAX_HOPS) return false;
  const init = resolver.constantInit(n);
  return !!init && isMulter(resolver, init, hops + 1);
}

/** What an argument of `use` mounts, if it is upload middleware: a name for the message. */
function uploadMiddleware(resolver: Resolver, arg: Node): string | undefined {
  const n = unwrap(arg);
  if (n.type !== 'CallExpression') return undefined;
  const callee = unwrap(n.callee);
  const target = resolver.resolve(callee);
  if (target !== undefined && TEMP_FILE_PARSERS.has(target)) return `${target}()`;
  if (callee.type !== 'MemberExpression') return undefined;
  const method = memberName(callee);
  if (method && MULTER_METHODS.has(method) && isMulter(resolver, callee.object))
    return `multer's ${method}()`;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'js/global-upload-middleware',
    kind: 'sast',
    title: 'File upload middleware mounted for every route',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-400', 'CWE-434'],
    owasp: ['A04:2021-Insecure Design'],
    help:
      "Express 3's and Connect 2's `bodyParser()` include `multipart()`, which writes every file of " +
      'every multipart request to the temporary folder, on any route, and never deletes it: one client ' +
      "posting large files to `/` fills the disk. multer's documentation likewise says never to mount " +
      'it as global middleware: files then reach routes that do not expect them (and with disk ' +
      'storage stay there), connect-multiparty the same. vigil reports these mounted with `use` ' +
      'without a path. Parse only what a route needs (`express.json()`, `express.urlencoded()`), and ' +
      "put the upload middleware on the one route that handles uploads, with limits: `app.post('/avatar', " +
      "multer({ dest, limits: { fileSize: 1e6 } }).single('avatar'), handler)`.",
    fixHint: 'Mount upload parsing only on the route that takes the upload, with size limits.',
  },
  hint: namesHint(['bodyParser', 'multipart', 'multer', 'connect-multiparty']),
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        if (callee.type !== 'MemberExpression' || memberName(callee) !== 'use') return;
        const [first] = node.arguments;
        // `app.use('/upload', …)`, `app.use(/^\/files/, …)`, `app.use(['/a', '/b'], …)`: mounted under
        // paths, for the routes there only.
        if (!first || first.type === 'SpreadElement' || first.type === 'ArrayExpression') return;
        if (resolver.staticValue(first) !== undefined) return;
        for (const arg of node.arguments) {
          const name = arg.type === 'SpreadElement' ? undefined : uploadMiddleware(resolver, arg);
          if (!name) continue;
          context.report({
            node: arg,
            message: `${name} is mounted for every route: any request can upload files the handler never expected.`,
          });
        }
      },
    };
  },
});
