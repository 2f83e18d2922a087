import { apkAdds, removes } from '../../src/iac/dockerfile/packages.ts';
import { mountsCache, wordSpan } from '../../src/iac/dockerfile/run.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apk-no-cache',
    kind: 'config',
    title: 'apk add without --no-cache',
    severity: 'low',
    cwe: ['CWE-459'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      '`apk add` keeps the downloaded package index in /var/cache/apk, which then ships in the layer: a ' +
      'bigger image with stale metadata. `--no-cache` fetches a fresh index and keeps nothing:\n\n' +
      '```dockerfile\nRUN apk add --no-cache curl=8.9.1-r0\n```\n\nvigil offers the flag as an automatic fix.',
    fixHint: 'Use `apk add --no-cache`.',
  },
  check(file, report) {
    for (const add of apkAdds(file)) {
      if (add.args.some((w) => w.value === '--no-cache')) continue;
      const instruction = add.run.instruction;
      if (
        removes(instruction, '/var/cache/apk') ||
        mountsCache(instruction, /target=\/(var\/cache|etc)\/apk/)
      )
        continue;
      const at = wordSpan(add.run, add.subcommand);
      const safe = at.endColumn !== undefined && add.subcommand.raw === 'add';
      report({
        at,
        message: 'apk add keeps its package cache in the layer; use --no-cache.',
        fix: {
          description: 'Use `apk add --no-cache`.',
          ...(safe ? { replacement: { at, text: 'add --no-cache' } } : {}),
        },
      });
    }
  },
});
