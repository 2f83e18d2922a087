import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { startGitHubApi, type GitHubApiStandIn } from '../../support/github-api/index.ts';
import { runs } from '../../support/tools.ts';
import { appLogger, startApp, type AppSettings, type RunningApp } from '../../../src/app/server.ts';
import {
  APP_ID,
  appKeys,
  deliver,
  EVAL_PR_FILE,
  evalTarball,
  folderTarball,
  git,
  newSecret,
  pullRequestEvent,
  waitFor,
  type Delivery,
  type Repository,
} from './fixtures.ts';

export const PERMISSIONS = {
  checks: 'write',
  pull_requests: 'write',
  contents: 'read',
  metadata: 'read',
} as const;

export interface Harness {
  api: GitHubApiStandIn;
  app: RunningApp;
  secret: string;
  keys: { privateKey: string; publicKey: string };
  /** Every log line the App wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  rawLogs: string[];
  close(): Promise<void>;
}

/** The stand-in with an App registered (its public key), and the App on it, in this process. */
export async function startHarness(extra: Partial<AppSettings> = {}): Promise<Harness> {
  const keys = appKeys();
  const secret = newSecret();
  const api = await startGitHubApi({ app: { id: APP_ID, slug: 'vigil-test', publicKey: keys.publicKey } });
  const rawLogs: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        rawLogs.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const settings: AppSettings = {
    appId: APP_ID,
    privateKey: keys.privateKey,
    webhookSecret: secret,
    role: 'all',
    host: '127.0.0.1',
    port: 0,
    baseUrl: api.url,
    concurrency: 2,
    perInstallation: 2,
    timeoutMs: 60_000,
    writeIntervalMs: 0,
    logLevel: 'debug',
    ...extra,
  };
  const app = await startApp(settings, appLogger('debug', sink));
  return {
    api,
    app,
    secret,
    keys,
    logs,
    rawLogs,
    async close() {
      await app.stop();
      await api.close();
    },
  };
}

/** GitHub's tarball of the fixture repository at `sha`, registered with the stand-in. */
export async function serveCommit(
  api: GitHubApiStandIn,
  fullName: string,
  dir: string,
  sha: string,
): Promise<void> {
  git(dir, 'checkout', '-q', '--detach', sha);
  const [owner, name] = fullName.split('/');
  api.repo(fullName).archives.set(sha, await folderTarball(dir, `${owner}-${name}-${sha.slice(0, 7)}`));
}

/** An installation with one repository whose PR #1 at `head` adds src/a.js with an eval (EVAL_PR_FILE). */
export async function serveEvalPull(h: Harness, r: Repository, head: string, base: string): Promise<void> {
  const fullName = `${r.owner}/${r.name}`;
  h.api.addInstallation({ id: r.installationId, account: r.owner, permissions: { ...PERMISSIONS } });
  h.api.addRepo(fullName, { installationId: r.installationId });
  h.api.repo(fullName).archives.set(head, await evalTarball(`${r.owner}-${r.name}-${head.slice(0, 7)}`));
  h.api.setPull(fullName, 1, { headSha: head, baseSha: base, files: [EVAL_PR_FILE] });
}

/** GitHub delivering `pull_request.opened` for that PR #1. */
export const openEvalPull = (
  h: Harness,
  r: Repository,
  head: string,
  base: string,
  delivery?: string,
): Promise<Delivery> =>
  deliver(h.app.url, 'pull_request', pullRequestEvent('opened', r, { number: 1, head, base }), {
    secret: h.secret,
    ...(delivery ? { delivery } : {}),
  });

/** True once the App's queue is empty and nothing runs. */
export async function idle(app: RunningApp): Promise<boolean> {
  const d = await app.scheduler.queue.depth();
  return d.waiting + d.active + d.delayed === 0;
}

export const hasRedis = runs('redis-server');

export interface Redis {
  url: string;
  port: number;
  /** Send the server a signal (SIGKILL: it dies at once; SIGSTOP/SIGCONT: it hangs, then resumes). */
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

/**
 * A throwaway redis-server on 127.0.0.1, on an ephemeral port (or `port`, to bring one back where
 * it was), without persistence.
 */
export async function startRedis(port?: number): Promise<Redis> {
  if (port === undefined) {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
  }
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  redis.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor('redis-server', () => out.includes('Ready to accept connections'), 10_000);
  const exited = new Promise((resolve) => redis.once('exit', resolve));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    signal: (signal) => void redis.kill(signal),
    async stop() {
      if (redis.exitCode === null && redis.signalCode === null) redis.kill('SIGKILL');
      await exited;
    },
  };
}
