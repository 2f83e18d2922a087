import { readFileSync } from 'node:fs';

/**
 * vigil's version, from its package.json. Looked up from this module's location so it works both
 * from the TypeScript sources (src/core/) and from a build (build/src/core/).
 */
function readVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'vigil' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not at this level; try the next one up.
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
