import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScan } from '../../src/core/scan.ts';
import { buildSarifLog } from '../../src/report/sarif.ts';
import { multitoolValidate, schemaErrors } from '../report/sarif-validators.ts';
import { iacKindOf } from '../../src/iac/engine.ts';
import { configScanner } from '../../src/iac/scanner.ts';
import { withTokenChecksum } from '../../src/sast/secrets/index.ts';
import { scanners } from '../../src/scanners.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-iac-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

const scan = () => runScan({ root: dir, scanners: [configScanner] });
const summary = (findings: { ruleId: string; location: { path: string; startLine: number } }[]) =>
  findings.map((f) => `${f.location.path}:${f.location.startLine} ${f.ruleId}`).sort();

describe('config scanner', () => {
  it('is registered in the scanner list', () => {
    expect(scanners.map((s) => s.id)).toContain('config');
  });

  it('picks Dockerfiles and workflows by name', () => {
    for (const p of [
      'Dockerfile',
      'svc/Dockerfile.prod',
      'api.Dockerfile',
      'Containerfile',
      'build/containerfile',
    ])
      expect(iacKindOf(p), p).toBe('dockerfile');
    for (const p of ['.github/workflows/ci.yml', 'sub/.github/workflows/release.yaml'])
      expect(iacKindOf(p), p).toBe('workflow');
    for (const p of [
      'Dockerfile.md',
      'docs/dockerfile.txt',
      '.github/ci.yml',
      '.github/workflows/x/ci.yml',
      'a.yml',
    ])
      expect(iacKindOf(p), p).toBeUndefined();
  });

  it('scans every kind of file, and one bad file does not stop the others', async () => {
    await put({
      Dockerfile: 'FROM node\nRUN curl -fsSL https://x | sh\n',
      'svc/api.Dockerfile': 'FROM python:3.12\nUSER 1000\n',
      Containerfile: 'FROM debian:12\nUSER 0\n',
      '.github/workflows/ci.yml':
        'on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n',
      '.github/workflows/broken.yaml': 'on: push\njobs:\n  a: [\n',
      // Binary junk under a Dockerfile name: the walker sets it aside with a note.
      'junk/Dockerfile': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0xff, 0xfe]),
      // Junk without NUL bytes gets past the walker; the parser names the file and the line.
      'junk2/Dockerfile': Buffer.concat([
        Buffer.from('FROM a:1\n'),
        Buffer.from(Array.from({ length: 64 }, () => 0xfe)),
      ]),
    });
    const result = await scan();
    expect(summary(result.findings)).toEqual([
      '.github/workflows/ci.yml:7 workflow/script-injection',
      'Containerfile:2 dockerfile/root-user',
      'Dockerfile:1 dockerfile/root-user',
      'Dockerfile:1 dockerfile/unpinned-base-image',
      'Dockerfile:2 dockerfile/curl-pipe-shell',
    ]);
    expect(result.findings.every((f) => f.kind === 'config' && f.fingerprint)).toBe(true);
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '.github/workflows/broken.yaml', line: 4, level: 'error' }),
        expect.objectContaining({ path: 'junk/Dockerfile' }),
        expect.objectContaining({
          path: 'junk2/Dockerfile',
          line: 2,
          message: 'not a Dockerfile: binary content',
        }),
      ]),
    );
    expect(result.rules.map((r) => r.id)).toContain('workflow/unpinned-action');
  });

  it('honours # vigil-ignore-next-line in a Dockerfile end to end', async () => {
    await put({
      Dockerfile:
        '# vigil-ignore-next-line dockerfile/root-user -- runs in a sandboxed build farm only\nFROM node:20\nEXPOSE 80\n',
    });
    const result = await scan();
    const root = result.findings.find((f) => f.ruleId === 'dockerfile/root-user');
    expect(root?.suppression).toMatchObject({
      kind: 'inline',
      justification: 'runs in a sandboxed build farm only',
      location: { path: 'Dockerfile', startLine: 1 },
    });
    expect(
      result.findings.find((f) => f.ruleId === 'dockerfile/missing-healthcheck')?.suppression,
    ).toBeUndefined();
  });

  it('honours # vigil-ignore-line in a workflow', async () => {
    await put({
      '.github/workflows/ci.yml':
        'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4 # vigil-ignore-line workflow/unpinned-action -- updated by Renovate\n',
    });
    const [finding] = (await scan()).findings;
    expect(finding).toMatchObject({ ruleId: 'workflow/unpinned-action', suppression: { kind: 'inline' } });
  });

  it('never prints a secret whole', async () => {
    const token = withTokenChecksum(
      'ghp_',
      randomBytes(30)
        .toString('base64')
        .replace(/[^A-Za-z0-9]/g, 'a')
        .slice(0, 30),
    );
    const password = `pw-${randomBytes(12).toString('hex')}`;
    await put({ Dockerfile: `FROM node:20\nENV GH_PAT=${token} DB_PASSWORD=${password}\nUSER node\n` });
    const result = await scan();
    expect(summary(result.findings)).toEqual([
      'Dockerfile:2 dockerfile/secret-in-env',
      'Dockerfile:2 dockerfile/secret-in-env',
    ]);
    const out = JSON.stringify(result);
    expect(out).not.toContain(token);
    expect(out).not.toContain(password);
  });

  it('skips disabled rules', async () => {
    await put({ Dockerfile: 'FROM node\nUSER node\n' });
    const result = await runScan({
      root: dir,
      scanners: [configScanner],
      config: { rules: { 'dockerfile/unpinned-base-image': 'off' } },
    });
    expect(result.findings).toEqual([]);
  });

  it('reports every rule and finding as SARIF that GitHub and the SARIF Multitool accept', async () => {
    await put({
      Dockerfile: 'FROM node\nENV API_KEY=s3cr3t-value-123\nRUN apt-get install -y curl\nEXPOSE 80\n',
      '.github/workflows/pr.yml':
        'on: pull_request_target\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.head_ref }}\n      - run: echo "${{ github.event.pull_request.body }}"\n',
    });
    const result = await scan();
    expect(result.rules.filter((r) => r.kind === 'config').length).toBeGreaterThanOrEqual(18);
    const log = buildSarifLog(result);
    expect(schemaErrors(log)).toEqual([]);
    const [validation] = multitoolValidate(log);
    expect(validation!.filter((r) => r.level === 'error' || r.level === 'warning')).toEqual([]);
    expect(JSON.stringify(log)).not.toContain('s3cr3t-value-123');
  });
});
