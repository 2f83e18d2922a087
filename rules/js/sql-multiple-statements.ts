import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { propertyKey, resolverFor } from '../../src/sast/resolve.ts';

export default defineRule({
  meta: {
    id: 'js/sql-multiple-statements',
    kind: 'sast',
    title: 'MySQL connection allows several statements per query',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-89'],
    owasp: ['A03:2021-Injection'],
    help:
      '`multipleStatements: true` (mysql, mysql2, and Sequelize/Knex/TypeORM options passed to them) ' +
      'lets one query string carry several statements, so any SQL injection on that connection ' +
      'becomes `; DROP TABLE …` or `; INSERT INTO admins …` instead of a changed WHERE clause. ' +
      'Leave it off and run migrations or batches on a separate connection.',
    fixHint: 'Remove multipleStatements: true (or keep it on a dedicated migration connection).',
  },
  hint: namesHint(['multipleStatements']),
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression' || propertyKey(node) !== 'multipleStatements') return;
        if (resolver.staticValue(node.value)?.value !== true) return;
        context.report({
          node,
          message: 'multipleStatements: true turns any SQL injection into arbitrary statements.',
        });
      },
    };
  },
});
