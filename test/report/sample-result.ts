/**
 * A hand-built scan result with every finding kind the reporters must print: a SAST taint flow
 * with a fix replacement, a masked secret, SCA findings with fixed versions and dependency paths,
 * a container finding with its layer, a config finding, a suppressed finding, a hostile file name
 * and message, and diagnostics.
 */
import type { Finding, Location, RuleMeta } from '../../src/core/finding.ts';
import type { ScanResult } from '../../src/core/scanner.ts';

/** Assembled at run time so no key-shaped literal sits in the repository. */
export const RAW_SECRET = ['AKIA', 'Q7WERTY', 'UIOPASDFG'].join('');
export const MASKED_SECRET = `${RAW_SECRET.slice(0, 4)}************${RAW_SECRET.slice(-4)}`;

export const HOSTILE_PATH = 'src/odd|name <b>`x`.ts';
export const HOSTILE_MESSAGE =
  'Value from `req.body` | reaches <script>alert(1)</script> & @octocat [link](javascript:x)';

function loc(
  path: string,
  startLine: number,
  startColumn: number,
  endColumn: number,
  snippet?: string,
): Location {
  return { path, startLine, startColumn, endLine: startLine, endColumn, ...(snippet ? { snippet } : {}) };
}

export const rules: RuleMeta[] = [
  {
    id: 'sql-injection',
    kind: 'sast',
    title: 'SQL injection',
    severity: 'high',
    cwe: ['CWE-89'],
    owasp: ['A03:2021-Injection'],
    help: 'SQL text built from untrusted input lets an attacker change the query.\n\nUse placeholders: `db.query("SELECT * FROM users WHERE id = ?", [id])`.',
    fixHint: 'Use a parameterised query.',
    precision: 'very-high',
  },
  {
    id: 'weak-hash',
    kind: 'sast',
    title: 'Weak hash algorithm',
    severity: 'medium',
    cwe: ['CWE-328'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help: 'MD5 and SHA-1 are broken for security uses. Use SHA-256 or a password hash.',
    helpUri: 'https://cwe.mitre.org/data/definitions/328.html',
  },
  {
    id: 'eval-injection',
    kind: 'sast',
    title: 'Code injection through eval',
    severity: 'critical',
    cwe: ['CWE-95'],
    help: 'Never evaluate text built from input.',
  },
  {
    id: 'aws-access-key',
    kind: 'secret',
    title: 'AWS access key id',
    severity: 'high',
    cwe: ['CWE-798'],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    help: 'Rotate the key and load it from the environment or a secret store.',
  },
  {
    id: 'dockerfile-user-root',
    kind: 'config',
    title: 'Container runs as root',
    severity: 'low',
    cwe: ['CWE-250'],
    help: 'Add a `USER` instruction with an unprivileged user.',
  },
];

const sqlFlow = [
  {
    location: loc('src/routes/users.ts', 10, 14, 26, 'req.query.id'),
    message: 'Source: req.query.id (Express request)',
  },
  { location: loc('src/routes/users.ts', 11, 9, 15, 'userId'), message: 'Assigned to userId' },
  {
    location: loc('src/routes/users.ts', 12, 18, 62, '"SELECT * FROM users WHERE id = " + userId'),
    message: 'Sink: SQL text passed to db.query',
  },
];

export const findings: Finding[] = [
  {
    ruleId: 'sql-injection',
    kind: 'sast',
    severity: 'high',
    title: 'SQL injection',
    message: 'User input from req.query.id reaches a SQL query.',
    location: loc('src/routes/users.ts', 12, 18, 62, 'db.query("SELECT * FROM users WHERE id = " + userId)'),
    cwe: ['CWE-89'],
    owasp: ['A03:2021-Injection'],
    fix: {
      description: 'Use a parameterised query.',
      replacement: {
        location: loc('src/routes/users.ts', 12, 18, 62),
        text: 'db.query("SELECT * FROM users WHERE id = ?", [userId])',
      },
    },
    flow: sqlFlow,
    fingerprint: 'f0000000000000000000000000000001',
  },
  {
    ruleId: 'weak-hash',
    kind: 'sast',
    severity: 'medium',
    title: 'Weak hash algorithm',
    message: 'md5 used to hash a password.',
    location: loc('src/auth.ts', 4, 20, 45, "crypto.createHash('md5')"),
    cwe: ['CWE-328'],
    fix: { description: 'Use SHA-256 or a password hash such as scrypt.' },
    fingerprint: 'f0000000000000000000000000000002',
  },
  {
    ruleId: 'eval-injection',
    kind: 'sast',
    severity: 'critical',
    title: 'Code injection through eval',
    message: HOSTILE_MESSAGE,
    location: loc(HOSTILE_PATH, 3, 1, 20, 'eval(req.body.code) // | `tick`'),
    cwe: ['CWE-95'],
    fingerprint: 'f0000000000000000000000000000003',
  },
  {
    ruleId: 'weak-hash',
    kind: 'sast',
    severity: 'medium',
    title: 'Weak hash algorithm',
    message: 'sha1 used for a cache key.',
    location: loc('src/cache.ts', 8, 10, 36, "crypto.createHash('sha1')"),
    cwe: ['CWE-328'],
    suppression: {
      kind: 'inline',
      justification: 'Cache key only, not a security use.',
      location: loc('src/cache.ts', 7, 1, 60, '// vigil-ignore-next-line weak-hash -- Cache key only'),
    },
    fingerprint: 'f0000000000000000000000000000004',
  },
  {
    ruleId: 'aws-access-key',
    kind: 'secret',
    severity: 'high',
    title: 'AWS access key id',
    message: `AWS access key id ${MASKED_SECRET} committed to source.`,
    location: loc('config/aws.ts', 2, 21, 41, `const accessKeyId = '${MASKED_SECRET}';`),
    cwe: ['CWE-798'],
    fix: { description: 'Rotate the key and read it from the environment.' },
    // A scanner must never do this; the reporters must still not print it.
    properties: { secret: RAW_SECRET, rawValue: RAW_SECRET, entropy: 3.9, detector: 'aws-access-key' },
    fingerprint: 'f0000000000000000000000000000005',
  },
  {
    ruleId: 'GHSA-35jh-r3h4-6jhm',
    kind: 'sca',
    severity: 'critical',
    title: 'Command injection in lodash',
    message: 'lodash 4.17.20 is affected by GHSA-35jh-r3h4-6jhm (Command Injection in lodash).',
    location: loc('package-lock.json', 42, 1, 1),
    cwe: ['CWE-77'],
    advisoryIds: ['GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337'],
    fix: { description: 'Upgrade lodash to 4.17.21.' },
    package: {
      ecosystem: 'npm',
      name: 'lodash',
      version: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
      fixedVersion: '4.17.21',
      fixedVersions: ['4.17.21'],
      direct: false,
      dev: false,
      paths: [
        ['app', 'express-utils', 'lodash'],
        ['app', 'lodash'],
      ],
      source: 'package-lock.json',
      fixWithinRange: true,
    },
    properties: { cvssScore: 7.2, cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
    fingerprint: 'f0000000000000000000000000000006',
  },
  {
    ruleId: 'GHSA-29mw-wpgm-hmr9',
    kind: 'sca',
    severity: 'medium',
    title: 'ReDoS in lodash',
    message:
      'lodash 4.17.20 is affected by GHSA-29mw-wpgm-hmr9 (Regular Expression Denial of Service in lodash).',
    location: loc('package-lock.json', 42, 1, 1),
    cwe: ['CWE-400', 'CWE-1333'],
    advisoryIds: ['GHSA-29mw-wpgm-hmr9', 'CVE-2020-28500'],
    fix: { description: 'Upgrade lodash to 4.17.21.' },
    package: {
      ecosystem: 'npm',
      name: 'lodash',
      version: '4.17.20',
      fixedVersion: '4.17.21',
      paths: [['app', 'lodash']],
      source: 'package-lock.json',
    },
    properties: { cvssScore: 5.3 },
    fingerprint: 'f0000000000000000000000000000007',
  },
  {
    ruleId: 'GHSA-xvch-5gv4-984h',
    kind: 'sca',
    severity: 'critical',
    title: 'Prototype pollution in minimist',
    message: 'minimist 1.2.5 is affected by GHSA-xvch-5gv4-984h (Prototype Pollution in minimist).',
    // The lockfile line is unknown: reporters point at line 1.
    location: { path: 'yarn.lock', startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
    advisoryIds: ['GHSA-xvch-5gv4-984h', 'CVE-2021-44906'],
    fix: { description: 'Upgrade minimist to 1.2.6.' },
    package: {
      ecosystem: 'npm',
      name: 'minimist',
      version: '1.2.5',
      fixedVersion: '1.2.6',
      direct: true,
      paths: [['app', 'minimist']],
      source: 'yarn.lock',
    },
    properties: { cvssScore: 9.8 },
    fingerprint: 'f0000000000000000000000000000008',
  },
  {
    ruleId: 'CVE-2023-0286',
    kind: 'container',
    severity: 'high',
    title: 'X.400 address type confusion in OpenSSL',
    message: 'openssl 3.0.2-0ubuntu1.7 in registry.example/app:1.0 is affected by CVE-2023-0286.',
    location: loc('Dockerfile', 1, 1, 1),
    advisoryIds: ['CVE-2023-0286', 'USN-5844-1'],
    fix: { description: 'Upgrade openssl to 3.0.2-0ubuntu1.8.' },
    package: {
      ecosystem: 'Ubuntu:22.04',
      name: 'openssl',
      version: '3.0.2-0ubuntu1.7',
      fixedVersion: '3.0.2-0ubuntu1.8',
      source: 'var/lib/dpkg/status',
    },
    image: {
      ref: 'registry.example/app:1.0',
      digest: 'sha256:' + 'a'.repeat(64),
      layerDigest: 'sha256:' + 'b'.repeat(64),
      layerIndex: 2,
      createdBy: 'RUN apt-get install -y openssl',
      os: 'ubuntu 22.04',
    },
    properties: { cvssScore: 7.4 },
    fingerprint: 'f0000000000000000000000000000009',
  },
  {
    ruleId: 'dockerfile-user-root',
    kind: 'config',
    severity: 'low',
    title: 'Container runs as root',
    message: 'The image has no USER instruction, so it runs as root.',
    location: loc('Dockerfile', 1, 1, 18, 'FROM ubuntu:22.04'),
    cwe: ['CWE-250'],
    fix: { description: 'Add `USER app` after creating an unprivileged user.' },
    fingerprint: 'f0000000000000000000000000000010',
  },
];

export function sampleResult(): ScanResult {
  return {
    version: 1,
    tool: { name: 'vigil', version: '0.1.0' },
    root: '/home/dev/projects/shop',
    findings: structuredClone(findings),
    rules: structuredClone(rules),
    diagnostics: [
      { level: 'error', message: "Unexpected token ')'", path: 'src/broken.ts', line: 3, source: 'sast' },
      { level: 'warning', message: 'Skipped: minified bundle', path: 'public/app.min.js', source: 'walker' },
      { level: 'note', message: 'OSV database is 3 days old', source: 'sca' },
    ],
    stats: { files: 42, durationMs: 1234, scanners: ['sast', 'sca', 'container', 'config'] },
  };
}
