import { finalStageChain } from '../../src/iac/dockerfile/parse.ts';
import { instructionSpan } from '../../src/iac/dockerfile/run.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/missing-healthcheck',
    kind: 'config',
    title: 'Serving image without HEALTHCHECK',
    severity: 'low',
    cwe: ['CWE-754'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'An image that EXPOSEs a port serves requests; without a HEALTHCHECK, Docker and Swarm only know ' +
      'whether the process exists, not whether it answers, so a hung or half-started service keeps ' +
      'receiving traffic and is never restarted. Declare how to probe it (or `HEALTHCHECK NONE` when ' +
      'the orchestrator probes instead, e.g. Kubernetes liveness probes):\n\n' +
      '```dockerfile\nHEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://127.0.0.1:8080/healthz || exit 1\n```',
    fixHint:
      'Add a HEALTHCHECK to the final stage, or `HEALTHCHECK NONE` if the orchestrator probes the service.',
  },
  check(file, report) {
    const chain = finalStageChain(file);
    const instructions = chain.flatMap((s) => s.instructions);
    if (instructions.some((i) => i.keyword === 'HEALTHCHECK')) return;
    const expose = instructions.find((i) => i.keyword === 'EXPOSE');
    if (!expose) return;
    report({
      at: instructionSpan(expose),
      message: `The final image exposes ${expose.body.trim()} but declares no HEALTHCHECK.`,
    });
  },
});
