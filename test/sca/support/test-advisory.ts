import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRecordText, type OsvRecord } from '../../../src/sca/osv/schema.ts';

const FILE = fileURLToPath(
  new URL('../fixtures/osv-test/VIGIL-TEST-LEFTPAD-2026-0013.json', import.meta.url),
);

/** The fictional advisory against npm left-pad < 1.3.0 (see test/sca/fixtures/osv-test/README.md). */
export function leftPadAdvisory(): OsvRecord {
  return parseRecordText(readFileSync(FILE, 'utf8'), FILE);
}

/** A package-lock.json (v3) installing left-pad at `version`, the package the advisory names. */
export function leftPadLockfile(version = '1.1.0'): string {
  return `${JSON.stringify(
    {
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: { 'left-pad': version } },
        'node_modules/left-pad': {
          version,
          resolved: `https://registry.npmjs.org/left-pad/-/left-pad-${version}.tgz`,
        },
      },
    },
    null,
    2,
  )}\n`;
}
