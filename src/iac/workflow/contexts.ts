import type { Node } from 'yaml';
import { expressionsIn, get, str, type Job, type Step, type Workflow } from './parse.ts';

/**
 * Contexts an outside contributor can set, from GitHub's "Script injections" page and its
 * Security Lab's "untrusted input" list; `*` matches one segment (an array index or key).
 */
const UNTRUSTED = [
  'github.head_ref',
  'github.event.issue.title',
  'github.event.issue.body',
  'github.event.pull_request.title',
  'github.event.pull_request.body',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.label',
  'github.event.pull_request.head.repo.default_branch',
  'github.event.comment.body',
  'github.event.review.body',
  'github.event.review_comment.body',
  'github.event.discussion.title',
  'github.event.discussion.body',
  'github.event.pages.*.page_name',
  'github.event.commits.*.message',
  'github.event.commits.*.author.email',
  'github.event.commits.*.author.name',
  'github.event.commits.*.committer.email',
  'github.event.commits.*.committer.name',
  'github.event.head_commit.message',
  'github.event.head_commit.author.email',
  'github.event.head_commit.author.name',
  'github.event.head_commit.committer.email',
  'github.event.head_commit.committer.name',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.display_title',
  'github.event.workflow_run.head_commit.message',
  'github.event.workflow_run.head_commit.author.email',
  'github.event.workflow_run.head_commit.author.name',
  'github.event.workflow_run.pull_requests.*.head.ref',
].map((p) => p.split('.'));

/** Event fields whose last segment says free text chosen by whoever opened the issue, PR, comment or commit. */
const UNTRUSTED_LEAF = new Set([
  'body',
  'title',
  'message',
  'page_name',
  'head_ref',
  'head_branch',
  'display_title',
]);

/** Context paths referenced in an expression (`github.event.pages[0].page_name` → `github.event.pages.*.page_name`). */
export function contextPaths(expression: string): string[] {
  const out: string[] = [];
  const re =
    /\b(github|env|secrets|inputs|steps|needs|vars|matrix|job|runner|strategy)((?:\.[A-Za-z_*][\w-]*|\[[^\]]*\])*)/g;
  for (const m of expression
    .replace(/'(?:[^']|'')*'/g, (s) => (/^'[\w-]+'$/.test(s) ? s : "''"))
    .matchAll(re)) {
    // A name right after a dot is a property of something else (`foo.github`), not a context.
    if (m.index > 0 && expression[m.index - 1] === '.') continue;
    const rest = m[2]!.replace(/\[\s*'([\w-]+)'\s*\]/g, '.$1').replace(/\[[^\]]*\]/g, '.*');
    out.push(`${m[1]}${rest}`);
  }
  return out;
}

function matches(pattern: string[], path: string[]): boolean {
  return (
    pattern.length === path.length &&
    pattern.every((seg, i) => seg === '*' || path[i] === '*' || seg === path[i])
  );
}

/** Whether a context path is (or contains, like `toJSON(github.event)`) text an outside contributor controls. */
export function isUntrustedContext(path: string): boolean {
  const segments = path.split('.');
  if (segments[0] !== 'github') return false;
  if (UNTRUSTED.some((p) => matches(p, segments))) return true;
  // A whole object that holds such a field: `toJSON(github.event.pull_request)`.
  if (UNTRUSTED.some((p) => p.length > segments.length && matches(p.slice(0, segments.length), segments)))
    return true;
  // `github.event.inputs` are workflow_dispatch inputs: set by people with write access, like `inputs.*`.
  return (
    segments[1] === 'event' &&
    segments[2] !== 'inputs' &&
    segments.length > 3 &&
    UNTRUSTED_LEAF.has(segments.at(-1)!)
  );
}

/** The untrusted context paths an expression reads. */
export function untrustedIn(expression: string): string[] {
  return contextPaths(expression).filter(isUntrustedContext);
}

/** Triggers that run with the base repository's secrets and a write token on events outsiders cause. */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run', 'issue_comment'];

export function privilegedTriggers(workflow: Workflow): string[] {
  return PRIVILEGED_TRIGGERS.filter((t) => workflow.triggers.has(t));
}

