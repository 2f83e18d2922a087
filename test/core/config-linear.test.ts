import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/core/config/loader.ts';
import { expectLinear, fill, shaped, type Adversary } from '../support/linear-time.ts';

/** `head`, then `entry(i)` for i = 0, 1, … cut to `n` characters. */
function numbered(name: string, head: string, entry: (i: number) => string): Adversary {
  return {
    name,
    text: (n) => {
      const parts = [head];
      let length = head.length;
      for (let i = 0; length < n; i++) {
        parts.push(entry(i));
        length += parts.at(-1)!.length;
      }
      return parts.join('').slice(0, n);
    },
  };
}

/** A refusal (ConfigError naming the file) is an answer; anything else fails. */
function run(text: string): void {
  try {
    parseConfig(text, '.vigil.yml', { trust: 'repository' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    expect(e.message).toContain('.vigil.yml');
  }
}

describe('.vigil.yml is read in time linear in its size', () => {
  it('1 MiB of adversarial configuration stays within budget', { timeout: 600_000 }, () => {
    // The reader refuses files over 256 KiB; the parser is held to the same bound as the others.
    expectLinear(
      'config',
      run,
      (n) => fill('exclude:\n  - "packages/generated/**/fixtures/*.snap"\n  - "vendor/**"\n', n),
      [
        // the parser's uniqueKeys check compared each key with every earlier one
        numbered('distinct keys of one mapping', 'rules:\n', (i) => `  js/rule-${i}: off\n`),
        numbered('distinct unknown top-level keys', '', (i) => `key${i}: 1\n`),
        shaped('one key repeated', '', 'failOn: high\n'),
        shaped('lines of explicit keys 128 deep', '', `${'? '.repeat(128)}a\n`),
        shaped('explicit keys nested to the end', '', '? '),
        shaped('aliases of one anchor', 'include: &a [x]\nexclude:\n', '  - *a\n'),
        shaped('one long key', '', 'a', ': 1\n'),
      ],
    );
  });

  it('still names each repeated key and its line', () => {
    expect(() =>
      parseConfig('failOn: high\nrules:\n  js/eval: off\n  js/eval: warn\nfailOn: low\n', '.vigil.yml'),
    ).toThrow(
      '.vigil.yml:4: invalid YAML: Map keys must be unique\n.vigil.yml:5: invalid YAML: Map keys must be unique',
    );
  });
});
