import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  packumentPath,
  PackumentError,
  parsePackument,
  RegistryClient,
  RegistryUnreachableError,
} from '../../../src/sca/plan/packument.ts';
import { startRegistry, type LocalRegistry } from './support/verdaccio.ts';

const URL_ = 'http://127.0.0.1:1/x';
const parse = (text: string) => parsePackument('x', URL_, text);

describe('parsePackument', () => {
  it('reads versions, dependency ranges, dist-tags and deprecation', () => {
    const p = parse(
      JSON.stringify({
        name: 'x',
        'dist-tags': { latest: '1.1.0', bad: 7 },
        versions: {
          '1.0.0': { dependencies: { a: '^1' }, deprecated: 'use 1.1' },
          '1.1.0': { optionalDependencies: { b: '2.x' } },
        },
      }),
    );
    expect(p.distTags).toEqual({ latest: '1.1.0' });
    expect(p.versions.get('1.0.0')).toEqual({
      version: '1.0.0',
      dependencies: { a: '^1' },
      optionalDependencies: {},
      deprecated: 'use 1.1',
    });
    expect(p.versions.get('1.1.0')!.optionalDependencies).toEqual({ b: '2.x' });
  });

  it('reads an old array of dependency names as npm does: each at any version', () => {
    const p = parse(JSON.stringify({ name: 'x', versions: { '1.0.0': { dependencies: ['a', 'b'] } } }));
    expect(p.versions.get('1.0.0')!.dependencies).toEqual({ a: '*', b: '*' });
  });

  it('refuses a truncated, non-object, misnamed or versionless document, naming the package and URL', () => {
    const whole = JSON.stringify({ name: 'x', versions: { '1.0.0': {} } });
    expect(() => parse(whole.slice(0, 20))).toThrow(
      new RegExp(`^malformed metadata for x from ${URL_.replace(/[.:/]/g, '\\$&')}: not JSON`),
    );
    expect(() => parse('[1, 2]')).toThrow(`malformed metadata for x from ${URL_}: not a JSON object`);
    expect(() => parse('{"name": "y", "versions": {}}')).toThrow(
      `malformed metadata for x from ${URL_}: it names "y"`,
    );
    expect(() => parse('{"name": "x", "versions": []}')).toThrow(PackumentError);
    expect(() => parse('{"name": "x"}')).toThrow(
      `malformed metadata for x from ${URL_}: no "versions" object`,
    );
  });

  it('marks only the version whose dependencies cannot be read', () => {
    const p = parse(
      JSON.stringify({
        name: 'x',
        versions: {
          '1.0.0': { dependencies: { a: 5 } },
          '1.0.1': 'oops',
          '1.0.2': { dependencies: 'a' },
          '2.0.0': {},
        },
      }),
    );
    expect(p.versions.get('1.0.0')!.unreadable).toBe(
      `malformed metadata for x from ${URL_}: versions["1.0.0"].dependencies["a"] is not a string`,
    );
    expect(p.versions.get('1.0.1')!.unreadable).toContain('versions["1.0.1"] is not an object');
    expect(p.versions.get('1.0.2')!.unreadable).toContain('versions["1.0.2"].dependencies is not an object');
    expect(p.versions.get('2.0.0')!.unreadable).toBeUndefined();
  });

  it('keeps hostile keys as data', () => {
    const p = parse(
      '{"name": "x", "versions": {"1.0.0": {"dependencies": {"__proto__": "^1", "constructor": "2"}}}}',
    );
    const deps = p.versions.get('1.0.0')!.dependencies;
    expect(Object.getPrototypeOf(deps)).toBe(Object.prototype);
    expect(Object.keys(deps).sort()).toEqual(['__proto__', 'constructor']);
  });

  it('asks for scoped packages at @scope%2fname', () => {
    expect(packumentPath('@plan/iota')).toBe('@plan%2fiota');
    expect(packumentPath('plan-alpha')).toBe('plan-alpha');
  });
});

describe('RegistryClient against a local Verdaccio', () => {
  let registry: LocalRegistry;
  let cacheDir: string;
  beforeAll(async () => {
    registry = await startRegistry();
    for (let i = 0; i < 20; i++) await registry.publish({ name: 'many', version: `1.0.${i}` });
    cacheDir = mkdtempSync(join(tmpdir(), 'vigil-packument-cache-'));
  });
  afterAll(async () => {
    await registry?.stop();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  it('refuses a packument larger than the cap, naming it', async () => {
    const client = new RegistryClient({ registry: registry.url, cacheDir, maxBytes: 1024 });
    await expect(client.packument('many')).rejects.toThrow(
      new PackumentError(`metadata for many from ${registry.url}/many is larger than 1024 bytes`),
    );
  });

  it('says a package the registry does not have is not there (HTTP 404)', async () => {
    const client = new RegistryClient({ registry: registry.url, cacheDir });
    await expect(client.packument('absent')).rejects.toThrow(
      `absent is not in the registry ${registry.url} (HTTP 404)`,
    );
  });

  it('caches for an hour, then asks again (and says the registry is unreachable when it is gone)', async () => {
    const first = await new RegistryClient({ registry: registry.url, cacheDir }).packument('many');
    expect(first.versions.size).toBe(20);
    expect(first.distTags.latest).toBe('1.0.19');
    const url = registry.url;
    await registry.stop();
    const cached = await new RegistryClient({ registry: url, cacheDir }).packument('many');
    expect([...cached.versions.keys()]).toEqual([...first.versions.keys()]);
    const later = Date.now() + 2 * 60 * 60 * 1000;
    await expect(
      new RegistryClient({ registry: url, cacheDir, now: () => later }).packument('many'),
    ).rejects.toThrow(new RegistryUnreachableError(`registry ${url} unreachable (ECONNREFUSED)`));
  });
});
