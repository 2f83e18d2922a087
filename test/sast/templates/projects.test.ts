import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DraftFinding } from '../../../src/core/finding.ts';
import { silentProgress } from '../../../src/core/scanner.ts';
import { walk } from '../../../src/core/walker.ts';
import { sastScanner } from '../../../src/sast/scanner.ts';

// Small Express projects written for these tests (fixtures/*): per engine a raw output of request
// data (found at the template line), escaped output, sanitised data, a view whose name is not a
// constant or names no file, an include or partial, and a malformed template.

async function scan(project: string) {
  const root = fileURLToPath(new URL(`./fixtures/${project}`, import.meta.url));
  const { files } = await walk(root);
  const result = await sastScanner.run({ root, files, config: {}, options: {}, progress: silentProgress });
  const xss = result.findings.filter((f) => f.ruleId === 'js/reflected-xss');
  return {
    at: xss.map((f) => `${f.location.path}:${f.location.startLine}`).sort(),
    xss,
    warnings: result.diagnostics.filter((d) => d.level !== 'note').map((d) => `${d.path}: ${d.message}`),
  };
}

const steps = (f: DraftFinding | undefined) =>
  f?.flow?.map((s) => `${s.location.path}:${s.location.startLine}`);

describe('views rendered with request data', () => {
  it('EJS: <%- %> of request data, through includes, helpers and the whole query', async () => {
    const { at, xss, warnings } = await scan('ejs');
    expect(at).toEqual(
      [
        'views/profile.ejs:2', // <%- bio %>; not clean (escapeHtml), count (Number), <%= bio %>, the comment
        'views/partials/card.ejs:2', // user.name through include('partials/card'); not user.id (a constant)
        'views/note.ejs:1', // through a helper's summary, `.trim()` keeps the text
        'views/echo.ejs:2', // res.render('echo', req.query): `who` is the client's, `greeting` the template's
        'views/echo.ejs:3', // items.forEach(function (item) …): item.label
        'views/greet.ejs:2', // { ...req.query, who: 'friend' }: note is the client's, who is not
      ].sort(),
    );
    // /page (view chosen by the request), /gone (no such file) and broken.ejs's readable part: nothing.
    const card = xss.find((f) => f.location.path === 'views/partials/card.ejs');
    expect(steps(card)).toEqual([
      'app.js:16',
      'app.js:11',
      'views/profile.ejs:7',
      'views/partials/card.ejs:2',
    ]);
    expect(card?.flow?.at(-1)?.message).toMatch(/without HTML escaping/);
    expect(card?.message).toBe(
      "Untrusted data from request query, rendered with view 'profile' at app.js:11, is written without HTML escaping by `<%- user.name %>`.",
    );
    expect(card?.location.snippet).toBe('<%- user.name %>');
    expect(card?.precision).toBe('very-high');
    expect(warnings).toEqual([
      'views/broken.ejs: template (ejs): line 2: unterminated `<%` tag: the rest of the template is not read',
    ]);
  });

  it('Pug: != code, !{} and attr!= of request data; #{}, = and sanitised data are not', async () => {
    const { at, warnings } = await scan('pug');
    expect(at).toEqual(
      [
        'views/post.pug:6', // div!= body
        'views/post.pug:8', // a(href!=link)
        'views/post.pug:12', // each c in comments: p!= c.text
        'views/includes/byline.pug:1', // include includes/byline: !{author.name}
      ].sort(),
    );
    expect(warnings).toEqual([
      'views/broken.pug: template (pug): line 2: unterminated `!{` interpolation: the rest of the template is not read',
    ]);
  });

  it('Handlebars: {{{ }}} of request data through #with, #each and partials', async () => {
    const { at, warnings } = await scan('hbs');
    expect(at).toEqual(
      [
        'views/card.hbs:2', // {{{name}}}; not {{name}}, {{{motto}}} (he.encode) or the comment
        'views/card.hbs:5', // {{#with owner}}{{{handle}}}
        'views/card.hbs:6', // {{#each tags}}{{{this.label}}}
        'views/partials/footer.hbs:1', // {{> footer}}
      ].sort(),
    );
    expect(warnings).toEqual([
      'views/broken.hbs: template (handlebars): line 2: unterminated `{{{` tag: the rest of the template is not read',
    ]);
  });

  it('Nunjucks: | safe and autoescape false blocks; escaping filters, comments and raw blocks are not', async () => {
    const { at, warnings } = await scan('nunjucks');
    expect(at).toEqual(
      [
        'src/templates/search.njk:4', // {{ q | safe }}
        'src/templates/search.njk:7', // {% autoescape false %}{{ note }}
        'src/templates/search.njk:10', // {% for r in results %}{{ r.title | safe }}
        'src/templates/partials/base.njk:1', // {% extends %}: the layout writes q raw
      ].sort(),
    );
    expect(warnings).toEqual([
      'src/templates/broken.njk: template (nunjucks): line 2: unterminated `{{` tag: the rest of the template is not read',
    ]);
  });

  it("Koa's ctx.render (koa-views) and Fastify's reply.view (@fastify/view)", async () => {
    const { at } = await scan('koa-fastify');
    expect(at).toEqual(['views/greeting.ejs:1', 'views/user.pug:2']);
  });

  it('Swig in .html, registered with app.engine and autoescaping turned off for the app', async () => {
    const { at } = await scan('swig');
    // {{ name }} is raw under autoescape: false; `| escape` and parseInt'd counts are not.
    expect(at).toEqual(['views/hello.html:1']);
  });
});
