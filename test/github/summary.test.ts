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

  it('names the packages that break the licence policy, the denied first', () => {
    const lic = (name: string, ruleId: string, severity: 'high' | 'low') =>
      finding('package-lock.json', 4, {
        kind: 'sca',
        severity,
        ruleId,
        package: { ecosystem: 'npm', name, version: '1.0.0' },
      });
    const body = renderSummary({
      classified: classifyFindings(
        [lic('odd', 'sca/license-unknown', 'low'), lic('gpl', 'sca/license-denied', 'high')],
        {},
      ),
      failOn: 'high',
      conclusion: 'failure',
    });
    expect(body).toContain(
      '> ⚖️ **2 licence findings** against the licence policy: gpl@\u200b1.0.0 (denied), odd@\u200b1.0.0 (unknown).',
    );
  });
});
