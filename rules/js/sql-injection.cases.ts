import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'GraphQL resolvers that pass their arguments as query parameters',
      code: `const { ApolloServer } = require('@apollo/server');
const resolvers = {
  Query: {
    user: (parent, args, context) => context.db.query('SELECT * FROM users WHERE id = $1', [args.id]),
    posts: async (_, { limit }) => db.query('SELECT * FROM posts LIMIT ?', [limit]),
  },
};
new ApolloServer({ typeDefs, resolvers });`,
    },
    {
      name: 'a regex group of digits in the query text',
      code: `const mysql = require('mysql');
const db = mysql.createConnection({});
app.get('/item/:slug', (req, res) => {
  const m = req.params.slug.match(/^item-(\\d+)$/);
  if (m) db.query('SELECT * FROM items WHERE id = ' + m[1], (e, rows) => res.json(rows));
});`,
    },
    {
      name: 'a column name found in a table of the program before the query (a missing one returns or throws)',
      code: `const COLUMNS = { name: 'u.name', age: 'u.age' };
const SORTS = new Map([['new', 'created DESC']]);
app.get('/a', (req, res) => {
  const sort = req.query.sort;
  if (!COLUMNS[sort]) return res.status(400).end();
  db.query('SELECT * FROM users u ORDER BY ' + sort);
});
app.get('/b', (req, res, next) => {
  const column = COLUMNS[req.query.c];
  if (!column) return next();
  db.query(\`SELECT \${req.query.c} FROM users\`);
});
app.get('/c', (req) => {
  const c = req.query.c;
  if (COLUMNS[c] === undefined) throw new Error('unknown column');
  db.query('SELECT ' + c + ' FROM users');
});
app.get('/d', (req, res) => {
  const c = req.query.c;
  if (!(c in COLUMNS) || !SORTS.has(req.query.s)) return res.end();
  db.query('SELECT ' + c + ' FROM users');
});
app.get('/e', (req, res) => {
  const c = req.query.c;
  if (COLUMNS[c]) db.query('SELECT ' + c + ' FROM users');
  if (typeof COLUMNS[c] !== 'undefined') db.query('SELECT ' + c + ' FROM users');
});`,
    },
    {
      name: 'a column name equal to one made from the elements of a list of the program',
      code: `const FIELDS = [{ name: 'title' }, { name: 'date' }];
const PREFIXED = ['title', 'date'];
app.get('/a', (req, res) => {
  const f = req.query.f;
  const found = FIELDS.find((field) => field.name === f);
  if (!found) return res.end();
  db.query('SELECT ' + f + ' FROM posts');
});
app.get('/b', (req, res) => {
  const f = req.query.f;
  if (PREFIXED.some((p) => \`post_\${p}\` === f)) db.query('SELECT ' + f + ' FROM posts');
  if (PREFIXED.findIndex((p) => p === f) === -1) return res.end();
  db.query('SELECT ' + f + ' FROM posts');
});
app.get('/c', (req, res) => {
  const f = req.query.f;
  if (PREFIXED.indexOf(f) < 0) return res.end();
  db.query('SELECT ' + f + ' FROM posts');
});`,
    },
    {
      name: 'text built from a chosen direction, arithmetic and a constant column table',
      code: `const COLUMNS = { name: 'u.name', age: 'u.age' };
export function list(db, dirName, pageText, sort) {
  const dir = dirName === 'desc' ? 'DESC' : 'ASC';
  const page = parseInt(pageText, 10);
  const col = COLUMNS[sort] || 'u.name';
  return db.query(\`SELECT * FROM users u ORDER BY \${col} \${dir} LIMIT 20 OFFSET \${page * 20}\`);
}`,
    },
    {
      name: "a prepared statement's bind parameters, placeholders made by map, the builder's parameters",
      code: `const Database = require('better-sqlite3');
const { DataSource } = require('typeorm');
const db = new Database('notes.db');
const ds = new DataSource({ type: 'postgres' });
app.get('/n', async (req, res) => {
  db.prepare('SELECT * FROM notes WHERE id = ?').get(req.query.id);
  const ids = String(req.query.ids).split(',');
  await pool.query(\`SELECT * FROM t WHERE id IN (\${ids.map((_, i) => \`$\${i + 1}\`).join(', ')})\`, ids);
  await pool.query(\`SELECT * FROM t WHERE id IN (\${ids.map(() => '?').join(',')})\`, ids);
  await ds.createQueryBuilder('p').where('p.sku = :sku', { sku: req.query.sku }).getMany();
  await ds.createQueryBuilder('p').where({ sku: req.query.sku }).getMany();
});`,
    },
    {
      name: 'values escaped into placeholders by format()',
      code: `const mysql = require('mysql');
const SqlString = require('sqlstring');
app.get('/t', (req, res) => {
  db.query(mysql.format('SELECT * FROM t WHERE id = ? AND kind = ?', [req.query.id, req.query.kind]));
  db.query(SqlString.format('SELECT * FROM t WHERE name = ?', [req.query.name]));
});`,
    },
    {
      name: 'table names from an imported constants module',
      code: `import { tables } from './schema';
export const unverified = (client) =>
  client.query({ text: \`SELECT * FROM \${tables.users} WHERE verified = false\` });`,
    },
    {
      name: 'parameterised pg-promise and PartiQL',
      code: `import { ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
const db = require('pg-promise')()(process.env.DATABASE_URL);
app.get('/u', async (req, res) => {
  await db.one('SELECT * FROM users WHERE id = $1', [req.query.id]);
  await dynamo.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM users WHERE pk = ?', Parameters: [{ S: req.query.user }] }));
});`,
    },
    {
      name: 'placeholders with a parameter array',
      code: `db.query('SELECT * FROM users WHERE id = $1', [id]);`,
    },
    {
      name: 'tagged template',
      code: `await sql\`SELECT * FROM users WHERE id = \${id}\`;\nawait prisma.$queryRaw\`SELECT 1 WHERE x = \${x}\`;`,
    },
    {
      name: 'constant pieces only',
      code: `const TABLE = 'users';\nconst COLS = 'id, name';\ndb.query(\`SELECT \${COLS} FROM \${TABLE} WHERE active = true\`);\ndb.execute('SELECT * FROM ' + TABLE);`,
    },
    {
      name: 'checked by a validator.js format before use',
      code: `const validator = require('validator');
app.get('/o', (req, res) => {
  const id = req.query.id;
  if (!validator.isUUID(id)) return res.sendStatus(400);
  db.query(\`SELECT * FROM orders WHERE id = '\${id}'\`);
  if (isInt(req.query.n)) db.query('SELECT * FROM t LIMIT ' + req.query.n);
});`,
    },
    {
      name: 'numeric conversion',
      code: `db.query(\`SELECT * FROM items LIMIT \${Number(limit)} OFFSET \${parseInt(page, 10)}\`);`,
    },
    {
      name: 'not SQL text',
      code: `const re = /x/;\nre.exec('prefix' + input);\ncache.get('user:' + id);\nrouter.get(\`/users/\${id}\`);`,
    },
    {
      name: 'built up with += from constants and placeholders',
      code: `let sql = 'SELECT * FROM orders WHERE 1 = 1';\nconst params = [];\nif (status) { sql += ' AND status = ?'; params.push(status); }\ndb.all(sql, params);\nlet other = 'SELECT 1'; other = userSql;\ndb.all(other);`,
    },
    {
      name: 'placeholder lists and constant choices',
      code: `db.prepare(\`SELECT * FROM t WHERE id IN (\${ids.map(() => '?').join(',')})\`).all(...ids);\npool.query(\`SELECT * FROM t WHERE id IN (\${ids.map((_, i) => \`$\${i + 1}\`).join(', ')})\`, ids);\ndb.query('SELECT * FROM t ORDER BY name ' + (desc ? 'DESC' : 'ASC'));\ndb.query(\`SELECT * FROM t WHERE x IN (\${Array(n).fill('?').join(',')})\`, xs);`,
    },
    { name: 'knex binding', code: `knex.raw('select * from users where id = ?', [id]);` },
    {
      name: 'query config objects: values are parameters',
      code: `app.get('/u', async (req, res) => {
  await client.query({ text: 'SELECT * FROM users WHERE id = $1', values: [req.query.id] });
  const byName = { sql: 'SELECT * FROM users WHERE name = ?', values: [req.query.name] };
  await connection.query(byName);
});`,
    },
    {
      name: 'quoted identifiers and escaped values',
      code: `const quotedSchema = quoteIdent(schema);\nclient.query(\`CREATE SCHEMA IF NOT EXISTS \${quotedSchema}\`);\nconn.query('SELECT * FROM t WHERE name = ' + mysql.escape(name));`,
    },
    {
      name: 'parameterised query',
      code: `app.get('/users/:id', async (req, res) => { await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]); });`,
    },
    {
      name: 'tagged Prisma template',
      code: `app.get('/u', async (req, res) => { await prisma.$queryRaw\`SELECT * FROM users WHERE id = \${req.query.id}\`; });`,
    },
    {
      name: 'numeric id',
      code: `app.get('/u', async (req, res) => { await db.query('SELECT * FROM t WHERE id = ' + Number(req.query.id)); });`,
    },
    {
      name: 'escaped with mysql.escape',
      code: `const mysql = require('mysql');
app.get('/u', (req, res) => { connection.query('SELECT * FROM t WHERE n = ' + mysql.escape(req.query.n)); });`,
    },
    {
      name: 'Map.get and Promise.all are not SQL',
      code: `app.get('/u', async (req, res) => { const m = new Map(); m.get(req.query.k); await Promise.all([req.query.a]); });`,
    },
    {
      name: 'allow-listed sort column',
      code: `const COLUMNS = new Set(['name', 'created']);
app.get('/u', async (req, res) => {
  const sort = String(req.query.sort);
  if (!COLUMNS.has(sort)) return res.sendStatus(400);
  await db.query('SELECT * FROM users ORDER BY ' + sort);
});`,
    },
    {
      name: 'Hono: bound parameters',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/users', async (c) => {
  const { results } = await c.env.DB.prepare('SELECT * FROM users WHERE name = ?').bind(c.req.query('name')).all();
  return c.json(results);
});`,
    },
  ],
  invalid: [
    {
      name: 'GraphQL resolver arguments in SQL (a resolver map exported, given to Apollo, a field config, a root value)',
      code: `const { ApolloServer } = require('@apollo/server');
