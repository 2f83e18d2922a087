import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
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
  ],
  valid: [
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
