import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: "Mongoose's by-id lookups and distinct's filter",
      code: `app.post('/u', async (req, res) => {
  await User.findById(req.body.id); // vigil-expect
  await User.findByIdAndDelete(req.body.id); // vigil-expect
  await User.distinct('email', { org: req.body.org }); // vigil-expect
});`,
    },
    {
      // The finding stands at the JavaScript the database runs, not at the query call.
      name: 'a $where clause set on a query object held in a variable',
      code: `app.post('/find', (req, res) => {
  const byEmail = {};
  byEmail['$where'] = \`this.email == '\${req.body.email}'\`; // vigil-expect
  User.find(byEmail, (err, users) => res.json(users));
  const byName = {
    $where: 'this.name == "' + req.query.name + '"', // vigil-expect
  };
  User.find(byName, (err, users) => res.json(users));
});`,
    },
    {
      name: 'login with body fields',
      code: `app.post('/login', async (req, res) => {
  const user = await User.findOne({ name: req.body.name, password: req.body.password }); // vigil-expect
  res.json(user);
});`,
    },
    {
      name: 'an operator other than $eq keeps the value an operand the client shapes',
      code: `app.post('/s', async (req, res) => { await User.find({ age: { $gt: req.body.min } }); }); // vigil-expect`,
    },
    {
      name: 'whole query string as a filter',
      code: `router.get('/items', async (ctx) => {
  const filter = ctx.query;
  ctx.body = await db.collection('items').find(filter).toArray(); // vigil-expect
});`,
    },
    {
      name: '$where with a template string',
      code: `app.get('/s', (req, res) => {
  Posts.find({ $where: \`this.title == '\${req.query.t}'\` }); // vigil-expect
});`,
    },
    {
      name: '$where with a route parameter: a string is JavaScript there',
      code: `app.get('/r/:id', (req, res) => {
  Reviews.find({ $where: 'this.product == ' + req.params.id }); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'header values, ObjectIds, a typeof object rejection, a validator.js check',
      code: `const { ObjectId } = require('mongodb');
const validator = require('validator');
app.post('/u', async (req, res) => {
  await User.findOne({ key: req.headers['x-api-key'] });
  await User.findOne({ key: req.get('x-api-key') });
  await users.findOne({ _id: new ObjectId(req.body.id) });
  if (typeof req.body.email === 'object') return res.sendStatus(400);
  await User.find({ email: req.body.email });
  if (!validator.isEmail(req.body.login)) return res.sendStatus(400);
  await User.findOne({ login: req.body.login });
});`,
    },
    {
      name: "a Next.js route's search parameters are text",
      code: `export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q');
  return Response.json(await db.collection('posts').find({ title: q }).toArray());
}`,
    },
    {
      name: 'checked to be a number first',
      code: `const utils = require('./utils');
app.get('/p', async (req, res) => {
  if (utils.isNumber(req.query.pid)) res.json(await Post.exists({ _id: req.query.pid }));
  if (!Number.isInteger(req.body.n)) return res.sendStatus(400);
  res.json(await Post.find({ n: req.body.n }));
});`,
    },
    {
      name: "a page's search term given to an editor's find",
      filename: 'search.tsx',
      code: `const term = new URLSearchParams(location.search).get('q');
if (term) editor.commands.find({ text: term });`,
    },
    {
      name: 'knex where objects bind their values',
      code: `const knex = require('knex')({ client: 'pg' });
app.get('/u', async (req, res) => {
  res.json(await knex('users').where({ email: req.query.email }).first());
  res.json(await knex.select('*').from('users').where({ id: req.query.id }));
});`,
    },
    {
      name: "an injected Angular service's own find method",
      filename: 'track.component.ts',
      code: `import { Component, inject, Injectable } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import { ActivatedRoute } from '@angular/router';
@Injectable({ providedIn: 'root' })
export class OrderService {
  private readonly http = inject(HttpClient);
  find(id: string) {
    return this.http.get('/rest/track-order/' + encodeURIComponent(id));
  }
}
@Component({ selector: 'app-track', template: '' })
export class TrackComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly orders = inject(OrderService);
  ngOnInit() {
    this.orders.find(this.route.snapshot.queryParams.id).subscribe();
  }
}`,
    },
    {
      name: 'values coerced to strings',
      code: `app.post('/login', async (req, res) => { await User.findOne({ name: String(req.body.name), password: \`\${req.body.password}\` }); });`,
    },
    {
      name: 'compared with $eq, lower-cased, or decoded to bytes',
      code: `app.post('/login', async (req, res) => {
  await User.findOne({ email: { $eq: req.body.email } });
  await User.findOne({ email: req.body.email.trim().toLowerCase() });
  await User.findOne({ credentialId: Buffer.from(req.body.id, 'base64url') });
});`,
    },
    {
      name: 'Array.prototype.find with a callback',
      code: `app.get('/x', (req, res) => { [1, 2].find((n) => n === Number(req.query.n)); });`,
    },
    {
      name: 'typeof guard',
      code: `app.post('/login', async (req, res) => {
  const name = req.body.name;
  if (typeof name !== 'string') return res.sendStatus(400);
  await User.findOne({ name });
});`,
    },
    {
      name: 'mongo-sanitize',
      code: `import sanitize from 'mongo-sanitize';
app.post('/q', async (req, res) => { await User.find(sanitize(req.body)); });`,
    },
    {
      name: 'route parameters are always strings',
      code: `app.get('/users/:id', async (req, res) => { res.json(await User.findOne({ _id: req.params.id })); });`,
    },
    {
      name: 'an SQL ORM query with a where clause (Sequelize)',
      code: `app.post('/w', async (req, res) => { res.json(await Wallet.findOne({ where: { UserId: req.body.UserId } })); });`,
    },
    {
      name: 'NestJS @Param() is a string',
      code: `@Controller('u') class U { @Get(':id') one(@Param('id') id: string) { return this.users.findOne({ _id: id }); } }`,
    },
    {
      name: 'constant filter',
      code: `app.get('/a', async (req, res) => { await User.find({ active: true }); });`,
    },
  ],
} satisfies RuleCases;
