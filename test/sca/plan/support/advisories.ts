import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OsvRecord } from '../../../../src/sca/osv/schema.ts';

/** The plan tests' fictional OSV records (see fixtures/advisories/README.md). */
export const PLAN_ADVISORIES = fileURLToPath(new URL('../fixtures/advisories/', import.meta.url));

/** Each record's file name and text, as `AdvisoryDatabase.importEntries` takes them. */
export const planAdvisoryFiles = (): { name: string; text: string }[] =>
  readdirSync(PLAN_ADVISORIES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, text: readFileSync(join(PLAN_ADVISORIES, f), 'utf8') }));

/** The records themselves, for an OSV API stand-in. */
export const planAdvisories = (): OsvRecord[] =>
  planAdvisoryFiles().map((f) => JSON.parse(f.text) as OsvRecord);
