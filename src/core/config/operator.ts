import { resolve } from 'node:path';
import { ConfigError, validateConfigValue, type OPERATOR_ONLY_KEYS } from './loader.ts';
import type { VigilConfig } from './types.ts';

export type OperatorKey = (typeof OPERATOR_ONLY_KEYS)[number];

/**
 * What a check says when a scanner could not do its job (OSV unreachable, no database, a crash):
 * `fail-closed` fails it, `fail-open` lets it pass as neutral with a warning. Never `success`.
 */
export const UNAVAILABLE_POLICIES = ['fail-closed', 'fail-open'] as const;
export type UnavailablePolicy = (typeof UNAVAILABLE_POLICIES)[number];
/** A required check must not pass on a scan that did not happen unless the operator says so. */
export const DEFAULT_UNAVAILABLE_POLICY: UnavailablePolicy = 'fail-closed';

/**
 * What only the operator decides (the App's environment, the Action's inputs): the settings that
 * reach outside the repository under review, plus where vigil keeps its caches.
 */
export interface OperatorSettings {
  maxFileSize?: number;
  sca?: { apiUrl?: string; database?: string };
  /** Cache directory (advisory API answers, SAST summaries); the default cache dir when unset. */
  cacheDir?: string;
  /** What an incomplete scan concludes (VIGIL_SCA_UNAVAILABLE, `sca-unavailable`); fail-closed when unset. */
  unavailable?: UnavailablePolicy;
}

/** The raw text of each operator setting and the name it is given under (a variable, an input). */
export type OperatorValues = Partial<
  Record<OperatorKey | 'cacheDir' | 'unavailable', { name: string; value?: string }>
>;

/**
 * Validate the operator's settings with the configuration schema (the same bounds as the file);
 * paths are made absolute against `cwd`. Throws a ConfigError naming the variable or input.
 */
export function readOperatorSettings(values: OperatorValues, cwd: string): OperatorSettings {
  const out: OperatorSettings = {};
  const text = (key: keyof OperatorValues) => {
    const raw = values[key]?.value?.trim();
    return raw ? { raw, name: values[key]!.name } : undefined;
  };
  const size = text('maxFileSize');
  if (size) {
    // A number where it is one, so the schema's range applies; anything else fails as "not an integer".
    const value = /^\d{1,16}$/.test(size.raw) ? Number(size.raw) : size.raw;
    out.maxFileSize = validateConfigValue({ maxFileSize: value }, size.name).maxFileSize!;
  }
  const apiUrl = text('sca.apiUrl');
  if (apiUrl) {
    const sca = validateConfigValue({ sca: { apiUrl: apiUrl.raw } }, apiUrl.name).sca!;
    out.sca = { ...out.sca, apiUrl: sca.apiUrl! };
  }
  const database = text('sca.database');
  if (database) out.sca = { ...out.sca, database: resolve(cwd, database.raw) };
  const cacheDir = text('cacheDir');
  if (cacheDir) out.cacheDir = resolve(cwd, cacheDir.raw);
  const unavailable = text('unavailable');
  if (unavailable) {
    if (!(UNAVAILABLE_POLICIES as readonly string[]).includes(unavailable.raw))
      throw new ConfigError([
        {
          file: unavailable.name,
          message: `"${unavailable.raw}" is not one of ${UNAVAILABLE_POLICIES.join(', ')}`,
        },
      ]);
    out.unavailable = unavailable.raw as UnavailablePolicy;
  }
  return out;
}

/**
 * The configuration a scan runs with: the repository's file (already without operator-only keys,
 * see ConfigTrust) with the operator's settings laid over it.
 */
export function applyOperatorSettings(config: VigilConfig, operator: OperatorSettings): VigilConfig {
  const out: VigilConfig = { ...config };
  if (operator.maxFileSize !== undefined) out.maxFileSize = operator.maxFileSize;
  if (operator.sca?.apiUrl !== undefined || operator.sca?.database !== undefined)
    out.sca = { ...config.sca, ...operator.sca };
  return out;
}
