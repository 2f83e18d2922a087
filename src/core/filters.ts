import { closestMatch, type ConfigSource } from './config/loader.ts';
import type { IgnoreEntry, VigilConfig } from './config/types.ts';
import {
  DEFAULT_MIN_PRECISION,
  gates,
  type Diagnostic,
  type DraftFinding,
  type Finding,
  type Precision,
  type RuleMeta,
} from './finding.ts';
import { currentRuleId, namesOf } from './rule-renames.ts';
import { globMatcher } from './walker.ts';
import { meetsThreshold, type FailThreshold, type Severity } from './severity.ts';

/** Rule choices from the command line, on top of the config's `rules:`. */
export interface RuleSelection {
  /** Run only these rule ids (`--rule`). */
  only?: readonly string[];
  /** Never run these (`--exclude-rule`). */
  exclude?: readonly string[];
}

export const EXPIRED_IGNORE_RULE: RuleMeta = {
  id: 'vigil/expired-ignore',
  kind: 'config',
  title: 'Expired ignore entry',
  severity: 'low',
  help:
    'An `ignore:` entry in the vigil configuration has passed its `expires` date, so the findings it ' +
    'covered are reported again. Fix the underlying problem, or review the accepted risk and set a new date.',
  fixHint: 'Fix the finding or renew the entry with a new `expires` date and reason.',
};

/** The effective setting of one rule: the config's `rules:` entry and the CLI selection combined. */
export function ruleSetting(
  ruleId: string,
  config: VigilConfig,
  selection: RuleSelection = {},
): { enabled: boolean; severity?: Severity } {
  const named = (ids: readonly string[] | undefined) => ids?.some((id) => currentRuleId(id) === ruleId);
  if (selection.only?.length && !named(selection.only)) return { enabled: false };
  if (named(selection.exclude)) return { enabled: false };
  // The current id's own entry wins over one written for an id it replaced.
  const key = Object.hasOwn(config.rules ?? {}, ruleId)
    ? ruleId
    : Object.keys(config.rules ?? {}).find((id) => currentRuleId(id) === ruleId);
  const setting = key === undefined ? undefined : config.rules![key];
  if (setting === undefined) return { enabled: true };
  if (setting === 'off') return { enabled: false };
  if (typeof setting === 'string') return { enabled: true, severity: setting };
  return { enabled: setting.enabled ?? true, ...(setting.severity ? { severity: setting.severity } : {}) };
}

/** Whether a rule should run at all; scanners may call it to skip work for disabled rules. */
export function isRuleEnabled(ruleId: string, config: VigilConfig, selection: RuleSelection = {}): boolean {
  return ruleSetting(ruleId, config, selection).enabled;
}

/**
 * Apply rule settings to findings (by `ruleId`) or rule metadata (by `id`): items of disabled
 * rules are dropped, overridden severities replace the rule's own.
 */
export function applyRuleSettings<T extends Finding | RuleMeta>(
  items: readonly T[],
  config: VigilConfig,
  selection: RuleSelection,
): T[] {
  const out: T[] = [];
  for (const item of items) {
    const setting = ruleSetting('ruleId' in item ? item.ruleId : item.id, config, selection);
    if (!setting.enabled) continue;
    out.push(setting.severity ? { ...item, severity: setting.severity } : item);
  }
  return out;
}

/**
 * Rule ids named in the config's `rules:` or the selection that no scanner knows, as warnings (a
 * typo there silently changes nothing otherwise). Only ids of a family some scanner reported
 * (`js/…`) are checked: a scanner that did not run cannot vouch for its own ids.
 */
export function unknownRuleWarnings(
  known: readonly RuleMeta[],
  config: VigilConfig,
  selection: RuleSelection,
  source: ConfigSource | undefined,
): Diagnostic[] {
  const ids = known.map((r) => r.id);
  const families = new Set(ids.map(family));
  const check = (id: string, where: string, line?: number): Diagnostic[] => {
    if (ids.includes(id) || !families.has(family(id))) return [];
    const renamed = currentRuleId(id);
    if (renamed !== id && ids.includes(renamed))
      return [
        {
          level: 'note',
          source: 'config',
          message: `${where}: "${id}" is now part of "${renamed}", which it applies to; write the new id`,
          ...(line === undefined ? {} : { path: configPathOf(source), line }),
        },
      ];
    const close = closestMatch(id, ids);
    return [
      {
        level: 'warning',
        source: 'config',
        message: `${where}: no rule "${id}"${close ? ` (did you mean "${close}"?)` : ''}`,
        ...(line === undefined ? {} : { path: configPathOf(source), line }),
      },
    ];
  };
  return [
    ...Object.keys(config.rules ?? {}).flatMap((id) =>
      check(id, `rules.${id}`, source?.lineOf(`rules.${id}`)),
    ),
    ...(selection.only ?? []).flatMap((id) => check(id, '--rule')),
    ...(selection.exclude ?? []).flatMap((id) => check(id, '--exclude-rule')),
  ];
}

