import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'a $where clause a local function builds and returns (in a helper: at its call, as any)',
      code: `function getByThreshold(col, threshold) {
  const criteria = () => {
    if (threshold) return { $where: \`this.userId == 1 && this.stocks > '\${threshold}'\` };
    return { userId: 1 };
  };
  return col.find(criteria()).toArray();
}
app.get('/allocations', (req, res) => getByThreshold(db.collection('allocations'), req.query.threshold)); // vigil-expect`,
    },
    {
      name: "legacy update and remove on a collection: the driver's, NeDB's, MarsDB's, a Mongoose 6 model",
      code: `import mongoose from 'mongoose';
import * as MarsDB from 'marsdb';
import Datastore from 'nedb';
const reviewsCollection = new MarsDB.Collection('posts');
const orders = new Datastore({ filename: 'orders.db' });
app.patch('/rest/products/reviews', (req, res) => {
  reviewsCollection.update({ _id: req.body.id }, { $set: { message: req.body.message } }, { multi: true }); // vigil-expect
  orders.remove({ owner: req.query.owner }, {}); // vigil-expect
  mongoose.model('Review').update(req.body.filter, { $set: { hidden: true } }); // vigil-expect
});`,
    },
    {
      name: "a Mongoose findOneAndUpdate's record: a field its $set writes from the request, or another operator's",
      code: `import mongoose from 'mongoose';
const Rev = mongoose.model('Rev', new mongoose.Schema({ title: String }));
app.post('/rev', async (req, res) => {
  const changes = {};
  if ('title' in req.body) changes.title = req.body.title;
  const rev = await Rev.findOneAndUpdate({ id: req.session.rev }, { $set: { ...changes } }, { new: true });
  await Rev.find({ title: rev.title }); // vigil-expect
  const tagged = await Rev.findOneAndUpdate({ id: 1 }, { $set: { seen: true }, $push: { tags: req.body.tag } }, { new: true });
  await Rev.find({ organization: tagged.organization }); // vigil-expect
  res.json(rev);
});`,
    },
    {
      name: "the request's field of a stored document, read back through toJSON() and a helper returning it",
      code: `import mongoose from 'mongoose';
const Past = mongoose.model('Past', new mongoose.Schema({ datasource: String }));
const toInterface = (doc) => doc.toJSON();
app.post('/past', async (req, res) => {
  const past = toInterface(await Past.create({ id: newId(), datasource: req.body.datasource }));
  await Past.find({ datasource: past.datasource }); // vigil-expect
  res.json(past);
});`,
    },
    {
      name: "Mongoose chains that hold no SQL builder's link (a `query` that is no call, a model named so)",
      code: `app.post('/u', async (req, res) => {
  await User.find({ org: req.body.org }).where({ owner: req.body.owner }); // vigil-expect
  await this.query.findOne({ name: req.body.name }); // vigil-expect
  await Query.findById(req.body.id); // vigil-expect
});`,
    },
    {
      name: 'GraphQL arguments as JavaScript the database runs, or parsed from text into a filter',
      code: `import { graphql } from 'graphql';
export const resolvers = {
  Query: {
    search: (_, args) => Post.find({ $where: 'this.title.includes("' + args.q + '")' }), // vigil-expect
  },
};
const postResolvers = {
  PostQuery: {
    list: async (parent, { where }) => Post.find(JSON.parse(where)), // vigil-expect
  },
};
app.register(mercurius, { schema, resolvers: postResolvers });
const root = { count: (args) => User.countDocuments(JSON.parse(args.filter)) }; // vigil-expect
graphql({ schema, source, rootValue: root });
graphql(schema, source, { find: (args) => User.find({ $where: args.js }) }); // vigil-expect`,
    },
    {
      name: 'a write into a query object a helper runs, under a test that is no type check',
      code: `function byQuery(query) { return Idea.find(query); } // vigil-expect
app.get('/ideas', async (req, res) => {
  const query = { organization: currentOrg().id };
  if (req.query.project) query.project = req.query.project;
  res.json(await byQuery(query));
});`,
    },
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
      name: "an aggregation expression's operands, where text starting with $ names a field",
      code: `app.post('/s', async (req, res) => {
  await Post.find({ $expr: { $eq: ['$owner', req.body.owner] } }); // vigil-expect
  const match = { $expr: { $in: [req.body.tag, '$tags'] } };
  await Post.find(match); // vigil-expect
});`,
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
      name: '$where in a call no query model names: a driver method, a wrapper, an operator list',
      code: `import { runQuery } from '@acme/mongo-kit';
app.post('/orders/cancelled', (req, res) => {
  store.collection('orders').purge({ $where: 'this.cancelled > ' + req.body.count }, done); // vigil-expect
  runQuery('orders', { filter: { $or: [{ open: false }, { $where: req.body.js }] } }); // vigil-expect
});`,
    },
    {
      name: '$where with a route parameter: a string is JavaScript there',
      code: `app.get('/r/:id', (req, res) => {
  Reviews.find({ $where: 'this.product == ' + req.params.id }); // vigil-expect
});`,
    },
    {
      name: "Mongoose's query builder: a value for the path where() named, a filter, a path and a value",
      code: `const mongoose = require('mongoose');
const Post = mongoose.model('Post', new mongoose.Schema({ title: String }));
router.get('/members', async (req, res) => {
  const admins = await Member.where('role').equals(req.query.role); // vigil-expect
  const voted = await Post.find().where('comments').elemMatch({ author: req.body.author }); // vigil-expect
  const tagged = await Post.find().where('tags').all(req.body.tags); // vigil-expect
  const byName = await Member.find().where('name', req.body.name); // vigil-expect
  const bySlug = await Post.where('slug', req.query.slug); // vigil-expect
  const adults = await Member.where('age')
    .gte(18)
    .where('team', req.body.team); // vigil-expect
  res.json({ admins, voted, tagged, byName, bySlug, adults });
});`,
    },
    {
      name: 'conditions handed to a query whole: and/or/nor, merge, setQuery, also on a query in a variable',
      code: `const mongoose = require('mongoose');
const Order = mongoose.model('Order', new mongoose.Schema({ owner: String }));
app.post('/orders/search', async (req, res) => {
  await Account.find().or([{ email: req.body.login }, { username: req.body.login }]); // vigil-expect
  await Account.findOne().and([{ active: true }, req.body.extra]); // vigil-expect
  await Account.find().nor([{ banned: req.body.banned }]); // vigil-expect
  const q = Order.find({ owner: req.user.id });
  q.merge(req.query); // vigil-expect
  q.setQuery(req.body.filter); // vigil-expect
  res.json(await q.exec());
});`,
    },
    {
      name: "a $where method and the MongoDB driver's collection methods",
      code: `app.post('/records', async (req, res) => {
  await Record.$where(req.body.predicate); // vigil-expect
  const records = db.collection('records');
  await records.findOneAndUpdate({ ref: req.body.ref }, { $set: { seen: true } }); // vigil-expect
  await records.deleteMany({ owner: req.body.owner }); // vigil-expect
  await records.countDocuments({ state: req.body.state }); // vigil-expect
  await records.replaceOne({ ref: req.body.ref2 }, { ref: 'x' }); // vigil-expect
  await records.findOneAndReplace({ ref: req.body.ref3 }, { ref: 'y' }); // vigil-expect
  await Record.exists({ ref: req.body.ref4 }); // vigil-expect
  res.end();
});`,
    },
    {
      // The map, reduce and finalize functions run in the database: text is code there.
      name: 'mapReduce: functions written from request data, and its query',
      code: `app.get('/stats', async (req, res) => {
  await Visit.mapReduce({
    map: 'function () { emit(this.' + req.query.field + ', 1); }', // vigil-expect
    reduce: 'function (key, values) { return values.length; }',
  });
  await Visit.mapReduce({ map: mapFn, reduce: reduceFn, query: { site: req.body.site } }); // vigil-expect
  const o = {};
  o.map = \`function () { emit(this.\${req.params.key}, 1); }\`; // vigil-expect
  o.reduce = reduceFn;
  await Visit.mapReduce(o);
  await db.collection('visits').mapReduce(mapFn, reduceFn, {
    finalize: 'function (key, value) { return value * ' + req.query.factor + '; }', // vigil-expect
    out: { inline: 1 },
  });
  await db.collection('visits').mapReduce(mapFn, reduceFn, { query: { site: req.body.site }, out: { inline: 1 } }); // vigil-expect
  await db.collection('visits').mapReduce(req.body.map, reduceFn, { out: { inline: 1 } }); // vigil-expect
});`,
    },
    {
      name: 'a database command: eval (servers before 4.2) and a command filter',
      code: `app.post('/admin/run', async (req, res) => {
  await db.command({ eval: 'return db.jobs.count({ queue: "' + req.body.queue + '" })' }); // vigil-expect
  await db.command({ find: 'jobs', filter: { queue: req.body.queue } }); // vigil-expect
  res.end();
});`,
    },
    {
      name: "a change stream's pipeline from a socket message",
      code: `io.on('connection', (socket) => {
  socket.on('join', (room) => {
    const stream = db.collection('messages').watch([{ $match: { 'fullDocument.room': room } }]); // vigil-expect
    stream.on('change', (change) => socket.emit('message', change.fullDocument));
  });
});`,
    },
    {
      name: "a field of a document Mongoose's create stored from the request",
      code: `const mongoose = require('mongoose');
const Idea = mongoose.model('Idea', new mongoose.Schema({ title: String }));
const Tag = mongoose.model('Tag', new mongoose.Schema({ name: String }));
app.post('/ideas', async (req, res) => {
  const idea = await Idea.create({ ...req.body, id: newId() });
  await Tag.updateOne({ organization: idea.organization }, { $inc: { count: 1 } }); // vigil-expect
  res.json(idea);
});`,
    },
    {
      name: 'a document found by the request is no source, but the filter the request writes still is a sink',
      code: `const mongoose = require('mongoose');
const Team = mongoose.model('Team', new mongoose.Schema({ name: String }));
app.post('/teams', async (req, res) => {
  const team = await Team.findOne({ name: req.body.name }); // vigil-expect
  const members = await Team.find({ parent: team.parent });
  await Team.find({ parent: team.parent }).where('owner').equals(req.body.owner); // vigil-expect
  res.json(members);
});`,
    },
  ],
  valid: [
    {
      name: "a TypeORM query builder's where, on a repository the program's own helper hands out",
      code: `app.get('/stats', async (req, res) => {
  const repo = getServer().dataSource.getRepository(ChatMessage);
  const where = { chatflowid: req.params.id, chatType: In(JSON.parse(req.query.types)) };
  const row = await repo.createQueryBuilder('cm').select('COUNT(*)', 'n').where(where).getRawOne();
  res.json(row);
});`,
    },
    {
      name: "update that is no MongoDB filter: a hash, a cipher, Sequelize's values with their where",
      code: `import crypto from 'node:crypto';
app.post('/sign', (req, res) => {
  const h = crypto.createHash('sha256');
  h.update(req.body.payload);
  const hmac = crypto.createHmac('sha256', key).update(req.body.payload).digest('hex');
  User.update({ name: req.body.name }, { where: { id: req.user.id } });
  progress.update(req.body.step);
  Flags.update(req.body.flagId, req.user.id, { state: 'open' });
});`,
    },
    {
      name: "a $where key given to the program's own function, or holding a constant",
      code: `function describe(q) { return JSON.stringify(q); }
app.get('/x', (req, res) => {
  res.json(describe({ $where: req.query.js }));
  db.remove({ $where: 'this.expired === true' }, done);
  report({ where: req.query.js });
});`,
    },
    {
      name: "a Mongoose findOneAndUpdate's record: the fields its $set does not write are the database's",
      code: `import mongoose from 'mongoose';
const Rev = mongoose.model('Rev', new mongoose.Schema({ title: String }));
app.post('/rev', async (req, res) => {
  const changes = {};
  if ('title' in req.body) changes.title = req.body.title;
  const rev = await Rev.findOneAndUpdate({ id: req.session.rev }, { $set: { ...changes, dateUpdated: new Date() }, $inc: { edits: 1 } }, { new: true });
  await Rev.find({ organization: rev.organization, feature: rev.feature });
  res.json(rev);
});`,
    },
    {
      name: "a stored document's server-made fields, read back through toJSON(), lodash's omit and a helper returning it",
      code: `import mongoose from 'mongoose';
import { omit } from 'lodash';
const Past = mongoose.model('Past', new mongoose.Schema({ datasource: String }));
function toInterface(doc) {
  return omit(doc.toJSON(), ['__v', '_id']);
}
app.post('/past', async (req, res) => {
  const past = toInterface(await Past.create({ id: newId(), organization: req.session.org, datasource: req.body.datasource }));
  await Past.updateOne({ organization: past.organization, id: past.id }, { $set: { running: true } });
  res.json(past);
});`,
    },
    {
      name: "a field the server wrote over the request's before a helper stored it with Mongoose's create; the id it made",
      code: `const mongoose = require('mongoose');
const Idea = mongoose.model('Idea', new mongoose.Schema({ title: String }));
const Tag = mongoose.model('Tag', new mongoose.Schema({ name: String }));
async function createIdea(data) {
  const idea = await Idea.create({ ...data, id: newId() });
  await Tag.updateOne({ organization: idea.organization, idea: idea.id }, { $inc: { count: 1 } });
  return idea;
}
app.post('/ideas', async (req, res) => {
  const data = req.body;
  data.organization = req.session.orgId;
  res.json(await createIdea(data));
});`,
    },
    {
      name: 'GraphQL resolvers reading only the parent or typed arguments, type resolution hooks, an object with a Query key that is no resolver map',
      code: `const resolvers = {
  Query: {
    me: (parent, args, context) => User.findOne({ _id: context.user.id }),
  },
  User: {
    posts: (user) => Post.find({ author: user.id }),
    __resolveType: (obj, context) => Kind.find(context.filter),
  },
};
// GraphQL's validation gives each argument its declared type, and an input object's keys are
// schema names, which never start with \`$\`.
const typed = {
  Query: {
    user: (_, args) => User.findById(args.id),
    users: (_, { filter }) => User.find(filter),
    login: (_, args) => User.findOne({ name: args.name, password: args.password }),
  },
};
const STATEMENTS = {
  Query: 'SELECT 1',
  Other: {
    run(conn, args) {
      return User.find(args.filter);
    },
  },
};
module.exports = { resolvers, typed, STATEMENTS };`,
    },
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
      name: 'operands of comparison operators, in place or in a query object built first',
      code: `app.post('/s', async (req, res) => {
  await User.find({ age: { $gt: req.body.min }, role: { $in: req.body.roles } });
  const query = { org: req.user.org };
  if (req.query.types) query.event = { $in: JSON.parse(req.query.types) };
  query.$or = [{ projects: { $exists: false } }, { projects: { $eq: req.query.project } }];
  res.json(await Event.find(query));
});`,
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
      name: 'a typeof guard around a write into a query object a helper runs',
      code: `function byQuery(query) { return Idea.find(query); }
app.get('/ideas', async (req, res) => {
  const query = { organization: currentOrg().id };
  if (typeof req.query.project === 'string' && req.query.project) query.project = req.query.project;
  res.json(await byQuery(query));
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
    {
      name: 'builder values made text, numbers, ObjectIds, compared with $eq, checked, or sanitised',
      code: `const { ObjectId } = require('mongodb');
const sanitize = require('mongo-sanitize');
const { sanitize: stripOperators } = require('express-mongo-sanitize');
app.post('/members', async (req, res) => {
  await Member.where('role').equals(String(req.body.role));
  await Member.where('email').equals(\`\${req.body.email}\`);
  await Member.where('age').gt(Number(req.body.min)).lt(parseInt(req.body.max, 10));
  await Member.where('team').equals(new ObjectId(req.body.team));
  await Member.find().where('name', { $eq: req.body.name });
  await Member.find().or([{ nick: sanitize(req.body.nick) }, { mail: stripOperators(req.body.mail) }]);
  await Member.where('slug').equals(req.params.slug);
  if (typeof req.body.code !== 'string') return res.sendStatus(400);
  await Member.where('code').equals(req.body.code);
});`,
    },
    {
      // The server compares an operand as it is, and Mongoose casts it to the path's type.
      name: "comparison operands in the builder: a client's object is compared, not read for operators",
      code: `app.get('/posts', async (req, res) => {
  const recent = await Post.where('votes').gte(req.query.min).lte(req.query.max);
  const some = await Post.find().where('_id').in(req.body.ids);
  const others = await Post.find().where('author').ne(req.body.author).nin(req.body.blocked);
  const titled = await Post.find().where('title').regex(req.query.pattern);
  res.json({ recent, some, others, titled });
});`,
    },
    {
      name: "other libraries' and the program's own equals, gt, or, all, merge, watch, where and exists",
      code: `const mongoose = require('mongoose');
const semver = require('semver');
const chokidar = require('chokidar');
const R = require('ramda');
const { check } = require('express-validator');
const Member = mongoose.model('Member', new mongoose.Schema({}));
router.post('/register', check('confirm').equals('x'), async (req, res) => {
  check('confirm', 'Passwords do not match').equals(req.body.password);
  req.checkBody('password2', 'Passwords do not match').equals(req.body.password);
  const member = await Member.findById(String(req.body.id));
  if (member._id.equals(req.body.owner)) return res.sendStatus(403);
  if (mongoose.Types.ObjectId(req.params.id).equals(req.body.id)) return res.end();
  await Promise.all(req.body.ids.map((id) => Member.findById(String(id))));
  if (semver.gt(req.body.version, '2.0.0')) res.set('X-New', '1');
  Joi.object({ a: Joi.string(), b: Joi.string() }).or('a', req.body.key);
  _.merge({}, req.body);
  chokidar.watch(req.body.dir);
  R.where({ plan: R.equals('pro') }, req.body);
  fs.exists(req.body.file, (found) => res.json({ found }));
  if (await posts.exists(req.body.pid)) res.end();
});`,
    },
    {
      name: "Objection's query chains and a knex instance called as a member take no operators",
      code: `app.post('/u', async (req, res) => {
  await Person.query().findById(req.body.id);
  await Person.query().patch({ active: true }).findById(req.body.id);
  await Person.query().where({ name: req.body.name }).first();
  await person.$relatedQuery('pets').findOne({ name: req.body.pet });
  await WIKI.models.knex('pages').first('id').where({ path: req.body.path });
});`,
    },
    {
      name: 'SQL builders chaining where(column, value): knex through a module, Objection',
      code: `const db = require('./db');
app.post('/u', async (req, res) => {
  res.json(await db('users').where('org', req.user.org).where('email', req.body.email).first());
  res.json(await Person.query().where('age', '>', req.body.age).where('name', 'like', req.body.name));
});`,
    },
    {
      name: 'mapReduce with fixed functions: request data through scope and a string query value',
      code: `app.get('/stats', async (req, res) => {
  await Visit.mapReduce({
    map: function () { if (this.site === site) emit(this.day, 1); },
    reduce: function (key, values) { return values.length; },
    query: { site: String(req.query.site) },
    scope: { site: req.query.site },
  });
  await db.command({ ping: 1 });
  bot.command(req.query.name);
});`,
    },
    {
      name: 'a search term made a RegExp: matched as $regex, no operators',
      code: `const escapeRegExp = require('lodash/escapeRegExp');
app.get('/search', async (req, res) => {
  const term = new RegExp(escapeRegExp(req.query.q), 'i');
  res.json(await Post.find({ title: term }).where('body').regex(term));
});`,
    },
    {
      name: "Dexie's where().equals() in the browser: IndexedDB, with the page's URL",
      filename: 'contacts.tsx',
      code: `const name = new URLSearchParams(location.search).get('name');
db.contacts.where('name').equals(name).toArray().then(render);`,
    },
  ],
} satisfies RuleCases;
