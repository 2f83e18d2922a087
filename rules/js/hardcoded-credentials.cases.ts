import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a permission named after the credential kind, and a marker written over a password',
      code: `const apikey = 'apikeys:import';
const token = 'tokens:read';
const roles = await query(\`SELECT * FROM role WHERE p LIKE '%\${apikey}%' OR p LIKE '%\${token}%'\`);
const url = new URL(value);
url.password = 'FLOWISE_MASKED';
const masked = { password: 'PASSWORD_REDACTED' };
connect({ user: 'app', password: '__HIDDEN__' });`,
    },
    {
      name: 'an array pattern whose password place holds no literal',
      code: `const [user, password] = [process.env.DB_USER, process.env.DB_PASSWORD];
const [a, token] = ['x', ...rest];
connect(user, password, a, token);`,
    },
    {
      name: "a database seed script's sample login",
      filename: 'seed.ts',
      code: `await prisma.user.create({ data: { email: 'demo@example.com', password: await hash('demo-password-123') } });
const client = new Client({ user: 'seed', password: 'seed-password-1' });`,
    },
    {
      name: "a query's list of field names to read, given as `keys`",
      code: `database.find('_User', { objectId: id }, { keys: ['_password_history', '_hashed_password'] });
db.find(joinTable, schema, { relatedId: { $in: ids } }, { keys: ['owningId'] });`,
    },
    {
      name: 'connection-string templates shown to users: the port or the host is a word to fill in',
      code: `export const templates = {
  postgres: 'postgres://username:password@host:port/database',
  redis: 'redis://user:secret-pass@host:port',
  mongodb: 'mongodb://admin:admin-pw@<hostname>/db',
  amqp: 'amqp://guest:guest-pw@{host}:5672',
};`,
    },
    {
      name: 'SaaS clients made with secrets from the environment',
      code: `const twilio = require('twilio')(process.env.TWILIO_SID, process.env.TWILIO_TOKEN);
const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);
require('@sendgrid/mail').setApiKey(process.env.SENDGRID_API_KEY);`,
    },
    {
      name: 'setters given a label, a placeholder or a value from elsewhere',
      code: `i18n.set('password', 'Password');
form.setValue('apiKey', '');
app.set('sessionSecret', process.env.SESSION_SECRET);
headers.set('X-Token-Type', 'Bearer');
cache.set('secretName', 'prod/db', 60);
waitForInputToHaveValue('#password', 'admin');`,
    },
    {
      name: 'SQLite takes no credentials, and a list named keys passed to nothing',
      code: `import { Sequelize } from 'sequelize';
const db = new Sequelize('database', 'username', 'password', { dialect: 'sqlite', storage: ':memory:' });
const memories = [{ user: 'john', keys: ['geoStalkingMetaSecurityQuestion', 'geoStalkingMetaSecurityAnswer'] }];`,
    },
    {
      name: 'fixture logins in test and spec files',
      filename: 'test/api/login.spec.ts',
      code: `const admin = { email: 'admin@juice-sh.op', password: 'admin123' };\njwt.sign(payload, 'test-secret');`,
    },
    {
      name: "a test runner's configuration",
      filename: 'cypress.config.ts',
      code: `export default defineConfig({ env: { admin_user: 'admin', admin_password: 'change-me-2' } });`,
    },
    {
      name: "a language's catalogue",
      filename: 'packages/phrases/src/locales/pt-pt/input.ts',
      code: `export default { password: 'Palavra-passe', confirm_password: 'Confirmar palavra-passe', app_secret: 'App-Geheimnis' };`,
    },
    {
      name: "a connector's mock data",
      filename: 'packages/connectors/connector-mail/src/mock.ts',
      code: `export const mockedConfig = { apiKey: 'api-key-value', password: 'mock-password-1' };`,
    },
    {
      name: "a test runner's setup file seeding the environment",
      filename: 'vitest.setup.ts',
      code: `process.env.AUTH_SECRET ??= 'test-auth-secret';\nprocess.env.DATABASE_URL ??= 'postgresql://postgres:s3cret@db:5432/app';`,
    },
    {
      name: 'secrets read from the environment',
      code: `import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false }));\nconst dbPassword = process.env.DB_PASSWORD;\njwt.sign(payload, config.jwtSecret);`,
    },
    {
      name: 'placeholders, labels and sentences',
      code: `const tokenTypes = { RESET_PASSWORD: 'resetPassword', API_KEY: 'api-key' };
const messages = { password: 'label.password', changePassword: 'label.change-password' };\nexport const AUTH_TOKEN = 'app.auth';
const labels = { password: 'Password', secret: 'Secret' };\nconst hints = { password: 'Enter your password' };\nconst form = { password: '', apiKey: '<your-api-key>' };\nconst tpl = { password: '\${DB_PASSWORD}' };
const placeholders: Record<string, string> = { clientSecret: 'your_client_secret_here', password: 'your_password' };
const form = { hints: { apiKey: 'key_abc123' } };
export const INVALID_ACCESS_TOKEN = 'auth/invalid_access_token';
export const personalAccessToken = '/user-management/personal-access-token';
const sample = { user: 'jane', password: 'example-password' };
parsed.password = 'REDACTED';
const events = { 'PATCH /users/:userId/password': 'User.Data.Updated' };`,
    },
    {
      name: "Algolia DocSearch's search-only key in a documentation site's configuration",
      filename: 'docs/docusaurus.config.ts',
      code: `export default { themeConfig: { algolia: { appId: 'V93C1M14G6', apiKey: '0eb8853d9740822fb9d21620d5515f35', indexName: 'docs' } } };
docsearch({ container: '#search', appId: 'V93C1M14G6', apiKey: '0eb8853d9740822fb9d21620d5515f35', indexName: 'docs' });`,
    },
    {
      name: 'keys made to be published in a web page',
      code: `const POSTHOG_API_KEY = 'phc_9CipPajQC22mSkk2wxe2TXsUA0Ysyupe8dt5KQQELqx';
const stripe = Stripe('pk_live_51HxAbCdEfGhIjKlMnOpQrStUv');
mapboxgl.accessToken = 'pk.eyJ1IjoiZXhhbXBsZSIsImEiOiJja2xvZ2luIn0.abcdEFGHijkl';`,
    },
    {
      name: 'names that only mention a secret',
      code: `const passwordField = '#password';\nconst secretName = 'prod/db';\nconst resetPasswordUrl = '/reset';\nconst token = 'Bearer';`,
    },
    {
      name: 'URI without a password and a key from a vault',
      code: `const url = 'postgres://app@db.internal/main';\nconst link = 'https://example.com/a:b';\ncrypto.createHmac('sha256', await vault.read('hmac'));`,
    },
    {
      name: 'pass without a user beside it',
      code: `const result = { pass: 'yes', total: 3 };`,
    },
    {
      name: 'labels, validation messages and translations under a credential name',
      code: `if (!form.password) problems.password = 'Mandatory';
else if (form.password.length < 10) problems.password = 'Needs more characters';
export const de = { login: 'Anmeldung', password: 'Kennwort' };
export const pl = { password: 'Hasło' };
export const prompts = { password: 'Passphrase:' };`,
    },
    {
      name: 'names written as values: environment variables, storage keys, header names',
      code: `const signingSecret = 'APP_SIGNING_SECRET';
const variables = { clientSecret: 'GITHUB_CLIENT_SECRET', password: 'PG_PASSWORD' };
export const CACHED_AUTH_TOKEN = 'authToken';
export const USER_API_TOKEN = 'user_token';
const headerFor = { apiKey: 'x-service-key' };
export const JWT_KEY = 'jwt';
const inputTypes = { password: 'password', text: 'text' };`,
    },
    {
      name: 'a table of labels: which connection fields a form masks',
      code: `const POSTGRES_FIELDS = {
  user: 'public',
  host: 'public',
  password: 'secret',
  port: 'public',
  clientKey: 'secret',
} satisfies Classification;
const SNOWFLAKE_FIELDS = { account: 'public', username: 'public', privateKey: 'secret', privateKeyPassword: 'secret' };
const MSSQL_FIELDS = { user: 'public', server: 'public', password: 'secret', port: 'public', options: { encrypt: 'public' } };`,
    },
    {
      name: 'a table of environment variables to the config keys they set',
      code: `const fromEnv = {
  APP_URL: 'url',
  APP_ADMIN_USER: 'admin:user',
  APP_ADMIN_PASSWORD: 'admin:password',
  APP_DB_HOST: 'host',
  APP_DB_PASSWORD: 'password',
  APP_DB_NAME: 'database',
};`,
    },
    {
      name: 'a public key given to verify, and keys read from the environment',
      code: `import jwt from 'jsonwebtoken';
import crypto from 'crypto';
import Koa from 'koa';
jwt.verify(token, \`-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
-----END PUBLIC KEY-----\`);
const { SIGNING_SECRET } = process.env;
jwt.sign(claims, SIGNING_SECRET);
class Tokens {
  private readonly secret = process.env.TOKENS_SECRET;
  issue(claims) { return jwt.sign(claims, this.secret); }
}
function mint(claims, secret = process.env.MINT_SECRET) { return jwt.sign(claims, secret); }
crypto.createHmac('sha256', Buffer.from(process.env.MAC_KEY, 'base64'));
const server = new Koa();
server.keys = [process.env.COOKIE_KEY_1, process.env.COOKIE_KEY_2];
const lookup = { keys: ['id', 'email'] };
lookup.keys = ['name', 'title'];`,
    },
  ],
  invalid: [
    {
      name: 'a scope-like value that is no permission of its own kind, and a marker word inside another word',
      code: `const apiKey = 'sk:live:9f3a77c01d2e'; // vigil-expect
client.auth(apiKey);
const url = new URL(value);
url.password = 'UNMASKED_2024'; // vigil-expect`,
    },
    {
      name: 'a password bound by an array pattern from an array literal',
      code: `const [user, dbPassword] = ['admin', 'Tr0ub4dor&3']; // vigil-expect
connect(user, dbPassword);`,
    },
    {
      name: 'a default that reads like a placeholder, used as the secret',
      code: `module.exports = { cookieSecret: 'session_cookie_secret_key_here' }; // vigil-expect
const jwtSecret = process.env.JWT_SECRET || 'your_jwt_secret'; // vigil-expect
jwt.sign(payload, jwtSecret);`,
    },
    {
      name: 'connection settings whose values differ, and a lone label-like password',
      code: `const db = {
  user: 'admin',
  host: 'db',
  password: 'secret', // vigil-expect
  port: 'public',
};
const single = { user: 'public', host: 'public', password: 'hunter', port: 'public' }; // vigil-expect`,
    },
    {
      name: 'a weak password spelling its name, in a config that is no table of names',
      code: `module.exports = {
  DB_HOST: 'localhost',
  DB_USER: 'root',
  DB_PASSWORD: 'password', // vigil-expect
};`,
    },
    {
      name: 'SaaS clients made with a literal secret',
      code: `const twilio = require('twilio')('AC00000000000000000000000000000000', 'f3c1b2a9d8e7f6a5b4c3d2e1f0a9b8c7'); // vigil-expect
const Stripe = require('stripe');
const stripe = new Stripe('rk_test_Zq8Wm3Lp9Xv2Ty6Rb4Nc1Hd7'); // vigil-expect
const search = require('algoliasearch')('APP1D', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'); // vigil-expect`,
    },
    {
      name: 'a setter given a credential name and its value',
      code: `app.set('jwtSecret', 'sign-me-2024'); // vigil-expect
nconf.set('database:password', 'r00t-pw'); // vigil-expect
angular.module('app').constant('API_KEY', '6e90f98c3b199c51'); // vigil-expect`,
    },
    {
      name: 'a constant an API uses stands where it is written and at each use',
      code: `const jwt = require('jsonwebtoken');
const { JWT, JWK } = require('jose');
const tokenSecret = 'deploy-2024-signing'; // vigil-expect
export const issue = (claims) => jwt.sign(claims, tokenSecret); // vigil-expect
export const check = (token) => JWT.verify(token, JWK.asKey(tokenSecret)); // vigil-expect
export const other = (claims) => JWT.sign(claims, 'second-signing-key'); // vigil-expect`,
    },
    {
      name: 'a named constant no API in view uses: its declaration',
      code: `export const adminPassword = 'admin-2024!'; // vigil-expect`,
    },
    {
      name: 'a server database with a literal password, and cookie-session signing keys',
      code: `import { Sequelize } from 'sequelize';
import cookieSession from 'cookie-session';
const db = new Sequelize('shop', 'app', 'hunter2!', { dialect: 'postgres' }); // vigil-expect
app.use(cookieSession({ name: 's', keys: ['k3yb0ard-cat'] })); // vigil-expect`,
    },
    {
      name: 'signing keys given to a session middleware or a Keygrip the rules do not model',
      code: `app.use(koaSession({ key: 'sid', keys: ['s3ss10n-k3y'] }, app)); // vigil-expect
const signer = createCookieSigner({ keys: ['c00kie-s1gn'] }); // vigil-expect
app.use(session(Object.assign({ keys: ['m3rged-k3y'] }, { name: 'sid' }))); // vigil-expect`,
    },
    {
      name: 'session secret and signing keys',
      code: `import session from 'express-session';\nimport cookieSession from 'cookie-session';\napp.use(session({\n  secret: 'keyboard cat', // vigil-expect\n  resave: false,\n}));\napp.use(cookieSession({ keys: ['k3y-one', 'k3y-two'] })); // vigil-expect`,
    },
    {
      name: 'environment fallback',
      code: `const jwtSecret = process.env.JWT_SECRET || 'dev-secret'; // vigil-expect\napp.use(session({ secret: process.env.S ?? 's3cr3t' })); // vigil-expect`,
    },
    {
      name: 'jwt and hmac keys passed in place',
      code: `import jwt from 'jsonwebtoken';\nimport crypto from 'crypto';\nconst token = jwt.sign({ sub: id }, 'shhhhh'); // vigil-expect\nconst k = 'c0nst4nt'; // vigil-expect\ncrypto.createHmac('sha256', k).update(body); // vigil-expect`,
    },
    {
      name: 'passport and cloud keys',
      code: `passport.use(new GoogleStrategy({\n  clientID: '1234.apps.example.com',\n  clientSecret: 'Zx9-abc', // vigil-expect\n}, verify));\nnew S3Client({ credentials: { accessKeyId: id, secretAccessKey: 'wJalr/K7MDENG' } }); // vigil-expect`,
    },
    {
      name: 'database drivers',
      code: `import { Sequelize } from 'sequelize';\nconst s = new Sequelize('db', 'root', 'r00tpw', { dialect: 'mysql' }); // vigil-expect\nmysql.createConnection({ host, user: 'app',\n  password: 'hunter22' }); // vigil-expect\nmongoose.connect('mongodb://admin:pa55w0rd@db:27017/app'); // vigil-expect`,
    },
    {
      name: 'mail transport auth and named constants',
      code: `nodemailer.createTransport({ auth: { user: 'me@example.com', pass: 'm4ilpass' } }); // vigil-expect
const APIKEY = 'k-20240101-prod'; // vigil-expect\nconst STRIPE_API_KEY = 'not-a-real-format-1234'; // vigil-expect\nconfig.password = 'admin123'; // vigil-expect`,
    },
    {
      name: 'keys made from a literal',
      code: `import crypto from 'crypto';
import { SignJWT, jwtVerify } from 'jose';
const mac = crypto.createHmac('sha512', Buffer.from('mac-key-2024')); // vigil-expect
const aesKey = Buffer.from('not-hex-but-a-key', 'utf8'); // vigil-expect
const decipher = crypto.createDecipheriv('aes-128-cbc', aesKey, iv); // vigil-expect
const sk = crypto.createSecretKey(Buffer.from('orders-signing')); // vigil-expect
const derived = crypto.scryptSync('vault passphrase seven', 'pepper', 32); // vigil-expect
const joseKey = new TextEncoder().encode('jose-hs256-key'); // vigil-expect
export const mint = () => new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).sign(joseKey); // vigil-expect
export const read = (t) => jwtVerify(t, joseKey); // vigil-expect`,
    },
    {
      name: 'a sentence where only a key can stand',
      code: `import jwt from 'jsonwebtoken';
import session from 'express-session';
jwt.sign(claims, 'the signing phrase'); // vigil-expect
app.use(session({ secret: 'my cat is called bob', resave: false })); // vigil-expect
app.use(session({ secret: 'Signing' })); // vigil-expect`,
    },
    {
      name: 'lists of signing secrets',
      code: `import session from 'express-session';
import cookieParser from 'cookie-parser';
import Koa from 'koa';
import Keygrip from 'keygrip';
app.use(session({ secret: ['current-sig', 'previous-sig'] })); // vigil-expect
app.use(cookieParser(['first-sig', 'second-sig'])); // vigil-expect
const web = new Koa();
web.keys = ['koa-sig-a', 'koa-sig-b']; // vigil-expect
const grip = new Keygrip(['grip-one', 'grip-two']); // vigil-expect`,
    },
    {
      name: 'keys named by their use, and identifiers that are values',
      code: `export const SIGNING_KEY = 'sig-k3y-value'; // vigil-expect
export const hmacKey = 'h-m-a-c-2024'; // vigil-expect
export const ENCRYPTION_KEY = 'enc-0001-abcd'; // vigil-expect
export const JWT_SECRET = 'superSecret'; // vigil-expect
export const settings = { password: 'Adm1nP@ss!' }; // vigil-expect`,
    },
    {
      name: 'environment fallbacks in other spellings',
      code: `import jwt from 'jsonwebtoken';
const { API_SECRET = 'local-api-secret' } = process.env; // vigil-expect
const env = process.env;
export const tokenSecret = env.TOKEN_SECRET || 'local-token'; // vigil-expect
const S = process.env.S ? process.env.S : 'dev-sig'; // vigil-expect
jwt.sign(claims, S); // vigil-expect
jwt.verify(t, String(process.env.V ?? 'dev-verify')); // vigil-expect
const { REFRESH = 'refresh-local' } = process.env; // vigil-expect
jwt.sign(claims, REFRESH); // vigil-expect`,
    },
    {
      name: 'class fields and parameter defaults used as keys',
      code: `import jwt from 'jsonwebtoken';
import crypto from 'crypto';
class Issuer {
  private readonly signingSecret = 'issuer-field-secret'; // vigil-expect
  issue(claims) {
    return jwt.sign(claims, this.signingSecret); // vigil-expect
  }
}
class Hasher {
  constructor() {
    this.macSecret = 'hasher-ctor-secret'; // vigil-expect
  }
  mac(body) {
    return crypto.createHmac('sha256', this.macSecret).update(body); // vigil-expect
  }
}
class Unused {
  private apiKey = 'field-only-key'; // vigil-expect
}
function issueWith(claims, secret = 'default-param-secret') { // vigil-expect
  return jwt.sign(claims, secret); // vigil-expect
}`,
    },
    {
      name: 'a URI password with no user, basic-auth users and a GitHub client token',
      code: `import { createClient } from 'redis';
import basicAuth from 'express-basic-auth';
import { Octokit } from '@octokit/rest';
const cache = createClient({ url: 'redis://:c4chePw@cache:6379' }); // vigil-expect
app.use(basicAuth({ users: { admin: 'adminpw-2024' }, challenge: true })); // vigil-expect
const gh = new Octokit({ auth: 'gh-token-value-2024' }); // vigil-expect`,
    },
    {
      name: 'connection URIs to a host whose name holds the word host, or to a numbered port',
      code: `const primary = 'postgres://app:Pg-2024-pw@db-host:5432/app'; // vigil-expect
const replica = 'mysql://reader:r3ad3r-pw@hostdb/app'; // vigil-expect`,
    },
  ],
} satisfies RuleCases;