function family(id: string): string {
  return id.slice(0, Math.max(0, id.indexOf('/')));
}

/** Include/exclude globs: the command line's `--include` replaces the config's; excludes add up. */
export function resolvePathFilters(
  config: VigilConfig,
  cli: { include?: readonly string[]; exclude?: readonly string[] },
): { include: string[]; exclude: string[] } {
  return {
    include: [...(cli.include?.length ? cli.include : (config.include ?? []))],
    exclude: [...(config.exclude ?? []), ...(cli.exclude ?? [])],
  };
}

/** `YYYY-MM-DD` of `now` in UTC; an entry is honoured through the whole of its `expires` day. */
export function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function isExpired(entry: IgnoreEntry, today: string): boolean {
  return entry.expires !== undefined && entry.expires < today;
}

/** `vigil/expired-ignore` findings for entries past their `expires` date. */
export function expiredIgnores(
  entries: readonly IgnoreEntry[],
  source: ConfigSource | undefined,
  now: Date,
): DraftFinding[] {
  const today = isoDate(now);
  return entries.flatMap((entry, index) =>
    isExpired(entry, today) ? [expiredFinding(entry, index, source)] : [],
  );
}

/**
 * Apply the config's live `ignore:` entries: a matching entry marks the finding suppressed (kind
 * `config`, pointing at the entry). Expired entries match nothing (see expiredIgnores).
 */
export function applyConfigIgnores(
  findings: Finding[],
  entries: readonly IgnoreEntry[],
  source: ConfigSource | undefined,
  now: Date,
): Finding[] {
  const today = isoDate(now);
  const live = entries.flatMap((entry, index) =>
    isExpired(entry, today)
      ? []
      : [
          {
            entry,
            index,
            matchPath: entry.paths?.length ? globMatcher(entry.paths) : undefined,
          },
        ],
  );
  if (live.length === 0) return findings;

  const configPath = configPathOf(source);
  return findings.map((finding) => {
    if (finding.suppression) return finding;
    const ids = namesOf(finding);
    const hit = live.find(
      ({ entry, matchPath }) =>
        ids.includes(entry.id.toLowerCase()) && (!matchPath || matchPath(finding.location.path)),
    );
    if (!hit) return finding;
    const line = source?.lineOf(`ignore[${hit.index}]`) ?? 1;
    return {
      ...finding,
      suppression: {
        kind: 'config' as const,
        justification: hit.entry.reason,
        location: { path: configPath, startLine: line, startColumn: 1, endLine: line, endColumn: 1 },
      },
    };
  });
}

function configPathOf(source: ConfigSource | undefined): string {
  return source?.pathInRoot ?? source?.file ?? '.vigil.yml';
}

function expiredFinding(entry: IgnoreEntry, index: number, source: ConfigSource | undefined): DraftFinding {
  const line = source?.lineOf(`ignore[${index}]`) ?? 1;
  const path = configPathOf(source);
  return {
    ruleId: EXPIRED_IGNORE_RULE.id,
    kind: 'config',
    severity: EXPIRED_IGNORE_RULE.severity,
    title: EXPIRED_IGNORE_RULE.title,
    message:
      `The ignore entry for ${entry.id} expired on ${entry.expires} ("${entry.reason}"); ` +
      'the findings it covered are reported again.',
    location: {
      path,
      startLine: line,
      startColumn: 1,
      endLine: line,
      endColumn: 1,
      snippet: `id: ${entry.id}`,
    },
    fix: { description: EXPIRED_IGNORE_RULE.fixHint! },
  };
}

/** Findings that make `--fail-on` fail: unsuppressed, at or above the threshold. */
export function failingFindings(
  findings: readonly Finding[],
  threshold: FailThreshold,
  minPrecision: Precision = DEFAULT_MIN_PRECISION,
): Finding[] {
  return findings.filter((f) => gates(f, minPrecision) && meetsThreshold(f.severity, threshold));
}
