import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/core/scan.ts';
import { REPORT_FORMATS, render } from '../../src/report/index.ts';
import { sastScanner } from '../../src/sast/scanner.ts';
import hardcodedSecret from '../../rules/js/hardcoded-secret.ts';
import { runRules } from '../../src/sast/engine.ts';
import {
  DETECTORS,
  findSecrets,
  hasTokenChecksum,
  maskSecret,
  scanTextForSecrets,
  withTokenChecksum,
} from '../../src/sast/secrets/index.ts';
import { randomChars, sampleSecrets } from '../../src/sast/secrets/samples.ts';
import { scanSastText } from '../../src/sast/scanner.ts';
import { sastRules } from '../../rules/index.ts';
import { runCli } from '../cli/helpers.ts';
import { withoutUserinfo } from '../../src/core/urls.ts';

const samples = sampleSecrets();

/** The secret part of a sample (for key = value samples, the value). */
function secretOf(id: string, sample: string): string {
  if (id === 'aws-secret-access-key') return sample.split('"')[1]!;
  if (id === 'azure-storage-key') return sample.split('AccountKey=')[1]!.replace(/;$/, '');
  if (id === 'database-url-password') return sample.split(':')[2]!.split('@')[0]!;
  return sample;
}

/**
 * Every way a value could leak: the whole value, and any 12-character window of its secret part
 * (after the public prefix a mask keeps, such as `ghp_` or `sk-ant-api03-`).
 */
function leaks(output: unknown, secret: string, id?: string): boolean {
  const text = JSON.stringify(output);
  if (text.includes(secret)) return true;
  const prefix = DETECTORS.find((d) => d.id === id)?.prefix?.(secret) ?? '';
  const core = secret.slice(prefix.length).replace(/\s+/g, '');
  for (let i = 0; i + 12 <= core.length; i += 6) {
    const window = core.slice(i, i + 12);
    if (
      /^[A-Za-z0-9+/=_-]{12}$/.test(window) &&
      !/^(BEGIN|-----|PRIVATE)/.test(window) &&
      text.includes(window)
    ) {
      return true;
    }
  }
  return false;
}

