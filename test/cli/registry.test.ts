import { describe, expect, it } from 'vitest';
import type { CliCommand } from '../../src/cli/command.ts';
import { commands } from '../../src/cli/commands/index.ts';
import { UsageError } from '../../src/cli/exit.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

/** A command as another helper would add one: a file exporting a CliCommand and a line in the index. */
const echo: CliCommand = {
  name: 'echo',
  summary: 'print its argument',
  configure(command) {
    command.argument('<word>', 'what to print').option('--twice', 'print it twice');
  },
  async run({ args, options, io }) {
    const word = String(args[0]);
    if (word === 'bad') throw new UsageError('echo: "bad" is not allowed');
    io.stdout.write(`${options.twice ? `${word} ${word}` : word}\n`);
    return word === 'fail' ? 1 : 0;
  },
};

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd: '/',
  };
  const code = await main(argv, io, [...commands, echo]);
  return { code, stdout, stderr };
}

describe('command registry', () => {
  it('lists scan first and every registered command in help', async () => {
    expect(commands[0]!.name).toBe('scan');
    const help = await run(['--help']);
    for (const c of [...commands, echo]) expect(help.stdout).toContain(c.name);
  });

  it("passes arguments and options to run and returns run's exit code", async () => {
    expect(await run(['echo', 'hi', '--twice'])).toEqual({ code: 0, stdout: 'hi hi\n', stderr: '' });
    expect((await run(['echo', 'fail'])).code).toBe(1);
  });

  it('turns a UsageError or a missing argument into exit 2 with one line', async () => {
    expect(await run(['echo', 'bad'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'vigil: echo: "bad" is not allowed\n',
    });
    const missing = await run(['echo']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'word'");
  });
});
