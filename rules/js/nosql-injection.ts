import { LITERAL_OPERANDS, SQL_CHAIN_STARTS } from '../../src/sast/models/databases.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';
import type { SinkSpec } from '../../src/sast/taint/spec.ts';

const QUERY_METHODS = [
  'find',
  'findOne',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndRemove',
  'findOneAndReplace',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'replaceOne',
  'countDocuments',
  'count',
  'where',
  // Mongoose's by-id lookups: an id of `{ "$ne": null }` matches the first document.
  'findById',
  'findByIdAndUpdate',
  'findByIdAndDelete',
  'findByIdAndRemove',
  // `Model.$where(js)`, `query.$where(js)`: JavaScript the database runs, but only a value not yet
  // made text is seen here (`String()`, templates and `+` clear a string built from request data).
  '$where',
];

/**
 * Mongoose's query builder (mquery): methods that take the value of the path a `where(path)` before
 * them names, or a path and a value, as the last argument. `equals(x)` is `{ path: x }`, where the
 * server reads an object's operators; `elemMatch` takes a filter, and `all` may take `$elemMatch`s.
 */
const VALUE_METHODS = ['equals', 'elemMatch', 'all'];

/**
 * Links of the same chains that are no sinks: the server compares a comparison's operand as it is
 * (`{ age: { $gt: { $ne: 1 } } }` compares with that object) and Mongoose casts it to the path's
 * type; a pattern given to `regex` is js/regexp-injection's.
 */
const COMPARISON_METHODS = ['gt', 'gte', 'lt', 'lte', 'ne', 'in', 'nin', 'size', 'mod', 'regex'];

/** Builder methods that take conditions whole: `and/or/nor([…])`, `merge(obj)`, `setQuery(obj)`. */
const CONDITION_METHODS = ['and', 'or', 'nor', 'merge', 'setQuery'];

const BUILDER_METHODS = ['where', ...VALUE_METHODS, ...COMPARISON_METHODS, ...CONDITION_METHODS];

/**
 * The receiver is a call (or member) of one of these names, the link before in the same chain; with
 * `models`, also a capitalised name of two letters or more, a model class (`User.where(…)`, not
 * Ramda's `R`).
 */
function chainedTo(
  names: readonly string[],
  models = false,
): Pick<SinkSpec, 'receiver' | 'receiverCaseSensitive'> {
  const alternatives = [...new Set(names)].map((m) => m.replace('$', '\\$'));
  if (models) alternatives.unshift('[A-Z]\\w+');
  return { receiver: `^(?:${alternatives.join('|')})$`, receiverCaseSensitive: true };
}

/**
 * Callee paths of SQL ORMs' repositories and query builders, whose `find`/`where` filters are not
 * MongoDB queries: TypeORM's repositories, and knex (`knex('users').where({ id })` binds each value).
 */
const SQL_REPOSITORIES = [
  ...['Repository', 'TreeRepository', 'EntityManager', 'getRepository()', 'DataSource()', 'DataSource'].map(
    (t) => `typeorm.${t}.*`,
  ),
  'knex.*',
  'knex().*',
  'knex()().*',
];

/** Operators whose value is JavaScript the database runs: any request data there is code. */
const JS_OPERATORS = ['$where', '$function', '$accumulator'];

/** A MongoDB filter (or what holds one) among a call's arguments, looked into where it is written. */
function filterSink(call: readonly string[], args: SinkSpec['args'], more: Partial<SinkSpec> = {}): SinkSpec {
  return {
    call: call.map((m) => `*.${m}`),
    args,
    objectValues: true,
    dangerousKeys: JS_OPERATORS,
    // `{ email: { $eq: value } }` matches the value as it is, even an object of operators.
    literalKeys: [...LITERAL_OPERANDS],
    // SQL repositories and builders take no operators from plain objects (TypeORM's MongoRepository does).
    exclude: SQL_REPOSITORIES,
    // `Person.query().findById(id)` binds the id.
    chainNot: SQL_CHAIN_STARTS,
    label: 'a MongoDB query object',
    ...more,
  };
}

