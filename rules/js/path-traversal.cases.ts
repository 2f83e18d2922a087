import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'a field of a record Prisma created that the request gave, or set whole by a spread',
      code: `import fs from 'node:fs';
app.post('/collections', async (req, res) => {
  const created = await prisma.collection.create({ data: { name: req.body.name, ownerId: 1 } });
  fs.mkdirSync(\`archives/\${created.name}\`, { recursive: true }); // vigil-expect
  const copied = await prisma.collection.create({ data: { ...req.body } });
  fs.mkdirSync(\`archives/\${copied.id}\`, { recursive: true }); // vigil-expect
  res.json(created);
});`,
    },
    {
      name: 'a `..` test on a path not normalised, or a helper that returns on one branch unchecked',
      code: `const path = require('path');
const fs = require('fs');
function pick(name, raw) {
  if (raw) return name;
  const n = path.normalize(name);
  if (n.split('/')[0] === '..') throw new Error('no');
  return n;
}
app.get('/a', (req, res) => {
  const p = req.query.p;
  if (p.split('/')[0] === '..') return res.sendStatus(400);
  fs.readFile(path.join('/srv', p), () => {}); // vigil-expect
  fs.readFile(path.join('/srv', pick(req.query.q, req.query.raw)), () => {}); // vigil-expect
});`,
    },
    {
      name: 'a `..` check on a query value or body field the client can send as an array, joined into text after it',
      code: `const fs = require('fs');
app.get('/docs', (req, res) => {
  const page = req.query.page;
  if (page.indexOf('..') !== -1) return res.sendStatus(400);
  res.send(fs.readFileSync('/srv/docs/' + page + '.md', 'utf8')); // vigil-expect
});
app.post('/notes', (req, res) => {
  const { name } = req.body;
  if (name.includes('..')) return res.sendStatus(400);
  fs.writeFileSync(\`/srv/notes/\${name}.txt\`, req.body.text); // vigil-expect
});`,
    },
    {
      name: 'a GraphQL argument as a file name (graphql-yoga schema, NestJS GraphQL resolver)',
      code: `import { createSchema } from 'graphql-yoga';
import fs from 'node:fs';
const schema = createSchema({
  typeDefs,
  resolvers: {
    Query: {
      file: (_, { name }) => fs.readFileSync('/srv/files/' + name, 'utf8'), // vigil-expect
    },
  },
});
@Resolver(() => Upload)
export class UploadResolver {
  @Query(() => String)
  download(@Args('path') path: string) {
    return fs.readFileSync(path, 'utf8'); // vigil-expect
  }
}`,
    },
    {
      name: 'a regex group that allows dots, backslashes or anything but a slash',
      code: `const fs = require('fs');
app.get('/doc', (req, res) => {
  const m = req.query.doc.match(/^([^/]+)$/);
  if (m) res.send(fs.readFileSync('/srv/docs/' + m[1])); // vigil-expect
  const d = req.query.doc.match(/^([\\w.]+)$/);
  if (d) res.send(fs.readFileSync('/srv/docs/' + d[1] + '/index.md')); // vigil-expect
});`,
    },
    {
      name: 'removing ../ once, or globally (....// closes up into ../)',
      code: `app.get('/f', (req, res) => {
  fs.createReadStream(path.join(ROOT, req.query.a.replace(/\\.\\.\\//, ''))).pipe(res); // vigil-expect
  fs.createReadStream(path.join(ROOT, req.query.b.replace(/\\.\\.\\//g, ''))).pipe(res); // vigil-expect
});`,
    },
    {
      name: 'a check on another request field guards nothing',
      code: `const LIST = ['a'];
app.get('/f', (req, res) => {
  const p = path.resolve(ROOT, req.query.name);
  if (!LIST.includes(req.query.kind)) return res.end();
  if (!isPathInside(ROOT, req.query.other)) throw new Error('bad');
  fs.readFileSync(p); // vigil-expect
});`,
    },
    {
      // The stored copy's path is the server's, even read in a helper handed the request.
      name: "an upload's client name read in a helper handed the request; its stored path is not",
      code: `const fs = require('fs');
async function store(name, req) {
  const f = req.files[0];
  await fs.promises.copyFile(f.path, '/srv/up/' + name);
  await fs.promises.writeFile('/srv/up/' + f.name, 'x'); // vigil-expect
}
app.post('/u', async (req, res) => { await store('logo', req); res.end(); });`,
    },
    {
      name: 'a name checked by a local pattern that is not anchored',
      code: `const path = require('path');
const fs = require('fs');
const themePattern = /theme/;
app.get('/themes/:theme', async (req, res) => {
  if (!themePattern.test(req.params.theme)) throw new Error('invalid theme');
  res.send(await fs.promises.readFile(path.join('/srv/themes', req.params.theme, 'theme.json'))); // vigil-expect
});`,
    },
    {
      name: 'a field of each element of a list from the body, read in a helper that walks it',
      code: `const fs = require('fs');
function readAll(items) {
  items.forEach((i) => fs.readFileSync('/data/' + i.name)); // vigil-expect
}
app.post('/batch', (req, res) => {
  readAll(req.body.items);
  res.end();
});`,
    },
    {
      name: "the client's full path for an upload, kept by multer's preservePath",
      code: `const fs = require('fs');
const upload = multer({ storage: multer.memoryStorage(), preservePath: true });
app.post('/avatar', upload.single('avatar'), (req, res) => {
  fs.writeFileSync('/srv/avatars/' + req.file.originalname, req.file.buffer); // vigil-expect
  res.end();
});`,
    },
    {
      name: "an upload moved under the client's file name, and shelljs file commands",
      code: `const fileUpload = require('express-fileupload');
const shell = require('shelljs');
app.use(fileUpload());
app.post('/upload', (req, res) => {
  const file = req.files.document;
  file.mv('/srv/uploads/' + file.name); // vigil-expect
  req.files.avatar.mv(\`/srv/avatars/\${req.body.user}.png\`); // vigil-expect
  shell.rm('-rf', '/srv/cache/' + req.query.dir); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'rimraf, mkdirp and graceful-fs given a request path',
      code: `const rimraf = require('rimraf');
const mkdirp = require('mkdirp');
const gfs = require('graceful-fs');
app.delete('/cache', async (req, res) => {
  rimraf.sync('/var/cache/app/' + req.query.dir); // vigil-expect
  await mkdirp(req.body.folder); // vigil-expect
  gfs.readFile(req.query.file, () => {}); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'adm-zip extracting into a folder the request names',
      code: `const AdmZip = require('adm-zip');
app.post('/unpack', (req, res) => {
  const zip = new AdmZip(req.file.path);
  zip.extractAllTo(req.body.target, true); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'bluebird-promisified fs',
      code: `const fs = require('fs');
Promise.promisifyAll(fs);
app.get('/logs', (req, res) => {
  fs.readFileAsync('logs/' + req.query.day).then((data) => res.send(data)); // vigil-expect
});`,
    },
    {
      name: 'an allow-list check of one value does not vouch for another',
      code: `import fs from 'node:fs';
app.post('/avatar', (req, res) => {
  const name = ['a', 'b'].includes(req.body.kind) ? req.body.name : 'a';
  fs.createWriteStream('uploads/' + name); // vigil-expect
});`,
    },
    {
      name: 'a check for a backslash only does not stop ../',
      code: `import path from 'node:path';
app.get('/keys/:file', ({ params }, res) => {
  if (!params.file.includes('\\\\')) res.sendFile(path.resolve('keys/', params.file)); // vigil-expect
});`,
    },
    {
      name: 'the whole request body as render options',
      code: `app.post('/preview', (req, res) => {
  res.render('preview', req.body); // vigil-expect
});`,
    },
    {
      name: 'a body field as render options: the client can send it as an object with a layout',
      code: `app.post('/profile', (req, res) => {
  const profile = req.body.profile;
  res.render('profile', profile); // vigil-expect
});`,
    },
    {
      name: 'sendFile with a joined path',
      code: `import path from 'path';
app.get('/files/:name', (req, res) => {
  res.sendFile(path.join(__dirname, 'public', req.params.name)); // vigil-expect
});`,
    },
    {
      name: 'fs/promises readFile from Next.js route handler',
      code: `import { readFile } from 'node:fs/promises';
export async function GET(request: Request) {
  const file = new URL(request.url).searchParams.get('file')!;
  return new Response(await readFile('/srv/docs/' + file)); // vigil-expect
}`,
    },
    {
      name: 'createWriteStream from a WebSocket message',
      code: `const fs = require('fs');
wss.on('connection', (ws) => ws.on('message', (msg) => {
  const { name } = JSON.parse(msg);
  fs.createWriteStream('/srv/uploads/' + name).end('x'); // vigil-expect
}));`,
    },
    {
      name: 'pattern half: a helper module opening the path its caller passes',
      code: `import { readFile } from 'node:fs/promises';
import * as fs from 'fs';
export async function loadTheme(themeFile: string) {
  fs.existsSync(themeFile); // vigil-expect
  return readFile(themeFile, 'utf8'); // vigil-expect
}`,
    },
    {
      name: 'pattern half: a path built from configuration, and a copy to a computed destination',
      code: `const fse = require('fs-extra');
const { join } = require('path');
function publish(settings, name) {
  const target = join(settings.outDir, name);
  fse.outputFileSync(target, 'x'); // vigil-expect
  fse.copySync('dist/app.js', \`\${settings.outDir}/app.js\`); // vigil-expect
}`,
    },
    {
      name: 'Hono: a decoded route parameter joined to a folder',
      code: `import { Hono } from 'hono';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
const app = new Hono();
app.get('/files/:name', async (c) => c.body(await readFile(join('/srv/files', c.req.param('name'))))); // vigil-expect`,
    },
    {
      name: 'a real path resolved from the request and opened unchecked',
      code: `const fs = require('fs');
app.get('/doc', (req, res) => {
  const real = fs.realpathSync('/srv/docs/' + req.query.name);
  res.send(fs.readFileSync(real, 'utf8')); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: "the id of a record Prisma created from request data: the database's",
      code: `import fs from 'node:fs';
app.post('/collections', async (req, res) => {
  const created = await prisma.collection.create({ data: { name: req.body.name, ownerId: 1 } });
  fs.mkdirSync(\`archives/\${created.id}\`, { recursive: true });
  res.json(created);
});`,
    },
    {
      name: 'joined under a folder and rejected unless it is the folder or inside it',
      code: `const path = require('path');
const fs = require('fs');
const ROOT = path.join(__dirname, 'uploads');
function resolveUpload(key) {
  const full = path.join(ROOT, key);
  if (full !== ROOT && !full.startsWith(ROOT + path.sep)) throw new Error('escapes the uploads folder');
  return full;
}
app.get('/u/*', (req, res) => {
  const full = resolveUpload(req.params[0]);
  if (!fs.existsSync(full)) return res.sendStatus(404);
  fs.createReadStream(full).pipe(res);
});`,
    },
    {
      name: "a path from a token next-auth decrypted with the server's secret: the server wrote it",
      code: `import { decode } from 'next-auth/jwt';
import fs from 'node:fs';
app.get('/view', async (req, res) => {
  const token = await decode({ token: req.query.token, secret: process.env.SECRET });
  res.send(fs.readFileSync('/srv/archives/' + token.filePath));
});`,
    },
    {
      name: 'a normalised path whose first segment is not `..`, inline or in a helper that throws',
      code: `import path from 'node:path';
import fs from 'node:fs';
const ROOT = path.join(__dirname, 'static');
function sanitizeRoot(p) {
  p = path.normalize(p);
  if (path.isAbsolute(p)) throw new Error('absolute paths are forbidden');
  if (p.split(path.sep)[0] === '..') throw new Error('directory traversal');
  return p;
}
app.get('/static/:file', (req, res) => {
  fs.createReadStream(path.join(ROOT, sanitizeRoot(req.params.file))).pipe(res);
});
app.get('/raw/:file', (req, res) => {
  const p = path.normalize(req.params.file);
  if (path.isAbsolute(p) || p.split('/')[0] === '..') return res.sendStatus(400);
  res.sendFile(path.join(ROOT, p));
});`,
    },
    {
      name: 'a helper that resolves under a root and throws unless the result stays inside it',
      code: `const path = require('path');
const fs = require('fs/promises');
function safeJoin(root, name) {
  const full = path.resolve(root, name);
  const rel = path.relative(root, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error('outside ' + root);
  return full;
}
function inUploads(name) {
  const full = path.resolve('/srv/uploads', name);
  if (!full.startsWith('/srv/uploads/')) throw new Error('outside');
  return full;
}
app.get('/doc', async (req, res) => {
  res.send(await fs.readFile(safeJoin('/srv/docs', req.query.name), 'utf8'));
  res.send(await fs.readFile(inUploads(req.query.name), 'utf8'));
});`,
    },
    {
      name: 'a `..` check where the value is text by then, or an array would throw first',
      code: `const fs = require('fs');
const path = require('path');
app.get('/a', (req, res) => {
  const page = String(req.query.page);
  if (page.indexOf('..') !== -1) return res.sendStatus(400);
  res.send(fs.readFileSync('/srv/docs/' + page, 'utf8'));
});
app.get('/b', (req, res) => {
  const page = req.query.page;
  if (typeof page !== 'string' || page.includes('..')) return res.sendStatus(400);
  res.send(fs.readFileSync('/srv/docs/' + page, 'utf8'));
});
app.get('/c', (req, res) => {
  const page = req.query.page;
  if (page.includes('..')) return res.sendStatus(400);
  res.send(fs.readFileSync(path.join('/srv/docs', page), 'utf8'));
});
app.get('/d/:page', (req, res) => {
  if (req.params.page.includes('..')) return res.sendStatus(400);
  res.send(fs.readFileSync('/srv/docs/' + req.params.page, 'utf8'));
});`,
    },
    {
      name: 'a regex group of digits or word characters names no other folder',
      code: `const fs = require('fs');
app.get('/doc', (req, res) => {
  const m = req.query.doc.match(/^doc-(\\d+)\\.md$/);
  if (m) res.send(fs.readFileSync('/srv/docs/' + m[1] + '/index.md'));
  const w = /^(\\w+)$/.exec(req.query.doc);
  if (w) res.send(fs.readFileSync('/srv/docs/' + w[1] + '/index.md'));
});`,
    },
    {
      // busboy, under multer, keeps only the last segment of the client's file name and drops . and ..
      name: "multer's originalname is one path segment",
      code: `const fs = require('fs');
app.post('/avatar', upload.single('avatar'), (req, res) => {
  fs.writeFileSync('/srv/avatars/' + req.file.originalname, req.file.buffer);
  for (const f of req.files) fs.writeFileSync(path.join('/srv/docs', f.originalname), f.buffer);
  res.end();
});`,
    },
    {
      name: 'file-name sanitisers, an extension, every .. or every / removed, download with a root',
      code: `const sanitize = require('sanitize-filename');
app.get('/f', (req, res) => {
  res.sendFile(path.join(ROOT, sanitize(req.query.f)));
  res.sendFile(path.join(ROOT, path.posix.basename(req.query.g)));
  res.sendFile(path.join(ROOT, 'icons', 'icon' + path.extname(req.query.h)));
  fs.createReadStream(path.join(ROOT, req.query.i.replace(/\\.\\./g, ''))).pipe(res);
  fs.createReadStream(path.join(ROOT, path.normalize(req.query.j).replace(/^(\\.\\.(\\/|\\\\|$))+/, ''))).pipe(res);
  res.download(req.query.k, 'file.txt', { root: ROOT });
  fs.writeFileSync(path.join(CACHE, req.query.l.replace(/\\//g, '-')), data);
});`,
    },
    {
      name: 'a containment predicate by name (is-path-inside, path-is-inside, own helpers)',
      code: `const isPathInside = require('is-path-inside');
app.get('/f', async (req, res) => {
  const p = path.join(UPLOADS, req.query.name);
  if (!file.isPathInside(UPLOADS, p)) throw new Error('bad');
  await fs.promises.unlink(p);
  const q = path.resolve(UPLOADS, req.query.other);
  if (isPathInside(q, UPLOADS)) res.send(fs.readFileSync(q));
});`,
    },
    {
      name: 'where the upload middleware stored the file',
      code: `const fs = require('fs');
const crypto = require('crypto');
app.post('/avatar', upload.single('avatar'), (req, res) => {
  fs.renameSync(req.file.path, '/srv/avatars/' + crypto.randomUUID());
  const [icon] = req.files;
  fs.copyFileSync(icon.path, '/srv/icons/touch.png');
  res.end();
});`,
    },
    {
      name: 'a name checked by a validation pattern imported from another module, or a local anchored one',
      code: `const path = require('path');
const fs = require('fs');
const { themeNamePattern } = require('./constants');
const slug = /^[a-z0-9-]+$/;
app.get('/themes/:theme', async (req, res) => {
  if (!themeNamePattern.test(req.params.theme)) throw new Error('invalid theme');
  res.send(await fs.promises.readFile(path.join('/srv/themes', req.params.theme, 'theme.json')));
});
app.get('/pages/:slug', (req, res) => {
  if (!slug.test(req.params.slug)) return res.sendStatus(400);
  res.send(fs.readFileSync(path.join('/srv/pages', req.params.slug + '.md')));
});`,
    },
    {
      name: "uploads' temp files removed by a helper that walks the list it is given",
      code: `const fs = require('fs');
function removeTemp(files) {
  files.forEach((f) => fs.unlink(f.path, () => {}));
}
app.post('/photos', upload.array('photos'), (req, res) => {
  removeTemp(req.files);
  res.end();
});`,
    },
    {
      name: "a message from the parent process or a worker thread is the program's own",
      code: `const fs = require('fs');
const { parentPort } = require('worker_threads');
process.on('message', (msg) => fs.writeFileSync('/srv/export/' + msg.uid + '.csv', 'x'));
parentPort.on('message', (job) => fs.readFileSync(job.path));`,
    },
    {
      name: 'the request URL held among the view data is text, not render options',
      code: `app.get('/followers', (req, res) => {
  res.locals.canonical = 'https://forum.example.com' + req.url;
  res.render('followers', res.locals);
});`,
    },
    {
      name: 'an upload moved under a name the server makes',
      code: `const fileUpload = require('express-fileupload');
const crypto = require('crypto');
app.use(fileUpload());
app.post('/upload', (req, res) => {
  req.files.document.mv('/srv/uploads/' + crypto.randomUUID());
  res.end();
});`,
    },
    {
      name: 'what socket.io itself says on disconnect',
      code: `const fs = require('fs');
const io = require('socket.io')(3000);
io.on('connection', (socket) => {
  socket.on('disconnect', (reason) => fs.appendFileSync(reason + '.log', 'bye'));
});`,
    },
    {
      name: 'the guard stands around the call of the helper that reads the file',
      code: `import path from 'node:path';
app.get('/public/:file', ({ params }, res) => {
  const file = params.file;
  if (!file.includes('/')) serve(file, res);
  else res.sendStatus(403);
});
function serve(file: string, res: any) {
  res.sendFile(path.resolve('ftp/', file));
}`,
    },
    {
      name: 'an extension chosen from an allow-list',
      code: `import fs from 'node:fs';
app.post('/avatar', (req, res) => {
  const given = req.body.ext;
  const ext = ['jpg', 'png'].includes(given) ? given : 'jpg';
  fs.createWriteStream(\`uploads/\${req.user.id}.\${ext}\`);
});`,
    },
    {
      name: 'a file type detected from the bytes names the extension',
      code: `import fileType from 'file-type';
import fs from 'node:fs';
app.post('/avatar', async (req, res) => {
  const type = await fileType.fromBuffer(req.file.buffer);
  await fs.promises.writeFile('uploads/' + req.user.id + '.' + type.ext, req.file.buffer);
});`,
    },
    {
      name: 'a name with no slash cannot leave the folder',
      code: `import path from 'node:path';
app.get('/keys/:file', ({ params }, res) => {
  const file = params.file;
  if (!file.includes('/')) res.sendFile(path.resolve('keys/', file));
  if (file.indexOf('/') === -1) res.sendFile(path.resolve('keys/', file));
});`,
    },
    {
      name: 'pattern half: paths built only from the program folder and constants',
      code: `import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const here = path.dirname(fileURLToPath(import.meta.url));
const TEMPLATES = path.join(__dirname, 'templates');
fs.readFileSync(path.resolve(here, './index.html'), 'utf8');
fs.readFileSync(path.join(TEMPLATES, 'mail.html'));
fs.writeFileSync(\`\${process.cwd()}/report.json\`, '{}');
fs.readFileSync(import.meta.filename);
fs.readFileSync(require.resolve('some-package/package.json'));`,
    },
    {
      name: 'pattern half: a bare file name, a number, and a checked path',
      code: `import fs from 'fs';
import path from 'path';
const ROOT = '/srv/uploads';
export function read(name: string, id: string) {
  fs.readFileSync(path.join(ROOT, path.basename(name)));
  fs.readFileSync(ROOT + '/' + parseInt(id, 10) + '.json');
  const full = path.resolve(ROOT, name);
  if (!full.startsWith(ROOT + path.sep)) throw new Error('outside the root');
  return fs.readFileSync(full);
}`,
    },
    {
      name: 'pattern half: test files read their fixtures',
      filename: 'test/loader.test.ts',
      code: `import fs from 'fs';
export const load = (fixture: string) => fs.readFileSync(fixture, 'utf8');`,
    },
    {
      name: 'pattern half: a readFile of another module, and a dotdot-stripped name',
      code: `import { readFile } from './storage';
import fs from 'fs';
export function get(key: string, name: string) {
  readFile(key);
  return fs.readFileSync('/data/' + name.replace(/\\.\\./g, ''));
}`,
    },
    {
      name: 'a request field rendered as template data',
      code: `app.get('/hello', (req, res) => {
  res.render('hello', { name: req.query.name });
});`,
    },
    {
      name: 'a route parameter as render options is text, never an object',
      code: `app.get('/hello/:theme', (req, res) => {
  res.render('hello', req.params.theme);
});`,
    },
    {
      name: 'basename keeps only the file name',
      code: `import path from 'path';
import fs from 'fs';
app.get('/f', (req, res) => { fs.readFileSync(path.join('/srv/files', path.basename(req.query.f))); });`,
    },
    {
      name: 'resolved path checked against the root',
      code: `import path from 'path';
import fs from 'fs';
const ROOT = '/srv/files';
app.get('/f', (req, res) => {
  const target = path.resolve(ROOT, req.query.f);
  if (!target.startsWith(ROOT + path.sep)) return res.sendStatus(403);
  fs.createReadStream(target).pipe(res);
});`,
    },
    {
      // Symbolic links resolved first, so a link inside the root cannot point out of it.
      name: 'a real path resolved from the request, then checked against the root',
      code: `const fs = require('fs');
const path = require('path');
const DOCS = '/srv/docs/';
app.get('/doc', async (req, res) => {
  const real = await fs.promises.realpath(path.join(DOCS, String(req.query.name)));
  if (!real.startsWith(DOCS)) return res.status(404).end();
  res.type('text').send(await fs.promises.readFile(real, 'utf8'));
});`,
    },
    {
      name: 'sendFile with a root option',
      code: `app.get('/f/:n', (req, res) => { res.sendFile(req.params.n, { root: '/srv/public' }); });`,
    },
    {
      name: 'a CLI opening the file its user names',
      code: `const fs = require('fs'); process.stdout.write(fs.readFileSync(process.argv[2]));`,
    },
    {
      name: 'constant path',
      code: `import fs from 'fs'; app.get('/f', (req, res) => { res.send(fs.readFileSync('/srv/index.html', 'utf8')); });`,
    },
    {
      name: 'dot-dot rejected in a route parameter (always text)',
      code: `import fs from 'fs';
app.get('/f/:name', (req, res) => {
  const name = req.params.name;
  if (name.includes('..')) { return res.sendStatus(400); }
  fs.readFile('/data/' + name, () => {});
});`,
    },
    {
      name: 'Hono: the route parameter cut to its last segment',
      code: `import { Hono } from 'hono';
import { basename, join } from 'node:path';
import { readFile } from 'node:fs/promises';
const app = new Hono();
app.get('/files/:name', async (c) => c.body(await readFile(join('/srv/files', basename(c.req.param('name'))))));`,
    },
  ],
} satisfies RuleCases;
