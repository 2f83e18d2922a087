import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.ts';
import { applyDirectives, parseSuppressions } from '../../src/core/suppressions.ts';

function finding(ruleId: string, startLine: number, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    kind: 'sast',
    severity: 'high',
    title: ruleId,
    message: 'm',
    location: {
      path: 'a.ts',
      startLine,
      startColumn: 1,
      endLine: extra.location?.endLine ?? startLine,
      endColumn: 5,
    },
    fingerprint: `${ruleId}:${startLine}`,
    ...extra,
  };
}

function suppressed(text: string, findings: Finding[]): (string | undefined)[] {
  const { directives } = parseSuppressions('a.ts', text);
  return applyDirectives(findings, new Map([['a.ts', directives]])).map((f) => f.suppression?.justification);
}

describe('inline suppressions', () => {
  it('next-line covers the following line only', () => {
    const text = ['// vigil-ignore-next-line js/eval -- constant table', 'eval(x);', 'eval(y);'].join('\n');
    expect(suppressed(text, [finding('js/eval', 2), finding('js/eval', 3)])).toEqual([
      'constant table',
      undefined,
    ]);
  });

  it('stacked next-line comments reach the first code line below them', () => {
    const text = [
      '// vigil-ignore-next-line js/eval -- one',
      '/* vigil-ignore-next-line js/exec -- two */',
      'run();',
    ].join('\n');
    expect(suppressed(text, [finding('js/eval', 3), finding('js/exec', 3)])).toEqual(['one', 'two']);
  });

  it('line form covers its own line (start or end of a multi-line finding)', () => {
    const text = ['a();', 'eval(x); // vigil-ignore-line js/eval -- reviewed in #4', 'b();'].join('\n');
    expect(
      suppressed(text, [
        finding('js/eval', 2),
        finding('js/eval', 1),
        finding('js/eval', 1, {
          location: { path: 'a.ts', startLine: 1, startColumn: 1, endLine: 2, endColumn: 2 },
        }),
      ]),
    ).toEqual(['reviewed in #4', undefined, 'reviewed in #4']);
  });

  it('file form, several ids, advisory ids, case-insensitive', () => {
    const text = ['# vigil-ignore-file js/eval, ghsa-xxxx-yyyy-zzzz -- vendored test fixture', 'x'].join(
      '\n',
    );
    const sca = finding('sca/vulnerable-dependency', 40, {
      advisoryIds: ['GHSA-xxxx-yyyy-zzzz', 'CVE-2020-1'],
    });
    expect(suppressed(text, [finding('js/eval', 90), sca, finding('js/exec', 2)])).toEqual([
      'vendored test fixture',
      'vendored test fixture',
      undefined,
    ]);
  });

  it('understands HTML and block comments and strips their closers', () => {
    const { directives } = parseSuppressions(
      'a.html',
      '<!-- vigil-ignore-next-line js/xss -- escaped by the template -->\n/* vigil-ignore-line a/b -- why */',
    );
    expect(directives.map((d) => [d.ids, d.reason])).toEqual([
      [['js/xss'], 'escaped by the template'],
      [['a/b'], 'why'],
    ]);
  });

  it('reports a directive without a reason or id and lets it suppress nothing', () => {
    const text = [
      'eval(a); // vigil-ignore-line js/eval',
      '// vigil-ignore-next-line -- no id given',
      'eval(b);',
      '// vigil-ignore-next-line js/eval because reasons',
      'eval(c);',
      '# vigil-ignore-file js/eval --   ',
      '// vigil-ignore-line js/eval; -- semicolon is no id',
    ].join('\n');
    const { directives, problems } = parseSuppressions('a.ts', text);
    expect(directives).toEqual([]);
    expect(
      problems.map((p) => [p.ruleId, p.kind, p.severity, p.location.startLine, p.location.startColumn]),
    ).toEqual([
      ['vigil/invalid-suppression', 'config', 'low', 1, 10],
      ['vigil/invalid-suppression', 'config', 'low', 2, 1],
      ['vigil/invalid-suppression', 'config', 'low', 4, 1],
      ['vigil/invalid-suppression', 'config', 'low', 6, 1],
      ['vigil/invalid-suppression', 'config', 'low', 7, 1],
    ]);
    expect(problems[4]!.message).toContain('has "js/eval;" where a rule id should be');
    expect(problems[0]!.message).toContain('gives no reason');
    expect(problems[1]!.message).toContain('names no rule id');
    expect(problems[2]!.message).toContain('gives no reason after " -- "');
    expect(problems[0]!.location.snippet).toBe('// vigil-ignore-line js/eval');
    expect(suppressed(text, [finding('js/eval', 1), finding('js/eval', 3)])).toEqual([undefined, undefined]);
  });

  it('ignores the marker outside comments and in other words', () => {
    const text = [
      'const s = "x// vigil-ignore-line js/eval -- no";',
      'vigil-ignore-line js/eval -- no',
      '// vigil-ignore-lines js/eval -- no',
    ].join('\n');
    expect(parseSuppressions('a.ts', text)).toEqual({ directives: [], problems: [] });
  });

  it('keeps the suppression location and leaves other files alone', () => {
    const { directives } = parseSuppressions('a.ts', '// vigil-ignore-file js/eval -- ok\n');
    const other = { ...finding('js/eval', 1), location: { ...finding('js/eval', 1).location, path: 'b.ts' } };
    const [inA, inB] = applyDirectives([finding('js/eval', 5), other], new Map([['a.ts', directives]]));
    expect(inA!.suppression).toEqual({
      kind: 'inline',
      justification: 'ok',
      location: {
        path: 'a.ts',
        startLine: 1,
        startColumn: 1,
        endLine: 1,
        endColumn: 35,
        snippet: '// vigil-ignore-file js/eval -- ok',
      },
    });
    expect(inB!.suppression).toBeUndefined();
  });
});
