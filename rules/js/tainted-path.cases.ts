import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'the whole request body as render options',
      code: `app.post('/preview', (req, res) => {
  res.render('preview', req.body); // vigil-expect
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
  ],
  valid: [
    {
      name: 'a request field rendered as template data',
      code: `app.get('/hello', (req, res) => {
  res.render('hello', { name: req.query.name });
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
      name: 'dot-dot rejected',
      code: `import fs from 'fs';
app.get('/f', (req, res) => {
  const name = req.query.name;
  if (name.includes('..')) { return res.sendStatus(400); }
  fs.readFile('/data/' + name, () => {});
});`,
    },
  ],
} satisfies RuleCases;
