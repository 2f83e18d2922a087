import type { Dockerfile, Instruction, Stage } from './parse.ts';
import { operands, type ShellWord } from './shell.ts';
import { instructionCommands, runCommands, type RunCommand } from './run.ts';

/** One package-manager invocation (`apt-get install …`, `apk add …`) inside a RUN. */
export interface PackageCommand {
  run: RunCommand;
  /** The subcommand word (`install`, `add`). */
  subcommand: ShellWord;
  /** Words after the program, options included. */
  args: ShellWord[];
  /** Package operands. */
  packages: ShellWord[];
}

/** Options of apt-get/apk that take a separate value word. */
const APT_VALUE_OPTIONS = new Set(['-o', '-c', '-t', '--target-release', '--option', '--config-file']);
const APK_VALUE_OPTIONS = new Set([
  '-X',
  '--repository',
  '-t',
  '--virtual',
  '-p',
  '--root',
  '--arch',
  '--keys-dir',
]);

function find(
  file: Dockerfile,
  stages: readonly Stage[] | undefined,
  programs: ReadonlySet<string>,
  subcommand: string,
  valueOptions: ReadonlySet<string>,
): PackageCommand[] {
  const out: PackageCommand[] = [];
  for (const run of runCommands(file, stages)) {
    if (!programs.has(run.name)) continue;
    const args = run.command.words.slice(run.index + 1);
    const [sub, ...rest] = operands(args, 0, valueOptions);
    if (sub?.value !== subcommand) continue;
    out.push({ run, subcommand: sub, args, packages: rest });
  }
  return out;
}

export function aptInstalls(file: Dockerfile, stages?: readonly Stage[]): PackageCommand[] {
  return find(file, stages, new Set(['apt-get', 'apt']), 'install', APT_VALUE_OPTIONS);
}

export function apkAdds(file: Dockerfile, stages?: readonly Stage[]): PackageCommand[] {
  return find(file, stages, new Set(['apk']), 'add', APK_VALUE_OPTIONS);
}

/** Whether a RUN instruction removes (`rm -rf …`) a path under `dir`. */
export function removes(instruction: Instruction, dir: string): boolean {
  return instructionCommands(instruction).some(
    (c) =>
      c.name === 'rm' &&
      c.command.words.slice(c.index + 1).some((w) => w.value.replace(/\/+$/, '').startsWith(dir)),
  );
}
