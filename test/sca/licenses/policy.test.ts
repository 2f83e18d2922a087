import { describe, expect, it } from 'vitest';
import { declaredLicense } from '../../../src/sca/licenses/declared.ts';
import { alternatives, parseLicense, MAX_ALTERNATIVES } from '../../../src/sca/licenses/expression.ts';
import { invalidPolicyEntries, judgeLicense } from '../../../src/sca/licenses/policy.ts';

describe('declaredLicense', () => {
  it('reads the license string, the legacy { type } object and the legacy licenses list', () => {
    expect(declaredLicense({ license: ' MIT ' })).toBe('MIT');
    expect(declaredLicense({ license: { type: 'ISC', url: 'x' } })).toBe('ISC');
    expect(declaredLicense({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe(
      '(MIT OR Apache-2.0)',
    );
    expect(declaredLicense({ licenses: [{ type: 'BSD-3-Clause' }] })).toBe('BSD-3-Clause');
  });
  it('is undefined for anything else', () => {
    expect(declaredLicense({})).toBeUndefined();
    expect(declaredLicense({ license: '' })).toBeUndefined();
    expect(declaredLicense({ license: 42 })).toBeUndefined();
    expect(declaredLicense({ license: ['MIT'] })).toBeUndefined();
    expect(declaredLicense({ licenses: 'MIT' })).toBeUndefined();
    expect(declaredLicense({ licenses: [null, 3] })).toBeUndefined();
  });
});

describe('parseLicense', () => {
  it('reads SPDX expressions and writes them back with the brackets AND needs', () => {
    const p = parseLicense('(MIT OR GPL-3.0) AND BSD-3-Clause');
    expect(p).toMatchObject({ ok: true, expression: '(MIT OR GPL-3.0) AND BSD-3-Clause', corrected: false });
    expect(parseLicense('(MIT AND ISC)')).toMatchObject({ expression: 'MIT AND ISC' });
    expect(parseLicense('GPL-2.0+ OR Apache-2.0 WITH LLVM-exception')).toMatchObject({
      expression: 'GPL-2.0+ OR Apache-2.0 WITH LLVM-exception',
    });
  });
  it('corrects common misspellings and says so', () => {
    expect(parseLicense('Apache 2.0')).toMatchObject({ ok: true, expression: 'Apache-2.0', corrected: true });
  });
  it('refuses free text, UNLICENSED, empty and huge input with a reason', () => {
    expect(parseLicense('SEE LICENSE IN LICENSE.txt')).toMatchObject({ ok: false });
    expect(parseLicense('UNLICENSED')).toMatchObject({ ok: false, reason: /grants no licence/ });
    expect(parseLicense('  ')).toEqual({ ok: false, reason: 'no licence declared' });
    expect(parseLicense('MIT OR '.repeat(500) + 'MIT')).toMatchObject({
      ok: false,
      reason: /over 1000 characters/,
    });
    expect(parseLicense('(MIT OR')).toMatchObject({ ok: false });
  });
});

describe('alternatives', () => {
  it('expands AND over OR', () => {
    const p = parseLicense('(MIT OR GPL-3.0) AND BSD-3-Clause');
    if (!p.ok) throw new Error(p.reason);
    expect(alternatives(p.tree)!.map((w) => w.map((l) => l.license))).toEqual([
      ['MIT', 'BSD-3-Clause'],
      ['GPL-3.0', 'BSD-3-Clause'],
    ]);
  });
  it('gives up on an expression that doubles with every clause', () => {
    const hostile = Array.from({ length: 12 }, () => '(MIT OR ISC)').join(' AND ');
    const p = parseLicense(hostile);
    if (!p.ok) throw new Error(p.reason);
    expect(alternatives(p.tree)).toBeUndefined();
    expect(judgeLicense(hostile, { allow: ['MIT'] })).toEqual({
      verdict: 'unknown',
      reason: `licence expression allows more than ${MAX_ALTERNATIVES} combinations`,
    });
  });
});

describe('judgeLicense', () => {
  const allow = ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause'];
  it('passes an OR expression when one side is allowed and the other denied', () => {
    expect(judgeLicense('(MIT OR GPL-3.0)', { allow, deny: ['GPL-3.0'] })).toEqual({
      verdict: 'ok',
      expression: 'MIT OR GPL-3.0',
    });
    expect(judgeLicense('(MIT OR GPL-3.0)', { deny: ['GPL-3.0'] }).verdict).toBe('ok');
  });
  it('denies an AND expression with a denied part', () => {
    expect(judgeLicense('MIT AND GPL-3.0', { deny: ['GPL-3.0'] })).toEqual({
      verdict: 'denied',
      expression: 'MIT AND GPL-3.0',
      denied: ['GPL-3.0'],
    });
  });
  it('denies when every alternative needs a denied licence, naming each', () => {
    expect(judgeLicense('GPL-3.0 OR AGPL-3.0', { allow, deny: ['GPL-3.0', 'AGPL-3.0'] })).toMatchObject({
      verdict: 'denied',
      denied: ['AGPL-3.0', 'GPL-3.0'],
    });
  });
  it('lets a plus-range in the list cover later versions', () => {
    expect(judgeLicense('GPL-3.0', { deny: ['GPL-2.0+'] }).verdict).toBe('denied');
    expect(judgeLicense('GPL-3.0-only', { allow: ['GPL-2.0+'] }).verdict).toBe('ok');
  });
  it('reports a licence outside the allow list as not allowed', () => {
    expect(judgeLicense('MPL-2.0', { allow })).toEqual({ verdict: 'not-allowed', expression: 'MPL-2.0' });
    expect(judgeLicense('MIT AND MPL-2.0', { allow }).verdict).toBe('not-allowed');
    expect(judgeLicense('MIT OR MPL-2.0', { allow }).verdict).toBe('ok');
  });
  it('compares LicenseRef- licences as written', () => {
    expect(judgeLicense('LicenseRef-Acme', { allow: ['LicenseRef-Acme'] }).verdict).toBe('ok');
    expect(judgeLicense('LicenseRef-Other', { allow: ['LicenseRef-Acme'] }).verdict).toBe('not-allowed');
  });
  it('says why a licence is unknown', () => {
    expect(judgeLicense(undefined, { allow })).toEqual({ verdict: 'unknown', reason: 'no licence found' });
    expect(judgeLicense('SEE LICENSE IN x', { allow })).toMatchObject({
      verdict: 'unknown',
      reason: /not an SPDX/,
    });
  });
});

describe('invalidPolicyEntries', () => {
  it('names entries that are not single SPDX identifiers', () => {
    expect(
      invalidPolicyEntries({ allow: ['MIT', 'MIT OR ISC'], deny: ['not a licence', 'GPL-2.0+'] }),
    ).toEqual([
      'licenses.allow: "MIT OR ISC" is not a single SPDX licence identifier',
      'licenses.deny: "not a licence" is not a single SPDX licence identifier',
    ]);
  });
});
