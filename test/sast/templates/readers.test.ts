import { describe, expect, it } from 'vitest';
import { readEjs } from '../../../src/sast/templates/ejs.ts';
import { outputNames } from '../../../src/sast/templates/expression.ts';
import { readHandlebars } from '../../../src/sast/templates/handlebars.ts';
import { readNunjucks } from '../../../src/sast/templates/nunjucks.ts';
import { readPug } from '../../../src/sast/templates/pug.ts';
import type { TemplateScan } from '../../../src/sast/templates/sites.ts';
import { constantFolder } from '../../../src/sast/templates/view-settings.ts';
import { expectLinear, fill, shaped } from '../../support/linear-time.ts';

const sites = (scan: TemplateScan) => scan.sites.map((s) => `${s.line}:${s.column} ${s.names.join(',')}`);

describe('output expressions', () => {
  it('keeps the paths written, not what calls return', () => {
    expect(outputNames('user.bio')).toEqual(['user.bio']);
    expect(outputNames("user['bio'] || 'none'")).toEqual(['user.bio']);
    expect(outputNames('locals.title + " – " + site')).toEqual(['title', 'site']);
    expect(outputNames('items[i].name')).toEqual(['items']);
    expect(outputNames('bio.trim().toUpperCase()')).toEqual(['bio']);
    expect(outputNames('String(count)')).toEqual(['count']);
    // An escaper, a formatter or a Markdown renderer: its result is its own.
    expect(outputNames('escapeHtml(bio)')).toEqual([]);
    expect(outputNames('marked(doc.memo).length')).toEqual([]);
    expect(outputNames('JSON.stringify(data)')).toEqual([]);
    expect(outputNames("'literal' + 42 + true")).toEqual([]);
  });

  it('leaves out the operands of comparisons, which write true or false', () => {
    expect(outputNames("(face === 'config') ? 'data-face-config=\"cy10\"' : ''")).toEqual([]);
    expect(outputNames("'a' !== mode && count >= limit")).toEqual([]);
    expect(outputNames("role == 'admin' ? name : guest")).toEqual(['name', 'guest']);
    expect(outputNames('x < 3 ? x : y')).toEqual(['x', 'y']);
  });
});

describe('EJS', () => {
  it('finds <%- %> only, with lines and columns', () => {
    const scan = readEjs(
      '<p><%= a %></p>\n  <%- b.c %><%# <%- d %>\n<%% <%- e %> %>\n<%_ var f = 1 _%><%- f %>',
    );
    expect(sites(scan)).toEqual(['2:3 b.c', '3:5 e']);
    expect(scan.sites[0]!.text).toBe('<%- b.c %>');
  });

  it('reads includes by constant name, old and new style', () => {
    const scan = readEjs("<%- include('partials/a', { x: 1 }) %>\n<% include b %>\n<%- include(name) %>");
    expect(scan.includes.map((i) => `${i.line} ${i.name}`)).toEqual(['1 partials/a', '2 b']);
    expect(scan.sites).toEqual([]);
  });

  it('maps loop variables to their list, and drops the template own values', () => {
    const scan = readEjs('<% for (const row of rows) { %><%- row.html %><% } %><% let own = x %><%- own %>');
    expect(sites(scan)).toEqual(['1:32 rows.html']);
  });
});

describe('Pug', () => {
  it('finds !{}, != and attr!=; not #{}, = or attr=', () => {
    const scan = readPug(
      'div\n  p #{a}\n  p= b\n  p!= c\n  p Hi !{d.e}\n  a(href=f title!=g) x\n  != h\n  //- !{comment}\n  | !{i}\n  p \\!{j}',
    );
    expect(sites(scan)).toEqual(['4:4 c', '5:8 d.e', '6:12 g', '7:3 h', '9:5 i']);
  });

  it('reads include and extends, not filtered includes', () => {
    const scan = readPug('extends layout\ninclude mixins/a.pug\ninclude:markdown-it notes.md');
    expect(scan.includes.map((i) => i.name)).toEqual(['layout', 'mixins/a.pug']);
  });

  it('maps each loops, and reads a multi-line attribute block', () => {
    const scan = readPug('each post, i in posts\n  a(\n    class="x"\n    href!=post.url\n  )= post.title');
    expect(sites(scan)).toEqual(['4:5 posts.url']);
  });
});

describe('Handlebars', () => {
  it('finds {{{ }}} and {{& }}, helpers arguments included; not {{ }} or escaping helpers', () => {
    const scan = readHandlebars(
      '{{a}} {{{b}}} {{& c}} {{{link url text=title}}} {{{escape d}}} {{!-- {{{e}}} --}} \\{{{f}}}',
    );
    expect(sites(scan)).toEqual(['1:7 b', '1:15 c', '1:23 url,title']);
  });

  it('moves the context in #with, #each and sections, and back with ../', () => {
    const scan = readHandlebars(
      '{{#with user}}{{{name}}}{{{../site}}}{{/with}}{{#each posts as |p|}}{{{p.body}}}{{/each}}{{#list}}{{{x}}}{{/list}}{{#if ok}}{{{y}}}{{/if}}',
    );
    expect(scan.sites.map((s) => s.names.join())).toEqual(['user.name', 'site', 'posts.body', 'list.x', 'y']);
  });

  it('reads partials by name', () => {
    const scan = readHandlebars(
      '{{> header}} {{> "footer" title=t}} {{#> layout}}x{{/layout}} {{> (dynamic)}}',
    );
    expect(scan.includes.map((i) => i.name)).toEqual(['header', 'footer', 'layout']);
  });
});

