import { describe, expect, it } from 'vitest';
import { runIacRules } from '../../src/iac/engine.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';
import { iacRules } from '../../rules/iac-index.ts';

describe('runIacRules', () => {
  it('turns a rule that throws into a diagnostic and still runs the others', () => {
    const broken = defineDockerfileRule({
      meta: { id: 'dockerfile/test-broken', kind: 'config', title: 'broken', severity: 'low', help: 'h' },
      check() {
        throw new Error('boom');
      },
    });
    const result = runIacRules('Dockerfile', 'FROM node\n', [broken, ...iacRules]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        level: 'error',
        path: 'Dockerfile',
        message: 'rule dockerfile/test-broken failed: boom',
      }),
    ]);
    expect(result.findings.map((f) => f.ruleId)).toEqual([
      'dockerfile/root-user',
      'dockerfile/unpinned-base-image',
    ]);
  });

  it('offers a replacement whose location is exactly the word it replaces', () => {
    const text = 'FROM alpine:3.20\nRUN apk update \\\n && apk   add curl\nUSER 1\n';
    const [finding] = runIacRules('Dockerfile', text, iacRules).findings;
    expect(finding).toMatchObject({
      ruleId: 'dockerfile/apk-no-cache',
      location: { startLine: 3, startColumn: 11, endColumn: 14 },
      fix: {
        replacement: {
          text: 'add --no-cache',
          location: { startLine: 3, startColumn: 11, endLine: 3, endColumn: 14, snippet: 'add' },
        },
      },
    });
  });

  it('gives rule metadata to every finding, kind config', () => {
    const { findings } = runIacRules('Dockerfile', 'FROM node:latest\nEXPOSE 80\nUSER 0\n', iacRules);
    for (const f of findings) {
      const rule = iacRules.find((r) => r.meta.id === f.ruleId)!;
      expect(f).toMatchObject({
        kind: 'config',
        title: rule.meta.title,
        cwe: rule.meta.cwe,
        owasp: rule.meta.owasp,
      });
      expect(f.fix?.description).toBeTruthy();
    }
    expect(findings.find((f) => f.ruleId === 'dockerfile/root-user')?.severity).toBe('high');
  });

  it('stays linear on files at the size cap', () => {
    const run = 'RUN apt-get update && apt-get install -y curl && curl -fsSL https://x | sh\n';
    const time = (n: number) => {
      const started = performance.now();
      runIacRules('Dockerfile', `FROM debian:12\n${run.repeat(n)}`, iacRules);
      return performance.now() - started;
    };
    time(500);
    const small = time(1500);
    const large = time(6000);
    // Four times the input may cost at most ~8x (noise on shared machines), never the 16x of a quadratic pass.
    expect(large).toBeLessThan(Math.max(small, 20) * 8);
  });
});
