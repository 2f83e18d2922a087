import { PROGRAM_RUNNERS } from '../../src/sast/models/programs.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';
import type { ArgvSpec, OptionCondition, SinkSpec } from '../../src/sast/taint/spec.ts';

/** With `shell: true`, or a shell as the program, js/command-injection reports the command line instead. */
const NO_SHELL: OptionCondition[] = [{ arg: 2, key: 'shell', present: false }];

/**
 * Options whose value is the next element whatever it starts with (ArgvSpec.values), from git's
 * documentation and its parsers (parse-options and revision.c take the next argument as a required
 * value): `git -C <path>` before the subcommand; `commit -m <msg>`. Not `-m` or `-C` after any
 * subcommand: `git log -m` and `git diff -C` are flags, and the next element is a revision or a path.
 */
const GIT_VALUES = [
  ' -C',
  '(?:commit|tag|merge|stash) (?:-m|--message)',
  'commit --author',
  'clone (?:-b|--branch|--depth|-o|--origin)',
  '(?:fetch|pull) --depth',
  'checkout -[bB]',
  'switch -[cC]',
  'log (?:-n|--max-count|--author|--grep)',
];
const GIT: Omit<ArgvSpec, 'variadic'> = { values: `^(?:${GIT_VALUES.join('|')})$` };

/**
 * Programs with documented options that run commands, read or write files of the caller's
 * choosing, or reach other hosts — so an argument that starts with `-` is an attack.
 */
const PROGRAMS: Array<{ names: string[]; argv: Omit<ArgvSpec, 'variadic'> }> = [
  // `--upload-pack=<cmd>` (clone, fetch, pull, ls-remote), `-c core.sshCommand=<cmd>`,
  // `--output=<file>` (log, diff, format-patch), `--template=<dir>`, `grep -O<cmd>`.
  { names: ['git'], argv: GIT },
  // `--config=<section.name=value>` (hooks and aliases run commands), `--debugger`.
  { names: ['hg'], argv: {} },
  // `-oProxyCommand=<cmd>`, `-oLocalCommand=<cmd>`, `-F <file>`; scp and sftp: `-S <program>` too.
  { names: ['ssh', 'scp', 'sftp'], argv: {} },
  // `-e <cmd>` / `--rsh=<cmd>`, `--rsync-path=<cmd>`.
  { names: ['rsync'], argv: {} },
  // curl: `-o <file>`, `-K <file>` / `--config`, `-T <file>`; wget: `-O <file>`,
  // `--use-askpass=<cmd>`, `-e <wgetrc command>`, `--post-file=<file>`.
  { names: ['curl', 'wget'], argv: {} },
  // tar: `--checkpoint-action=exec=<cmd>`, `--to-command=<cmd>`, `-I <program>`; zip: `-TT <cmd>`.
  { names: ['tar', 'zip'], argv: {} },
  // `-exec`, `-execdir`, `-delete`, `-fprintf <file>` are expression primaries: `--` ends only the
  // options before the starting points, so it protects nothing after it.
  // Primaries that take an argument consume the next one whatever it is (`-name <pattern>`).
  { names: ['find'], argv: { noEndOfOptions: true, values: '^\\S* -(?:i?name|i?path|i?regex|type)$' } },
  // sed: `-e <script>` (the `e` command and `w <file>`), `-f <file>`, `-i`; awk: `-f <file>`,
  // gawk's `-l <extension>`, `-E <file>`.
  { names: ['sed', 'awk', 'gawk', 'mawk', 'nawk'], argv: {} },
  // ffmpeg/ffprobe: `-f <format>`, `-filter_complex` with `movie=<file>`, and any bare name is an
  // output file; `-i` takes the next argument as its input. Their `--` is not an end of options.
  { names: ['ffmpeg', 'ffprobe'], argv: { noEndOfOptions: true, values: '^\\S* -i$' } },
  // gs: `-dNOSAFER`, `-sOutputFile=%pipe%<cmd>`; its `--` makes the next argument the file it runs.
  { names: ['gs', 'gswin64c', 'gswin32c'], argv: { noEndOfOptions: true } },
  // sendmail: `-X <logfile>`, `-C <config>`, `-O QueueDirectory=<dir>`.
  { names: ['sendmail'], argv: {} },
  // node: `--eval=<code>`, `--require=<module>`, `--import=<module>`; npx: `--call=<cmd>`,
  // `--package=<spec>`. Options end at the script or package: what follows is its own.
  { names: ['node', 'npx'], argv: { operandEnds: true } },
  // `--script-shell=<cmd>`, `--prefix=<dir>`, `--userconfig=<file>`, `--registry=<url>`.
  { names: ['npm'], argv: {} },
];

/** The program as spawn is given it: a bare name or a path, `.exe` on Windows. */
function programName(names: readonly string[]): string {
  return `^(?:.*[\\\\/])?(?:${names.join('|')})(?:\\.exe)?$`;
}

