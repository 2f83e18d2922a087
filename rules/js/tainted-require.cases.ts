import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'request data put into a container held at a property, loaded from it',
      code: `const state = { pool: new Map(), plugins: [] };
app.post('/q', async (req, res) => {
  state.pool.set('k', req.body.path);
  await import(state.pool.get('k')); // vigil-expect
  state.plugins.push(req.query.m);
  require(state.plugins[0]); // vigil-expect
});`,
    },
    {
      name: 'dynamic import of a request parameter',
      code: `app.get('/widgets/:name', async (req, res) => {
  const mod = await import(\`./widgets/\${req.params.name}.js\`); // vigil-expect
  res.send(mod.render());
});`,
    },
    {
      name: 'require of a query parameter',
      code: `app.get('/plugin', (req, res) => {
  const plugin = require('./plugins/' + req.query.name); // vigil-expect
  res.json(plugin.describe());
});`,
    },
    {
      name: 'require of a Koa parameter through a helper',
      // Within one file the finding sits on the sink; the flow shows the call.
      code: `const load = (name: string) => require(\`./handlers/\${name}\`); // vigil-expect
router.get('/h/:name', (ctx) => { ctx.body = load(ctx.params.name).describe(); });`,
    },
    {
      name: 'module.require from the body',
      code: `app.post('/load', (req, res) => { module.require(req.body.path); }); // vigil-expect`,
    },
    {
      name: 'a loader whose module name comes from its caller (low precision: a look)',
      code: `export function loadPlugin(name) {
  return require(name); // vigil-expect
}
export const loadView = (file) => import(\`./views/\${file}\`); // vigil-expect`,
    },
  ],
  valid: [
    {
      name: 'a module path from another property of an object one of whose containers took request data',
      code: `const server = getServer();
app.post('/p', async (req, res) => {
  const pending = { chatId: req.body.chatId, nodes: server.nodesPool.nodes };
  server.abortControllerPool.add(\`flow_\${req.body.chatId}\`, new AbortController());
  await run(pending);
});
async function run({ nodes, chatId }) {
  await import(nodes[chatId].filePath);
}`,
    },
    {
      name: 'an encoded constant decoded (js/hardcoded-data-interpreted-as-code reports it)',
      code: `const m = require(Buffer.from('Li4vLi4vLmNhY2hlL3BheWxvYWQuanM=', 'base64').toString());`,
    },
    {
      name: 'a path resolved and checked to stay in the folder it loads from',
      code: `const path = require('path');
const LANGS = path.join(__dirname, 'languages');
app.get('/lang', (req, res) => {
  const file = path.join(LANGS, req.query.lang, 'full.json');
  if (!file.startsWith(LANGS + path.sep)) return res.sendStatus(400);
  res.json(require(file));
});`,
    },
    {
      name: "module names built from constants and the program's folders",
      code: `const path = require('path');
const FMT = 'csv';
const a = require(path.join(__dirname, 'lib', 'a.js'));
const b = require(\`./formats/\${FMT}\`);
const c = require(__dirname + '/utils');
export const d = () => import('./d.js');`,
    },
    {
      name: 'dynamic import chosen from a fixed table',
      code: `const WIDGETS = { clock: () => import('./widgets/clock.js'), news: () => import('./widgets/news.js') };
app.get('/w', async (req, res) => { res.send((await WIDGETS.clock()).render()); });`,
    },
    {
      name: 'constant require',
      code: `const fs = require('fs'); app.get('/', (req, res) => { fs.existsSync('x'); });`,
    },
    {
      name: 'table of loaders',
      code: `const PLUGINS: Record<string, () => unknown> = { csv: () => require('./csv') };
app.get('/p', (req, res) => { PLUGINS[String(req.query.name)]?.(); });`,
    },
    {
      name: 'allow-listed name',
      code: `const NAMES = ['csv', 'json'];
app.get('/p', (req, res) => { const n = req.query.n; if (NAMES.includes(n)) require('./fmt/' + n); });`,
    },
    {
      name: 'a CLI loading the plugin its user names',
      code: `const mod = require(process.argv[2]); mod.run();`,
    },
    {
      name: 'a local require function',
      code: `function load(require: (s: string) => void, req: any) { require(req.query.x); }`,
    },
  ],
} satisfies RuleCases;
