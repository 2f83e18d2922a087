import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INCLUDE_DEPTH, ViewIndex } from '../../../src/sast/templates/views.ts';
import { viewSettings } from '../../../src/sast/templates/view-settings.ts';

let dir: string;
const templates: Array<{ path: string; absPath: string }> = [];

async function add(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), text);
  templates.push({ path, absPath: join(dir, path) });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-views-'));
  // Two includes of each other, and a chain longer than the depth followed.
  await add('web/views/loop-a.ejs', "<%- a %><%- include('loop-b') %>");
  await add('web/views/loop-b.ejs', "<%- b %><%- include('loop-a') %>");
  for (let i = 0; i <= MAX_INCLUDE_DEPTH + 2; i++)
    await add(`web/views/chain/${i}.ejs`, `<%- v${i} %><%- include('${i + 1}') %>`);
  await add('web/views/up.ejs', "<%- include('../../secret/x') %>");
  await add('secret/x.ejs', '<%- s %>');
  await add('web/templates/page.njk', '{{ p | safe }}');
  await add('api/views/page.ejs', '<%- q %>');
  await add('web/views/odd.html', '<%- h %>');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const index = (code: Record<string, string>) =>
  new ViewIndex(
    templates,
    viewSettings(new Map(Object.entries(code)), () => 'web'),
    ['web', 'api'],
  );

describe('view index', () => {
  it('resolves a view under the configured folder of its package, else its views/ folder', () => {
    const views = index({ 'web/app.js': "app.set('views', path.join(__dirname, 'templates'))" });
    expect(views.resolve('page', 'web/routes/x.js')).toEqual({
      path: 'web/templates/page.njk',
      folder: 'web/templates',
    });
    // Another package keeps its own views/ (the setting is web's).
    expect(views.resolve('page', 'api/routes/y.js')).toEqual({
      path: 'api/views/page.ejs',
      folder: 'api/views',
    });
    expect(views.resolve('missing', 'web/routes/x.js')).toBeUndefined();
    expect(views.resolve('/etc/passwd', 'web/routes/x.js')).toBeUndefined();
  });

  it('reads .html only with the engine the code registers for it', () => {
    const plain = index({});
    expect(plain.rawSites('web/views/odd.html', 'web/views')).toEqual([]);
    const registered = index({ 'web/app.js': "app.engine('html', require('ejs').renderFile)" });
    expect(registered.rawSites('web/views/odd.html', 'web/views').map((r) => r.site.names)).toEqual([['h']]);
  });

  it('follows includes once around a cycle and no deeper than the limit', () => {
    const views = index({});
    const loop = views.rawSites('web/views/loop-a.ejs', 'web/views');
    expect(loop.map((r) => `${r.path} ${r.site.names}`)).toEqual([
      'web/views/loop-a.ejs a',
      'web/views/loop-b.ejs b',
    ]);
    const chain = views.rawSites('web/views/chain/0.ejs', 'web/views');
    expect(chain).toHaveLength(MAX_INCLUDE_DEPTH + 1);
    expect(chain.at(-1)!.via).toHaveLength(MAX_INCLUDE_DEPTH);
  });

  it('follows an include out of the views folder only to a template of the scan', () => {
    const views = index({});
    expect(views.rawSites('web/views/up.ejs', 'web/views').map((r) => r.path)).toEqual(['secret/x.ejs']);
    expect(index({}).rawSites('web/views/missing.ejs', 'web/views')).toEqual([]);
  });

  it('turns a template that cannot be read into a diagnostic naming it', () => {
    const views = new ViewIndex(
      [{ path: 'web/views/gone.ejs', absPath: join(dir, 'gone.ejs') }],
      viewSettings(new Map(), () => '.'),
      [],
    );
    expect(views.rawSites('web/views/gone.ejs', 'web/views')).toEqual([]);
    expect(views.diagnostics).toEqual([
      { level: 'error', source: 'sast', path: 'web/views/gone.ejs', message: 'cannot read: ENOENT' },
    ]);
  });
});