/** `owner/repo/path@ref`, `./local`, `docker://image` → what `uses:` points at. */
export interface UsesRef {
  kind: 'local' | 'docker' | 'remote';
  owner?: string;
  /** `owner/repo` (plus a path for actions in subfolders and reusable workflows). */
  name: string;
  ref?: string;
}

export function parseUses(value: string): UsesRef {
  const v = value.trim();
  if (v.startsWith('./') || v.startsWith('.\\')) return { kind: 'local', name: v };
  if (v.startsWith('docker://')) {
    const image = v.slice('docker://'.length);
    const at = image.indexOf('@');
    return {
      kind: 'docker',
      name: at === -1 ? image : image.slice(0, at),
      ...(at === -1 ? {} : { ref: image.slice(at + 1) }),
    };
  }
  const at = v.lastIndexOf('@');
  const name = at === -1 ? v : v.slice(0, at);
  return {
    kind: 'remote',
    owner: name.split('/')[0]!.toLowerCase(),
    name,
    ...(at === -1 ? {} : { ref: v.slice(at + 1) }),
  };
}

export const FULL_SHA = /^[0-9a-f]{40}$/;

/** Owners whose actions GitHub itself maintains. */
export const FIRST_PARTY_OWNERS = new Set(['actions', 'github']);

/** Expression text that names the pull request's head (its commit, branch or `refs/pull/N/…`). */
const PR_HEAD =
  /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch)|github\.event\.workflow_run\.pull_requests|github\.event\.pull_request\.merge_commit_sha|head\.repo\.full_name/;
/** Shell commands that fetch a pull request's code. */
const PR_FETCH = /\bgh\s+pr\s+checkout\b|refs\/pull\/|\bpull\/\$\{\{|git\s+fetch\b[^\n]*\bpull\//;

function textOf(workflow: Workflow, node: Node | undefined): string {
  if (!node?.range) return '';
  return workflow.text.slice(node.range[0], node.range[1]);
}

export function stepUses(step: Step): UsesRef | undefined {
  const v = str(step.uses);
  return v === undefined ? undefined : parseUses(v);
}

/**
 * The first step of a job that puts the pull request's head on the runner: `actions/checkout`
 * with a head `ref:`/`repository:`, or a `run:` that fetches `refs/pull/…` / `gh pr checkout`.
 */
export function prHeadCheckout(workflow: Workflow, job: Job): { step: Step; node: Node } | undefined {
  for (const step of job.steps) {
    const uses = stepUses(step);
    if (uses?.kind === 'remote' && uses.name.toLowerCase() === 'actions/checkout' && step.with) {
      for (const key of ['ref', 'repository']) {
        const node = get(step.with, key);
        const text = textOf(workflow, node);
        if (node && (PR_HEAD.test(text) || /refs\/pull\//.test(text))) return { step, node };
      }
    }
    if (step.run && PR_FETCH.test(textOf(workflow, step.run))) return { step, node: step.run };
  }
  return undefined;
}

/** Steps after `from` that run code from the checked-out tree: scripts, local actions, build actions. */
export function executingSteps(job: Job, from: Step): Step[] {
  return job.steps.filter((s) => {
    if (s.index <= from.index) return false;
    if (s.run) return true;
    const uses = stepUses(s);
    return uses?.kind === 'local' || (uses?.kind === 'remote' && BUILD_ACTIONS.test(uses.name));
  });
}

/** Actions that build or run the repository's own code (build scripts, Makefiles, package scripts). */
const BUILD_ACTIONS =
  /^(docker\/build-push-action|docker\/bake-action|gradle\/(gradle-build-action|actions\/setup-gradle)|github\/codeql-action\/autobuild|cypress-io\/github-action|goreleaser\/goreleaser-action|pre-commit\/action)$/i;

/** `${{ secrets.X }}` expressions in a node's source (GITHUB_TOKEN included). */
export function secretReferences(
  workflow: Workflow,
  node: Node | undefined,
): { name: string; offset: number; end: number }[] {
  if (!node) return [];
  return expressionsIn(workflow, node).flatMap((e) =>
    contextPaths(e.text)
      .filter((p) => p === 'secrets' || p.startsWith('secrets.'))
      .map((p) => ({ name: p, offset: e.offset, end: e.end })),
  );
}
