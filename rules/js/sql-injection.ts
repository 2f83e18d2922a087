import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { PG_PROMISE_METHODS, QUERY_CONFIG_KEYS, SQL_MODULES } from '../../src/sast/models/databases.ts';
import { namesHint } from '../../src/sast/rule.ts';
import { calleeName, findProperty, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';

/** Methods that only ever take SQL, so their text need not look like SQL. */
const SQL_ONLY = new Set(
  'raw unsafe whereRaw havingRaw orderByRaw joinRaw $queryRawUnsafe $executeRawUnsafe'.split(' '),
);
/** Methods of SQL clients that run their first argument as SQL text. */
const QUERY_METHODS = new Set([...'query execute prepare exec run all get each'.split(' '), ...SQL_ONLY]);

/** For generic names (query, get, run…) the static text must read as SQL before we call it one. */
const SQL =
  /^\s*(select|insert|update|delete|replace|merge|with|create|drop|alter|truncate|call|exec)\b|\b(from|into|where|values|set|order\s+by|group\s+by|join)\b\s*/i;

/** SQL phrases (not lone words like `delete` or `update`, which every codebase has). */
const SQL_KEYWORDS =
  /\b(?:select\s[^;]{0,200}?\bfrom|insert\s+into|delete\s+from|update\s+[\w."`]+\s+set|(?:create|drop|alter|truncate)\s+(?:table|index|schema|view|database)|where\s+[\w."`]+\s*(?:=|<|>|like\b|in\b))/i;

/** Escaping / quoting helpers (mysql.escape, pg-format, knex identifiers, hand-written quoteIdent). */
const SQL_ESCAPER = /^(escape|escapeId|escapeIdentifier|escapeLiteral|format|literal|identifier)$|quote/i;
/** Names that say the value was already quoted. */
const QUOTED_NAME = /^(quoted|escaped|sanitized|safe)[A-Z_]/;

/** Numeric conversions make an interpolated value safe. */
const NUMERIC = new Set([
  'Number',
  'parseInt',
  'parseFloat',
  'Math.floor',
  'Math.round',
  'Math.trunc',
  'Math.ceil',
]);

interface Built {
  /** Static text of the query with holes. */
  text: string;
  /** The first non-constant part. */
  dynamic: TSESTree.Node;
}

/** `(_, i) => '?'` or `` (_, i) => `$${i + 1}` ``: a callback that only produces placeholders. */
function isPlaceholderCallback(resolver: Resolver, fn: TSESTree.Node | undefined): boolean {
  if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return false;
  const body =
    fn.body.type === 'BlockStatement'
      ? fn.body.body.length === 1 && fn.body.body[0]!.type === 'ReturnStatement'
        ? fn.body.body[0]!.argument
        : null
      : fn.body;
  if (!body) return false;
  if (resolver.staticValue(body)) return true;
  // Only the index (second) parameter: the element itself is the data.
  const params = new Set(fn.params.slice(1, 2).flatMap((p) => (p.type === 'Identifier' ? [p.name] : [])));
  const numeric = (e: TSESTree.Node): boolean =>
    (e.type === 'Identifier' && params.has(e.name)) ||
    (e.type === 'Literal' && typeof e.value === 'number') ||
    (e.type === 'BinaryExpression' &&
      e.left.type !== 'PrivateIdentifier' &&
      numeric(e.left) &&
      numeric(e.right));
  return body.type === 'TemplateLiteral' && body.expressions.every(numeric);
}

function isSafePart(resolver: Resolver, node: TSESTree.Node, depth = 0): boolean {
  const n = unwrap(node);
  if (depth > 8) return false;
  if (resolver.staticValue(n)) return true;
  if (n.type === 'UnaryExpression' && n.operator === '+') return true;
  if (n.type === 'ConditionalExpression') {
    return isSafePart(resolver, n.consequent, depth + 1) && isSafePart(resolver, n.alternate, depth + 1);
  }
  // Arithmetic gives a number whatever its operands; `+` is safe when both sides are.
  if (n.type === 'BinaryExpression' && n.left.type !== 'PrivateIdentifier') {
    if (ARITHMETIC.has(n.operator)) return true;
    return (
      n.operator === '+' &&
      isSafePart(resolver, n.left, depth + 1) &&
      isSafePart(resolver, n.right, depth + 1)
    );
  }
  if (n.type === 'LogicalExpression')
    return isSafePart(resolver, n.left, depth + 1) && isSafePart(resolver, n.right, depth + 1);
  if (n.type === 'MemberExpression') return isImportedName(resolver, n) || isConstantLookup(resolver, n);
  if (n.type === 'Identifier') {
    if (QUOTED_NAME.test(n.name)) return true;
    // What a `const` (or a variable assigned once) holds: `const dir = asc ? 'ASC' : 'DESC'`.
    const init = resolver.constantInit(n);
    return init !== undefined && isSafePart(resolver, init, depth + 1);
  }
  if (n.type === 'CallExpression') {
    const name = calleeName(n.callee);
    if (SQL_ESCAPER.test(name ?? '')) return true;
    // Placeholder lists: ids.map(() => '?').join(', '), Array(n).fill('?').join(',')
    if (name === 'join' && n.callee.type === 'MemberExpression') {
      const inner = unwrap(n.callee.object);
      if (inner.type === 'CallExpression') {
        const innerName = calleeName(inner.callee);
        const arg = inner.arguments[0];
        if (innerName === 'map' && isPlaceholderCallback(resolver, arg)) return true;
        if (innerName === 'fill' && arg && arg.type !== 'SpreadElement' && resolver.staticValue(arg))
          return true;
      }
    }
    const target = resolver.resolve(n.callee);
    return target !== undefined && NUMERIC.has(target);
  }
  return false;
}

/** Operators whose result is a number (or NaN), never text from an operand. */
const ARITHMETIC = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);

/** `COLUMNS[sort]` where `COLUMNS` is a constant table of constant values: one of those values. */
function isConstantLookup(resolver: Resolver, node: TSESTree.MemberExpression): boolean {
  if (!node.computed || node.object.type !== 'Identifier') return false;
  const table = resolver.constantInit(node.object);
  if (table?.type === 'ArrayExpression')
    return table.elements.every((e) => e !== null && e.type !== 'SpreadElement' && !!resolver.staticValue(e));
  return (
    table?.type === 'ObjectExpression' &&
    table.properties.every((p) => p.type === 'Property' && !!resolver.staticValue(p.value))
  );
}

/**
 * `tables.users` where `tables` is imported: a name from another module's constants (table and
 * column maps), which this file cannot read but request data does not arrive through.
 */
function isImportedName(resolver: Resolver, node: TSESTree.MemberExpression): boolean {
  let o: TSESTree.Node = node;
  while (o.type === 'MemberExpression') {
    if (o.computed) return false;
    o = unwrap(o.object);
  }
  return o.type === 'Identifier' && resolver.variableOf(o)?.defs[0]?.type === 'ImportBinding';
}

/** Text parts and the first unsafe hole of a concatenation or template; undefined if not built. */
function built(resolver: Resolver, node: TSESTree.Node, depth = 0): Built | undefined {
  const n = unwrap(node);
  if (depth > 4) return undefined;
  const parts: string[] = [];
  let dynamic: TSESTree.Node | undefined;
  const collect = (p: TSESTree.Node) => {
    const v = resolver.staticValue(p);
    if (v) parts.push(String(v.value));
    else if (!isSafePart(resolver, p)) dynamic ??= p;
  };
  if (n.type === 'Identifier') {
    const init = resolver.constantInit(n);
    if (init) return built(resolver, init, depth + 1);
    // `let sql = 'SELECT …'; sql += ' AND name = ' + name;` — the text is every write before use.
    const variable = resolver.variableOf(n);
    if (!variable || variable.defs.length !== 1) return undefined;
    const writes = variable.references.filter(
      (r) => r.isWrite() && r.writeExpr && r.identifier.range[0] < n.range[0],
    );
    if (writes.length < 2 || writes.slice(1).some((r) => !r.isReadWrite())) return undefined;
    for (const w of writes) {
      const inner = built(resolver, w.writeExpr!, depth + 1);
      if (inner) {
        parts.push(inner.text);
        dynamic ??= inner.dynamic;
      } else collect(w.writeExpr!);
    }
    return dynamic ? { text: parts.join(' '), dynamic } : undefined;
  }
  if (n.type === 'TemplateLiteral') {
    n.quasis.forEach((q) => parts.push(q.value.cooked ?? q.value.raw));
    n.expressions.forEach(collect);
  } else if (n.type === 'BinaryExpression' && n.operator === '+') {
    // Iterative: a generated file can nest thousands of `+`.
    const stack: TSESTree.Node[] = [n];
    while (stack.length) {
      const u = unwrap(stack.pop()!);
      if (u.type === 'BinaryExpression' && u.operator === '+') stack.push(u.right, u.left);
      else collect(u);
    }
  } else if (
    n.type === 'CallExpression' &&
    calleeName(n.callee) === 'concat' &&
    n.callee.type === 'MemberExpression'
  ) {
    collect(n.callee.object);
    n.arguments.forEach(collect);
  } else return undefined;
  return dynamic ? { text: parts.join(' '), dynamic } : undefined;
}

const SQL_ONLY_NAMES = namesHint(SQL_ONLY);
const QUERY_NAMES = namesHint(QUERY_METHODS);

const DB_RECEIVER =
  '^(db|database|conn|connection|pool|client|sqlite|knex|trx|tx|sequelize|mysql|pg|sql|orm|manager|dataSource|entityManager|repo|repository|queryRunner)$';

/** TypeORM SelectQueryBuilder methods whose first argument is SQL text. */
const QUERY_BUILDER_METHODS = [
  'where',
  'andWhere',
  'orWhere',
  'having',
  'andHaving',
  'orHaving',
  'orderBy',
  'addOrderBy',
  'groupBy',
  'addGroupBy',
  'select',
  'addSelect',
];

/** AWS SDK commands whose input holds a statement the service runs (v3 commands, v2 methods). */
const AWS_STATEMENTS: Array<{ calls: string[]; key: string }> = [
  {
    calls: ['@aws-sdk/client-athena.StartQueryExecutionCommand', '*.startQueryExecution'],
    key: 'QueryString',
  },
  {
    calls: [
      '@aws-sdk/client-dynamodb.ExecuteStatementCommand',
      '@aws-sdk/lib-dynamodb.ExecuteStatementCommand',
      '*.executeStatement',
    ],
    key: 'Statement',
  },
  { calls: ['@aws-sdk/client-redshift-data.ExecuteStatementCommand'], key: 'Sql' },
  { calls: ['@aws-sdk/client-rds-data.ExecuteStatementCommand'], key: 'sql' },
];

/** The pattern half: the shape of the weakness with no untrusted source proven (precision medium). */
const concatenatedSql: TaintAudit = {
  precision: 'medium',
  scope: 'everywhere',
  // Generic names (query, get, run…) count only in a file that spells SQL, as in create() below.
  hint: (text) => SQL_ONLY_NAMES.test(text) || (QUERY_NAMES.test(text) && SQL_KEYWORDS.test(text)),
  create(context, propose) {
    // Generic method names only matter in files that spell SQL somewhere (checked once, lazily).
    let spellsSql: boolean | undefined;
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const name = calleeName(node.callee);
        if (!name || !QUERY_METHODS.has(name) || node.callee.type !== 'MemberExpression') return;
        const first = node.arguments[0];
        if (!first || first.type === 'SpreadElement') return;
        if (!SQL_ONLY.has(name)) {
          spellsSql ??= SQL_KEYWORDS.test(context.sourceText);
          if (!spellsSql) return;
        }
        const resolver = resolverFor(context.ast);
        // A query config object (`{ text, values }`): its SQL is the text property.
        const text =
          first.type === 'ObjectExpression'
            ? QUERY_CONFIG_KEYS.map((k) => findProperty(first, k)?.value).find(Boolean)
            : first;
        const query = text && built(resolver, text);
        if (!query || (!SQL_ONLY.has(name) && !SQL.test(query.text))) return;
        propose({
          // A config object's finding stands at the call, where the taint half puts it.
          node: text === first ? first : node,
          message: `SQL passed to .${name}() is built from non-constant text (${context.getText(query.dynamic).slice(0, 60)}).`,
        });
      },
    };
  },
};

export default defineTaintRule(
  {
    id: 'js/sql-injection',
    kind: 'sast',
    title: 'SQL injection: SQL text built from non-constant data',
    severity: 'critical',
    cwe: ['CWE-89'],
    owasp: ['A03:2021-Injection'],
    help:
      'Data concatenated or interpolated into SQL text given to a driver (mysql, mysql2, pg, ' +
      "pg-promise, sqlite3, better-sqlite3, mssql, oracledb) or an ORM's raw API (`sequelize.query`, " +
      '`knex.raw`, TypeORM `query`, Prisma `$queryRawUnsafe`/`$executeRawUnsafe`) rewrites the ' +
      'statement when it holds a quote. A proven flow from an untrusted source is reported at ' +
      'precision very-high; SQL text built by `+`, `concat` or a template literal with no source in ' +
      'view, at medium. Pass values as parameters: ' +
      "`db.query('SELECT * FROM users WHERE id = $1', [id])`, or use a tagged template that " +
      'parameterises (`sql`...``, Prisma `$queryRaw`...``). Pieces passed through an escaping or ' +
      'quoting helper (`mysql.escape`, `escapeIdentifier`, `quoteIdent`) are accepted.',
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
        modules: SQL_MODULES,
        // A query config (`{ text, values }` in pg, `{ sql, values }` in mysql): its values are parameters.
        keys: QUERY_CONFIG_KEYS,
        label: 'SQL text',
      },
      { call: ['*.$queryRawUnsafe', '*.$executeRawUnsafe'], label: 'SQL text' },
      {
        call: PG_PROMISE_METHODS.map((m) => `*.${m}`),
        receiver: '^(db|database|t|tx|task|conn|connection)$',
        modules: ['pg-promise'],
        label: 'SQL text',
      },
      ...AWS_STATEMENTS.map(({ calls, key }) => ({
        call: calls,
        keys: [key],
        label: 'an SQL statement',
      })),
      {
        call: ['*.exec', '*.prepare', '*.all', '*.get', '*.run', '*.each'],
        receiver: '^(db|database|sqlite|conn|connection)$',
        modules: SQL_MODULES,
        // A prepared statement's `get/all/run/each` take bind parameters, not SQL.
        exclude: ['all', 'get', 'run', 'each', 'iterate'].map((m) => `*.prepare().${m}`),
        label: 'SQL text',
      },
      {
        // Sequelize's `literal` on an instance or the class: raw SQL in a query.
        call: ['sequelize.Sequelize().literal', 'sequelize.Sequelize.literal', 'sequelize.default.literal'],
        label: 'SQL text',
      },
      {
        // TypeORM's query builder: a string condition or ordering is SQL (its object form and
        // `:named` parameters bind values).
        call: QUERY_BUILDER_METHODS.map((m) => `*.${m}`),
        receiver: '^(qb|queryBuilder|builder)$',
        modules: ['typeorm'],
        args: [0],
        skipLiteralObjects: true,
        label: 'SQL text',
      },
    ],
    sanitisedBy: ['numeric', 'sql'],
    guards: ['allow', 'lookup', 'type'],
  },
  concatenatedSql,
);
