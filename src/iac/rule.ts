import type { RuleMeta } from '../core/finding.ts';
import type { Severity } from '../core/severity.ts';
import type { Dockerfile } from './dockerfile/parse.ts';
import type { Workflow } from './workflow/parse.ts';

export interface IacRuleMeta extends RuleMeta {
  kind: 'config';
}

/** A source region, 1-based lines and columns (end column exclusive). */
export interface Span {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** What an IaC rule reports; the engine adds the rule's metadata, the path and a masked snippet. */
export interface IacReport {
  at: Span;
  message: string;
  /** Text to show instead of the source line (must already be masked when it holds a secret). */
  snippet?: string;
  /** Overrides the rule's fix hint; `replacement` only when the edit is safe and mechanical. */
  fix?: { description: string; replacement?: { at: Span; text: string } };
  severity?: Severity;
  properties?: Record<string, unknown>;
}

export type Report = (report: IacReport) => void;

export interface DockerfileRule {
  fileKind: 'dockerfile';
  meta: IacRuleMeta;
  check(file: Dockerfile, report: Report): void;
}

export interface WorkflowRule {
  fileKind: 'workflow';
  meta: IacRuleMeta;
  check(workflow: Workflow, report: Report): void;
}

/** One Dockerfile or workflow rule. Cases live beside it in `<name>.cases.ts` (a RuleCases). */
export type IacRule = DockerfileRule | WorkflowRule;

export function defineDockerfileRule(rule: Omit<DockerfileRule, 'fileKind'>): DockerfileRule {
  return { fileKind: 'dockerfile', ...rule };
}

export function defineWorkflowRule(rule: Omit<WorkflowRule, 'fileKind'>): WorkflowRule {
  return { fileKind: 'workflow', ...rule };
}

/**
 * Lines of a Dockerfile or workflow case that must fire end with this marker (a YAML comment;
 * in a Dockerfile the case runner strips it before parsing, since Dockerfile comments are only
 * whole lines).
 */
export const IAC_EXPECT_MARKER = '# vigil-expect';