describe('Nunjucks', () => {
  it('finds | safe and autoescape false; escaping filters win', () => {
    const scan = readNunjucks(
      '{{ a }}{{ b | safe }}{{ c | escape | safe }}{{ d|default("x")|safe }}{% autoescape false %}{{ e }}{{ f | e }}{% endautoescape %}{{ g }}{# {{ h | safe }} #}{% raw %}{{ i | safe }}{% endraw %}',
    );
    expect(scan.sites.map((s) => s.names.join())).toEqual(['b', 'd', 'e']);
  });

  it('treats every {{ }} as raw when the project turns autoescaping off', () => {
    const scan = readNunjucks(
      '{{ a }}{{ b | escape }}{{ c | int }}{% autoescape true %}{{ d }}{% endautoescape %}',
      {
        autoescapeOff: true,
      },
    );
    expect(scan.sites.map((s) => s.names.join())).toEqual(['a']);
  });

  it('maps for loops and reads includes', () => {
    const scan = readNunjucks(
      '{% extends "base.njk" %}{% include \'p/x.njk\' %}{% include tpl %}{% for k, v in obj %}{{ v.t | safe }}{{ k | safe }}{% endfor %}{% set s = 1 %}{{ s | safe }}',
    );
    expect(scan.includes.map((i) => i.name)).toEqual(['base.njk', 'p/x.njk']);
    expect(scan.sites.map((s) => s.names.join())).toEqual(['obj.t']);
  });
});

describe('malformed templates', () => {
  it('warn with the line and never throw', () => {
    const cases: Array<[string, TemplateScan]> = [
      ['ejs', readEjs('ok <%- a %>\n<%- b')],
      ['pug', readPug('p!= a\np(class="x"\n  href!=b')],
      ['hbs', readHandlebars('{{{a}}}\n{{!-- open')],
      ['njk', readNunjucks('{{ a | safe }}\n{% raw %}never closed')],
    ];
    for (const [engine, scan] of cases) {
      expect(scan.warnings, engine).toHaveLength(1);
      expect(scan.warnings[0], engine).toMatch(/^line 2: unterminated/);
      expect(scan.sites.length, engine).toBe(1);
    }
  });

  it('survive binary-looking, empty and brace-only text', () => {
    for (const text of ['', '{{{{{{', '<%<%<%', '!{!{!{', '{%{%{%', '\u0000\uffff}}}%>']) {
      expect(() => [readEjs(text), readPug(text), readHandlebars(text), readNunjucks(text)]).not.toThrow();
    }
  });
});

describe('huge templates are read in linear time', () => {
  // Against a page of ordinary markup with a raw tag every few lines, of the same size.
  const readers: Array<[string, (t: string) => unknown, string, string[]]> = [
    [
      'ejs',
      readEjs,
      '<p>Text of a page</p>\n<p><%- a.b %></p>\n',
      ['<%- a %>', '<%', '<% a.forEach(', '<%- f(((((( %>', "<%- '''''' %>"],
    ],
    [
      'pug',
      readPug,
      'div\n  p Text of a page\n  p!= a.b\n',
      ['p!= a\n', '!{', 'a(', 'p(href!=', '!{((((', '  ', 'each x in '],
    ],
    [
      'handlebars',
      readHandlebars,
      '<p>Text of a page</p>\n<p>{{{a.b}}}</p>\n',
      ['{{{a}}}', '{{', '{{{', '{{#each a}}', '{{/x}}', '{{{a (((('],
    ],
    [
      'nunjucks',
      readNunjucks,
      '<p>Text of a page</p>\n<p>{{ a.b | safe }}</p>\n',
      ['{{ a | safe }}', '{{', '{%', '{% for a in b %}', '{{ a | ((((', "{{ '''' "],
    ],
  ];
  for (const [engine, read, page, units] of readers) {
    it(
      engine,
      () => {
        expectLinear(
          engine,
          read,
          (size) => fill(page, size),
          units.map((u) => shaped(JSON.stringify(u), '', u)),
        );
      },
      120_000,
    );
  }
});

describe('views folders', () => {
  it('reads constants and __dirname, nothing else', () => {
    expect(constantFolder("path.join(__dirname, 'views')", 'app', '.')).toBe('app/views');
    expect(constantFolder('`${__dirname}/app/views`', '.', '.')).toBe('app/views');
    expect(constantFolder("__dirname + '/../views'", 'src/server', '.')).toBe('src/views');
    expect(constantFolder("'views'", 'src', 'pkg')).toBe('pkg/views');
    expect(constantFolder("path.resolve(process.cwd(), 'tpl')", 'src', 'pkg')).toBe('pkg/tpl');
    expect(constantFolder('config.views', 'src', '.')).toBeUndefined();
    expect(constantFolder("'/srv/views'", 'src', '.')).toBeUndefined();
  });
});
