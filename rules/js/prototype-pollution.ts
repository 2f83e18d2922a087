import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Precision } from '../../src/core/finding.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { PollutingWrites } from '../../src/sast/taint/polluting-functions.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';
import { type Fn, isFn } from '../../src/sast/taint/values.ts';

/**
 * Where lodash's functions are imported from: the package (`_.merge`, `import { merge } from
 * 'lodash'`), its ES build (`lodash-es`), a per-method path (`lodash/merge`, `lodash/merge.js`), a
 * per-method package (`lodash.merge`, `lodash.mergewith`: lower case), and es-toolkit's lodash
 * compatibility layer. Underscore has no deep merge and no path setter.
 */
const LODASH = ['lodash', 'lodash-es', 'es-toolkit/compat'];
const lodash = (...methods: string[]): string[] => [
  ...new Set(
    methods.flatMap((m) => [
      ...LODASH.flatMap((mod) => [`${mod}.${m}`, `${mod}/${m}`, `${mod}/${m}.js`]),
      `lodash.${m.toLowerCase()}`,
    ]),
  ),
];

/** Every argument after the target: what a merge copies from (at most a few dozen are ever passed). */
const AFTER_TARGET = Array.from({ length: 15 }, (_, i) => i + 1);
/** After the `true` and the target of `extend(true, target, …sources)`. */
const AFTER_DEEP_TARGET = Array.from({ length: 15 }, (_, i) => i + 2);

/**
 * The pattern half, in every file: a recursive merge or set-by-path function of the program's own
 * that writes keys of its input into objects it reached by keys of its input, with nothing keeping
 * `__proto__` and `constructor` out (CodeQL's PrototypePollutingFunction). Any caller may pass it
 * parsed JSON; reported at the write, high where the keys are the input's own (`for…in`,
 * `Object.keys`, `split`), medium where a call of the program's made them.
 */
const pollutingFunction: TaintAudit = {
  precision: 'high',
  scope: 'everywhere',
  // A computed write: `o[k] = v` (or `o[k]! = v`).
  hint: /\]!?\s*=(?!=)/,
  create(context, propose) {
    // Judged at the end of the walk: the walk sets the parent links the descent and guards read.
    const candidates: TSESTree.AssignmentExpression[] = [];
    return {
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.left.type === 'MemberExpression' && node.left.computed) candidates.push(node);
      },
      'Program:exit'() {
        const writes = new PollutingWrites(resolverFor(context.ast), context.sourceText);
        // One finding per function: a merge writes both the copies it recursed for and the leaves.
        const byFunction = new Map<
          Fn | undefined,
          { write: TSESTree.AssignmentExpression; precision: Precision }
        >();
        for (const write of candidates) {
          const precision = writes.precisionOf(write);
          if (!precision) continue;
          const fn = enclosingFunction(write);
          const first = byFunction.get(fn)?.write;
          // The leaf write (`dst[key] = src[key]`) rather than the copy a call returned.
          if (first && (write.right.type === 'CallExpression' || first.right.type !== 'CallExpression'))
            continue;
          byFunction.set(fn, { write, precision });
        }
        for (const [fn, { write, precision }] of byFunction)
          propose(
            {
              node: write,
              precision,
              message:
                "A merge or set-by-path function writes its input's keys into an object it reached by another of them, " +
                'without rejecting `__proto__` and `constructor`: a caller passing parsed JSON sets properties of `Object.prototype`.',
            },
            // Dangerous whoever calls it, unless every call is in view for the data-flow half to judge.
            writes.callersOutOfView(fn, context.ast),
          );
      },
    };
  },
};

/** The function a node stands in (undefined at the top level). */
function enclosingFunction(node: TSESTree.Node): Fn | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFn(n)) return n;
  return undefined;
}

export default defineTaintRule(
  {
    id: 'js/prototype-pollution',
    kind: 'sast',
    title: 'Prototype pollution: untrusted keys write into nested objects',
    severity: 'high',
    cwe: ['CWE-1321'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      'A property path chosen by the request is written (`obj[a][b] = v`, `_.set(obj, path, v)`), or ' +
      'request JSON is deep-merged (`_.merge`, `_.defaultsDeep`, deepmerge, `$.extend(true, …)`). With the key ' +
      '`__proto__` or `constructor.prototype` the write lands on `Object.prototype` and every object in ' +
      "the process gains the attacker's property (often an `isAdmin` or a template option). Reject " +
      "those keys or use a Map: `if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;`. " +
      "A merge or set-by-path function of the program's that walks its input's keys that way is reported on its own, " +
      'at its write, whoever calls it: its callers may pass it parsed JSON.',
    fixHint:
      'Reject __proto__/constructor/prototype keys, use Map or Object.create(null), or avoid deep merges of input.',
  },
  {
    sinks: [
      {
        // What is copied from, not the target: a deep merge walks its sources' keys. Text or a
        // number (`{ name: String(req.body.name) }`) holds no key to walk.
        call: [
          ...lodash('merge', 'mergeWith', 'defaultsDeep'),
          'deep-extend',
          'merge-deep',
          'mixin-deep',
          'defaults-deep',
          // npm `merge`: `merge.recursive([clone,] target, …sources)`; its plain `merge` is shallow.
          'merge.recursive',
        ],
        args: AFTER_TARGET,
        notText: true,
        // lodash skips `__proto__` and `constructor` keys from 4.17.12 (CVE-2018-16487,
        // CVE-2019-10744); its per-method packages from their 4.6.2.
        fixedFrom: {
          lodash: '4.17.12',
          'lodash-es': '4.17.12',
          'lodash.merge': '4.6.2',
          'lodash.mergewith': '4.6.2',
        },
        label: 'a deep merge',
      },
      {
        // deepmerge clones both of its arguments into a new object.
        call: ['deepmerge', 'deepmerge.all'],
        args: 'all',
        notText: true,
        label: 'a deep merge',
      },
      {
        // jQuery's (and npm `extend`'s) extend copies deeply only when told to: `$.extend(true, target, source)`.
        call: ['$.extend', 'jQuery.extend', 'jquery.extend', 'extend'],
        args: AFTER_DEEP_TARGET,
        firstLiteral: '^true$',
        notText: true,
        label: 'a deep merge',
      },
      {
        // flat's `unflatten({ '__proto__.polluted': 1 })` builds the nesting its keys spell.
        call: ['flat.unflatten'],
        args: [0],
        notText: true,
        label: 'a deep merge',
      },
      {
        call: [
          ...lodash('set', 'setWith', 'update', 'updateWith'),
          'set-value',
          'dot-prop.setProperty',
          'dot-prop.set',
          ...['set', 'push', 'insert', 'ensureExists'].flatMap((m) => [
            `object-path.${m}`,
            `object-path.withInheritedProps.${m}`,
          ]),
          'dottie.set',
          'dset.dset',
        ],
        args: [1],
        pathSegments: true,
        label: 'a property path write',
      },
      {
        // `_.zipObjectDeep(paths, values)`: each path is set on a new object.
        call: lodash('zipObjectDeep'),
        args: [0],
        label: 'a property path write',
      },
    ],
    sources: ['remote', 'cli', 'dom', 'storage', 'library'],
    sanitisedBy: ['numeric', 'json', 'key'],
    guards: ['allow', 'deny-proto'],
    taintedKeyWrite: true,
  },
  pollutingFunction,
);
