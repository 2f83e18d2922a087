import type { FrameworkModel } from '../taint/spec.ts';

/** SQL drivers and ORMs: the modules js/sql-injection's sinks name. */
export const SQL_MODULES = [
  'mysql',
  'mysql2',
  'pg',
  'sqlite3',
  'better-sqlite3',
  'sequelize',
  'knex',
  'typeorm',
  '@prisma/client',
  'mssql',
  'oracledb',
  'pg-promise',
];

/** pg-promise's query methods: each runs its first argument as SQL and resolves to its rows. */
export const PG_PROMISE_METHODS = [
  'one',
  'many',
  'any',
  'none',
  'oneOrNone',
  'manyOrNone',
  'result',
  'multi',
  'multiResult',
];

/** The properties of a query config object that hold SQL text (`{ text, values }` in pg, `{ sql, values }` in mysql). */
export const QUERY_CONFIG_KEYS = ['text', 'sql', 'query'];

/**
 * Methods whose first argument is SQL text: drivers' queries and statements, pg-promise's, Prisma's
 * unsafe raw queries, knex's raw links.
 */
const SQL_TEXT_METHODS = [
  ...['query', 'execute', 'prepare', 'exec', 'run', 'all', 'get', 'each', 'iterate', 'unsafe'],
  ...PG_PROMISE_METHODS,
  ...['$queryRawUnsafe', '$executeRawUnsafe', 'raw', 'whereRaw', 'havingRaw', 'orderByRaw', 'joinRaw'],
  ...['fromRaw', 'selectRaw'],
];

/**
 * Calls that start an SQL builder's chain wherever the builder comes from: Objection's
 * `Model.query()`, `$query()`, `relatedQuery()`, `$relatedQuery()`, a knex instance called as a
 * member (`db.knex('pages').where({…})`), and TypeORM's and MikroORM's `createQueryBuilder()`
 * (SQL alone: TypeORM's MongoDB driver has no query builder).
 */
export const SQL_CHAIN_STARTS = '^(?:query|\\$query|relatedQuery|\\$relatedQuery|knex|createQueryBuilder)$';

/**
 * Methods that run a query and give back what the database holds: drivers' `query`/`get`/`all`,
 * pg-promise's result methods, MongoDB's and Mongoose's lookups, Sequelize's, TypeORM's and Prisma's
 * finders, knex's and Objection's filters and `first`, Redis's reads. Writes that hand back the
 * record they wrote (`create`, `insert`, `save`, `findOneAndUpdate` with `new: true`, `returning`)
 * are not here: their result is the data they were given; nor is `aggregate`, whose pipeline can
 * add the values it is given to every document (`$addFields`, `$literal`). A raw query's rows count as the
 * database's even where the SQL echoes a bound parameter (`knex.raw('select ?', [x])`): SQL text is
 * not read, and a query written to hand back its input is no shape real code has. SQL text built from
 * the request is another matter (SqlTextModel): an injected `UNION SELECT` chooses the rows.
 */
const READS = [
  ...['query', 'execute', 'raw', 'all', 'get', 'each', 'iterate'],
  ...PG_PROMISE_METHODS,
  ...['find', 'findOne', 'findById', 'findOneAndDelete', 'findOneAndRemove', 'findByIdAndDelete'],
  ...['findByIdAndRemove', 'countDocuments', 'count', 'distinct', 'exists', 'toArray', 'next'],
  ...['findAll', 'findByPk', 'findAndCountAll', 'findBy', 'findOneBy', 'findAndCount', 'findOneOrFail'],
  ...['getOne', 'getOneOrFail', 'getMany', 'getRawOne', 'getRawMany', 'getManyAndCount'],
  ...['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', '$queryRaw'],
  ...['$queryRawUnsafe', 'where', 'andWhere', 'orWhere', 'whereIn', 'whereNot', 'first', 'select'],
  ...['pluck', 'findByIds', 'mget', 'hget', 'hgetall', 'hmget', 'smembers', 'lrange', 'zrange'],
  // RedBeanNode's finders and SQL reads (`R.findOne('monitor', ' id = ? ', [id])`, `R.getCol(sql)`).
  ...['findAll', 'getAll', 'getRow', 'getCol', 'getCell', 'load'],
];

/**
 * What a database returns is its stored data, not the request's: a record found by a key the client
 * sent is not made of that key. CodeQL and Semgrep carry no remote taint through a database read
 * either; stored data is another threat than the request.
 */
export const databases: FrameworkModel = {
  framework: 'databases',
  storeReads: {
    modules: [...SQL_MODULES, 'mongoose', 'mongodb', 'redis', 'ioredis', 'redbean-node'],
    methods: READS,
    chainStarts: SQL_CHAIN_STARTS,
    anyReceiver: ['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany'],
    sqlText: {
      modules: SQL_MODULES,
      methods: SQL_TEXT_METHODS,
      // knex's and Prisma's `raw`, Sequelize's `literal`, postgres's `unsafe`: SQL in a query's options.
      fragments: ['raw', 'literal', 'unsafe'],
      bound: 'prepare',
      configKeys: QUERY_CONFIG_KEYS,
    },
  },
  // A Mongoose model's `create(doc)` gives back the document it stored: `created.organization` is
  // what `doc.organization` was, not every field the request gave `doc`.
  recordResults: ['mongoose.model().create'],
  // `findOneAndUpdate(filter, { $set: { … } }, { new: true })` gives back the stored record with
  // what `$set` wrote: `updated.organization` is the database's unless `$set` names it.
  updateResults: ['mongoose.model().findOneAndUpdate', 'mongoose.model().findByIdAndUpdate'],
};

/**
 * MongoDB operators whose operand the server compares as a value, operators and all (`{ $eq: x }`,
 * `{ $in: ids }`: an object there matches an equal object, nothing more). Not `$all`, whose
 * `$elemMatch` elements are read as queries, nor an array written in place, which may be an
 * aggregation expression's operands (`{ $eq: ['$owner', x] }`: a text starting with `$` there
 * names a field).
 */
export const LITERAL_OPERANDS: ReadonlySet<string> = new Set([
  '$eq',
  '$ne',
  '$in',
  '$nin',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
]);
