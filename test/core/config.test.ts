import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/core/config/loader.ts';
import { configSchema } from '../../src/core/config/schema.ts';

function errorOf(text: string, file = '.vigil.yml'): string {
  try {
    parseConfig(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('accepts every documented key', () => {
    const { config } = parseConfig(
      [
        'scanners: [sast, sca]',
        'failOn: medium',
        'include: ["src/**"]',
        'exclude: ["**/*.test.ts"]',
        'maxFileSize: 2097152',
        'rules:',
        '  js/eval: off',
        '  js/weak-hash: low',
        '  js/sql-injection: { enabled: true, severity: critical }',
        'ignore:',
        '  - id: GHSA-29mw-wpgm-hmr9',
        '    reason: not reachable, see issue 12',
        '    expires: 2099-01-31',
        '    paths: [package-lock.json]',
        'sca: { offline: true, prodOnly: true, database: .cache/osv, apiUrl: "https://api.osv.dev" }',
        'container: { ignoreUnfixed: true, platform: linux/amd64 }',
        'github: { comments: review, maxComments: 20, failOnExisting: false, sarifUpload: true }',
      ].join('\n'),
      '.vigil.yml',
    );
    expect(config.rules).toEqual({
      'js/eval': 'off',
      'js/weak-hash': 'low',
      'js/sql-injection': { enabled: true, severity: 'critical' },
    });
    expect(config.ignore?.[0]).toEqual({
      id: 'GHSA-29mw-wpgm-hmr9',
      reason: 'not reachable, see issue 12',
      expires: '2099-01-31',
      paths: ['package-lock.json'],
    });
    expect(config.github?.maxComments).toBe(20);
    expect(config.scanners).toEqual(['sast', 'sca']);
  });

  it('treats an empty file and empty sections as unset', () => {
    expect(parseConfig('', '.vigil.yml').config).toEqual({});
    expect(parseConfig('# nothing yet\n', '.vigil.yml').config).toEqual({});
    expect(parseConfig('rules:\nignore:\n', '.vigil.yml').config).toEqual({});
  });

  it('names file, line and key path for a wrong enum value', () => {
    const text = [
      'scanners: [sast]',
      'failOn: high',
      'rules:',
      '  js/eval:',
      '    enabled: true',
      '    severity: hgh',
    ].join('\n');
    expect(errorOf(text)).toBe(
      '.vigil.yml:6: rules.js/eval.severity: expected one of critical|high|medium|low|info, got "hgh"',
    );
  });

  it('names an unknown key and suggests the near miss', () => {
    expect(errorOf('failOn: high\nscaners: [sast]\n')).toBe(
      '.vigil.yml:2: scaners: unknown key (did you mean "scanners"?)',
    );
    expect(errorOf('sca:\n  ofline: true\n')).toBe(
      '.vigil.yml:2: sca.ofline: unknown key (did you mean "offline"?)',
    );
    expect(errorOf('colour: red\n')).toMatch(
      /^\.vigil\.yml:1: colour: unknown key \(expected one of scanners, failOn/,
    );
  });

  it('reports wrong types with what was found', () => {
    expect(errorOf('maxFileSize: "big"\n')).toBe('.vigil.yml:1: maxFileSize: expected an integer, got "big"');
    expect(errorOf('maxFileSize: -1\n')).toMatch(/maxFileSize: expected an integer from 1 to \d+, got -1/);
    expect(errorOf('include: src/**\n')).toBe('.vigil.yml:1: include: expected a list, got "src/**"');
    expect(errorOf('include: [1]\n')).toBe('.vigil.yml:1: include[0]: expected a string, got 1');
    expect(errorOf('sca:\n  goVersion: latest\n')).toBe(
      '.vigil.yml:2: sca.goVersion: expected a Go release such as 1.22.3, got "latest"',
    );
    expect(errorOf('sca:\n  offline: yes\n')).toBe(
      '.vigil.yml:2: sca.offline: expected true or false, got "yes"',
    );
    expect(errorOf('scanners: [sast, dast]\n')).toBe(
      '.vigil.yml:1: scanners[1]: expected one of sast|sca|container|config, got "dast"',
    );
    expect(errorOf('rules:\n  js/eval: [high]\n')).toMatch(
      /^\.vigil\.yml:2: rules\.js\/eval: expected one of off\|critical/,
    );
    expect(errorOf('- a\n- b\n')).toBe('.vigil.yml:1: expected a mapping, got a list');
  });

  it('checks ignore entries: required keys, dates, ids', () => {
    const message = errorOf(
      [
        'ignore:',
        '  - id: GHSA-1',
        '    reason: fine',
        '    expires: 2024-02-30',
        '  - id: CVE-2024-1',
        '',
      ].join('\n'),
    );
    expect(message).toContain(
      '.vigil.yml:4: ignore[0].expires: expected a date (YYYY-MM-DD), got "2024-02-30"',
    );
    expect(message).toContain('.vigil.yml:5: ignore[1]: missing required key "reason"');
    expect(errorOf('ignore:\n  - id: "has space"\n    reason: x\n')).toContain(
      'ignore[0].id: expected a rule or advisory id, got "has space"',
    );
    expect(errorOf('ignore:\n  - id: x\n    reason: "  "\n')).toContain(
      'ignore[0].reason: expected a non-empty reason',
    );
  });

  it('reports invalid YAML with file and line', () => {
    expect(errorOf('rules:\n  js/eval: off\n  bad: [unclosed\n', '.github/vigil.yml')).toMatch(
      /^\.github\/vigil\.yml:\d: invalid YAML: /,
    );
    expect(errorOf('failOn: high\nfailOn: low\n')).toBe(
      '.vigil.yml:2: invalid YAML: Map keys must be unique',
    );
    expect(errorOf('a:\tb\n\t- x')).toMatch(/^\.vigil\.yml:\d: invalid YAML/);
  });

  it('does not expand an alias bomb', () => {
    const lines = ['include: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `exclude: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const started = performance.now();
    const message = errorOf(lines.join('\n'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(message).toContain('invalid YAML: Map keys must be unique');
    const nested = errorOf('rules: &r { js/eval: off }\ninclude: [*r]\n');
    expect(nested).toBe('.vigil.yml:2: include[0]: expected a string, got a mapping');
  });

  it('records the line of each key path for later findings', () => {
    const { configSource } = parseConfig(
      'failOn: low\nignore:\n  - id: A\n    reason: r\n  - id: B\n    reason: r\n',
      'x.yml',
    );
    expect(configSource?.lineOf('ignore[1]')).toBe(5);
    expect(configSource?.lineOf('failOn')).toBe(1);
  });

  it('reads sast.library as true, false or auto, and names anything else', () => {
    expect(parseConfig('sast:\n  library: auto\n', '.vigil.yml').config).toEqual({
      sast: { library: 'auto' },
    });
    expect(parseConfig('sast:\n  library: false\n', '.vigil.yml').config).toEqual({
      sast: { library: false },
    });
    expect(() => parseConfig('sast:\n  library: yes-please\n', '.vigil.yml')).toThrow(/sast\.library/);
  });

  it('has a schema entry for every VigilConfig key (one line to add one)', () => {
    expect(configSchema.type === 'object' && Object.keys(configSchema.properties)).toEqual([
      'scanners',
      'failOn',
      'minPrecision',
      'include',
      'exclude',
      'maxFileSize',
      'rules',
      'ignore',
      'sast',
      'sca',
      'licenses',
      'container',
      'github',
    ]);
  });

  it('reads the licence policy and refuses a bare string for a list', () => {
    expect(
      parseConfig('licenses:\n  allow: [MIT, ISC]\n  deny: [GPL-3.0]\n', '.vigil.yml').config.licenses,
    ).toEqual({
      allow: ['MIT', 'ISC'],
      deny: ['GPL-3.0'],
    });
    expect(() => parseConfig('licenses:\n  deny: GPL-3.0\n', '.vigil.yml')).toThrow(/licenses\.deny/);
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds .vigil.yml first, then .github/vigil.yml, else nothing', async () => {
    expect(await loadConfig(dir)).toEqual({ config: {} });
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github/vigil.yml'), 'failOn: low\n');
    const fromGithub = await loadConfig(dir, undefined, dir);
    expect(fromGithub.config).toEqual({ failOn: 'low' });
    expect(fromGithub.configSource?.file).toBe('.github/vigil.yml');
    expect(fromGithub.configSource?.pathInRoot).toBe('.github/vigil.yml');
    // Scanned from elsewhere, messages name the file from the working directory.
    expect((await loadConfig(dir, undefined, join(dir, '..'))).configSource?.file).toMatch(
      /^vigil-config-\w+\/\.github\/vigil\.yml$/,
    );
    await writeFile(join(dir, '.vigil.yml'), 'failOn: critical\n');
    expect((await loadConfig(dir)).config).toEqual({ failOn: 'critical' });
  });

  it('reads an explicit file relative to cwd and names it in errors', async () => {
    await writeFile(join(dir, 'custom.yml'), 'failOn: meh\n');
    await expect(loadConfig('.', 'custom.yml', dir)).rejects.toThrow('custom.yml:1: failOn: expected one of');
  });

  it('fails clearly on a missing, directory or binary config', async () => {
    await expect(loadConfig(dir, join(dir, 'nope.yml'))).rejects.toThrow(
      /nope\.yml: cannot read config: no such file/,
    );
    await expect(loadConfig(dir, dir)).rejects.toThrow(/cannot read config: is a directory/);
    await writeFile(join(dir, 'bin.yml'), Buffer.from([0x66, 0, 0x67]));
    await expect(loadConfig(dir, join(dir, 'bin.yml'))).rejects.toThrow(/bin\.yml: not a text file/);
    await writeFile(join(dir, 'big.yml'), `# ${'x'.repeat(300_000)}\n`);
    await expect(loadConfig(dir, join(dir, 'big.yml'))).rejects.toThrow(/big\.yml: file is too large/);
  });
});
