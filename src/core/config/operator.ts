import { resolve } from 'node:path';
import { ConfigError, validateConfigValue, type OPERATOR_ONLY_KEYS } from './loader.ts';
import type { VigilConfig } from './types.ts';
import {
  DEFAULT_REGISTRY,
  normaliseRegistry,
  RegistryUrlError,
  type RegistryChoice,
} from '../../sca/plan/registry-url.ts';

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
  /**
   * Make an upgrade plan for the PR summary from this registry (VIGIL_UPGRADE_PLAN + VIGIL_REGISTRY,
   * inputs `upgrade-plan` + `registry`); no plan when unset. Never a repository's `.npmrc`.
   */
  upgradePlan?: { registry: RegistryChoice };
}

/** The raw text of each operator setting and the name it is given under (a variable, an input). */
export type OperatorValues = Partial<
  Record<
    OperatorKey | 'cacheDir' | 'unavailable' | 'upgradePlan' | 'registry',
    { name: string; value?: string }
  >
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
  const registry = text('registry');
  let choice: RegistryChoice = { url: DEFAULT_REGISTRY, from: 'default' };
  try {
    if (registry) choice = normaliseRegistry(registry.raw, registry.name);
  } catch (error) {
    if (!(error instanceof RegistryUrlError)) throw error;
    throw new ConfigError([
      { file: registry!.name, message: error.message.slice(registry!.name.length + 2) },
    ]);
  }
  const plan = text('upgradePlan');
  if (plan && onOff(plan.raw, plan.name)) out.upgradePlan = { registry: choice };
  return out;
}

/** `true`/`false` as workflow inputs and environment variables spell them; anything else names the setting. */
function onOff(raw: string, name: string): boolean {
  if (/^(true|yes|on|1)$/i.test(raw)) return true;
  if (/^(false|no|off|0)$/i.test(raw)) return false;
  throw new ConfigError([{ file: name, message: `"${raw}" is not true or false` }]);
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
