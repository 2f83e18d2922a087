import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, FlowStep, Location, Precision, RuleMeta } from '../core/finding.ts';
import type { Severity } from '../core/severity.ts';
import type { TaintSpec } from './taint/spec.ts';
import type { TaintEnv } from './taint/summary.ts';

export type Node = TSESTree.Node;

/** What a rule reports; the engine turns it into a Finding with the rule's metadata. */
export interface ReportDescriptor {
  /** The node to flag, or an explicit location (1-based line, 0-based column as in ESTree `loc`). */
  node?: Node;
  loc?: TSESTree.SourceLocation;
  message: string;
  /** Text to show instead of the node's source (secrets must be masked here). */
  snippet?: string;
  fix?: Fix;
  flow?: FlowStep[];
  /** Flows from other sources to the same sink (see Finding.otherFlows). */
  otherFlows?: FlowStep[][];
  /**
   * Where the finding stands when that is in another file: a sink in an imported helper, reached
   * from this file (`node` stays this file's call, for guards and filters).
   */
  at?: Location;
  /** Override the rule's default severity for this finding. */
  severity?: Severity;
  /** Override the rule's precision for this finding (a proven taint flow is `very-high`). */
  precision?: Precision;
  properties?: Record<string, unknown>;
}

/** What a rule sees of the file being scanned. */
export interface RuleContext {
  /** POSIX path relative to the scan root. */
  readonly filename: string;
  readonly sourceText: string;
  readonly ast: TSESTree.Program;
  /** Source text of a node. */
  getText(node: Node): string;
  /** Location of a node, 1-based columns, with its (masked if needed) snippet. */
  locationOf(node: Node | TSESTree.SourceLocation, snippet?: string): Location;
  report(descriptor: ReportDescriptor): void;
  /** Summaries of the files this one imports, for taint rules (absent: no cross-file flows). */
  readonly taint?: TaintEnv;
  /**
   * No untrusted data can reach this file (no framework source, no import handing any out): taint
   * rules skip their analysis and run only their pattern half (TaintAudit), if any.
   */
  readonly taintOff?: boolean;
  /** The file is code of a library-mode package: callers of its exported API choose its inputs. */
  readonly inLibrary?: boolean;
  /**
   * The caller reads the templates of the scan and completes flows into a view's data
   * (src/sast/templates/complete.ts): taint rules report them. Elsewhere (ESLint, one file alone)
   * they are dropped, as a template decides whether they are findings.
   */
  readonly views?: boolean;
}

/** `CallExpression` runs on entry, `CallExpression:exit` on exit, `Program:exit` once at the end. */
export type RuleVisitors = { [selector: string]: ((node: never) => void) | undefined };

/** A source of code a rule must or must not fire on. Lines that must fire end with `// vigil-expect`. */
export interface RuleCase {
  code: string;
  /** Defaults to `case.ts`; set `.jsx`/`.tsx` for JSX. */
  filename?: string;
  name?: string;
}

export interface RuleCases {
  /** Code where the rule must stay silent. */
  valid: RuleCase[];
  /** Code where the rule must fire on exactly the marked lines. */
  invalid: RuleCase[];
}

export interface SastRuleMeta extends RuleMeta {
  kind: 'sast' | 'secret';
}

/** One rule: what it finds (meta) and how (visitors). Cases live beside it in `<id>.cases.ts`. */
export interface RuleModule {
  meta: SastRuleMeta;
  /**
   * Text the rule needs to see before it can fire (the names it looks for): a file whose text
   * matches no active rule's hint is not parsed at all, as Semgrep prefilters files by their
   * rules' literals. Must be a superset: a false match costs a parse, a false miss loses findings.
   * No hint: the rule runs on every file.
   */
  hint?: RuleHint;
  create(context: RuleContext): RuleVisitors;
  /** Taint rules carry their sources, sinks and sanitisers as data (see src/sast/taint/spec.ts). */
  taint?: TaintSpec;
  /**
   * A taint rule with a pattern half (TaintAudit) runs where no untrusted data can arrive
   * (taintOff) if the text matches this: a superset of what the pattern half fires on.
   */
  auditHint?: RuleHint;
  /** …and only in a library-mode package's code (TaintAudit scope `library`). */
  auditInLibraryOnly?: boolean;
  /**
   * Modules whose declared version decides what a pattern rule reports (passport's `req.login`
   * regenerates the session from 0.6 on): their ranges reach it as `context.taint.declared`, as a
   * version-gated sink's do (TaintSpec sinks' `declared`).
   */
  declares?: readonly string[];
}

/** What a rule needs to see in a file's text before it can fire (see RuleModule.hint). */
export type RuleHint = RegExp | ((text: string) => boolean);

/** Can the rule fire on this text at all (see RuleModule.hint)? */
export function ruleApplies(rule: { hint?: RuleHint | undefined }, text: string): boolean {
  const hint = rule.hint;
  if (!hint) return true;
  // A taint rule's pattern half is asked twice about a file (which rules run, then at its creation).
  const last = lastVerdicts.get(hint);
  if (last?.text === text) return last.applies;
  const applies = typeof hint === 'function' ? hint(text) : hint.test(text);
  if (last) {
    last.text = text;
    last.applies = applies;
  } else lastVerdicts.set(hint, { text, applies });
  return applies;
}

/** Each hint's verdict on the last text it was tried on. */
const lastVerdicts = new WeakMap<RuleHint, { text: string; applies: boolean }>();

/** A hint's verdict on a text, worked out by another thread: ruleApplies answers it without matching. */
export function presetVerdict(hint: RuleHint, text: string, applies: boolean): void {
  lastVerdicts.set(hint, { text, applies });
}

/** The rules whose hint matches `text`: the only ones worth parsing the file for. */
export function applicableRules(rules: readonly RuleModule[], text: string): RuleModule[] {
  return rules.filter((rule) => ruleApplies(rule, text));
}

/**
 * A hint matching any of these names as a word. `\b` rather than a lookbehind keeps V8's fast
 * literal scan; it also matches `$name` and `name$x`, which only costs a parse (a hint may match
 * too much, never too little).
 */
export function namesHint(names: Iterable<string>): RegExp {
  const escape = (n: string) => n.replace(/[$.*+?^()[\]{}|\\]/g, '\\$&');
  const words = [...names].filter((n) => /^\w(?:.*\w)?$/.test(n));
  const others = [...names].filter((n) => !words.includes(n));
  const parts = others.map((n) => `${escape(n)}${/\w$/.test(n) ? '\\b' : ''}`);
  if (words.length) parts.unshift(`\\b(?:${words.map(escape).join('|')})\\b`);
  return new RegExp(parts.join('|'));
}

/** Identity helper that gives rule files full type checking. */
export function defineRule(rule: RuleModule): RuleModule {
  return rule;
}

export const EXPECT_MARKER = '// vigil-expect';
