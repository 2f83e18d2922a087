import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { findProperty, memberName, propertyKey, resolverFor, unwrap } from '../../src/sast/resolve.ts';
import { splitWords } from '../../src/sast/naming.ts';
import { credentialLiteral, looksLikeCredential } from '../../src/sast/credential-literal.ts';
import { isTestFile } from '../../src/sast/test-files.ts';
import { findSecrets } from '../../src/sast/secrets/index.ts';

/** Option keys every library that takes them uses as a credential (passport, sessions, SDKs, DBs). */
const CREDENTIAL_KEYS = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'clientSecret',
  'client_secret',
  'consumerSecret',
  'consumer_secret',
  'secretOrKey',
  'secretOrPrivateKey',
  'secretOrPublicKey',
  'secretAccessKey',
  'secret_access_key',
  'sessionSecret',
  'cookieSecret',
  'apiSecret',
  'appSecret',
  'privateKey',
]);
/** Last words of a variable name that hold a credential (`DB_PASSWORD`, `jwtSecret`, `stripeApiKey`). */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  // the pairs below written as one word (`APIKEY`, `apikey`)
  'apikey',
  'secretkey',
  'privatekey',
  'accesskey',
  'authtoken',
  'accesstoken',
  'apitoken',
]);
const SECRET_PAIRS = new Set([
  'api key',
  'secret key',
  'private key',
  'access key',
  'auth token',
  'access token',
  'api token',
]);
/** Calls whose argument at this index is a key or secret. */
const SECRET_ARGUMENT: Record<string, number> = {
  'jsonwebtoken.sign': 1,
  'jsonwebtoken.verify': 1,
  // jose 1.x/2.x: `JWT.sign(payload, key)`, `JWK.asKey('secret')`.
  'jose.JWT.sign': 1,
  'jose.JWT.verify': 1,
  'jose.JWK.asKey': 0,
  'crypto.createHmac': 1,
  'crypto.createCipheriv': 1,
  'crypto.createDecipheriv': 1,
  'crypto.createCipher': 1,
  'crypto.createDecipher': 1,
  'crypto.pbkdf2Sync': 0,
  sequelize: 2,
  'sequelize.Sequelize': 2,
  'cookie-parser': 0,
  // SaaS clients made with their secret: `require('stripe')(key)`, `twilio(sid, token)`.
  stripe: 0,
  twilio: 1,
  algoliasearch: 1,
  'algoliasearch.algoliasearch': 1,
  '@sendgrid/mail.setApiKey': 0,
  '@sendgrid/client.setApiKey': 0,
};
/**
 * The configuration of a development or test environment (`config/env/development.js`,
 * `config/test.ts`): by convention it holds the credentials of local services, worth a look
 * (precision medium) rather than a proven leak; production's configuration stays high.
 */
const LOCAL_ENV_CONFIG =
  /(?:^|\/)(?:config|conf|env|envs|environments?)\/(?:[\w.-]+\/)*(?:dev|development|test|testing|local)\.[cm]?[jt]s$/;
