import { defineTaintRule } from '../../src/sast/taint/rule.ts';

const DB_RECEIVER =
  '^(db|database|conn|connection|pool|client|sqlite|knex|trx|tx|sequelize|mysql|pg|sql|orm|manager|dataSource|entityManager|repo|repository|queryRunner)$';

const DB_MODULES = [
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
];

export default defineTaintRule(
  {
    id: 'js/tainted-sql',
    kind: 'sast',
    title: 'SQL injection: untrusted data reaches SQL text',
    severity: 'critical',
    cwe: ['CWE-89'],
    owasp: ['A03:2021-Injection'],
    help:
      'Untrusted data is concatenated or interpolated into SQL text given to a driver (mysql, mysql2, ' +
      "pg, sqlite3, better-sqlite3) or an ORM's raw API (`sequelize.query`, `knex.raw`, TypeORM " +
      '`query`, Prisma `$queryRawUnsafe`/`$executeRawUnsafe`). Quotes in the value change the query. ' +
      "Pass values as parameters: `db.query('SELECT * FROM users WHERE id = $1', [id])`, or use " +
      "Prisma's tagged `$queryRaw`.",
    fixHint: 'Use a parameterised query (placeholders plus a values array) or a tagged sql template.',
  },
  {
    sinks: [
      {
        call: [
          '*.query',
          '*.execute',
          '*.raw',
          '*.whereRaw',
          '*.orderByRaw',
          '*.havingRaw',
          '*.joinRaw',
          '*.fromRaw',
          '*.selectRaw',
          '*.$queryRawUnsafe',
          '*.$executeRawUnsafe',
          'sequelize.literal',
        ],
        receiver: DB_RECEIVER,
        modules: DB_MODULES,
        label: 'SQL text',
      },
      { call: ['*.$queryRawUnsafe', '*.$executeRawUnsafe'], label: 'SQL text' },
      {
        call: ['*.exec', '*.prepare', '*.all', '*.get', '*.run', '*.each'],
        receiver: '^(db|database|sqlite|conn|connection)$',
        modules: DB_MODULES,
        label: 'SQL text',
      },
    ],
    sanitisedBy: ['numeric', 'sql'],
    guards: ['allow', 'type'],
    supersedes: ['js/sql-injection'],
  },
);
