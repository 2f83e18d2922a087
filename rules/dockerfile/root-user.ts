import { expandVariables, finalStageChain, type Instruction } from '../../src/iac/dockerfile/parse.ts';
import { instructionSpan } from '../../src/iac/dockerfile/run.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

/** Base images whose default user is not root (their tag or name says so). */
const NON_ROOT_BASE = /(:|-)nonroot\b|distroless\/.*:nonroot|^chainguard\/|^cgr\.dev\//;

function isRoot(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || name === '0';
}

/**
 * `NAME=value` in an ARG. Tried only where a word starts (its leading digits skipped, as the
 * unanchored `([A-Za-z_]\w*)=` would), so a long word without `=` is not rescanned from each of
 * its characters.
 */
const ARG_VALUE = /\b\d*([A-Za-z_]\w*)=(\S+)/g;

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/root-user',
    kind: 'config',
    title: 'Container runs as root',
    severity: 'medium',
    cwe: ['CWE-250'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'Unless the final stage of a Dockerfile switches to another user, the container runs as root, so a ' +
      'compromised process owns the whole container and is one kernel bug away from the host. Only the ' +
      'last stage matters (earlier build stages are thrown away), including stages it builds on ' +
      '(`FROM builder`). Create an unprivileged user and switch to it last:\n\n' +
      '```dockerfile\nRUN useradd --system --uid 10001 app\nUSER 10001\nCMD ["node", "server.js"]\n```\n\n' +
      'Images whose tag says `nonroot` (distroless, Chainguard) are accepted without a USER line.',
    fixHint: 'Add `USER <non-root user or uid>` to the final stage, after the steps that need root.',
  },
  check(file, report) {
    const chain = finalStageChain(file);
    const final = chain.at(-1);
    if (!final) return;
    let last: Instruction | undefined;
    const vars = new Map(file.globalArgs);
    for (const stage of chain) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'ARG') {
          for (const m of instruction.body.matchAll(ARG_VALUE)) vars.set(m[1]!, m[2]!);
        }
        if (instruction.keyword === 'USER') last = instruction;
      }
    }
    if (last) {
      const user = expandVariables(last.body.trim(), vars).text;
      if (user !== undefined && isRoot(user)) {
        report({
          at: instructionSpan(last),
          message: `The final stage switches to ${user.split(':')[0]}, so the container runs as root.`,
          severity: 'high',
        });
      }
      return;
    }
    const base = chain[0]!.resolvedImage ?? chain[0]!.image;
    if (NON_ROOT_BASE.test(base)) return;
    report({
      at: instructionSpan(final.from),
      message: `The final stage (FROM ${final.image}) never sets USER, so the container runs as root.`,
    });
  },
});
