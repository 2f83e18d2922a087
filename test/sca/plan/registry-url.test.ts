import { describe, expect, it } from 'vitest';
import { chooseRegistry, npmrcRegistry, RegistryUrlError } from '../../../src/sca/plan/registry-url.ts';
import { runCli } from '../../cli/helpers.ts';

describe('registry URL', () => {
  it("reads an .npmrc's registry= (the last one), not comments nor scoped registries", () => {
    expect(
      npmrcRegistry(
        '# registry=http://commented.example\n; registry=http://also-commented\n@corp:registry=https://corp.example/\nregistry = "https://one.example/"\nregistry=https://two.example/npm/\n',
      ),
    ).toBe('https://two.example/npm/');
    expect(npmrcRegistry('@corp:registry=https://corp.example/\nalways-auth=true\n')).toBeUndefined();
    expect(npmrcRegistry('')).toBeUndefined();
  });

  it('takes --registry, then npm_config_registry, then the .npmrc, then npmjs', () => {
    const rc = 'registry=https://rc.example/';
    expect(
      chooseRegistry('https://flag.example/', { npm_config_registry: 'https://env.example' }, rc),
    ).toEqual({
      url: 'https://flag.example',
      from: '--registry',
    });
    expect(chooseRegistry(undefined, { NPM_CONFIG_REGISTRY: 'https://env.example/' }, rc)).toEqual({
      url: 'https://env.example',
      from: 'npm_config_registry',
    });
    expect(chooseRegistry(undefined, {}, rc)).toEqual({ url: 'https://rc.example', from: '.npmrc' });
    expect(chooseRegistry(undefined, {}, undefined)).toEqual({
      url: 'https://registry.npmjs.org',
      from: 'default',
    });
  });

  it('drops credentials from the URL and refuses what is not http(s), naming where it came from', () => {
    expect(chooseRegistry('https://user:secret@registry.example/npm/', {}, undefined).url).toBe(
      'https://registry.example/npm',
    );
    expect(() => chooseRegistry(undefined, {}, 'registry=ftp://x.example/')).toThrow(
      new RegistryUrlError('.npmrc: the registry must be an http(s) URL, got "ftp://x.example/"'),
    );
    expect(() => chooseRegistry(undefined, { npm_config_registry: 'not a url' }, undefined)).toThrow(
      'npm_config_registry: not a URL: "not a url"',
    );
    expect(() => chooseRegistry('ftp://u:p@x/', {}, undefined)).toThrow(
      '--registry: the registry must be an http(s) URL, got "ftp://x/"',
    );
  });

  it('is a usage error on the command line (exit 2)', async () => {
    const run = await runCli(['sca', 'plan', '.', '--registry', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('vigil: --registry: not a URL: "nope"\n');
  });
});
