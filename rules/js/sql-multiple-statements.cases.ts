import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    { name: 'off', code: `mysql.createConnection({ host, user, multipleStatements: false });` },
    { name: 'default', code: `const pool = mysql2.createPool({ host, user, database });` },
    {
      name: 'from configuration',
      code: `mysql.createConnection({ host, multipleStatements: cfg.migrations });`,
    },
    { name: 'other keys', code: `const opts = { statements: true, multiple: true };` },
  ],
  invalid: [
    {
      name: 'mysql',
      code: `const c = mysql.createConnection({ host, user, password, multipleStatements: true }); // vigil-expect`,
    },
    {
      name: 'mysql2 pool through a constant',
      code: `const ON = true;\nconst pool = createPool({\n  uri,\n  multipleStatements: ON, // vigil-expect\n});`,
    },
    {
      name: 'Sequelize dialect options',
      code: `new Sequelize(db, user, pw, { dialect: 'mysql', dialectOptions: { multipleStatements: true } }); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
