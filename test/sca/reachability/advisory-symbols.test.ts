import { describe, expect, it } from 'vitest';
import { advisorySymbols } from '../../../src/sca/reachability/advisory-symbols.ts';
import type { OsvRecord } from '../../../src/sca/osv/schema.ts';

function record(summary: string, details: string): OsvRecord {
  return {
    id: 'TEST-1',
    modified: '2026-01-01T00:00:00Z',
    summary,
    details,
    affected: [{ package: { ecosystem: 'npm', name: 'lodash' } }],
  };
}
const names = (summary: string, details = '') =>
  advisorySymbols([record(summary, details)], 'npm', 'lodash')?.symbols.map((s) => s.name);

describe('vulnerable functions from an advisory text', () => {
  it('reads code spans, name() in prose, quoted names and "the name function"', () => {
    expect(names('Command Injection in lodash', '`lodash` is vulnerable via the template function.')).toEqual(
      ['template'],
    );
    expect(names('x', "The vulnerable functions are 'defaultsDeep', 'merge', and 'mergeWith'")).toEqual([
      'defaultsDeep',
      'merge',
      'mergeWith',
    ]);
    expect(names('x', 'Calling `_.zipObjectDeep()` or set() pollutes')).toEqual(['zipObjectDeep', 'set']);
  });

  it('drops the package name, prototype keys, files, fenced proof-of-concept code and apostrophes', () => {
    expect(
      names(
        'x',
        "Versions of `lodash` don't check `__proto__` in `package.json`.\n```js\n_.evil()\n```\nthe vulnerable function",
      ),
    ).toBeUndefined();
  });

  it('a call of the package itself is its default export', () => {
    expect(
      advisorySymbols([record('ReDoS', 'Calling `ms()` with a long string')], 'npm', 'ms')?.symbols,
    ).toEqual([{ name: 'default' }]);
  });

  it('stays linear on a hostile text', () => {
    const hostile = `${"'a".repeat(100_000)}${'a.'.repeat(100_000)}() ${'`'.repeat(50_000)}`;
    const started = performance.now();
    advisorySymbols([record('x', hostile)], 'npm', 'lodash');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
