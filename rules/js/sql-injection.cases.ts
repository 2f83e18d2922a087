import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
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
      name: 'quoted identifiers and escaped values',
      code: `const quotedSchema = quoteIdent(schema);\nclient.query(\`CREATE SCHEMA IF NOT EXISTS \${quotedSchema}\`);\nconn.query('SELECT * FROM t WHERE name = ' + mysql.escape(name));`,
    },
  ],
  invalid: [
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
  ],
} satisfies RuleCases;