describe('secret detectors', () => {
  it('have a sample for every detector', () => {
    expect(Object.keys(samples).sort()).toEqual(DETECTORS.map((d) => d.id).sort());
  });

  it.each(DETECTORS.map((d) => [d.id] as const))('%s: found, masked, never leaked by the text scan', (id) => {
    const sample = samples[id]!;
    const text = `# config\nvalue=${sample}\n`;
    const findings = scanTextForSecrets('conf/app.env', text);
    expect(findings.map((f) => f.properties?.detector)).toEqual([id]);
    const f = findings[0]!;
    expect(f.kind).toBe('secret');
    expect(f.location.startLine).toBe(2);
    expect(f.location.snippet).toContain('*');
    expect(leaks(findings, secretOf(id, sample), id)).toBe(false);
  });

  it.each(DETECTORS.map((d) => [d.id] as const))(
    '%s: found in JS strings, never leaked by the rule',
    (id) => {
      const sample = samples[id]!;
      const code = `export const value = ${JSON.stringify(sample)};\n`;
      const result = runRules('src/config.ts', code, [hardcodedSecret]);
      expect(result.findings.map((f) => f.properties?.detector)).toEqual([id]);
      expect(result.findings[0]!.location.startLine).toBe(1);
      expect(leaks(result, secretOf(id, sample), id)).toBe(false);
    },
  );

  it('never leaks through the scanner with every rule enabled', () => {
    const all = Object.values(samples);
    const js = all.map((s, i) => `const s${i} = ${JSON.stringify(s)}; // ${i}`).join('\n');
    const out = [
      scanSastText({ path: 'a.js', text: js }, sastRules, true),
      scanSastText(
        { path: 'b.yml', text: all.map((s) => `k: ${JSON.stringify(s)}`).join('\n') },
        sastRules,
        true,
      ),
    ];
    for (const [id, s] of Object.entries(samples)) expect(leaks(out, secretOf(id, s), id), id).toBe(false);
    expect(out[0]!.findings.length).toBe(all.length);
    expect(out[1]!.findings.length).toBe(all.length);
  });

  it('skips placeholders, documented examples and bad checksums', () => {
    const text = [
      'AKIAIOSFODNN7EXAMPLE',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      `aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"`,
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      `ghp_${randomChars(36)}`,
      `npm_${randomChars(36)}`,
      'sk_live_0000000000000000000000000',
      '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
      'xoxb-your-token-here',
      'eyJhbGciOi.eyJzdWIiOi.placeholder_signature',
      'postgres://postgres:postgres@localhost:5432/app',
      `https://bucket.s3.amazonaws.com/f?X-Amz-Credential=AKIA${randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}%2F2019`,
      `postgres://app:${randomChars(20)}@127.0.0.1/app`,
      'mongodb://admin:password@db.internal/app',
      'mysql://root:${DB_PASSWORD}@db/app',
    ].join('\n');
    expect(findSecrets(text).map((m) => m.detector.id)).toEqual([]);
  });

  it('reports an expired JWT at low precision, in code and in text files', () => {
    const jwt = (claims: string) =>
      [
        Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
        Buffer.from(claims).toString('base64url'),
        randomChars(43),
      ].join('.');
    const expired = jwt(`{"sub":"${randomChars(8)}","exp":1589300284}`);
    const live = jwt(`{"sub":"${randomChars(8)}","exp":${Math.floor(Date.now() / 1000) + 3600}}`);
    const code = `export const docs = { example: '${expired}' };\nexport const token = '${live}';`;
    const found = runRules('api.ts', code, [hardcodedSecret]).findings;
    expect(found.map((f) => [f.location.startLine, f.precision])).toEqual([
      [1, 'low'],
      [2, undefined],
    ]);
    expect(found[0]!.message).toContain('expired');
    const text = scanTextForSecrets('docs/components.yml', `example:\n  token: ${expired}\n`);
    expect(text.map((f) => f.precision)).toEqual(['low']);
  });

  it('gives a private key among tests medium precision; a cloud key there keeps its own', () => {
    const key = samples['private-key']!;
    const aws = samples['aws-access-key-id']!;
    const at = (path: string, text: string) => scanTextForSecrets(path, text).map((f) => f.precision);
    expect(at('test/tls/server.key', key)).toEqual(['medium']);
    expect(at('deploy/tls/server.key', key)).toEqual([undefined]);
    expect(at('test/fixtures/env.txt', aws)).toEqual([undefined]);
    const code = `export const pem = ${JSON.stringify(key)};`;
    expect(
      runRules('src/__tests__/tls.ts', code, [hardcodedSecret]).findings.map((f) => f.precision),
    ).toEqual(['medium']);
  });

  it('gives a private key in a file named for localhost or a sample medium, and one in a mock or seed folder', () => {
    const key = samples['private-key']!;
    const at = (path: string) => scanTextForSecrets(path, key).map((f) => f.precision);
    expect(at('apps/client/localhost.pem')).toEqual(['medium']);
    expect(at('certs/dev-key.pem')).toEqual(['medium']);
    expect(at('src/mocks/tls.key')).toEqual(['medium']);
    expect(at('packages/prisma/seeds/tls.key')).toEqual(['medium']);
    expect(at('certs/developer.pem')).toEqual([undefined]);
  });

  it('gives a token a comment beside it calls not real medium; other comments change nothing', () => {
    const aws = samples['aws-access-key-id']!;
    const precisionOf = (code: string) =>
      runRules('src/token.spec.ts', code, [hardcodedSecret]).findings.map((f) => f.precision);
    expect(precisionOf(`// randomly generated, not real\nconst t = '${aws}';`)).toEqual(['medium']);
    expect(precisionOf(`const t = '${aws}'; // a fake key for the parser`)).toEqual(['medium']);
    expect(precisionOf(`// the deploy key\nconst t = '${aws}';`)).toEqual([undefined]);
    // Not a comment: a string that says "fake" is no statement about the key.
    expect(precisionOf(`const label = 'fake';\nconst t = '${aws}';`)).toEqual([undefined]);
    expect(
      scanTextForSecrets('.env.example', `# placeholder\nAWS_KEY=${aws}\n`).map((f) => f.precision),
    ).toEqual(['medium']);
  });

  it('verifies GitHub/npm checksums', () => {
    const token = withTokenChecksum('ghp_', 'a'.repeat(15) + 'B'.repeat(15));
    expect(hasTokenChecksum(token, 4)).toBe(true);
    expect(hasTokenChecksum(token.slice(0, -1) + (token.endsWith('0') ? '1' : '0'), 4)).toBe(false);
  });

  it('masks with the public prefix and at most four trailing characters', () => {
    expect(maskSecret('ghp_' + 'A'.repeat(32) + 'wxyz', 'ghp_')).toBe('ghp_' + '*'.repeat(32) + 'wxyz');
    expect(maskSecret('short-secret')).toBe('*'.repeat(12));
    expect(maskSecret('x'.repeat(500)).length).toBeLessThanOrEqual(36);
    expect(
      maskSecret('-----BEGIN EC PRIVATE KEY-----' + 'k'.repeat(200), '-----BEGIN EC PRIVATE KEY-----', false),
    ).toBe('-----BEGIN EC PRIVATE KEY-----' + '*'.repeat(32));
  });

  it('stays fast on a large hostile text', () => {
    const hostile =
      ('-----BEGIN PRIVATE KEY-----' + 'A'.repeat(5000) + '\n').repeat(200) + 'AKIA'.repeat(50_000);
    const started = performance.now();
    findSecrets(hostile);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('never leaks through the scan pipeline or any report format', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-secrets-'));
    try {
      const all = Object.entries(samples);
      await writeFile(
        join(dir, 'config.js'),
        all.map(([, v], i) => `export const s${i} = ${JSON.stringify(v)};`).join('\n'),
      );
      await writeFile(join(dir, '.env'), all.map(([, v], i) => `S${i}=${JSON.stringify(v)}`).join('\n'));
      const result = await runScan({ root: dir, scanners: [sastScanner] });
      const secrets = result.findings.filter((f) => f.kind === 'secret');
      expect(secrets.length).toBe(all.length * 2);
      const documents = REPORT_FORMATS.map((format) => render(format, result, { showSuppressed: true }));
      for (const [id, v] of all) expect(leaks([result, documents], secretOf(id, v), id), id).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("never leaks a git dependency URL's credentials through the SBOM or the SCA report", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-secrets-sbom-'));
    const token = samples['github-token']!;
    const url = `git+https://x-access-token:${token}@github.com/acme/private-lib.git#0123456789abcdef0123456789abcdef01234567`;
    try {
      await writeFile(
        join(dir, 'package.json'),
        JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'private-lib': url } }),
      );
      await writeFile(
        join(dir, 'package-lock.json'),
        JSON.stringify({
          name: 'app',
          version: '1.0.0',
          lockfileVersion: 3,
          packages: {
            '': { name: 'app', version: '1.0.0', dependencies: { 'private-lib': url } },
            'node_modules/private-lib': { version: '2.0.0', resolved: url },
          },
        }),
      );
      await writeFile(
        join(dir, 'yarn.lock'),
        `"private-lib@${url}":\n  version "2.0.0"\n  resolved "${url}"\n`,
      );
      const sbom = await runCli(['sbom', dir]);
      expect(sbom.code, sbom.stderr).toBe(0);
      // The dependency is there, named by where it came from, without the credentials.
      expect(sbom.stdout).toContain(encodeURIComponent('git+https://github.com/acme/private-lib.git'));
      const scan = await runCli(['scan', dir, '--scanner', 'sca', '--offline', '--format', 'json']);
      for (const out of [sbom.stdout, sbom.stderr, scan.stdout, scan.stderr]) {
        expect(leaks(out, token, 'github-token')).toBe(false);
        expect(leaks(decodeURIComponent(out), token, 'github-token')).toBe(false);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('strips the userinfo of every URL in a text, in linear time', () => {
    expect(withoutUserinfo('git+https://u:p@github.com/a/b.git and ssh://git@host:22/x')).toBe(
      'git+https://github.com/a/b.git and ssh://host:22/x',
    );
    expect(withoutUserinfo('https://github.com/a/b?q=a@b#c@d')).toBe('https://github.com/a/b?q=a@b#c@d');
    expect(withoutUserinfo('user@example.com wrote')).toBe('user@example.com wrote');
    const hostile = '://'.repeat(200_000) + 'a'.repeat(200_000) + '@';
    const started = performance.now();
    withoutUserinfo(hostile + hostile);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("masks credentials in other rules' snippets and messages", () => {
    const token = samples['github-token']!;
    const code = `db.query("SELECT * FROM t WHERE token = '${token}' AND id = " + id);\n`;
    const out = scanSastText({ path: 'a.js', text: code }, sastRules, false);
    expect(out.findings.map((f) => f.ruleId)).toContain('js/sql-injection');
    expect(leaks(out, token, 'github-token')).toBe(false);
    expect(out.findings.find((f) => f.ruleId === 'js/sql-injection')!.location.snippet).toContain('ghp_****');
  });
});
