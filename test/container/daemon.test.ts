import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanImage } from '../../src/container/scanner.ts';
import { openDaemonImage } from '../../src/container/sources/daemon.ts';
import { openImage } from '../../src/container/sources/index.ts';
import { buildCorpusFixtures } from './helpers.ts';

// A real Docker-compatible engine: podman's API service with its storage in a temp dir.
let dir: string;
let fixtures: string;
let podman: ChildProcess;
let socket: string;

beforeAll(async () => {
  fixtures = await buildCorpusFixtures();
  dir = await mkdtemp(join(tmpdir(), 'vigil-podman-'));
  socket = join(dir, 'api.sock');
  podman = spawn(
    'podman',
    [
      '--root',
      join(dir, 'root'),
      '--runroot',
      join(dir, 'run'),
      '--storage-driver',
      'vfs',
      'system',
      'service',
      '--time=0',
      `unix://${socket}`,
    ],
    { stdio: 'ignore' },
  );
  const docker = new Docker({ socketPath: socket });
  for (let i = 0; ; i++) {
    if (
      await docker.ping().then(
        () => true,
        () => false,
      )
    )
      break;
    if (i > 100) throw new Error('podman API service did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const loaded = await docker.loadImage(createReadStream(join(fixtures, 'docker-archive/minimal-dpkg.tar')));
  await new Promise((resolve, reject) => {
    loaded.on('end', resolve);
    loaded.on('error', reject);
    loaded.resume();
  });
});

afterAll(async () => {
  podman?.kill('SIGTERM');
  await new Promise((r) => (podman?.exitCode !== null ? r(null) : podman.once('exit', r)));
  await rm(dir, { recursive: true, force: true });
  await rm(fixtures, { recursive: true, force: true });
});

describe('Docker engine source (podman API service)', () => {
  it('exports the image with docker save and scans it like the archive', async () => {
    const source = await openDaemonImage('vigil-fixtures/minimal-dpkg:latest', {
      docker: new Docker({ socketPath: socket }),
    });
    try {
      expect(source.kind).toBe('daemon');
      const report = await scanImage(source);
      expect(report.os?.ecosystem).toBe('Debian:12');
      expect(report.packages).toHaveLength(91);
    } finally {
      await source.close();
    }
  });

  it('honours DOCKER_HOST for a bare reference', async () => {
    const previous = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${socket}`;
    try {
      const source = await openImage('vigil-fixtures/minimal-dpkg:latest', { env: process.env });
      expect(source.kind).toBe('daemon');
      await source.close();
    } finally {
      if (previous === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = previous;
    }
  });

  it('says the image is missing rather than failing obscurely', async () => {
    await expect(
      openDaemonImage('no/such-image:1', { docker: new Docker({ socketPath: socket }) }),
    ).rejects.toThrow(/no such image in the Docker engine/);
  });
});
