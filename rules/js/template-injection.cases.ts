import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'nunjucks environment and squirrelly compiling request text',
      code: `const nunjucks = require('nunjucks');
const Sqrl = require('squirrelly');
const env = new nunjucks.Environment();
app.post('/render', (req, res) => {
  const page = env.renderString(req.body.page, {}); // vigil-expect
  res.send(page + Sqrl.render('<p>' + req.body.footer + '</p>', {})); // vigil-expect
});`,
    },
    {
      name: 'twig template text passed as the data option',
      code: `const Twig = require('twig');
app.post('/t', (req, res) => {
  res.send(Twig.twig({ data: req.body.template }).render({})); // vigil-expect
});`,
    },
    {
      name: 'ejs.render of a body field',
      code: `import ejs from 'ejs';
app.post('/preview', (req, res) => {
  res.send(ejs.render(req.body.template, { user: req.user })); // vigil-expect
});`,
    },
    {
      name: 'lodash template built by concatenation',
      code: `const _ = require('lodash');
app.get('/greet', (req, res) => {
  const compiled = _.template('Hello ' + req.query.name); // vigil-expect
  res.send(compiled({}));
});`,
    },
    {
      name: 'Handlebars compile in a NestJS controller',
      code: `import Handlebars from 'handlebars';
class MailController {
  preview(@Body('tpl') tpl: string) {
    return Handlebars.compile(tpl)({}); // vigil-expect
  }
}`,
    },
    {
      name: 'request text replaced into a template before it is compiled',
      code: `const Handlebars = require('handlebars');
const fs = require('fs');
app.get('/banner', (req, res) => {
  const layout = fs.readFileSync('views/banner.hbs', 'utf8').replace('<!-- slot -->', req.query.slot);
  res.send(Handlebars.compile(layout)({})); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'a constant replaced into a template, request text only as its data',
      code: `const Handlebars = require('handlebars');
const fs = require('fs');
app.get('/banner', (req, res) => {
  const layout = fs.readFileSync('views/banner.hbs', 'utf8').replace('<!-- slot -->', '{{slot}}');
  res.send(Handlebars.compile(layout)({ slot: req.query.slot }));
});`,
    },
    {
      name: 'request values as the data of a constant twig template',
      code: `const Twig = require('twig');
const page = Twig.twig({ data: '<h1>{{ title }}</h1>' });
app.get('/t', (req, res) => { res.send(page.render({ title: req.query.title })); });`,
    },
    {
      name: 'constant template with data',
      code: `import ejs from 'ejs';
app.get('/p', (req, res) => { res.send(ejs.render('<p><%= name %></p>', { name: req.query.name })); });`,
    },
    {
      name: 'pug compileFile with a fixed path',
      code: `import pug from 'pug';
const tpl = pug.compileFile('views/a.pug');
app.get('/p', (req, res) => { res.send(tpl({ q: req.query.q })); });`,
    },
    {
      name: 'template chosen from an allow-list',
      code: `import ejs from 'ejs';
const TEMPLATES: Record<string, string> = { a: '<p>A</p>', b: '<p>B</p>' };
app.get('/p', (req, res) => { res.send(ejs.render(TEMPLATES[req.query.t] ?? '', {})); });`,
    },
    {
      name: 'a local render function',
      code: `function render(s: string) { return s.toUpperCase(); }
app.get('/p', (req, res) => { res.json(render(req.query.q)); });`,
    },
  ],
} satisfies RuleCases;
