import { iacRules } from '../../rules/iac-index.ts';
import { sastRules } from '../../rules/index.ts';
import { closestMatch } from '../core/config/loader.ts';
import { currentRuleId } from '../core/rule-renames.ts';
import { SECRET_TEXT_RULE } from '../sast/secrets/text-scan.ts';
import { UsageError } from './exit.ts';

/** Every rule id vigil ships (advisory ids such as GHSA-… are SCA's and have no family). */
const SHIPPED = [...sastRules.map((r) => r.meta.id), ...iacRules.map((r) => r.meta.id), SECRET_TEXT_RULE.id];
const FAMILIES = new Set(SHIPPED.map((id) => id.slice(0, id.indexOf('/'))));

/**
 * `--rule` / `--exclude-rule` must name a rule that exists when the id is of a family vigil ships
 * (`js/`, `secret/`, `dockerfile/`, `workflow/`): a typo would select nothing, and a scan of zero
 * rules would read as clean. A usage error, before any work, with a "did you mean".
 */
export function checkRuleIds(ids: readonly string[] | undefined, flag: string): void {
  for (const id of ids ?? []) {
    const slash = id.indexOf('/');
    if (slash < 0 || !FAMILIES.has(id.slice(0, slash)) || SHIPPED.includes(currentRuleId(id))) continue;
    const close = closestMatch(id, SHIPPED);
    throw new UsageError(`${flag} ${id}: no such rule${close ? ` (did you mean ${close}?)` : ''}`);
  }
}
