import { describe, expect, it } from 'vitest';
import { commandName, parseShell } from '../../../src/iac/dockerfile/shell.ts';

const show = (script: string) =>
  parseShell(script).map((c) => [c.pipeline, c.stage, c.words.map((w) => w.value).join(' ')]);

describe('parseShell', () => {
  it('splits commands and pipelines on the operators', () => {
    expect(show('a 1 && b | c; d || e & f |& g')).toEqual([
      [0, 0, 'a 1'],
      [1, 0, 'b'],
      [1, 1, 'c'],
      [2, 0, 'd'],
      [3, 0, 'e'],
      [4, 0, 'f'],
      [4, 1, 'g'],
    ]);
  });

  it('keeps quoted operators inside words and removes the quotes', () => {
    expect(show(`echo "a | b" 'c && d' e\\;f`)).toEqual([[0, 0, 'echo a | b c && d e;f']]);
  });

  it('drops redirections and their targets, keeps substitutions whole', () => {
    expect(show('cat <<EOF 2>/dev/null > out')).toEqual([[0, 0, 'cat 2']]);
    expect(show('bash <(curl -s https://x) && echo $(date | tr a b)')).toEqual([
      [0, 0, 'bash <(curl -s https://x)'],
      [1, 0, 'echo $(date | tr a b)'],
    ]);
  });

  it('reads sh -c strings as scripts, with offsets into the outer text', () => {
    const script = `bash -ec 'curl -fsSL https://x | sh'`;
    const cmds = parseShell(script);
    expect(cmds.map((c) => c.words[0]!.value)).toEqual(['bash', 'curl', 'sh']);
    const sh = cmds[2]!.words[0]!;
    expect(script.slice(sh.offset, sh.offset + 2)).toBe('sh');
    expect(cmds[1]!.pipeline).toBe(cmds[2]!.pipeline);
  });

  it('skips comments and line continuations', () => {
    expect(show('a \\\n b # c | d\ne')).toEqual([
      [0, 0, 'a b'],
      [1, 0, 'e'],
    ]);
  });

  it('finds the program past assignments and wrappers', () => {
    const [cmd] = parseShell('DEBIAN_FRONTEND=noninteractive sudo -u root -E /usr/bin/apt-get install x');
    expect(commandName(cmd!.words)).toEqual({ name: 'apt-get', index: 5 });
    expect(commandName(parseShell('A=1')[0]!.words)).toBeUndefined();
  });

  it('survives unbalanced quotes and parentheses', () => {
    expect(() => parseShell(`echo "open $(x 'y`)).not.toThrow();
    expect(() => parseShell('((((((((')).not.toThrow();
  });
});