export default defineTaintRule(
  {
    id: 'js/nosql-injection',
    kind: 'sast',
    title: 'NoSQL injection: a query object is built from request data',
    severity: 'high',
    cwe: ['CWE-943'],
    owasp: ['A03:2021-Injection'],
    help:
      'Request bodies and query strings can carry objects, not only strings: `{"password": {"$ne": ""}}` ' +
      'turns an equality test into "anything", and a `$where` clause runs JavaScript in the database. ' +
      'Convert values to the type you expect before they enter a query: ' +
      '`User.findOne({ name: String(req.body.name) })`, compare with `{ name: { $eq: value } }`, ' +
      'or strip operators with mongo-sanitize.',
    fixHint: 'Coerce each value to a string/number before querying, and never put input in $where.',
  },
  {
    sinks: [
      filterSink(QUERY_METHODS, [0], {
        // `{ where: … }` / `{ include: … }` is an SQL ORM's query (Sequelize, TypeORM, Prisma), not a
        // MongoDB filter; those ORMs take no operators from plain objects.
        when: [
          { arg: 0, key: 'where', present: false },
          { arg: 0, key: 'include', present: false },
        ],
      }),
      // The driver's, NeDB's and MarsDB's legacy `update(filter, …)`/`remove(filter)`, Mongoose 6's
      // `Model.update`: on a collection or model of those modules, or a receiver named as a
      // collection (`hash.update(data)` is node:crypto's, `Flags.update(id, …)` a program's own;
      // Sequelize's `Model.update(values, { where })` takes values, then its filter in `where`).
      filterSink(['update', 'remove', 'findAndModify', 'findAndRemove'], [0], {
        receiver: '^(?:\\w*[Cc]ollection|coll)$',
        receiverCaseSensitive: true,
        modules: ['mongodb', 'mongoose', 'marsdb', 'nedb', '@seald-io/nedb', 'mongojs', 'monk', 'tingodb'],
        exclude: [...SQL_REPOSITORIES, 'crypto.*', 'sequelize.*'],
        when: [
          { arg: 0, key: 'where', present: false },
          { arg: 1, key: 'where', present: false },
        ],
      }),
      // distinct(field, filter): the filter comes second.
      filterSink(['distinct'], [1]),
      // `Model.exists(filter)` on a model class or a Mongoose model's path: a program's own `exists`
      // helpers (NodeBB's `posts.exists(pid)` builds a key) and `fs.exists(path)` take no filter.
      filterSink(['exists'], [0], { ...chainedTo([], true), modules: ['mongoose.model()'] }),
      // `User.where('role').equals(x)`: `*.equals` alone would name every `a.equals(b)`, so the
      // receiver must be the builder call before it in the same chain.
      filterSink(VALUE_METHODS, 'last', chainedTo(BUILDER_METHODS)),
      // `User.find().or([…])`; a query held in a variable counts where its path shows a Mongoose model
      // made in the file or imported as an ES module (`q = User.find(); q.or(…)`).
      filterSink(CONDITION_METHODS, 'last', {
        ...chainedTo([...QUERY_METHODS, ...BUILDER_METHODS]),
        modules: ['mongoose.model()'],
      }),
      // `Model.where(path, value)`, `Model.find().where(path, value)` (`where(obj)` is the first sink's).
      // Not after `where` or `count`, links of knex's and Objection's builders too, where
      // `db('users').where('org', o).where(column, value)` binds the value; nor Ramda's
      // `R.where(spec, object)`, a predicate.
      filterSink(['where'], [1], {
        ...chainedTo(
          [...QUERY_METHODS, ...BUILDER_METHODS].filter((m) => m !== 'where' && m !== 'count'),
          true,
        ),
        modules: ['mongoose.model()'],
        exclude: [...SQL_REPOSITORIES, 'ramda.*'],
      }),
      // Mongoose's `mapReduce({ map, reduce, query })`, the driver's `mapReduce(map, reduce, { query,
      // finalize })`: the functions run in the database, written in the options or as `o.map = …`
      // (the driver's first two arguments are seen only while not text yet, as `$where(js)` is);
      // `scope` hands them values as they are.
      filterSink(['mapReduce'], [0, 1, 2], {
        dangerousKeys: [...JS_OPERATORS, 'map', 'reduce', 'finalize'],
        literalKeys: [...LITERAL_OPERANDS, 'scope'],
        label: 'a MongoDB map-reduce',
      }),
      // `db.command({ eval: code })` (`$eval`: servers before 4.2), or any command's filter.
      filterSink(['command'], [0], {
        ...chainedTo(['db', 'admin']),
        dangerousKeys: [...JS_OPERATORS, 'eval', '$eval'],
        label: 'a MongoDB command',
      }),
      filterSink(['aggregate'], [0], { label: 'a MongoDB pipeline' }),
      // A change stream's pipeline, on a model, a collection or a database (not chokidar's or fs's `watch`).
      filterSink(['watch'], [0], {
        ...chainedTo(['collection', 'db', 'client', 'connection'], true),
        modules: ['mongoose.model()', 'mongodb.'],
        label: 'a MongoDB pipeline',
      }),
    ],
    // `$where` runs JavaScript whatever API takes the query: a driver's or wrapper's method no sink
    // above names (`db.collection('c').remove({ $where })`, NeDB, LokiJS).
    anyCallKeys: { keys: JS_OPERATORS, label: 'a query object' },
    // A database query runs on the server: a page's URL or storage reaches no MongoDB from the browser.
    sources: ['remote', 'cli'],
    sanitisedBy: ['numeric', 'string', 'nosql', 'json'],
    guards: ['allow', 'lookup', 'type', 'text'],
  },
);
