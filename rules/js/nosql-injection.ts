import { defineTaintRule } from '../../src/sast/taint/rule.ts';

const QUERY_METHODS = [
  'find',
  'findOne',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'replaceOne',
  'countDocuments',
  'count',
  'exists',
  'where',
  // Mongoose's by-id lookups: an id of `{ "$ne": null }` matches the first document.
  'findById',
  'findByIdAndUpdate',
  'findByIdAndDelete',
  'findByIdAndRemove',
];

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
      {
        call: QUERY_METHODS.map((m) => `*.${m}`),
        args: [0],
        objectValues: true,
        dangerousKeys: ['$where', '$function', '$accumulator'],
        // `{ email: { $eq: value } }` matches the value as it is, even an object of operators.
        literalKeys: ['$eq'],
        // `{ where: … }` / `{ include: … }` is an SQL ORM's query (Sequelize, TypeORM, Prisma), not a
        // MongoDB filter; those ORMs take no operators from plain objects.
        when: [
          { arg: 0, key: 'where', present: false },
          { arg: 0, key: 'include', present: false },
        ],
        // SQL repositories and builders take no operators from plain objects (TypeORM's MongoRepository does).
        exclude: SQL_REPOSITORIES,
        label: 'a MongoDB query object',
      },
      {
        // distinct(field, filter): the filter comes second.
        call: ['*.distinct'],
        args: [1],
        objectValues: true,
        dangerousKeys: ['$where', '$function', '$accumulator'],
        literalKeys: ['$eq'],
        exclude: SQL_REPOSITORIES,
        label: 'a MongoDB query object',
      },
      {
        call: ['*.aggregate'],
        args: [0],
        objectValues: true,
        dangerousKeys: ['$where', '$function'],
        label: 'a MongoDB pipeline',
      },
    ],
    // A database query runs on the server: a page's URL or storage reaches no MongoDB from the browser.
    sources: ['remote', 'cli'],
    sanitisedBy: ['numeric', 'string', 'nosql', 'json'],
    guards: ['allow', 'type', 'text'],
  },
);
