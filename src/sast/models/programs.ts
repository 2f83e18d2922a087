/**
 * Calls that run the program named by their first argument with an argument array, through no
 * shell unless told (`shell: true`): child_process, cross-spawn (spawn with Windows' PATHEXT and
 * shebangs handled) and execa (`execa(file, args, { shell })`). js/command-injection reads them for
 * the program and the shell case, js/argument-injection for the arguments without a shell.
 */
export const PROGRAM_RUNNERS = [
  'child_process.spawn',
  'child_process.spawnSync',
  'child_process.execFile',
  'child_process.execFileSync',
  'cross-spawn',
  'cross-spawn.spawn',
  'cross-spawn.sync',
  'execa',
  'execa.execa',
  'execa.execaSync',
  'execa.sync',
];
