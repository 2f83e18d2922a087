import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { exclusive, predictableTemp } from '../../src/sast/temp-paths.ts';

/** Calls that create (or truncate) a file at their first argument, and where their flags sit. */
const CREATES = new Map<string, number>();
for (const base of ['fs', 'fs.promises', 'fs-extra']) {
  for (const m of ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'open', 'openSync'])
    CREATES.set(`${base}.${m}`, 2);
  CREATES.set(`${base}.createWriteStream`, 1);
}
CREATES.delete('fs.promises.openSync');
for (const m of [
  'outputFile',
  'outputFileSync',
  'outputJson',
  'outputJsonSync',
  'writeJson',
  'writeJsonSync',
])
  CREATES.set(`fs-extra.${m}`, 2);

export default defineRule({
  meta: {
    id: 'js/insecure-temporary-file',
    kind: 'sast',
    title: 'Temporary file with a predictable name in a shared folder',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-377', 'CWE-378'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      "`fs.writeFileSync(path.join(os.tmpdir(), 'report.pdf'), data)` writes into a folder every " +
      'local user shares, under a name anyone can guess (constants, `Date.now()`, `new Date().getTime()`, `process.pid`). ' +
      'Another user plants a symbolic link there first and the program overwrites the file it ' +
      'points to with its own rights, or plants a file the program then reads as its own; a file ' +
      'created with default permissions may also be readable by others. vigil reports a file created ' +
      'at such a path unless the open is exclusive (`wx`, `O_EXCL`). Make a private folder with ' +
      "`fs.mkdtempSync(path.join(os.tmpdir(), 'app-'))` and write inside it, or open with `'wx'` and mode `0o600`.",
    fixHint:
      "Write inside fs.mkdtempSync(path.join(os.tmpdir(), 'app-')), or open with flag 'wx' and mode 0o600.",
  },
  hint: /tmp|TMPDIR/,
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const target = resolver.resolve(node.callee);
        const flagsAt = target !== undefined ? CREATES.get(target) : undefined;
        const path = node.arguments[0];
        if (flagsAt === undefined || !path || path.type === 'SpreadElement') return;
        if (!predictableTemp(resolver, path)) return;
        // open(path, flags): the flags are the second argument; write calls take them in options.
        const flags = /\.open(?:Sync)?$/.test(target!) ? node.arguments[1] : node.arguments[flagsAt];
        if (exclusive(resolver, flags)) return;
        context.report({
          node,
          message:
            'A file with a guessable name in a shared temporary folder: another local user can plant a link there first.',
        });
      },
    };
  },
});