const programSinks: SinkSpec[] = PROGRAMS.map(({ names, argv }) => ({
  call: PROGRAM_RUNNERS,
  args: [1],
  firstLiteral: programName(names),
  when: NO_SHELL,
  argv,
  label: `an argument of ${names.join('/')}, read as an option when it starts with '-'`,
}));

/**
 * simple-git passes the strings it is given to `git` as they are. Its unsafe-operations plugin
 * (block-unsafe-operations-plugin, on by default) throws on the options that run programs —
 * `--upload-pack`, `--receive-pack`, `-u` in `clone`, `-c` for `core.sshCommand`, `core.hooksPath`,
 * `alias.*`, `protocol.*.allow`… — unless the instance opts in with `unsafe: { allowUnsafePack,
 * allowUnsafeProtocolOverride, allowUnsafeSshCommand… }`. Its own documentation calls that a safety
 * net, not validation: other options still get through (`--output=<file>` of `log`/`diff`/`show`
 * writes a file, `--pathspec-from-file=<file>` reads one), older versions block less, and an
 * opted-in instance blocks nothing. So a value starting with `-` is still reported; the plugin
 * lowers what it can do. The instance as the package's entry points make it (`simple-git/promise`
 * is version 2's):
 */
const SIMPLE_GIT = ['simple-git', 'simple-git.simpleGit', 'simple-git.default', 'simple-git/promise'];
/** A method of an instance, and of the same after `cwd()`, which returns it. */
const simpleGit = (method: string) =>
  SIMPLE_GIT.flatMap((m) => [`${m}().${method}`, `${m}().cwd().${method}`]);
/** simple-git methods, the subcommand they run and the first argument that goes to it unchecked. */
const SIMPLE_GIT_TASKS: Array<[method: string, sub: string, from?: number]> = [
  ['raw', ''],
  ['fetch', 'fetch'],
  ['pull', 'pull'],
  ['push', 'push'],
  ['checkout', 'checkout'],
  ['listRemote', 'ls-remote'],
  ['addRemote', 'remote'],
  ['show', 'show'],
  ['diff', 'diff'],
  ['diffSummary', 'diff'],
  ['log', 'log'],
  // commit(message, files): the message goes after `-m`, the files unprotected.
  ['commit', 'commit', 1],
];
const simpleGitSinks: SinkSpec[] = [
  ...SIMPLE_GIT_TASKS.map(([method, sub, from = 0]) => ({
    call: simpleGit(method),
    args: [from],
    argv: { ...GIT, sub, variadic: true },
    label: `an argument of git (simple-git \`${method}\`), read as an option when it starts with '-'`,
  })),
  // Since simple-git 3.33.0 `clone`/`mirror` put the repository and the folder after `--`.
  {
    call: [...simpleGit('clone'), ...simpleGit('mirror')],
    args: [0],
    declared: { module: 'simple-git', below: '3.33' },
    argv: { ...GIT, sub: 'clone', variadic: true },
    label: "an argument of git clone (simple-git before 3.33), read as an option when it starts with '-'",
  },
];

export default defineTaintRule(
  {
    id: 'js/argument-injection',
    kind: 'sast',
    title: 'Argument injection: untrusted data read as an option by a program run without a shell',
    severity: 'high',
    cwe: ['CWE-88'],
    owasp: ['A03:2021-Injection'],
    help:
      'Request data that becomes an element of the argument array of `git`, `hg`, `ssh`, `scp`, `rsync`, ' +
      '`curl`, `wget`, `tar`, `zip`, `find`, `sed`, `awk`, `ffmpeg`, `gs`, `sendmail`, `node`, `npm` or ' +
      '`npx` — run with `spawn`/`execFile` (no shell), cross-spawn, execa or simple-git — is read as an ' +
      'option when it starts with `-`: `git fetch --upload-pack=<command>`, `ssh -oProxyCommand=<command>` ' +
      'and `tar --checkpoint-action=exec=<command>` run commands, `curl -o` and `git log --output` write ' +
      'files. No shell is needed, so quoting does not help. A value after a `--` element, the value of an ' +
      "option that takes the next element (`git -C <path>`, `commit -m <msg>`), text that starts fixed ('--branch=' " +
      '+ b, `refs/heads/${b}`) and numbers are not reported. Put `--` before the values, or reject one that ' +
      "starts with `-`: `if (file.startsWith('-')) return; execFile('git', ['log', '--', file])`. A flow " +
      'from request data is reported at precision very-high, from command-line arguments at medium.',
    fixHint: "Put '--' before untrusted values in the argument array, or reject values starting with '-'.",
  },
  {
    sources: ['remote', 'cli', 'library'],
    sinks: [...programSinks, ...simpleGitSinks],
    // A number, text after a fixed URL or path prefix (`/repos/` + name) or a word (letters,
    // digits, `_`) never starts with `-`.
    sanitisedBy: ['numeric', 'prefixed', 'word'],
    guards: ['allow', 'lookup', 'type', 'deny-dash'],
  },
);
