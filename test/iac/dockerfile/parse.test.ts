import { describe, expect, it } from 'vitest';
import {
  envDeclarations,
  expandVariables,
  finalStageChain,
  MAX_DOCKERFILE_BYTES,
  parseDockerfile,
  positionOf,
} from '../../../src/iac/dockerfile/parse.ts';
import { runScripts } from '../../../src/iac/dockerfile/run.ts';

const kw = (text: string) =>
  parseDockerfile('Dockerfile', text).instructions.map((i) => [i.keyword, i.line, i.endLine]);

describe('parseDockerfile', () => {
  it('joins continuations, drops comment and blank lines inside them, keeps 1-based lines', () => {
    const f = parseDockerfile(
      'Dockerfile',
      'FROM debian:12\n\n# c\nRUN a \\\n  # inner comment\n\n  && b \\\n  && c\nUSER app\n',
    );
    expect(kw('FROM debian:12\n\n# c\nRUN a \\\n  # inner comment\n\n  && b \\\n  && c\nUSER app\n')).toEqual(
      [
        ['FROM', 1, 1],
        ['RUN', 4, 8],
        ['USER', 9, 9],
      ],
    );
    const run = f.instructions[1]!;
    expect(run.args).toBe('a   && b   && c');
    expect(positionOf(run, run.args.indexOf('&& b'))).toEqual({ line: 7, column: 3 });
    expect(positionOf(run, run.args.indexOf('c', 9))).toEqual({ line: 8, column: 6 });
  });

  it('honours the escape directive (backtick), only at the top', () => {
    const f = parseDockerfile(
      'Dockerfile',
      '# escape=`\nFROM mcr.microsoft.com/windows:ltsc2022\nRUN dir C:\\ `\n  && echo hi\n',
    );
    expect(f.escape).toBe('`');
    expect(f.instructions[1]!.args).toBe('dir C:\\   && echo hi');
    const late = parseDockerfile('Dockerfile', 'FROM a:1\n# escape=`\nRUN x `\n');
    expect(late.escape).toBe('\\');
    const bad = parseDockerfile('Dockerfile', '# escape=x\nFROM a:1\n');
    expect(bad.diagnostics[0]).toMatchObject({
      path: 'Dockerfile',
      line: 1,
      message: expect.stringContaining('escape'),
    });
  });

  it('reads heredocs (<<EOF, <<-EOF, quoted, several) and reports an unclosed one', () => {
    const f = parseDockerfile(
      'Dockerfile',
      'FROM a:1\nRUN <<EOF\napt-get update\nEOF\nCOPY <<-"A" /a <<B /b\n\tone\n\tA\ntwo\nB\nUSER x\n',
    );
    expect(f.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'COPY', 'USER']);
    expect(f.instructions[1]!.heredocs).toEqual([{ delimiter: 'EOF', line: 3, body: 'apt-get update' }]);
    expect(f.instructions[2]!.heredocs.map((h) => h.body)).toEqual(['one', 'two']);
    expect(f.instructions[3]!.line).toBe(10);
    const open = parseDockerfile('Dockerfile', 'FROM a:1\nRUN <<EOF\necho never closed\n');
    expect(open.diagnostics).toEqual([
      expect.objectContaining({ line: 2, message: 'heredoc <<EOF is never closed' }),
    ]);
  });

  it('maps heredoc script offsets to their own lines', () => {
    const f = parseDockerfile('Dockerfile', 'FROM a:1\nRUN <<EOF\nset -e\n  curl x | sh\nEOF\n');
    const [, heredoc] = runScripts(f.instructions[1]!);
    expect(heredoc!.position(heredoc!.text.indexOf('curl'))).toEqual({ line: 4, column: 3 });
  });

  it('tells exec (JSON) form from shell form and reads flags', () => {
    const f = parseDockerfile(
      'Dockerfile',
      'FROM --platform=linux/arm64 a:1 AS b\nCMD ["node", "a.js"]\nCMD [not json]\nCOPY --from=b --chown=1:1 x y\n',
    );
    expect(f.instructions[0]!.flags.get('platform')).toEqual(['linux/arm64']);
    expect(f.instructions[1]!.json).toEqual(['node', 'a.js']);
    expect(f.instructions[2]!.json).toBeUndefined();
    expect(f.instructions[3]!.flags.get('from')).toEqual(['b']);
    expect(f.instructions[3]!.body).toBe('x y');
  });

  it('models stages, aliases, parents and global ARGs', () => {
    const f = parseDockerfile(
      'Dockerfile',
      'ARG NODE=20\nARG DISTRO\nFROM node:${NODE}-${DISTRO:-slim} AS Build\nFROM build AS test\nFROM scratch\nFROM build\n',
    );
    expect(f.stages.map((s) => [s.resolvedImage, s.alias, s.parent])).toEqual([
      ['node:20-slim', 'build', undefined],
      ['build', 'test', 0],
      ['scratch', undefined, undefined],
      ['build', undefined, 0],
    ]);
    expect(f.stages[0]!.imageVariables).toEqual(['NODE', 'DISTRO']);
    expect(finalStageChain(f).map((s) => s.index)).toEqual([0, 3]);
  });

  it('expands variables, leaving unknown ones unresolved', () => {
    const vars = new Map<string, string | undefined>([
      ['A', 'x'],
      ['B', undefined],
    ]);
    expect(expandVariables('$A-${A}-${B:-d}-${A:+alt}-${B:+alt}', vars)).toEqual({
      text: 'x-x-d-alt-',
      variables: ['A', 'A', 'B', 'A', 'B'],
    });
    expect(expandVariables('img:${B}', vars).text).toBeUndefined();
  });

  it('reads ENV in both forms', () => {
    expect(envDeclarations('A=1 B="two words" C=\'x y\'').map((e) => [e.name, e.value])).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'x y'],
    ]);
    expect(envDeclarations('LEGACY some value here').map((e) => [e.name, e.value])).toEqual([
      ['LEGACY', 'some value here'],
    ]);
  });

  it('handles CRLF line ends and a byte-order mark', () => {
    const f = parseDockerfile('Dockerfile', '\uFEFFFROM a:1\r\nRUN x \\\r\n  y\r\nUSER z\r\n');
    expect(f.instructions.map((i) => [i.keyword, i.line])).toEqual([
      ['FROM', 1],
      ['RUN', 2],
      ['USER', 4],
    ]);
    expect(f.instructions[1]!.args).toBe('x   y');
  });

  describe('bad input: a diagnostic naming the file and line, never a throw', () => {
    it('unknown instructions and instructions before FROM', () => {
      const f = parseDockerfile('svc/Dockerfile', 'RUN early\nRUN again\nFROM a:1\nFORM typo\n');
      expect(f.diagnostics).toEqual([
        expect.objectContaining({ path: 'svc/Dockerfile', line: 4, message: 'unknown instruction "FORM"' }),
        expect.objectContaining({ path: 'svc/Dockerfile', line: 1, message: 'RUN before the first FROM' }),
      ]);
    });

    it('truncated in a continuation', () => {
      const f = parseDockerfile('Dockerfile', 'FROM a:1\nRUN apt-get update \\\n  && apt-get install \\');
      expect(f.instructions.at(-1)).toMatchObject({ keyword: 'RUN', line: 2 });
      expect(f.diagnostics).toEqual([]);
    });

    it('binary junk', () => {
      // Bytes of every value but line breaks, so the junk starts (and stays) on line 3.
      const bytes = Array.from({ length: 600 }, (_, i) => (i * 97 + 13) % 256).filter(
        (b) => b !== 10 && b !== 13,
      );
      const junk = Buffer.from(bytes).toString('utf8');
      const f = parseDockerfile('Dockerfile', `FROM a:1\nRUN x\n${junk}`);
      expect(f.diagnostics).toEqual([
        expect.objectContaining({
          level: 'error',
          path: 'Dockerfile',
          line: 3,
          message: 'not a Dockerfile: binary content',
        }),
      ]);
      expect(f.instructions).toEqual([]);
    });

    it('a file over the size cap', () => {
      const f = parseDockerfile(
        'Dockerfile',
        `FROM a:1\n${'RUN true\n'.repeat(MAX_DOCKERFILE_BYTES / 9 + 1)}`,
      );
      expect(f.diagnostics[0]!.message).toContain('larger than');
      expect(f.instructions).toEqual([]);
    });

    it('no FROM at all: one note, not one diagnostic per line', () => {
      expect(parseDockerfile('Dockerfile', 'ARG A=1\nRUN x\nRUN y\n').diagnostics).toEqual([
        expect.objectContaining({ level: 'note', message: 'no FROM instruction (a fragment?): not checked' }),
      ]);
    });

    it('a large real-shaped file parses quickly', () => {
      const text = `FROM debian:12\n${'RUN apt-get update && apt-get install -y curl \\\n  && rm -rf /var/lib/apt/lists/*\n'.repeat(5000)}`;
      const started = performance.now();
      const f = parseDockerfile('Dockerfile', text);
      expect(f.instructions).toHaveLength(5001);
      expect(performance.now() - started).toBeLessThan(2000);
    });
  });
});
