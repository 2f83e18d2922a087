import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** The published schemas vendored in test/sca/fixtures/schemas (provenance in its README.md). */
const SCHEMAS = fileURLToPath(new URL('../fixtures/schemas/', import.meta.url));

/** ajv with the formats the published schemas use; it logs a failing document's first errors. */
function validatorOf(compile: (ajv: Ajv) => (doc: unknown) => boolean): (doc: unknown) => boolean {
  // ajv-formats is CommonJS; under ESM its callable is the default export.
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  // ajv-formats has neither; ajv ignored them (any string passes) with a warning per use in the
  // schema. Accepting any string says the same without the noise, as cyclonedx-library's own
  // validator does for `iri-reference`.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  const validate = compile(ajv) as ((doc: unknown) => boolean) & { errors?: unknown[] | null };
  return (doc) => {
    const ok = validate(doc);
    if (!ok) console.error(validate.errors?.slice(0, 5));
    return ok;
  };
}

const load = (f: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`${SCHEMAS}${f}`, 'utf8')) as Record<string, unknown>;

/** A validator of CycloneDX 1.6 JSON against CycloneDX's published schema; it logs the first errors. */
export function cyclonedxValidator(): (doc: unknown) => boolean {
  return validatorOf((ajv) => {
    // The 1.6 schema refers to its companions by their SNAPSHOT file names.
    ajv.addSchema({
      ...load('cyclonedx/spdx.SNAPSHOT.schema.json'),
      $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json',
    });
    ajv.addSchema({
      ...load('cyclonedx/jsf-0.82.SNAPSHOT.schema.json'),
      $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json',
    });
    return ajv.compile(load('cyclonedx/bom-1.6.SNAPSHOT.schema.json'));
  });
}

/** A validator of SPDX 2.3 JSON against SPDX's published schema (draft-07). */
export function spdxValidator(): (doc: unknown) => boolean {
  return validatorOf((ajv) => ajv.compile(load('spdx/spdx-schema.json')));
}