/** The names SECRET_ARGUMENT's calls end in (`jsonwebtoken.sign` → `sign`), lower case (`new Stripe(key)`). */
const SECRET_TAKERS = new Set(
  Object.keys(SECRET_ARGUMENT).map((t) => t.slice(t.lastIndexOf('.') + 1).toLowerCase()),
);
/** A connection URI with a password in it: `scheme://user:password@host`. Linear: disjoint runs. */
const URI_PASSWORD = /^[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{1,256}:([^\s@/]{1,256})@/i;

/** A setting's name, maybe with a path (`db:password`, `auth.secret`); not a CSS selector (`#password`). */
const SETTING_NAME = /^[A-Za-z_][\w.:-]{0,99}$/;
/** Every credential name's last word holds one of these: a cheap test before splitting names. */
const CREDENTIAL_TAIL = /pass|pwd|secret|key|token/i;

function isCredentialName(name: string): boolean {
  if (!CREDENTIAL_TAIL.test(name)) return false;
  const words = splitWords(name);
  const last = words[words.length - 1];
  if (!last) return false;
  return SECRET_WORDS.has(last) || SECRET_PAIRS.has(`${words[words.length - 2]} ${last}`);
}

/** `pass` is nodemailer's and others' password key only beside a user name. */
function isPassWithUser(prop: TSESTree.Property): boolean {
  if (propertyKey(prop) !== 'pass' || prop.parent.type !== 'ObjectExpression') return false;
  return prop.parent.properties.some(
    (p) => p.type === 'Property' && /^user(?:name)?$/.test(propertyKey(p) ?? ''),
  );
}

/** `require('twilio')` called in place: the module's name. */
function requiredName(callee: TSESTree.Node): string | undefined {
  if (callee.type !== 'CallExpression' || callee.callee.type !== 'Identifier') return undefined;
  const arg = callee.arguments[0];
  return callee.callee.name === 'require' && arg?.type === 'Literal' && typeof arg.value === 'string'
    ? arg.value
    : undefined;
}

export default defineRule({
  meta: {
    id: 'js/hardcoded-credentials',
    kind: 'sast',
    title: 'Hard-coded credential passed where it is used as one',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    help:
      'A constant string is used as a password, session or JWT secret, HMAC or cipher key, OAuth ' +
      "client secret or cloud access key (`session({ secret: 'keyboard cat' })`, " +
      "`jwt.sign(payload, 'secret')`, `new Sequelize(db, user, 'pass')`, `mysql://u:p@host`), " +
      'also as the fallback of `process.env.X || ...`. Anyone with the code can forge sessions and ' +
      'tokens or log in, and the value stays in the git history. This is about where a value is ' +
      'used, whatever its format; js/hardcoded-secret finds known token formats anywhere. In the ' +
      'configuration of a development or test environment (`config/env/development.js`) a finding is ' +
      "medium precision: such files hold local services' credentials by convention. Read the " +
      'value at run time and fail when it is missing: ' +
      "`const secret = process.env.SESSION_SECRET ?? fail('SESSION_SECRET')`.",
    fixHint: 'Load the credential from the environment or a secret store, with no literal fallback.',
  },
  hint: /pass|pwd|secret|key|token|hmac|cipher|sequelize|cookie-?parser|:\/\/|stripe|twilio|algolia/i,
  create(context) {
    if (isTestFile(context.filename)) return {};
    const localConfig = LOCAL_ENV_CONFIG.test(context.filename);
    const program = context.ast;
    const reported = new Set<number>();
    // One finding per line; the value itself is masked in every output.
    const report = (node: TSESTree.Node, what: string, value: string) => {
      const line = context.locationOf(node).startLine;
      if (reported.has(line)) return;
      reported.add(line);
      const text = context.getText(node).split('\n')[0]!.slice(0, 200);
      context.report({
        node,
        message: `Hard-coded ${what}${localConfig ? ' (in the configuration of a development or test environment)' : ''}.`,
        snippet: text.split(value).join('…'),
        ...(localConfig ? { precision: 'medium' as const } : {}),
      });
    };
    const checkNamed = (node: TSESTree.Node, name: string, value: TSESTree.Node, strict: boolean) => {
      if (!strict && !isCredentialName(name)) return;
      const literal = credentialLiteral(program, value, name);
      if (literal !== undefined) report(node, `credential in \`${name}\``, literal);
    };
    // A constant named as a credential stands where an API uses it as one (one finding per use);
    // its declaration only when no such use is in view.
    const resolver = resolverFor(program);
    const declared: Array<{ node: TSESTree.VariableDeclarator; name: string; init: TSESTree.Node }> = [];
    const usedAsCredential = new Set<unknown>();
    const visitors = {
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression') return;
        const key = propertyKey(node);
        if (!key) return;
        if (CREDENTIAL_KEYS.has(key) || isPassWithUser(node)) checkNamed(node, key, node.value, true);
        else if (
          key === 'keys' &&
          unwrap(node.value).type === 'ArrayExpression' &&
          isOptionsArgument(node.parent)
        ) {
          // cookie-session / Koa signing keys: options given to a call, not any list named `keys`
          const list = unwrap(node.value) as TSESTree.ArrayExpression;
          for (const e of list.elements) {
            const literal = e && e.type !== 'SpreadElement' ? credentialLiteral(program, e) : undefined;
            if (literal !== undefined) report(node, 'signing keys in `keys`', literal);
          }
        } else checkNamed(node, key, node.value, false);
      },
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        if (node.id.type === 'Identifier' && node.init && isCredentialName(node.id.name))
          declared.push({ node, name: node.id.name, init: node.init });
      },
      'Program:exit'() {
        for (const d of declared) {
          const variable =
            usedAsCredential.size && d.node.id.type === 'Identifier'
              ? resolver.variableOf(d.node.id)
              : undefined;
          if (!variable || !usedAsCredential.has(variable)) checkNamed(d.node, d.name, d.init, false);
        }
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.operator !== '=' && node.operator !== '||=' && node.operator !== '??=') return;
        const name =
          node.left.type === 'Identifier'
            ? node.left.name
            : node.left.type === 'MemberExpression'
              ? memberName(node.left)
              : undefined;
        if (name) checkNamed(node, name, node.right, CREDENTIAL_KEYS.has(name));
      },
      CallExpression: checkCall,
      NewExpression: checkCall,
    };
    // Most files call nothing that takes a key: a name test spares them the scope analysis.
    const defaultImports = /cookie-?parser|sequelize/i.test(context.sourceText);
    function checkCall(node: TSESTree.CallExpression | TSESTree.NewExpression) {
      checkSetter(node);
      const callee = node.callee;
      const name =
        callee.type === 'Identifier'
          ? callee.name
          : callee.type === 'MemberExpression' && callee.property.type === 'Identifier'
            ? callee.property.name
            : requiredName(callee);
      if (
        name === undefined ||
        !(SECRET_TAKERS.has(name.toLowerCase()) || (defaultImports && callee.type === 'Identifier'))
      )
        return;
      const target = resolver.resolve(callee);
      const index = target === undefined ? undefined : SECRET_ARGUMENT[target];
      if (index === undefined) return;
      const arg = node.arguments[index];
      if (!arg || arg.type === 'SpreadElement') return;
      // SQLite has no users: Sequelize ignores the credentials it is given for it.
      if (target!.startsWith('sequelize') && dialectOf(node.arguments[3]) === 'sqlite') return;
      const a = unwrap(arg);
      const literal = credentialLiteral(program, arg, a.type === 'Identifier' ? a.name : undefined);
      if (literal === undefined) return;
      report(node, `key or secret passed to ${target}()`, literal);
      if (a.type === 'Identifier') usedAsCredential.add(resolver.variableOf(a));
    }
    // A key-value setter given a credential's name and its value: `app.set('jwtSecret', 'x')`,
    // `nconf.set('db:password', 'x')`, AngularJS `.constant('API_KEY', 'x')`.
    function checkSetter(node: TSESTree.CallExpression | TSESTree.NewExpression) {
      const [key, value] = node.arguments;
      if (!key || !value || node.arguments.length !== 2 || key.type !== 'Literal') return;
      if (typeof key.value !== 'string' || !SETTING_NAME.test(key.value) || !CREDENTIAL_TAIL.test(key.value))
        return;
      const name = key.value.slice(Math.max(key.value.lastIndexOf(':'), key.value.lastIndexOf('.')) + 1);
      if (CREDENTIAL_KEYS.has(name) || isCredentialName(name)) checkNamed(node, name, value, true);
    }
    return {
      ...visitors,
      Literal(node: TSESTree.Literal) {
        if (typeof node.value !== 'string' || node.value.length > 2048) return;
        const m = URI_PASSWORD.exec(node.value);
        // A URL the database-url detector knows is js/hardcoded-secret's finding: one per line.
        if (m && looksLikeCredential(decodeURIComponentSafe(m[1]!)) && findSecrets(node.value).length === 0)
          report(node, 'password in a connection URI', m[1]!);
      },
    };
  },
});

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** An object literal passed straight to a call or constructor: a library's options. */
function isOptionsArgument(object: TSESTree.ObjectExpression): boolean {
  const holder = object.parent;
  return (
    (holder.type === 'CallExpression' || holder.type === 'NewExpression') &&
    holder.arguments.includes(object as TSESTree.CallExpressionArgument)
  );
}

/** The `dialect` an options object literal names, if it names one as a string. */
function dialectOf(options: TSESTree.CallExpressionArgument | undefined): unknown {
  const dialect = options ? findProperty(unwrap(options), 'dialect') : undefined;
  return dialect?.value.type === 'Literal' ? dialect.value.value : undefined;
}
