import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
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
  ],
  valid: [
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
  ],
} satisfies RuleCases;
