import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';

/**
 * GitHub Actions' artifact service, here: the Results service's Twirp API (CreateArtifact,
 * FinalizeArtifact) with every request parsed by the message types @actions/artifact is generated
 * from (protobuf-ts `fromJson`, which rejects unknown fields and wrong types), and the blob store
 * behind it a real Azurite (Microsoft's Azure Storage emulator) on 127.0.0.1 with an account key
 * made here. The client uploads to a SAS URL as it would to Azure; Finalize is checked against the
 * stored blob (size and sha256), as the service does.
 */

interface MessageType {
  fromJson(json: unknown, options?: { ignoreUnknownFields?: boolean }): Record<string, unknown>;
}
interface Generated {
  CreateArtifactRequest: MessageType;
  FinalizeArtifactRequest: MessageType;
}

export interface StoredArtifact {
  id: number;
  name: string;
  mimeType?: string;
  expiresAt?: string;
  size: number;
  content: Buffer;
}

export interface ArtifactService {
  /** ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN for the Action's environment. */
  env: { ACTIONS_RESULTS_URL: string; ACTIONS_RUNTIME_TOKEN: string };
  /** Artifacts finalized, in order. */
  artifacts: StoredArtifact[];
  /** Requests refused (bad token, malformed message, a blob that does not match), with the reason. */
  violations: string[];
  close(): Promise<void>;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';
const ACCOUNT = 'vigiltest';
const CONTAINER = 'actions-results';

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The generated messages ship inside the package, outside its `exports`: loaded by file URL. */
async function generated(): Promise<Generated> {
  const entry = import.meta.resolve('@actions/artifact');
  return (await import(new URL('./generated/index.js', entry).href)) as Generated;
}

/** An unsigned-looking runtime token carrying the Results scope the client reads its ids from. */
function runtimeToken(runId: string, jobId: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ scp: `Actions.GenericRead Actions.Results:${runId}:${jobId}`, exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${body}.${createHmac('sha256', randomBytes(32)).update(body).digest('base64url')}`;
}

async function startAzurite(key: string): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'vigil-azurite-'));
  const child = spawn(
    join(ROOT, 'node_modules/.bin/azurite-blob'),
    [
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      dir,
      '--silent',
      '--skipApiVersionCheck',
    ],
    { env: { ...process.env, AZURITE_ACCOUNTS: `${ACCOUNT}:${key}` }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}/${ACCOUNT}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`azurite-blob exited: ${output}`);
    const up = await fetch(`${url}?comp=list`).then(
      () => true,
      () => false,
    );
    if (up) return { url, child, dir };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`azurite-blob did not start: ${output}`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startArtifactService(): Promise<ArtifactService> {
  const messages = await generated();
  const key = randomBytes(64).toString('base64');
  const azurite = await startAzurite(key);
  const credential = new StorageSharedKeyCredential(ACCOUNT, key);
  const blobs = new BlobServiceClient(azurite.url, credential);
  await blobs.getContainerClient(CONTAINER).createIfNotExists();

  const runId = randomUUID();
  const jobId = randomUUID();
  const token = runtimeToken(runId, jobId);
  const artifacts: StoredArtifact[] = [];
  const violations: string[] = [];
  /** Artifacts created and not yet finalized, by name (names are unique in a workflow run). */
  const pending = new Map<string, { blob: string; mimeType?: string; expiresAt?: string }>();
  const names = new Set<string>();

  /** An error answer; a request the real service would also refuse for its content is a violation. */
  const refuse = (res: ServerResponse, status: number, code: string, msg: string, violation = true) => {
    if (violation) violations.push(msg);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code, msg }));
  };
  const answer = (res: ServerResponse, body: object) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.url?.startsWith(SERVICE) ? req.url.slice(SERVICE.length) : '';
    if (req.method !== 'POST' || !['CreateArtifact', 'FinalizeArtifact'].includes(method))
      return refuse(res, 404, 'bad_route', `no such route: ${req.method} ${req.url}`);
    if (req.headers.authorization !== `Bearer ${token}`)
      return refuse(res, 401, 'unauthenticated', `${method}: wrong or missing runtime token`);
    if (!String(req.headers['content-type']).startsWith('application/json'))
      return refuse(res, 415, 'malformed', `${method}: content-type ${req.headers['content-type']}`);
    let message: Record<string, unknown>;
    try {
      const type =
        method === 'CreateArtifact' ? messages.CreateArtifactRequest : messages.FinalizeArtifactRequest;
      message = type.fromJson(JSON.parse(await readBody(req)));
    } catch (error) {
      return refuse(res, 400, 'malformed', `${method}: ${(error as Error).message}`);
    }
    if (message.workflowRunBackendId !== runId || message.workflowJobRunBackendId !== jobId)
      return refuse(res, 403, 'permission_denied', `${method}: backend ids not those of the token`);
    const name = String(message.name);
    if (method === 'CreateArtifact') {
      if (names.has(name))
        return refuse(
          res,
          409,
          'already_exists',
          'an artifact with this name already exists on the workflow run',
          false,
        );
      names.add(name);
      const blob = `${runId}/${randomUUID()}/${name}`;
      const sas = generateBlobSASQueryParameters(
        {
          containerName: CONTAINER,
          blobName: blob,
          permissions: BlobSASPermissions.parse('cw'),
          expiresOn: new Date(Date.now() + 3600_000),
        },
        credential,
      ).toString();
      const mime = message.mimeType as { value?: string } | undefined;
      const expires = message.expiresAt as { seconds?: bigint } | undefined;
      pending.set(name, {
        blob,
        ...(mime?.value ? { mimeType: mime.value } : {}),
        ...(expires?.seconds ? { expiresAt: new Date(Number(expires.seconds) * 1000).toISOString() } : {}),
      });
      return answer(res, { ok: true, signedUploadUrl: `${azurite.url}/${CONTAINER}/${blob}?${sas}` });
    }
    const created = pending.get(name);
    if (!created) return refuse(res, 404, 'not_found', `FinalizeArtifact: no artifact ${name} was created`);
    const content = await blobs.getContainerClient(CONTAINER).getBlobClient(created.blob).downloadToBuffer();
    const size = Number(message.size);
    const hash = (message.hash as { value?: string } | undefined)?.value;
    const sha256 = `sha256:${createHash('sha256').update(content).digest('hex')}`;
    if (size !== content.length || (hash !== undefined && hash !== sha256))
      return refuse(
        res,
        400,
        'invalid_argument',
        `FinalizeArtifact: size/hash ${size}/${hash} do not match the blob`,
      );
    pending.delete(name);
    const id = artifacts.length + 1001;
    artifacts.push({ id, name, size, content, ...created });
    return answer(res, { ok: true, artifactId: String(id) });
  };

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((error: unknown) => refuse(res, 500, 'internal', (error as Error).message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/`, ACTIONS_RUNTIME_TOKEN: token },
    artifacts,
    violations,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      const exited = new Promise((resolve) => azurite.child.once('exit', resolve));
      // Azurite's own shutdown waits out open connections for a long while: nothing here is kept.
      azurite.child.kill('SIGKILL');
      await exited;
      rmSync(azurite.dir, { recursive: true, force: true });
    },
  };
}
