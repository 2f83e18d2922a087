import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/core/version.ts';
import { runCli } from './helpers.ts';

let dir: string;
async function put(rel: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(join(dir, rel)), { recursive: true });
  await writeFile(join(dir, rel), content);
}

interface JsonReport {
  version: number;
  findings: {
    ruleId: string;
    severity: string;
    location: { path: string; startLine: number };
    suppression?: unknown;
  }[];
  diagnostics: { level: string; path?: string; message: string }[];
  stats: { files: number };
}

async function scanJson(args: string[] = []) {
  const run = await runCli(['scan', dir, '--format', 'json', ...args]);
  return { ...run, report: JSON.parse(run.stdout) as JsonReport };
}

function noStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vigil scan: results and exit codes', () => {
  it('exits 1 on a finding at or above the threshold, 0 below it, 0 with none', async () => {
    await put('src/app.js', 'eval(process.argv[2]);\n');
    const failing = await scanJson();
    expect(failing.code).toBe(1);
    expect(failing.report.findings.some((f) => f.location.path === 'src/app.js')).toBe(true);
    expect((await runCli(['scan', dir, '--fail-on', 'none', '-q'])).code).toBe(0);
    // vigil's own low-severity finding (a malformed suppression) is the only one here.
    await rm(join(dir, 'src/app.js'));
    await put('src/b.js', 'x(); // vigil-ignore-line js/code-injection\n');
    expect((await runCli(['scan', dir, '-q', '--fail-on', 'low'])).code).toBe(1);
    expect((await runCli(['scan', dir, '-q', '--fail-on', 'medium'])).code).toBe(0);
  });

  it('takes failOn from the config; the flag overrides it', async () => {
    await put('a.js', 'x(); // vigil-ignore-line js/eval\n');
    expect((await runCli(['scan', dir, '-q'])).code).toBe(0);
    await put('.vigil.yml', 'failOn: low\n');
    expect((await runCli(['scan', dir, '-q'])).code).toBe(1);
    expect((await runCli(['scan', dir, '-q', '--fail-on', 'medium'])).code).toBe(0);
  });

  it('only findings at least --min-precision certain fail the run; the rest are an audit tail', async () => {
    // A shell command built from a parameter, with no untrusted source in sight: a pattern (medium).
    await put(
      'lib/ls.js',
      "const { exec } = require('child_process');\nfunction ls(dir) {\n  exec('ls ' + dir);\n}\nmodule.exports = { ls };\n",
    );
    const byDefault = await runCli(['scan', dir, '--no-color']);
    expect(byDefault.code).toBe(0);
    expect(byDefault.stdout).toMatch(
      /^Audit: 1 lower-precision finding \(patterns below --min-precision high; not counted against fail-on\)$/m,
    );
    expect(byDefault.stdout).toContain('1 audit finding below precision high: not counted against fail-on');
    expect(byDefault.stdout).toMatch(/fail-on high: nothing at or above high — passed/);
    const json = await scanJson();
    expect(json.code).toBe(0);
    expect(json.report).toMatchObject({ summary: { minPrecision: 'high', failing: 0, audit: 1 } });
    expect((await runCli(['scan', dir, '-q', '--min-precision', 'medium'])).code).toBe(1);
    await put('.vigil.yml', 'minPrecision: medium\n');
    expect((await runCli(['scan', dir, '-q'])).code).toBe(1);
    expect((await runCli(['scan', dir, '-q', '--min-precision', 'very-high'])).code).toBe(0);
    // A proven flow from an untrusted source counts whatever the audit setting below it.
    await put('.vigil.yml', 'minPrecision: very-high\n');
    await put(
      'bin/run.js',
      "const { exec } = require('child_process');\nrequire('http').createServer((req) => exec('ls ' + req.url));\n",
    );
    expect((await runCli(['scan', dir, '-q'])).code).toBe(1);
  });

  it('reports a suppression without a reason and counts only unsuppressed findings', async () => {
    await put(
      'a.js',
      [
        '// vigil-ignore-next-line js/code-injection -- argv is a fixed self-test string',
        'eval(process.argv[2]);',
        'eval(process.argv[3]); // vigil-ignore-line js/code-injection',
      ].join('\n'),
    );
    const { code, report } = await scanJson(['--fail-on', 'high']);
    const injections = report.findings.filter((f) => f.ruleId === 'js/code-injection');
    expect(injections.map((f) => [f.location.startLine, Boolean(f.suppression)])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'vigil/invalid-suppression',
        severity: 'low',
        location: expect.objectContaining({ startLine: 3 }),
      }),
    );
    expect(code).toBe(1);
  });

  it('reports an expired ignore and no longer honours it', async () => {
    await put('a.js', 'eval(process.argv[2]);\n');
    await put(
      '.vigil.yml',
      'ignore:\n  - id: js/code-injection\n    reason: legacy script\n    expires: 2020-01-01\n',
    );
    const { code, report } = await scanJson();
    expect(code).toBe(1);
    expect(report.findings.find((f) => f.ruleId === 'js/code-injection')?.suppression ?? null).toBeNull();
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'vigil/expired-ignore',
        location: expect.objectContaining({ path: '.vigil.yml', startLine: 2 }),
      }),
    );
  });

  it('skips a binary .js file, a 10 MB one-line bundle, gitignored files and links out of the tree, with notes', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'vigil-cli-out-'));
    try {
      await writeFile(join(outside, 'x.js'), 'eval(process.argv[2]);\n');
      await put('binary.js', Buffer.from([0x65, 0x76, 0x61, 0x6c, 0x00, 0xff, 0xfe]));
      await put('bundle.js', `!function(){${'var a=1;'.repeat((10 * 1024 * 1024) / 8)}}();`);
      await put('.gitignore', 'ignored/\n');
      await put('ignored/a.js', 'eval(process.argv[2]);\n');
      await symlink(join(outside, 'x.js'), join(dir, 'escape.js'));
      await put('ok.js', 'const a = 1;\n');
      const { code, report } = await scanJson(['--fail-on', 'low']);
      expect(code).toBe(0);
      expect(report.findings).toEqual([]);
      expect(report.stats.files).toBe(2); // .gitignore and ok.js
      expect(report.diagnostics.map((d) => `${d.level} ${d.path}: ${d.message}`)).toEqual([
        'note binary.js: skipped: binary file',
        'note bundle.js: skipped: 10 MiB is over the 1 MiB size limit',
        'note escape.js: symbolic link skipped: it points outside the scanned tree',
      ]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('analyses files nested 10,000 levels deep on a worker whose stack is sized for them', async () => {
    await put(
      'deep.js',
      `x = ${'[\n'.repeat(10_000)}${']\n'.repeat(10_000)};\nel.innerHTML = location.hash;\n`,
    );
    await put('deep.ts', `${'function f() {\n'.repeat(10_000)}eval(x);\n${'}\n'.repeat(10_000)}`);
    await put('app.js', 'eval(process.argv[2]);\n');
    const { code, report } = await scanJson();
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.location.path, f.location.startLine]).sort()).toEqual([
      ['app.js', 1],
      ['deep.js', 20_002],
      ['deep.ts', 10_001],
    ]);
    expect(report.diagnostics).toEqual([]);
  });

  it('survives them in the main thread too: a parse diagnostic naming each, the rest scanned', async () => {
    // Each names something a rule looks for (`innerHTML`, `eval`), so each must be parsed.
    await put('deep.js', `el.innerHTML = ${'[\n'.repeat(10_000)}${']\n'.repeat(10_000)};\n`);
    await put('deep.ts', `${'function f() {\n'.repeat(10_000)}eval(x);\n${'}\n'.repeat(10_000)}`);
    await put('app.js', 'eval(process.argv[2]);\n');
    const { code, report, stderr } = await scanJson(['--workers', '0']);
    expect(code).toBe(1);
    expect([...new Set(report.findings.map((f) => f.location.path))]).toEqual(['app.js']);
    const errors = report.diagnostics.filter((d) => d.level === 'error');
    expect(errors.map((d) => d.path)).toEqual(['deep.js', 'deep.ts']);
    expect(errors[0]!.message).toContain('deep.js');
    expect(stderr).toContain('2 errors (see report)');
  });

  it('writes --output to a file and summarises on stderr; --quiet silences it', async () => {
    await put('a.js', 'eval(process.argv[2]);\n');
    const out = join(dir, 'report.sarif');
    const run = await runCli([
      'scan',
      dir,
      '--format',
      'sarif',
      '--output',
      out,
      '--rule',
      'js/code-injection',
    ]);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^vigil: 1 finding, 1 file in [\d.]+s; 1 at or above high → .*report\.sarif\n$/,
    );
    const sarif = JSON.parse(await readFile(out, 'utf8')) as { version: string; runs: unknown[] };
    expect(sarif.version).toBe('2.1.0');
    const quiet = await runCli(['scan', dir, '--format', 'json', '-q']);
    expect(quiet.stderr).toBe('');
  });

  it('honours --rule, --include/--exclude and --scanners', async () => {
    await put('src/a.js', 'eval(process.argv[2]);\n');
    await put('test/a.js', 'eval(process.argv[2]);\n');
    const onlyOther = await scanJson(['--rule', 'dockerfile/root-user']);
    expect(onlyOther.report.findings).toEqual([]);
    const excluded = await scanJson(['--exclude', 'test/**', '--rule', 'js/code-injection']);
    expect(excluded.report.findings.map((f) => f.location.path)).toEqual(['src/a.js']);
    const included = await scanJson(['--include', 'test/**', '--rule', 'js/code-injection']);
    expect(included.report.findings.map((f) => f.location.path)).toEqual(['test/a.js']);
    const noSast = await scanJson(['--scanners', 'sca']);
    expect(noSast.report.findings.filter((f) => f.location.path.endsWith('a.js'))).toEqual([]);
  });

  it('gives the same report with --workers 0 (main thread) and --workers 2 (worker threads)', async () => {
    for (let i = 0; i < 6; i++)
      await put(`src/m${i}.js`, `const cp = require('child_process');\ncp.exec(process.argv[${i}]);\n`);
    const inline = await scanJson(['--workers', '0', '--scanners', 'sast']);
    const threaded = await scanJson(['--workers', '2', '--scanners', 'sast']);
    expect(inline.report.findings.length).toBeGreaterThanOrEqual(6);
    const key = (r: JsonReport) =>
      r.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();
    expect(key(threaded.report)).toEqual(key(inline.report));
  });

  it('prints colour only for a terminal, never with --no-color or NO_COLOR', async () => {
    await put('a.js', 'eval(process.argv[2]);\n');
    const tty = await runCli(['scan', dir], { stdoutTTY: true });
    expect(tty.stdout).toContain('\x1b[');
    expect((await runCli(['scan', dir, '--no-color'], { stdoutTTY: true })).stdout).not.toContain('\x1b[');
    expect((await runCli(['scan', dir], { stdoutTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(
      '\x1b[',
    );
    expect((await runCli(['scan', dir])).stdout).not.toContain('\x1b[');
  });

  it('shows no progress bar when stderr is not a terminal or in CI', async () => {
    await put('a.js', 'const a = 1;\n');
    expect((await runCli(['scan', dir, '--format', 'json'], { stderrTTY: false })).stderr).not.toContain(
      '\r',
    );
    expect(
      (await runCli(['scan', dir, '--format', 'json'], { stderrTTY: true, env: { CI: 'true' } })).stderr,
    ).not.toContain('\r');
  });
});

describe('vigil scan FILE…: files and folders, as Semgrep and Trivy take them', () => {
  it('scans only the files and folders named, from the working directory when they are in it', async () => {
    await put('one.js', 'eval(process.argv[2]);\n');
    await put('lib/two.js', 'eval(process.argv[2]);\n');
    await put('skipped/three.js', 'eval(process.argv[2]);\n');
    const paths = async (argv: string[], cwd: string) => {
      const run = await runCli(['scan', ...argv, '--scanners', 'sast', '--format', 'json'], { cwd });
      expect(run.code, run.stderr).toBe(1);
      return (JSON.parse(run.stdout) as { findings: { location: { path: string } }[] }).findings
        .map((f) => f.location.path)
        .sort();
    };
    expect(await paths(['one.js', 'lib'], dir)).toEqual(['lib/two.js', 'one.js']);
    // One file outside the working directory: rooted at its folder.
    expect(await paths([join(dir, 'lib', 'two.js')], join(dir, 'skipped'))).toEqual(['two.js']);
    // A folder alone is the root, as always.
    expect(await paths([join(dir, 'lib')], join(dir, 'skipped'))).toEqual(['two.js']);
  });
});

describe('vigil: bad input exits 2 with one clear message', () => {
  it('a missing path', async () => {
    const run = await runCli(['scan', join(dir, 'missing')]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(`vigil: path not found: ${join(dir, 'missing')}\n`);
  });

  it('a missing path among several, named as typed', async () => {
    await put('f.js', 'x');
    const run = await runCli(['scan', 'f.js', 'gone.js'], { cwd: dir });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe('vigil: path not found: gone.js\n');
  });

  it('an unknown option, a bad choice, an unknown scanner, an extra argument', async () => {
    for (const [argv, message] of [
      [['scan', '--bogus'], "vigil: unknown option '--bogus'"],
      [
        ['scan', '--format', 'xml'],
        "argument 'xml' is invalid. Allowed choices are text, json, sarif, markdown",
      ],
      [['scan', '--fail-on', 'severe'], "argument 'severe' is invalid"],
      [['scan', '--min-precision', 'sure'], "argument 'sure' is invalid"],
      [['scan', '--scanners', 'sast,dast'], 'vigil: --scanners: unknown scanner "dast"'],
      [['scan', '--workers', 'two'], 'vigil: --workers: expected a whole number from 0 to 64, got "two"'],
      [['scan', '--workers', '-1'], 'vigil: --workers: expected a whole number'],
      [['frobnicate'], "unknown command 'frobnicate'"],
    ] as const) {
      const run = await runCli([...argv]);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      noStackTrace(run.stderr);
    }
  });

  it('an unknown rule id in --rule or --exclude-rule is a usage error with a "did you mean"', async () => {
    await put('src/a.js', 'eval(process.argv[2]);\n');
    const typo = await runCli(['scan', dir, '--rule', 'js/code-injectoin']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'vigil: --rule js/code-injectoin: no such rule (did you mean js/code-injection?)\n',
    );
    const excluded = await runCli(['scan', dir, '--exclude-rule', 'dockerfile/no-such-check']);
    expect(excluded.code).toBe(2);
    expect(excluded.stderr).toMatch(/^vigil: --exclude-rule dockerfile\/no-such-check: no such rule/);
    // Advisory ids and families vigil does not ship are left to the scanners.
    expect(
      (await runCli(['scan', dir, '-q', '--fail-on', 'none', '--exclude-rule', 'GHSA-xxxx-yyyy-zzzz'])).code,
    ).toBe(0);
  });

  it('invalid YAML names the file and line', async () => {
    await put('.vigil.yml', 'rules:\n  js/eval: [off\n');
    const run = await runCli(['scan', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^vigil: configuration error\n {2}\.vigil\.yml:\d: invalid YAML: /);
  });

  it('an unknown key and a wrong type name key, file and line', async () => {
    await put('.github/vigil.yml', 'failOn: high\nrules:\n  js/eval:\n    severity: hgh\nsacnners: [sast]\n');
    const run = await runCli(['scan', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'vigil: configuration error\n' +
        '  .github/vigil.yml:4: rules.js/eval.severity: expected one of critical|high|medium|low|info, got "hgh"\n' +
        '  .github/vigil.yml:5: sacnners: unknown key (did you mean "scanners"?)\n',
    );
  });

  it('an unreadable config file', async () => {
    await put('cfg.yml', 'failOn: low\n');
    await chmod(join(dir, 'cfg.yml'), 0o000);
    const run = await runCli(['scan', dir, '--config', join(dir, 'cfg.yml'), '-q']);
    if (process.getuid?.() === 0) {
      // root reads mode-000 files, so this case cannot fail as root; a directory fails for everyone.
      expect(run.code).not.toBe(2);
    } else {
      expect(run.stderr).toContain('permission denied');
    }
    const dirAsConfig = await runCli(['scan', dir, '--config', dir]);
    expect(dirAsConfig.code).toBe(2);
    expect(dirAsConfig.stderr).toContain(`${dir}: cannot read config: is a directory`);
    const missing = await runCli(['scan', dir, '--config', 'nope.yml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yml: cannot read config: no such file');
  });

  it('an unwritable --output', async () => {
    const run = await runCli(['scan', dir, '-o', join(dir, 'no/such/dir/out.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot write');
    expect(run.stderr).toContain('no such file');
  });

  it('no command at all prints help on stderr', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: vigil');
  });
});

describe('vigil --version and --help', () => {
  it('prints the version', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('prints help with examples and exit codes', async () => {
    const run = await runCli(['scan', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('--fail-on <severity>');
    expect(run.stdout).toContain('Exit codes:');
    const top = await runCli(['--help']);
    expect(top.stdout).toContain('scan [options] [paths...]');
    expect((await runCli(['help', 'scan'])).stdout).toContain('Examples:');
  });
});
