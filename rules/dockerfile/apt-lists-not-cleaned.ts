import { aptInstalls, removes } from '../../src/iac/dockerfile/packages.ts';
import { finalStageChain } from '../../src/iac/dockerfile/parse.ts';
import { instructionSpan, mountsCache } from '../../src/iac/dockerfile/run.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apt-lists-not-cleaned',
    kind: 'config',
    title: 'apt package lists left in the image',
    severity: 'low',
    cwe: ['CWE-459'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'apt-get update downloads package indexes into /var/lib/apt/lists. Left in a layer they make the ' +
      'image bigger and stale: a later `apt-get install` in a derived image installs from old lists. ' +
      'Remove them in the same RUN (a later RUN cannot shrink an earlier layer), or use a cache mount:\n\n' +
      '```dockerfile\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n' +
      ' && rm -rf /var/lib/apt/lists/*\n```\n\nOnly stages that end up in the final image are checked.',
    fixHint: 'End the RUN with `&& rm -rf /var/lib/apt/lists/*` (or mount a cache at /var/lib/apt).',
  },
  check(file, report) {
    const flagged = new Set<unknown>();
    for (const install of aptInstalls(file, finalStageChain(file))) {
      const instruction = install.run.instruction;
      if (flagged.has(instruction)) continue;
      flagged.add(instruction);
      if (removes(instruction, '/var/lib/apt/lists')) continue;
      if (mountsCache(instruction, /target=\/var\/lib\/apt/)) continue;
      report({
        at: instructionSpan(instruction),
        message: 'This RUN installs apt packages but leaves /var/lib/apt/lists in the layer.',
      });
    }
  },
});
