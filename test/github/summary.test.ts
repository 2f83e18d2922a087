import { describe, expect, it } from 'vitest';
import { classifyFindings } from '../../src/github/baseline.ts';
import { renderSummary } from '../../src/github/summary.ts';
import { finding } from './helpers.ts';

describe('the summary comment', () => {
  it('calls out malicious packages above the fixes, never as an upgrade', () => {
    const mal = finding('package-lock.json', 4, {
      kind: 'sca',
      severity: 'critical',
      ruleId: 'GHSA-pxx3-g568-hxr4',
      package: { ecosystem: 'npm', name: 'color-convert', version: '3.1.1' },
      properties: { malicious: 'MAL-2025-46971' },
    });
    const body = renderSummary({
      classified: classifyFindings([mal], {}),
      failOn: 'high',
      conclusion: 'failure',
    });
    // (an @ is followed by a zero-width space so that GitHub mentions nobody)
    expect(body).toMatch(
      /🚨 \*\*1 malicious package\*\*: color-convert@\u200b3\.1\.1\. Remove them and rotate every secret/,
    );
    expect(body).not.toContain('upgrade color-convert');
  });
});