const { graphqlHTTP } = require('express-graphql');
module.exports = {
  Query: {
    async comments() { return {} },
  },
  CommentQuery: {
    async list(obj, args, context) {
      return db.query("SELECT * FROM comments WHERE path = '" + args.path + "'"); // vigil-expect
    },
  },
};
const queries = {
  user: (_, { id }) => db.query('SELECT * FROM users WHERE id = ' + id), // vigil-expect
  search: {
    resolve(parent, args) {
      return db.query(\`SELECT * FROM posts WHERE title LIKE '%\${args.q}%'\`); // vigil-expect
    },
  },
};
const typeResolvers = {
  Post: {
    comments(post, args) {
      return db.query('SELECT * FROM comments ORDER BY ' + args.order); // vigil-expect
    },
  },
};
new ApolloServer({ typeDefs, resolvers: [{ Query: queries }, typeResolvers] });
const root = {
  item: ({ id }, context) => db.query('SELECT * FROM items WHERE id = ' + id), // vigil-expect
};
app.use('/graphql', graphqlHTTP({ schema, rootValue: root }));`,
    },
    {
      name: 'the request a GraphQL context carries, type-graphql and NestJS GraphQL arguments',
      code: `const resolvers = {
  Mutation: {
    login(parent, args, context) {
      return db.query("SELECT * FROM users WHERE name = '" + context.req.body.name + "'"); // vigil-expect
    },
  },
};
@Resolver()
class RecipeResolver {
  @Query(() => Recipe)
  recipe(@Arg('title') title: string) {
    return this.db.query("SELECT * FROM recipes WHERE title = '" + title + "'"); // vigil-expect
  }
  @Mutation(() => Recipe)
  addRecipe(@Args('input') input: RecipeInput) {
    return this.db.query("INSERT INTO recipes VALUES ('" + input.title + "')"); // vigil-expect
  }
}
export default resolvers;`,
    },
    {
      name: 'a regex group that may hold a quote',
      code: `const mysql = require('mysql');
const db = mysql.createConnection({});
app.get('/item/:slug', (req, res) => {
  const m = req.params.slug.match(/^item-(.+)$/);
  if (m) db.query("SELECT * FROM items WHERE name = '" + m[1] + "'", (e, rows) => res.json(rows)); // vigil-expect
});`,
    },
    {
      name: 'a table lookup that does not stop the query, a table the request sent, a search that is no equality',
      code: `const COLUMNS = { name: 'u.name', age: 'u.age' };
app.get('/a', (req, res) => {
  const c = req.query.c;
  if (!COLUMNS[c]) console.warn('unknown column', c);
  db.query('SELECT ' + c + ' FROM users'); // vigil-expect
});
app.get('/b', (req, res) => {
  const c = req.query.c;
  const columns = req.body.columns;
  if (!columns[c]) return res.end();
  db.query('SELECT ' + c + ' FROM users'); // vigil-expect
});
app.get('/c', (req, res) => {
  const c = req.query.c;
  if (!req.body.allowed.find((a) => a === c)) return res.end();
  db.query('SELECT ' + c + ' FROM users'); // vigil-expect
});
app.get('/d', (req, res) => {
  const c = req.query.c;
  if (!Object.keys(COLUMNS).find((k) => c.startsWith(k))) return res.end();
  db.query('SELECT ' + c + ' FROM users'); // vigil-expect
});
app.get('/e', (req, res) => {
  const c = req.query.c;
  if (COLUMNS[c] !== undefined) return res.end();
  db.query('SELECT ' + c + ' FROM users'); // vigil-expect
});`,
    },
    {
      name: "Sequelize's literal on an instance, TypeORM's query builder conditions",
      code: `const { Sequelize } = require('sequelize');
const { DataSource } = require('typeorm');
const sequelize = new Sequelize('app');
const ds = new DataSource({ type: 'postgres' });
app.get('/p', async (req, res) => {
  await User.findAll({ where: sequelize.literal(\`name = '\${req.query.name}'\`) }); // vigil-expect
  await ds.createQueryBuilder('p').where('p.sku = ' + req.query.sku).getMany(); // vigil-expect
  await ds.createQueryBuilder('p').orderBy(req.query.sort).getMany(); // vigil-expect
});`,
    },
    {
      name: 'format() given SQL built from the request',
      code: `const mysql = require('mysql');
app.get('/t', (req, res) => {
  db.query(mysql.format('SELECT * FROM t ORDER BY ' + req.query.sort + ' LIMIT ?', [10])); // vigil-expect
});`,
    },
    {
      name: 'AWS Lambda events, by the exported handler and by the event type',
      code: `import type { APIGatewayProxyEvent } from 'aws-lambda';
const mysql = require('mysql');
const db = mysql.createConnection(process.env.DATABASE_URL);
exports.handler = async (event) => {
  db.query('SELECT * FROM orders WHERE id = ' + event.pathParameters.id); // vigil-expect
  return { statusCode: 200 };
};
export async function search(e: APIGatewayProxyEvent) {
  db.query(\`SELECT * FROM items WHERE name LIKE '%\${e.queryStringParameters?.q}%'\`); // vigil-expect
}`,
    },
    {
      name: 'a query config whose text interpolates a value from elsewhere (pattern half)',
      code: `export async function saveToken(client, table, token) {
  await client.query({ // vigil-expect
    text: \`INSERT INTO tokens_\${table} (token) VALUES ($1)\`,
    values: [token],
  });
}`,
    },
    {
      name: 'pg-promise query methods',
      code: `const pgp = require('pg-promise')();
const db = pgp(process.env.DATABASE_URL);
app.get('/orders', async (req, res) => {
  res.json(await db.any("SELECT * FROM orders WHERE status = '" + req.query.status + "'")); // vigil-expect
  await db.none('DELETE FROM carts WHERE id = ' + req.body.cart); // vigil-expect
});`,
    },
    {
      name: 'AWS Athena and DynamoDB PartiQL statements',
      code: `import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
app.get('/report', async (req, res) => {
  await athena.send(new StartQueryExecutionCommand({ QueryString: \`SELECT * FROM logs WHERE day = '\${req.query.day}'\`, WorkGroup: 'primary' })); // vigil-expect
  await dynamo.send(new ExecuteStatementCommand({ Statement: "SELECT * FROM users WHERE pk = '" + req.query.user + "'" })); // vigil-expect
});`,
    },
    {
      name: 'concatenation in mysql query',
      code: `export function find(db: any, name: string) {\n  return db.query("SELECT * FROM users WHERE name = '" + name + "'"); // vigil-expect\n}`,
    },
    {
      name: 'template literal through a variable',
      code: `const q = \`DELETE FROM sessions WHERE user = \${user.id}\`;\nawait pool.execute(q); // vigil-expect`,
    },
    {
      name: 'prisma unsafe and knex raw',
      code: `await prisma.$queryRawUnsafe(\`SELECT * FROM "User" WHERE email = '\${email}'\`); // vigil-expect\nknex.whereRaw('name = ' + name); // vigil-expect`,
    },
    {
      name: 'a mapped list of raw values is not a placeholder list',
      code: `db.query(\`SELECT * FROM t WHERE name IN (\${names.map((n) => \`'\${n}'\`).join(',')})\`); // vigil-expect`,
    },
    {
      name: 'built up with +=',
      code: `let sql = 'SELECT * FROM orders WHERE 1 = 1';\nif (status) sql += " AND status = '" + status + "'";\nconst rows = await db.all(sql); // vigil-expect`,
    },
    {
      name: 'sqlite prepare and concat',
      code: `db.prepare('INSERT INTO logs VALUES (' + msg + ')').run(); // vigil-expect\nconn.query('UPDATE t SET a = 1 WHERE id = '.concat(id)); // vigil-expect`,
    },
    {
      name: 'SQL text inside a query config object',
      code: `app.get('/u', async (req, res) => {
  await client.query({ text: 'SELECT * FROM users WHERE id = ' + req.query.id, values: [] }); // vigil-expect
});`,
    },
    {
      name: 'pg pool with a template literal',
      code: `import { Pool } from 'pg';
const pool = new Pool();
app.get('/users/:id', async (req, res) => {
  const rows = await pool.query(\`SELECT * FROM users WHERE id = \${req.params.id}\`); // vigil-expect
  res.json(rows);
});`,
    },
    {
      name: 'Prisma raw unsafe through a helper',
      code: `function byName(name: string) { return "SELECT * FROM t WHERE name = '" + name + "'"; }
export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q') ?? '';
  return prisma.$queryRawUnsafe(byName(q)); // vigil-expect
}`,
    },
    {
      name: 'knex.raw and sequelize.query from a NestJS controller',
      code: `class UsersController {
  find(@Query('sort') sort: string, @Body() body: any) {
    knex.raw('SELECT * FROM users ORDER BY ' + sort); // vigil-expect
    return sequelize.query('DELETE FROM t WHERE id = ' + body.id); // vigil-expect
  }
}`,
    },
    {
      name: 'better-sqlite3 prepare from Koa',
      code: `const Database = require('better-sqlite3');
const db = new Database('app.db');
router.get('/x', (ctx) => { ctx.body = db.prepare('SELECT * FROM t WHERE k = ' + ctx.query.k).all(); }); // vigil-expect`,
    },
    {
      name: 'Hono: query and route values in D1 and pg SQL text',
      code: `import { Hono } from 'hono';
import { Pool } from 'pg';
const pool = new Pool();
const app = new Hono();
app.get('/users', async (c) => {
  const { results } = await c.env.DB.prepare("SELECT * FROM users WHERE name = '" + c.req.query('name') + "'").all(); // vigil-expect
  return c.json(results);
});
app.get('/users/:id', async (c) => {
  const { rows } = await pool.query(\`SELECT * FROM users WHERE id = \${c.req.param('id')}\`); // vigil-expect
  return c.json(rows);
});`,
    },
    {
      name: 'a stored row is no source, but the query the request writes into still is a sink, after a read link too',
      code: `const knex = require('knex')({ client: 'pg' });
app.get('/reports/:id', async (req, res) => {
  const report = await knex('reports').where({ id: req.params.id }).first();
  await knex.raw(report.query);
  await knex('reports').where({ id: req.params.id }).whereRaw(req.query.filter); // vigil-expect
  res.end();
});`,
    },
  ],
} satisfies RuleCases;
