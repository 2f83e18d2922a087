/**
 * vigil's rules as an ESLint flat-config plugin (`import vigil from 'vigil/eslint'`), so editors
 * show findings while code is typed. Every SAST rule becomes `vigil/<name>` (the id without its
 * `js/` prefix); taint rules analyse the file being linted and read the summaries of the files it
 * imports from vigil's cache, when a `vigil scan` with a cache has left them there.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { sastRules } from '../../rules/index.ts';
import { defaultCacheDir } from '../core/cache-dir.ts';
import type { Location } from '../core/finding.ts';
import { RENAMED_RULES } from '../core/rule-renames.ts';
import { VERSION } from '../core/version.ts';
import { toLocation } from '../sast/engine.ts';
import { type ReportDescriptor, type RuleContext, type RuleModule, ruleApplies } from '../sast/rule.ts';
import { isRelative } from '../sast/scope/modules.ts';
import { standsAt } from '../sast/stands-at.ts';
import { SummaryCache, type TaintEnv } from '../sast/taint/summary.ts';

/** The parts of ESLint's rule context this adapter uses (kept structural: no ESLint types needed at run time). */
interface EslintContext {
  filename: string;
  cwd: string;
  sourceCode: { text: string; ast: unknown };
  report(descriptor: { loc: TSESTree.SourceLocation; message: string }): void;
}

interface EslintRule {
  meta: {
    type: 'problem';
    docs: { description: string; recommended: boolean };
    schema: [];
    messages?: Record<string, string>;
    deprecated?: boolean;
    replacedBy?: string[];
  };
  create(context: EslintContext): Record<string, (node: never) => void>;
}

/** One reader per cache directory for the life of the ESLint process (an editor's is long). */
const caches = new Map<string, SummaryCache>();

/** Imports resolved next to the linted file and looked up in the cache by path and content. */
function cachedImports(absFile: string): TaintEnv {
  const dirOfCache = defaultCacheDir();
  let cache = caches.get(dirOfCache);
  if (!cache) caches.set(dirOfCache, (cache = new SummaryCache(dirOfCache, true)));
  const dir = dirname(absFile);
  return {
    resolveImport(specifier) {
      if (!isRelative(specifier)) return undefined;
      for (const candidate of candidatesFor(specifier)) {
        const abs = join(dir, candidate);
        let text: string;
        try {
          text = readFileSync(abs, 'utf8');
        } catch {
          continue;
        }
        return cache.getForPath(abs, text);
      }
      return undefined;
    },
  };
}

/** The files a relative specifier may name, in the order TypeScript and Node try them. */
function candidatesFor(specifier: string): string[] {
  const stem = specifier.replace(/\.(m|c)?js$/, '');
  const suffixes = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
  return [
    ...new Set([
      ...suffixes.map((x) => `${specifier}${x}`),
      ...suffixes.map((x) => `${stem}${x}`),
      `${specifier}/index.ts`,
      `${specifier}/index.js`,
    ]),
  ];
}

function toEslintRule(rule: RuleModule): EslintRule {
  return {
    meta: {
      type: 'problem',
      docs: { description: rule.meta.title, recommended: true },
      schema: [],
    },
    create(context) {
      const text = context.sourceCode.text;
      if (!ruleApplies(rule, text)) return {};
      const ast = context.sourceCode.ast as TSESTree.Program;
      const path = relative(context.cwd, context.filename).split('\\').join('/') || context.filename;
      const locOf = (node: TSESTree.Node): TSESTree.SourceLocation => ({
        start: standsAt(node, text).loc.start,
        end: node.loc.end,
      });
      const locationOf = (target: TSESTree.Node | TSESTree.SourceLocation, snippet?: string): Location =>
        toLocation(path, 'type' in target ? locOf(target) : target, snippet);
      const vigilContext: RuleContext = {
        filename: path,
        sourceText: text,
        ast,
        taint: rule.taint ? cachedImports(context.filename) : undefined,
        getText: (node) => text.slice(node.range[0], node.range[1]),
        locationOf,
        report: (d: ReportDescriptor) => {
          const loc = d.loc ?? (d.node ? locOf(d.node) : ast.loc);
          const flow =
            d.flow && d.flow.length > 1
              ? ` (flow: ${d.flow.map((s) => `${s.location.path}:${s.location.startLine}`).join(' → ')})`
              : '';
          context.report({ loc, message: `${d.message}${flow}` });
        },
      };
      return rule.create(vigilContext) as Record<string, (node: never) => void>;
    },
  };
}

/** ESLint rule names: the vigil id without its `js/` prefix. */
export function eslintRuleName(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

const rules: Record<string, EslintRule> = Object.fromEntries(
  sastRules.map((r) => [eslintRuleName(r.meta.id), toEslintRule(r)]),
);
// Names of rules folded into another (`vigil/tainted-sql` → `vigil/sql-injection`) keep working in
// users' configs, marked deprecated as ESLint's own renamed rules are.
for (const [old, current] of RENAMED_RULES) {
  const rule = rules[eslintRuleName(current)];
  if (rule) {
    rules[eslintRuleName(old)] = {
      ...rule,
      meta: { ...rule.meta, deprecated: true, replacedBy: [eslintRuleName(current)] },
    };
  }
}

const plugin = {
  meta: { name: 'vigil', version: VERSION },
  rules,
  configs: {} as Record<string, unknown>,
};

const severityLevel = (s: string): 'error' | 'warn' => (s === 'critical' || s === 'high' ? 'error' : 'warn');

/** Every rule on, errors for critical/high findings and warnings below. */
plugin.configs.recommended = {
  name: 'vigil/recommended',
  files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
  plugins: { vigil: plugin },
  rules: Object.fromEntries(
    sastRules.map((r) => [`vigil/${eslintRuleName(r.meta.id)}`, severityLevel(r.meta.severity)]),
  ),
};

export default plugin;
