/**
 * Writes the rule list, generated from rule metadata, between `<!-- rules:start -->` and
 * `<!-- rules:end -->` in the Markdown file given as argument.
 *
 *   npx node scripts/gen-rule-docs.ts README.md           # rewrite the list
 *   npx node scripts/gen-rule-docs.ts README.md --check   # exit 1 if it is out of date (CI)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { iacRules } from '../rules/iac-index.ts';
import { sastRules } from '../rules/index.ts';
import type { RuleMeta } from '../src/core/finding.ts';
import { SECRET_TEXT_RULE } from '../src/sast/secrets/index.ts';

export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** A Markdown table of rules, sorted by id. */
export function renderRuleList(rules: readonly RuleMeta[]): string {
  const rows = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => {
      const tags = [...(r.cwe ?? []), ...(r.owasp ?? []).map((o) => o.split('-')[0]!)].join(', ');
      return `| \`${r.id}\` | ${r.severity} | ${cell(r.title)} | ${cell(tags)} |`;
    });
  return ['| Rule | Severity | Finds | CWE / OWASP 2021 |', '|---|---|---|---|', ...rows].join('\n');
}

export class MarkerError extends Error {}

/** Replace what lies between the markers; the markers must each appear exactly once, in order. */
export function replaceBetweenMarkers(text: string, block: string, file = 'file'): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end === -1) throw new MarkerError(`${file}: missing ${start === -1 ? START : END}`);
  if (text.indexOf(START, start + 1) !== -1 || text.indexOf(END, end + 1) !== -1) {
    throw new MarkerError(`${file}: rule list markers appear more than once`);
  }
  if (end < start) throw new MarkerError(`${file}: ${END} comes before ${START}`);
  return `${text.slice(0, start + START.length)}\n${block}\n${text.slice(end)}`;
}

export function allRuleMeta(): RuleMeta[] {
  return [...sastRules.map((r) => r.meta), SECRET_TEXT_RULE, ...iacRules.map((r) => r.meta)];
}

/** Returns the process exit code: 0 written / up to date, 1 out of date (--check), 2 usage or file error. */
export async function main(args: string[]): Promise<number> {
  const check = args.includes('--check');
  const files = args.filter((a) => a !== '--check');
  if (files.length !== 1) {
    console.error('usage: gen-rule-docs.ts <file.md> [--check]');
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    console.error(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 2;
  }
  let updated: string;
  try {
    updated = replaceBetweenMarkers(text, renderRuleList(allRuleMeta()), file);
  } catch (error) {
    if (!(error instanceof MarkerError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (updated === text) return 0;
  if (check) {
    console.error(`${file}: the rule list is out of date; run: npx node scripts/gen-rule-docs.ts ${file}`);
    return 1;
  }
  await writeFile(file, updated);
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
