import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { FS_PATH_CALLS, FS_TWO_PATH_CALLS } from '../../src/sast/models/fs.ts';
import { fixedPath, MAX_DEPTH } from '../../src/sast/fixed-path.ts';
import { type Resolver, resolverFor } from '../../src/sast/resolve.ts';
import type { Variable } from '../../src/sast/scope/bindings.ts';
import { isGuarded } from '../../src/sast/taint/guards.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';
import type { GuardKind } from '../../src/sast/taint/spec.ts';

type Node = TSESTree.Node;

const GUARDS: GuardKind[] = ['allow', 'lookup', 'prefix', 'deny-dotdot'];
const FIRST = new Set(FS_PATH_CALLS);
const SECOND = new Set(FS_TWO_PATH_CALLS);

/** The variables a path is built from, following `const` initialisers a few levels. */
function pathVariables(node: Node, r: Resolver): Map<Variable, string[]> {
  const out = new Map<Variable, string[]>();
  const visit = (n: Node, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (n.type === 'Identifier') {
      const v = r.variableOf(n);
      if (!v || out.has(v)) return;
      // A guard on any part of the variable counts, as for the whole of it.
      out.set(v, ['']);
      const init = r.constantInit(n);
      if (init) visit(init, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(n)) {
      if (key === 'parent' || !child || typeof child !== 'object') continue;
      for (const c of Array.isArray(child) ? child : [child])
        if (c && typeof (c as Node).type === 'string') visit(c as Node, depth + 1);
    }
  };
  visit(node, 0);
  return out;
}

/**
 * The pattern half: an `fs` call whose path is not a constant of the program, with no taint flow
 * proven to it, in a file that is not a test. Silent for paths built only from literals and the
 * program's folders, bare file names, numbers, and paths an enclosing check guards.
 */
const nonConstantPath: TaintAudit = {
  precision: 'low',
  // The fs module is named where it is imported or required ('fs', 'node:fs', 'fs-extra').
  hint: /\bfs\b/,
  create(context, propose) {
    const r = resolverFor(context.ast);
    const kinds = new Set(GUARDS);
    const varOf = (n: Node) => (n.type === 'Identifier' ? (r.variableOf(n) ?? undefined) : undefined);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const name = node.callee.type === 'MemberExpression' ? node.callee.property : node.callee;
        if (name.type !== 'Identifier') return;
        const raw = r.resolve(node.callee);
        if (raw === undefined || !raw.startsWith('fs')) return;
        const target = raw.replace(/^fs\/promises\./, 'fs.promises.');
        const args = SECOND.has(target) ? [0, 1] : FIRST.has(target) ? [0] : [];
        for (const i of args) {
          const arg = node.arguments[i];
          if (!arg || arg.type === 'SpreadElement' || fixedPath(arg, r)) continue;
          if (isGuarded(node, pathVariables(arg, r), varOf, kinds)) continue;
          propose({
            node,
            message: `\`${target}\` is given a path that is not a constant of the program: check that it cannot name a file outside the folder it is meant for.`,
          });
          return;
        }
      },
    };
  },
};

export default defineTaintRule(
  {
    id: 'js/path-traversal',
    kind: 'sast',
    title: 'Path traversal: untrusted data chooses a file path',
    severity: 'high',
    cwe: ['CWE-22'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'A file name from the request reaches `fs` or `res.sendFile`/`res.download`; `../../etc/passwd` ' +
      'or an absolute path escapes the intended folder. Keep only the base name, or resolve the path ' +
      'and check it stays inside the root: `const p = path.resolve(ROOT, name); if (!p.startsWith(ROOT + path.sep)) ' +
      'return res.sendStatus(403);` — or let Express do it: `res.sendFile(name, { root: ROOT })`. ' +
      "An `fs` call whose path is not built from constants and the program's own folders, with no " +
      'source proven, is reported at low precision for a look: where does that path come from?',
    fixHint: 'Use path.basename, or resolve against a root and check the result starts with it.',
  },
  {
    // Not `cli`: a command-line tool opening the file its user names is doing its job.
    sources: ['remote', 'dom', 'storage', 'library'],
    sinks: [
      { call: [...FS_PATH_CALLS], args: [0], label: 'a file system path' },
      { call: [...FS_TWO_PATH_CALLS], args: [1], label: 'a file system path' },
      // adm-zip writes the archive's files under the folder it is given.
      {
        call: ['*.extractAllTo', '*.extractAllToAsync'],
        modules: ['adm-zip'],
        args: [0],
        label: 'an extraction folder',
      },
      { call: ['*.extractEntryTo'], modules: ['adm-zip'], args: [1], label: 'an extraction folder' },
      // express-fileupload: `req.files.avatar.mv(dest)` writes the upload to dest.
      {
        call: ['*.mv'],
        receiver: '^(?:files?|uploads?|uploaded\\w*|attachments?|avatar|image|photo|document)$',
        modules: ['@Request.files'],
        args: [0],
        label: 'where an upload is written',
      },
      // shelljs's file commands: every argument but the option string is a path.
      {
        call: ['rm', 'cp', 'mv', 'cat', 'mkdir', 'touch', 'ls', 'head', 'tail', 'chmod', 'ln'].map(
          (c) => `shelljs.${c}`,
        ),
        args: 'all',
        label: 'a file system path',
      },
      // With a `root` option Express's `send` refuses a path that climbs out of it. (@fastify/static's
      // `reply.sendFile` always has one: the plugin's, or its second argument.)
      {
        call: ['@Response.sendFile'],
        args: [0],
        when: [{ arg: 1, key: 'root', present: false }],
        label: 'a file sent to the client',
      },
      {
        // res.download(path, [filename], [options]): the options are second or third.
        call: ['@Response.download'],
        args: [0],
        when: [
          { arg: 1, key: 'root', present: false },
          { arg: 2, key: 'root', present: false },
        ],
        label: 'a file sent to the client',
      },
      { call: ['@Response.render'], args: [0], label: 'the template file to render' },
      {
        // res.render(view, req.body): the request object (or a field of it the client can make an
        // object) becomes the render options, so the client picks `layout`, `settings` and engine
        // options, which name files to include.
        call: ['@Response.render'],
        args: [1],
        objectValue: true,
        label: 'render options (layout, settings) taken from the request',
      },
    ],
    sanitisedBy: ['numeric', 'path'],
    guards: GUARDS,
  },
  nonConstantPath,
);
