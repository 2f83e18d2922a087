import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, OPERATOR_ONLY_KEYS, parseConfig } from '../../src/core/config/loader.ts';
import { applyOperatorSettings, readOperatorSettings } from '../../src/core/config/operator.ts';
import { changedConfig } from '../../src/core/config/policy.ts';

const REACHING_OUT =
  'failOn: low\nmaxFileSize: 10\nsca:\n  prodOnly: true\n  apiUrl: http://169.254.169.254/latest\n  database: /etc/shadow\n';

describe('the trust flag of the config loader', () => {
  it('a repository file may not set operator-only keys: each is refused with its line, the rest is kept', () => {
    const loaded = parseConfig(REACHING_OUT, '.vigil.yml', { trust: 'repository' });
    expect(loaded.config).toEqual({ failOn: 'low', sca: { prodOnly: true } });
    expect(loaded.refused?.map((i) => [i.keyPath, i.line])).toEqual([
      ['maxFileSize', 2],
      ['sca.apiUrl', 5],
      ['sca.database', 6],
    ]);
    expect(loaded.refused!.map((i) => i.keyPath).sort()).toEqual([...OPERATOR_ONLY_KEYS].sort());
    expect(loaded.refused![0]!.file).toBe('.vigil.yml');
  });

  it('the operator’s own file (the CLI, the default) keeps them', async () => {
    expect(parseConfig(REACHING_OUT, '.vigil.yml').config).toMatchObject({
      maxFileSize: 10,
      sca: { apiUrl: 'http://169.254.169.254/latest', database: '/etc/shadow' },
    });
    const dir = await mkdtemp(join(tmpdir(), 'vigil-trust-'));
    try {
      await writeFile(join(dir, '.vigil.yml'), REACHING_OUT);
      const cli = await loadConfig(dir, undefined, dir);
      expect(cli.refused).toBeUndefined();
      expect(cli.config.maxFileSize).toBe(10);
      const app = await loadConfig(dir, undefined, dir, 'repository');
      expect(app.config.maxFileSize).toBeUndefined();
      expect(app.refused).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a file that is invalid is still an error whoever wrote it', () => {
    expect(() => parseConfig('sca:\n  apiUrl: 12\n', '.vigil.yml', { trust: 'repository' })).toThrow(
      ConfigError,
    );
  });
});

describe('operator settings', () => {
  const named = (value: string, name = 'VIGIL_X') => ({ name, value });

  it('are validated with the config schema, paths made absolute', () => {
    expect(
      readOperatorSettings(
        {
          'sca.apiUrl': named('https://osv.internal/'),
          'sca.database': named('data/osv.db'),
          maxFileSize: named('2097152'),
          cacheDir: named('cache'),
        },
        '/srv/vigil',
      ),
    ).toEqual({
      sca: { apiUrl: 'https://osv.internal/', database: '/srv/vigil/data/osv.db' },
      maxFileSize: 2097152,
      cacheDir: '/srv/vigil/cache',
    });
    expect(readOperatorSettings({ 'sca.apiUrl': named('  ') }, '/')).toEqual({});
  });

  it.each([
    ['sca.apiUrl', 'file:///etc/passwd', 'VIGIL_OSV_API_URL: sca.apiUrl: expected an http(s) URL'],
    ['maxFileSize', 'lots', 'VIGIL_MAX_FILE_SIZE: maxFileSize: expected an integer, got "lots"'],
    ['maxFileSize', '0', 'VIGIL_MAX_FILE_SIZE: maxFileSize: expected an integer from 1 to'],
    ['maxFileSize', '99999999999999999999', 'expected an integer, got "99999999999999999999"'],
  ] as const)('refuse %s=%s with a message naming the variable', (key, value, message) => {
    const name = key === 'sca.apiUrl' ? 'VIGIL_OSV_API_URL' : 'VIGIL_MAX_FILE_SIZE';
    expect(() => readOperatorSettings({ [key]: named(value, name) }, '/')).toThrow(message);
  });

  it('make an upgrade plan only when asked, from the registry named (npmjs by default)', () => {
    expect(readOperatorSettings({ registry: named('https://npm.internal/', 'VIGIL_REGISTRY') }, '/')).toEqual(
      {},
    );
    expect(readOperatorSettings({ upgradePlan: named('true', 'VIGIL_UPGRADE_PLAN') }, '/')).toEqual({
      upgradePlan: { registry: { url: 'https://registry.npmjs.org', from: 'default' } },
    });
    expect(
      readOperatorSettings(
        {
          upgradePlan: named('yes', 'VIGIL_UPGRADE_PLAN'),
          registry: named('https://user:secret@npm.internal/', 'VIGIL_REGISTRY'),
        },
        '/',
      ),
    ).toEqual({ upgradePlan: { registry: { url: 'https://npm.internal', from: 'VIGIL_REGISTRY' } } });
    expect(() => readOperatorSettings({ upgradePlan: named('maybe', 'VIGIL_UPGRADE_PLAN') }, '/')).toThrow(
      'VIGIL_UPGRADE_PLAN: "maybe" is not true or false',
    );
    expect(() => readOperatorSettings({ registry: named('not a url', 'VIGIL_REGISTRY') }, '/')).toThrow(
      'VIGIL_REGISTRY: not a URL: "not a url"',
    );
  });

  it('are laid over the repository’s configuration, keeping its other keys', () => {
    expect(
      applyOperatorSettings(
        { failOn: 'low', sca: { prodOnly: true } },
        { maxFileSize: 5, sca: { apiUrl: 'https://osv.internal' }, cacheDir: '/c' },
      ),
    ).toEqual({ failOn: 'low', maxFileSize: 5, sca: { prodOnly: true, apiUrl: 'https://osv.internal' } });
    expect(applyOperatorSettings({ failOn: 'low' }, {})).toEqual({ failOn: 'low' });
  });
});

describe('changedConfig', () => {
  const head = (files: Record<string, string>) => (path: string) => Promise.resolve(files[path]);
  const base = { path: '.vigil.yml', text: 'failOn: high\n' };

  it.each([
    ['unchanged', { '.vigil.yml': 'failOn: high\n' }, base, undefined],
    ['edited', { '.vigil.yml': 'failOn: none\n' }, base, '.vigil.yml'],
    ['deleted', {}, base, '.vigil.yml'],
    ['added', { '.github/vigil.yml': 'failOn: none\n' }, undefined, '.github/vigil.yml'],
    [
      'shadowed by a new .vigil.yml',
      { '.vigil.yml': 'x: 1\n', '.github/vigil.yml': 'failOn: high\n' },
      { path: '.github/vigil.yml', text: 'failOn: high\n' },
      '.vigil.yml',
    ],
    ['no file on either side', {}, undefined, undefined],
  ] as const)('%s', async (_, files, baseFile, expected) => {
    expect(await changedConfig(head(files), baseFile)).toBe(expected);
  });
});

describe('hostile config files', () => {
  it('a .vigil.yml that is a link to a device is refused instead of read forever', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-trust-dev-'));
    try {
      await symlink('/dev/zero', join(dir, '.vigil.yml'));
      await expect(loadConfig(dir, undefined, dir, 'repository')).rejects.toThrow(
        /\.vigil\.yml: not a regular file/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
