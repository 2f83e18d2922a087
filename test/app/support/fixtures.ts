import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { example } from '../../support/fixtures.ts';

export { commit, example, git, initRepo } from '../../support/fixtures.ts';

/**
 * Test helpers for the App: real webhook payloads from @octokit/webhooks-examples (only the
 * fields that must match the fixture repository are changed), HMAC-SHA256 signatures as GitHub
 * computes them, an RSA key pair made at test time, and tarballs built from fixture folders.
 */

export const APP_ID = 4242;

export function appKeys(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export const newSecret = () => randomBytes(24).toString('hex');

export interface Repository {
  owner: string;
  name: string;
  installationId: number;
}

/** Point a real payload's repository (and installation, which examples omit) at the fixture. */
function retarget(event: Record<string, unknown>, r: Repository): void {
  const repository = event.repository as Record<string, unknown> & { owner: Record<string, unknown> };
  repository.name = r.name;
  repository.full_name = `${r.owner}/${r.name}`;
  repository.owner.login = r.owner;
  repository.default_branch = 'main';
  event.installation = { id: r.installationId, node_id: `I_${r.installationId}` };
}

/** pull_request.<action>: number, head/base SHAs, changed_files, draft and the repository changed. */
export function pullRequestEvent(
  action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review',
  r: Repository,
  o: { number: number; head: string; base: string; changedFiles?: number; draft?: boolean },
): Record<string, unknown> {
  const event = example('pull_request', (e) => e.action === action);
  retarget(event, r);
  event.number = o.number;
  const pr = event.pull_request as Record<string, unknown> & {
    head: Record<string, unknown> & { repo: Record<string, unknown> };
    base: Record<string, unknown> & { repo: Record<string, unknown> };
  };
  pr.number = o.number;
  pr.draft = o.draft ?? false;
  pr.head.sha = o.head;
  pr.base.sha = o.base;
  pr.head.repo.full_name = pr.base.repo.full_name = `${r.owner}/${r.name}`;
  pr.changed_files = o.changedFiles ?? 1;
  return event;
}

/** check_run.rerequested on vigil's run: app id, head SHA and the linked PR changed. */
export function checkRunRerequested(
  r: Repository,
  o: { head: string; base: string; number: number; appId?: number; fork?: boolean },
): Record<string, unknown> {
  const event = example('check_run', (e) => e.action === 'rerequested');
  retarget(event, r);
  const run = event.check_run as Record<string, unknown>;
  run.head_sha = o.head;
  (run.app as Record<string, unknown>).id = o.appId ?? APP_ID;
  // GitHub lists no pull request for a head commit in a fork.
  run.pull_requests = o.fork
    ? []
    : [
        {
          id: 1,
          number: o.number,
          url: '',
          head: { ref: 'f', sha: o.head, repo: {} },
          base: { ref: 'main', sha: o.base, repo: {} },
        },
      ];
  return event;
}

/** push to refs/heads/main: before/after and the repository changed. */
export function pushEvent(r: Repository, o: { before: string; after: string }): Record<string, unknown> {
  const event = example('push', (e) => e.ref === 'refs/heads/master');
  retarget(event, r);
  event.ref = 'refs/heads/main';
  event.before = o.before;
  event.after = o.after;
  return event;
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface Delivery {
  status: number;
  ms: number;
  text: string;
}

/** POST a webhook as GitHub does; `signature: null` leaves the header out. */
export async function deliver(
  url: string,
  event: string,
  payload: unknown,
  o: { secret: string; delivery?: string; signature?: string | null },
): Promise<Delivery> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': o.delivery ?? randomUUID(),
    'user-agent': 'GitHub-Hookshot/test',
  };
  const signature = o.signature === undefined ? sign(o.secret, body) : o.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const started = performance.now();
  const res = await fetch(`${url}/api/github/webhooks`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - started, text };
}

// ---- tarballs --------------------------------------------------------------------------------------

export interface TarEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  content?: string | Buffer;
  linkname?: string;
  size?: number;
}

/** A gzip'd tarball of exactly these entries (hostile ones included). */
export async function tarball(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    if (type === 'file') pack.entry({ name: e.name, mode: 0o644 }, e.content ?? '');
    else pack.entry({ name: e.name, type, ...(e.linkname ? { linkname: e.linkname } : {}), mode: 0o755 });
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

const EVAL_SOURCE = 'const input = process.argv[2];\neval(input);\n';

/** GitHub's tarball of a one-file repository whose src/a.js has a code-injection finding. */
export function evalTarball(prefix: string): Promise<Buffer> {
  return tarball([
    { name: `${prefix}/`, type: 'directory' },
    { name: `${prefix}/src/a.js`, content: EVAL_SOURCE },
  ]);
}

/** The pull request file that adds that src/a.js. */
export const EVAL_PR_FILE = {
  filename: 'src/a.js',
  status: 'added',
  additions: 2,
  deletions: 0,
  changes: 2,
  patch: '@@ -0,0 +1,2 @@\n+const input = process.argv[2];\n+eval(input);',
} as const;

/** GitHub's tarball of a fixture folder: every file under `owner-repo-sha7/`, .git left out. */
export function folderTarball(dir: string, prefix: string): Promise<Buffer> {
  const entries: TarEntry[] = [{ name: `${prefix}/`, type: 'directory' }];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const abs = join(d, entry.name);
      const rel = relative(dir, abs).split('\\').join('/');
      if (entry.isDirectory()) {
        entries.push({ name: `${prefix}/${rel}/`, type: 'directory' });
        walk(abs);
      } else if (entry.isFile()) entries.push({ name: `${prefix}/${rel}`, content: readFileSync(abs) });
    }
  };
  walk(dir);
  return tarball(entries);
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
