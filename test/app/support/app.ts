import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { startGitHubApi, type GitHubApiStandIn } from '../../support/github-api/index.ts';
import { runs } from '../../support/tools.ts';
import { appLogger, startApp, type AppSettings, type RunningApp } from '../../../src/app/server.ts';
import { APP_ID, appKeys, folderTarball, git, newSecret, waitFor } from './fixtures.ts';

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

/** True once the App's queue is empty and nothing runs. */
export async function idle(app: RunningApp): Promise<boolean> {
  const d = await app.scheduler.queue.depth();
  return d.waiting + d.active + d.delayed === 0;
}

export const hasRedis = runs('redis-server');

export interface Redis {
  url: string;
  stop(): Promise<void>;
}

/** A throwaway redis-server on 127.0.0.1, on an ephemeral port, without persistence. */
export async function startRedis(): Promise<Redis> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  redis.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor('redis-server', () => out.includes('Ready to accept connections'), 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      redis.kill('SIGTERM');
      await new Promise((resolve) => redis.once('exit', resolve));
    },
  };
}
