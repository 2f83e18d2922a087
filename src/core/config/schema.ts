import { PRECISIONS } from '../finding.ts';
import { SEVERITIES } from '../severity.ts';
import { SCANNER_IDS } from './types.ts';

/**
 * The shape of `.vigil.yml` as data. The loader validates the YAML tree against this table and
 * reports the first mismatch per key with its path, file and line. Adding a key is one line in
 * the table below (and its field in types.ts).
 */
export type SchemaNode =
  | { type: 'string'; pattern?: RegExp; patternName?: string }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'boolean' }
  /** A calendar date written `YYYY-MM-DD` (quoted or not). */
  | { type: 'date' }
  | { type: 'array'; items: SchemaNode; maxItems?: number }
  /** A fixed set of keys; any other key is an error. */
  | { type: 'object'; properties: Record<string, SchemaNode>; required?: readonly string[] }
  /** Free keys (rule ids) whose values all follow one schema. */
  | { type: 'map'; values: SchemaNode; keyPattern?: RegExp }
  /** The first alternative whose outer type fits the value decides. */
  | { type: 'oneOf'; options: readonly SchemaNode[] };

const severity: SchemaNode = { type: 'enum', values: SEVERITIES };
const stringList: SchemaNode = { type: 'array', items: { type: 'string' }, maxItems: 10_000 };
/** Rule and advisory ids: `js/eval`, `vigil/expired-ignore`, `GHSA-xxxx-xxxx-xxxx`, `CVE-2024-1`. */
const ID_PATTERN = /^[A-Za-z0-9@][A-Za-z0-9_.:/@-]*$/;

export const configSchema: SchemaNode = {
  type: 'object',
  properties: {
    scanners: { type: 'array', items: { type: 'enum', values: SCANNER_IDS } },
    failOn: { type: 'enum', values: [...SEVERITIES, 'none'] },
    minPrecision: { type: 'enum', values: PRECISIONS },
    include: stringList,
    exclude: stringList,
    maxFileSize: { type: 'integer', min: 1, max: 1024 * 1024 * 1024 },
    rules: {
      type: 'map',
      keyPattern: ID_PATTERN,
      values: {
        type: 'oneOf',
        options: [
          { type: 'enum', values: ['off', ...SEVERITIES] },
          { type: 'object', properties: { enabled: { type: 'boolean' }, severity } },
        ],
      },
    },
    ignore: {
      type: 'array',
      maxItems: 10_000,
      items: {
        type: 'object',
        required: ['id', 'reason'],
        properties: {
          id: { type: 'string', pattern: ID_PATTERN, patternName: 'a rule or advisory id' },
          reason: { type: 'string', pattern: /\S/, patternName: 'a non-empty reason' },
          expires: { type: 'date' },
          paths: stringList,
        },
      },
    },
    sast: {
      type: 'object',
      properties: {
        library: { type: 'oneOf', options: [{ type: 'boolean' }, { type: 'enum', values: ['auto'] }] },
      },
    },
    sca: {
      type: 'object',
      properties: {
        offline: { type: 'boolean' },
        prodOnly: { type: 'boolean' },
        goVersion: {
          type: 'string',
          pattern: /^(?:go)?\d+\.\d+(?:\.\d+)?$/,
          patternName: 'a Go release such as 1.22.3',
        },
        database: { type: 'string' },
        apiUrl: { type: 'string', pattern: /^https?:\/\//, patternName: 'an http(s) URL' },
        reachability: {
          type: 'object',
          properties: {
            unreachable: { type: 'enum', values: ['demote', 'keep'] },
            nonProduction: stringList,
            production: stringList,
          },
        },
      },
    },
    licenses: { type: 'object', properties: { allow: stringList, deny: stringList } },
    container: {
      type: 'object',
      properties: {
        ignoreUnfixed: { type: 'boolean' },
        platform: {
          type: 'string',
          pattern: /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/,
          patternName: 'os/arch',
        },
      },
    },
    github: {
      type: 'object',
      properties: {
        comments: { type: 'enum', values: ['review', 'summary', 'off'] },
        maxComments: { type: 'integer', min: 0, max: 1000 },
        failOnExisting: { type: 'boolean' },
        sarifUpload: { type: 'boolean' },
      },
    },
  },
};

/** A short human name of what a schema node expects, for error messages. */
export function describeSchema(node: SchemaNode): string {
  switch (node.type) {
    case 'string':
      return node.patternName ?? 'a string';
    case 'enum':
      return `one of ${node.values.join('|')}`;
    case 'integer':
      return 'an integer';
    case 'boolean':
      return 'true or false';
    case 'date':
      return 'a date (YYYY-MM-DD)';
    case 'array':
      return 'a list';
    case 'object':
    case 'map':
      return 'a mapping';
    case 'oneOf':
      return node.options.map(describeSchema).join(', or ');
  }
}
