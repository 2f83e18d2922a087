import { withoutUserinfo } from '../../core/urls.ts';

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org';

/**
 * Where the registry URL came from, for the plan's header and error messages: `--registry`,
 * `npm_config_registry`, `.npmrc` or `default` for the CLI; the operator's setting that named it
 * (`VIGIL_REGISTRY`, input `registry`) for the App and the Action.
 */
export interface RegistryChoice {
  url: string;
  from: string;
}

export class RegistryUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUrlError';
  }
}

/** `registry=` of an .npmrc (the last one wins, as npm reads it); scoped `@x:registry=` lines are not it. */
export function npmrcRegistry(text: string): string | undefined {
  let found: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq === -1 || line.slice(0, eq).trim() !== 'registry') continue;
    const value = line
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (value) found = value;
  }
  return found;
}

/** A usable registry base URL (http or https, no credentials, no trailing slash), or a RegistryUrlError naming `from`. */
export function normaliseRegistry(value: string, from: string): RegistryChoice {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RegistryUrlError(`${from}: not a URL: "${withoutUserinfo(value)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RegistryUrlError(
      `${from}: the registry must be an http(s) URL, got "${withoutUserinfo(value)}"`,
    );
  // credentials never travel with a metadata request (packuments of public packages need none)
  url.username = '';
  url.password = '';
  return { url: url.href.replace(/\/+$/, ''), from };
}

/** `--registry`, else `npm_config_registry` (any case, as npm reads it), else the project's `.npmrc`, else npmjs. */
export function chooseRegistry(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  npmrcText: string | undefined,
): RegistryChoice {
  if (flag !== undefined) return normaliseRegistry(flag, '--registry');
  const fromEnv = env.npm_config_registry ?? env.NPM_CONFIG_REGISTRY;
  if (fromEnv) return normaliseRegistry(fromEnv, 'npm_config_registry');
  const fromRc = npmrcText === undefined ? undefined : npmrcRegistry(npmrcText);
  if (fromRc !== undefined) return normaliseRegistry(fromRc, '.npmrc');
  return { url: DEFAULT_REGISTRY, from: 'default' };
}
