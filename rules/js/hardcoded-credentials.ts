import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import {
  calleeName,
  findProperty,
  memberName,
  propertyKey,
  resolverFor,
  unwrap,
} from '../../src/sast/resolve.ts';
import { splitWords } from '../../src/sast/naming.ts';
import {
  credentialValue,
  looksLikeCredential,
  SECRET_WORDS,
  type CredentialSite,
  type CredentialValue,
} from '../../src/sast/credential-literal.ts';
import { isTestFile } from '../../src/sast/test-files.ts';
import { isTranslationFile } from '../../src/sast/translation-files.ts';
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
/** Two last words naming a credential; a bare `key` names a map or storage key as often as a secret. */
const SECRET_PAIRS = new Set([
  'api key',
  'secret key',
  'private key',
  'access key',
  'auth token',
  'access token',
  'api token',
  'jwt key',
  'signing key',
  'encryption key',
  'hmac key',
  'cipher key',
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
  'crypto.pbkdf2': 0,
  'crypto.scrypt': 0,
  'crypto.scryptSync': 0,
  'crypto.hkdf': 1,
  'crypto.hkdfSync': 1,
  'crypto.createSecretKey': 0,
  // jose 4+: `jwtVerify(token, secret)`; the builders' `.sign(key)` / `.encrypt(key)` are JOSE_BUILDERS.
  'jose.jwtVerify': 1,
  'jose.jwtDecrypt': 1,
  'jose.compactVerify': 1,
  'jose.compactDecrypt': 1,
  'jose.flattenedVerify': 1,
  'jose.flattenedDecrypt': 1,
  keygrip: 0,
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
/** jose 4+ builders, whose chained `.sign(key)` / `.encrypt(key)` takes the key: `new SignJWT(p)….sign(key)`. */
const JOSE_BUILDERS = new Set([
  'jose.SignJWT',
  'jose.EncryptJWT',
  'jose.CompactSign',
  'jose.FlattenedSign',
  'jose.GeneralSign',
  'jose.CompactEncrypt',
  'jose.FlattenedEncrypt',
  'jose.GeneralEncrypt',
]);
/**
 * Calls whose options object holds secrets and nothing else under CREDENTIAL_KEYS, and under the
 * extra key named here (Octokit's `auth`, express-basic-auth's `users: { name: password }`): what
 * stands there is a key whatever it reads like (`secret: 'this is my secret'`, `secret: ['new', 'old']`).
 */
const CREDENTIAL_OPTIONS = new Map<string, string | undefined>([
  ['express-session', undefined],
  ['cookie-session', undefined],
  ['koa-session', undefined],
  ['express-jwt', undefined],
  ['express-jwt.expressjwt', undefined],
  ['koa-jwt', undefined],
  ['@nestjs/jwt.JwtModule.register', undefined],
  ['@nestjs/jwt.JwtService', undefined],
  ['express-basic-auth', 'users'],
  ['@octokit/rest', 'auth'],
  ['@octokit/rest.Octokit', 'auth'],
  ['@octokit/core.Octokit', 'auth'],
  ['octokit.Octokit', 'auth'],
]);
/** Fastify plugins registered with their secret: `fastify.register(fastifyJwt, { secret })`. */
const CREDENTIAL_PLUGINS = new Set([
  '@fastify/jwt',
  'fastify-jwt',
  '@fastify/cookie',
  'fastify-cookie',
  '@fastify/session',
  '@fastify/secure-session',
]);
/** passport strategies: `new GoogleStrategy({ clientSecret })`. */
const PASSPORT_STRATEGY = /^passport-[\w-]+(?:\.\w+)?$/;
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
/**
 * A connection URI with a password in it: `scheme://user:password@host`, `redis://:password@host`.
 * Linear: anchored, bounded runs of disjoint character sets.
 */
const URI_PASSWORD = /^[a-z][a-z0-9+.-]{0,30}:\/\/([^\s:/@]{0,256}):([^\s@/]{1,256})@/i;
/**
 * What follows the `@` of a URI template, not an address: a port that is a word
 * (`@host:port`, `@localhost:<port>`) or a host that names itself (`@host`, `@<hostname>`).
 */
const TEMPLATE_ADDRESS =
  /^(?:[^\s:/@]{0,256}:[^\s\d/][^\s/]{0,64}|(?:host|hostname|<[^\s>]{0,64}>|\{[^\s}]{0,64}\})(?:[:/?]|$))/i;

/** A setting's name, maybe with a path (`db:password`, `auth.secret`); not a CSS selector (`#password`). */
const SETTING_NAME = /^[A-Za-z_][\w.:-]{0,99}$/;
/** Every credential name's last word holds one of these: a cheap test before splitting names. */
const CREDENTIAL_TAIL = /pass|pwd|secret|key|token/i;

function isCredentialName(name: string): boolean {
  // A key with a space or a slash is a route or a sentence (`'PATCH /users/:id/password'`), no name.
  if (!CREDENTIAL_TAIL.test(name) || /[\s/]/.test(name)) return false;
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
      "also made into a key (`Buffer.from('…', 'hex')`, `new TextEncoder().encode('…')`), as a list " +
      "of signing keys (`app.keys = ['k1', 'k2']`), as a class field or a parameter's default, or as " +
      "the fallback of `process.env.X || ...` (`const { X = '…' } = process.env`). Anyone with the " +
      'code can forge sessions and tokens or log in, and the value stays in the git history. This is ' +
      'about where a value is used, whatever its format; js/hardcoded-secret finds known token ' +
      'formats anywhere. Where only a name says a value is a credential, labels, messages and names ' +
      "(`password: 'Required'`, `secretKey = 'JWT_SECRET'`), and tables of labels (`{ host: 'public', " +
      "password: 'secret', … }`) are not reported. A parameter's default, a fallback the program " +
      "refuses under its own check (`if (prod && JWT_SECRET === 'dev') throw …`), " +
      'a finding in the configuration of a development or test environment ' +
      '(`config/env/development.js`), and a credential for a service on this machine or at a name reserved ' +
      "for tests (`mongodb://root:pw@localhost`, `{ url: 'https://x.invalid', password }`) is medium " +
      'precision: the caller may pass its own, the check ' +
      "keeps it out of production, and such files and hosts hold local services' credentials by convention. Read the value at run time and fail " +
      "when it is missing: `const secret = process.env.SESSION_SECRET ?? fail('SESSION_SECRET')`.",
    fixHint: 'Load the credential from the environment or a secret store, with no literal fallback.',
  },
  hint: /pass|pwd|secret|key|token|hmac|cipher|scrypt|pbkdf2|hkdf|jose|sequelize|cookie-?parser|basic-?auth|octokit|:\/\/|stripe|twilio|algolia/i,
  create(context) {
    // Logins of a test server, and the word "password" in a language's catalogue, are no credentials.
    if (isTestFile(context.filename) || isTranslationFile(context.filename)) return {};
    const localConfig = LOCAL_ENV_CONFIG.test(context.filename);
    const program = context.ast;
    const resolver = resolverFor(program);
    const reported = new Set<number>();
    // One finding per line; the value itself is masked in every output. A value written in one
    // place and used in another stands at both: where an API takes it (the evidence) and where it
    // is written (the fix), each line once.
    const report = (use: TSESTree.Node, what: string, found: CredentialValue) => {
      const useLine = context.locationOf(use).startLine;
      for (const node of found.origin ? [use, found.origin] : [use]) {
        const line = context.locationOf(node).startLine;
        if (reported.has(line)) continue;
        reported.add(line);
        const text = context.getText(node).split('\n')[0]!.slice(0, 200);
        // A parameter's default runs only where a caller passes nothing, a refused default only
        // where the program's own check lets it, a service on this machine or at a reserved name
        // is a developer's or a placeholder: weaker evidence.
        const nowhere =
          found.host !== undefined
            ? nowhereHost(found.host)
            : besideNowhereHost(use) || (found.origin !== undefined && besideNowhereHost(found.origin));
        const record = recordKind(use);
        const weaker = localConfig || found.parameterDefault || found.refused || nowhere || record;
        context.report({
          node,
          message:
            `Hard-coded ${what}${found.parameterDefault ? ' (the default value of a parameter)' : ''}` +
            `${found.refused ? ' (a default the program refuses under a check of its own)' : ''}` +
            `${useLine !== line ? ` (used at line ${useLine})` : ''}` +
            `${localConfig ? ' (in the configuration of a development or test environment)' : ''}` +
            `${nowhere ? ' (for a service on this machine or at a reserved test name)' : ''}` +
            `${record === 'sample' ? ' (in a record named as sample data)' : ''}` +
            `${record === 'refused' ? ' (in a record named as values to refuse)' : ''}.`,
          snippet: text.split(found.text).join('…'),
          ...(weaker ? { precision: 'medium' as const } : {}),
        });
      }
    };
    // A constant, field or default an API uses as a credential is reported where it is used and where
    // it is written (see report); one named as a credential and used nowhere in view, where written.
    const declared: Array<{ node: TSESTree.Node; name: string; init: TSESTree.Node; strict: boolean }> = [];
    const usedAsCredential = new Set<TSESTree.Node>();
    const check = (node: TSESTree.Node, what: string, value: TSESTree.Node, site: CredentialSite) => {
      const found = credentialValue(program, value, { ...site, at: node });
      if (!found) return;
      if (found.origin) usedAsCredential.add(found.origin);
      report(node, what, found);
    };
    const checkNamed = (
      node: TSESTree.Node,
      name: string,
      value: TSESTree.Node,
      strict: boolean,
      strong = false,
    ) => {
      if (!strict && !isCredentialName(name)) return;
      check(node, `credential in \`${name}\``, value, { name, strong });
    };
    /** The known credential API an options object is given to, and the extra key it takes a secret under. */
    const credentialApiOf = (object: TSESTree.ObjectExpression): { extra?: string } | undefined => {
      const holder = object.parent;
      if (
        (holder.type !== 'CallExpression' && holder.type !== 'NewExpression') ||
        !holder.arguments.includes(object as TSESTree.CallExpressionArgument)
      )
        return undefined;
      const callee = holder.callee;
      if (
        callee.type === 'MemberExpression' &&
        memberName(callee) === 'register' &&
        holder.arguments[1] === object
      ) {
        const plugin = holder.arguments[0]!;
        const name = plugin.type === 'SpreadElement' ? undefined : resolver.resolve(plugin);
        return name !== undefined && CREDENTIAL_PLUGINS.has(name) ? {} : undefined;
      }
      const target = resolver.resolve(callee);
      if (target === undefined) return undefined;
      if (CREDENTIAL_OPTIONS.has(target)) return { extra: CREDENTIAL_OPTIONS.get(target) };
      return PASSPORT_STRATEGY.test(target) ? {} : undefined;
    };
    /** `app` of `const app = new Koa()`. */
    const isKoaApp = (object: TSESTree.Node): boolean => {
      let o = unwrap(object);
      if (o.type === 'Identifier') o = unwrap(resolver.constantInit(o) ?? o);
      return o.type === 'NewExpression' && /^koa(?:\.default)?$/.test(resolver.resolve(o.callee) ?? '');
    };
    const visitors = {
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression') return;
        const key = propertyKey(node);
        if (!key) return;
        if (CREDENTIAL_KEYS.has(key) || isPassWithUser(node)) {
          const api = credentialApiOf(node.parent);
          // `{ password: 'password', email: 'email' }`: a table of field names, no credential; nor
          // `{ host: 'public', password: 'secret', … }`, a table of labels.
          if (!api && holdsNoCredential(node)) return;
          checkNamed(node, key, node.value, true, api !== undefined);
        } else if (key === 'keys' || key === 'users' || key === 'auth') {
          const api = credentialApiOf(node.parent);
          const value = unwrap(node.value);
          if (api?.extra === 'users' && key === 'users' && value.type === 'ObjectExpression') {
            // express-basic-auth: `users: { admin: 'password' }`
            for (const user of value.properties) {
              if (user.type === 'Property')
                check(user, `password of user \`${propertyKey(user) ?? '?'}\` in \`users\``, user.value, {
                  strong: true,
                });
            }
          } else if (api?.extra === key) {
            check(node, `token in \`${key}\``, node.value, { name: key, strong: true });
          } else if (
            key === 'keys' &&
            (api || (value.type === 'ArrayExpression' && isSigningOptions(node.parent)))
          ) {
            // cookie-session / Koa signing keys: options given to a session or cookie signer, not
            // any list named `keys` (a query's `{ keys: ['owningId'] }` names fields)
            check(node, 'signing keys in `keys`', node.value, { strong: true });
          } else checkNamed(node, key, node.value, false);
        } else if (!holdsNoCredential(node)) checkNamed(node, key, node.value, false);
      },
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        if (!node.init) return;
        if (node.id.type === 'Identifier') {
          if (isCredentialName(node.id.name))
            declared.push({ node, name: node.id.name, init: node.init, strict: false });
          return;
        }
        // `const [user, password] = ['admin', 's3cret']`: each name takes the element in its place.
        if (node.id.type === 'ArrayPattern') {
          const init = unwrap(node.init);
          if (init.type !== 'ArrayExpression') return;
          node.id.elements.forEach((e, i) => {
            const value = init.elements[i];
            if (
              e?.type === 'Identifier' &&
              value &&
              value.type !== 'SpreadElement' &&
              isCredentialName(e.name)
            )
              declared.push({ node: e, name: e.name, init: value, strict: false });
          });
          return;
        }
        // `const { REFRESH_SECRET = 'dev-secret' } = process.env`: the default is what runs when unset.
        if (node.id.type !== 'ObjectPattern') return;
        for (const p of node.id.properties) {
          if (
            p.type !== 'Property' ||
            p.value.type !== 'AssignmentPattern' ||
            p.value.left.type !== 'Identifier'
          )
            continue;
          const name = p.value.left.name;
          if (isCredentialName(name)) declared.push({ node: p, name, init: p.value.left, strict: false });
        }
      },
      PropertyDefinition(node: TSESTree.PropertyDefinition) {
        const name = node.key.type === 'PrivateIdentifier' ? node.key.name : propertyKey(node);
        if (node.value && name !== undefined && isCredentialName(name))
          declared.push({ node, name, init: node.value, strict: false });
      },
      'Program:exit'() {
        for (const d of declared)
          if (!usedAsCredential.has(d.node)) checkNamed(d.node, d.name, d.init, d.strict);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.operator !== '=' && node.operator !== '||=' && node.operator !== '??=') return;
        const left = node.left;
        const name =
          left.type === 'Identifier'
            ? left.name
            : left.type === 'MemberExpression'
              ? memberName(left)
              : undefined;
        if (!name) return;
        // Koa's cookie signing keys: `app.keys = ['k1', 'k2']`
        if (name === 'keys' && left.type === 'MemberExpression' && isKoaApp(left.object)) {
          check(node, 'signing keys in `app.keys`', node.right, { strong: true });
          return;
        }
        const strict = CREDENTIAL_KEYS.has(name);
        // `this.secret = '…'` in a constructor is a field's declaration: reported where it is used.
        if (
          left.type === 'MemberExpression' &&
          left.object.type === 'ThisExpression' &&
          (strict || isCredentialName(name))
        )
          declared.push({ node, name, init: node.right, strict });
        else checkNamed(node, name, node.right, strict);
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
      if (name === undefined) return;
      if ((name === 'sign' || name === 'encrypt') && callee.type === 'MemberExpression') {
        const builder = joseBuilder(callee.object);
        if (builder) return checkArgument(node, `${builder}().${name}`, node.arguments[0]);
      }
      if (!(SECRET_TAKERS.has(name.toLowerCase()) || (defaultImports && callee.type === 'Identifier')))
        return;
      const target = resolver.resolve(callee);
      const index = target === undefined ? undefined : SECRET_ARGUMENT[target];
      if (index === undefined) return;
      // SQLite has no users: Sequelize ignores the credentials it is given for it.
      if (target!.startsWith('sequelize') && dialectOf(node.arguments[3]) === 'sqlite') return;
      checkArgument(node, target!, node.arguments[index]);
    }
    function checkArgument(
      node: TSESTree.CallExpression | TSESTree.NewExpression,
      target: string,
      arg: TSESTree.CallExpressionArgument | undefined,
    ) {
      if (!arg || arg.type === 'SpreadElement') return;
      const a = unwrap(arg);
      check(node, `key or secret passed to ${target}()`, arg, {
        name: a.type === 'Identifier' ? a.name : undefined,
        strong: true,
      });
    }
    /** The jose builder a chain starts from: `new SignJWT(p).setProtectedHeader(h)` → 'jose.SignJWT'. */
    function joseBuilder(object: TSESTree.Node): string | undefined {
      let o = unwrap(object);
      for (let hop = 0; hop < 32; hop++) {
        if (o.type === 'CallExpression' && o.callee.type === 'MemberExpression') o = unwrap(o.callee.object);
        else if (o.type === 'Identifier') {
          const init = resolver.constantInit(o);
          if (!init) return undefined;
          o = unwrap(init);
        } else break;
      }
      if (o.type !== 'NewExpression') return undefined;
      const target = resolver.resolve(o.callee);
      return target !== undefined && JOSE_BUILDERS.has(target) ? target : undefined;
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
        if (!m || findSecrets(node.value).length > 0) return;
        // `http://:8080@host` with no user: a port, not a password.
        if (m[1] === '' && /^\d+$/.test(m[2]!)) return;
        // `postgres://username:password@host:port/db`: a template to fill in, shown to users.
        if (TEMPLATE_ADDRESS.test(node.value.slice(m[0].length))) return;
        if (looksLikeCredential(decodeURIComponentSafe(m[2]!)))
          report(node, 'password in a connection URI', {
            text: m[2]!,
            host: uriHost(node.value.slice(m[0].length)),
          });
      },
    };
  },
});

/**
 * Hosts no deployment reaches: this machine (`localhost`, `127.0.0.1`, `::1`) and the names RFC 2606
 * and 6761 reserve for tests and examples (`.invalid`, `.test`, `.example`, `example.com`).
 */
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[?::1\]?)$/i;
const RESERVED_NAME = /(?:^|\.)(?:invalid|test|example|localhost|example\.(?:com|net|org))$/i;

function nowhereHost(host: string): boolean {
  return LOCAL_HOST.test(host) || RESERVED_NAME.test(host);
}

/** The host a URI names after its credentials' `@` (up to a port, path, query or fragment). */
function uriHost(rest: string): string {
  const end = rest.search(/[:/?#]|$/);
  return rest.startsWith('[') ? rest.slice(0, rest.indexOf(']') + 1) : rest.slice(0, end);
}

/** Keys that name where a credential is sent, beside it in one object literal. */
const ADDRESS_KEYS = new Set(['host', 'hostname', 'domain', 'server', 'url', 'uri', 'endpoint', 'address']);

/** A credential in an object literal whose address property names a host no deployment reaches. */
function besideNowhereHost(at: TSESTree.Node): boolean {
  const property = at.type === 'Property' ? at : at.parent?.type === 'Property' ? at.parent : undefined;
  const literal = property?.parent;
  if (literal?.type !== 'ObjectExpression') return false;
  return literal.properties.some((p) => {
    if (p.type !== 'Property' || !ADDRESS_KEYS.has(propertyKey(p) ?? '')) return false;
    const v = p.value;
    if (v.type !== 'Literal' || typeof v.value !== 'string' || v.value.length > 2048) return false;
    return nowhereHost(URL.canParse(v.value) ? new URL(v.value).hostname : v.value);
  });
}

/**
 * Words that say what a record's values are for: made up (`dummyRevision`, `sampleUser`, `fakeOrg`,
 * `mockSession`), or known values to refuse (`WEAK_DEFAULTS`, `insecureSecrets`, `blockedPasswords`).
 */
const RECORD_WORDS: ReadonlyMap<string, RecordKind> = new Map([
  ...['dummy', 'sample', 'samples', 'fake', 'mock', 'mocked', 'stub'].map((w) => [w, 'sample'] as const),
  ...[
    'weak',
    'insecure',
    'forbidden',
    'blocked',
    'banned',
    'disallowed',
    'blocklist',
    'denylist',
    'blacklist',
  ].map((w) => [w, 'refused'] as const),
]);
type RecordKind = 'sample' | 'refused';
/** Object and array levels climbed to the name of the record a credential sits in. */
const MAX_RECORD_DEPTH = 12;
/** What a record is written with, up to its name: no call or function in between. */
const RECORD_LEVELS: ReadonlySet<string> = new Set([
  'Literal',
  'TemplateLiteral',
  'Property',
  'ObjectExpression',
  'ArrayExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
]);

/**
 * What the record a credential sits in is named as (`const dummyRevision = { reviews: [{ user: {
 * apiKey: 'key_abc123' } }] }`: sample data a page shows; `const WEAK_DEFAULTS = { SESSION_SECRET:
 * 'flowise' }`: values the program refuses): weaker evidence either way.
 */
function recordKind(at: TSESTree.Node): RecordKind | undefined {
  let n: TSESTree.Node | undefined = at;
  for (let depth = 0; n && depth < MAX_RECORD_DEPTH; depth++, n = n.parent) {
    const name =
      n.type === 'VariableDeclarator' && n.id.type === 'Identifier'
        ? n.id.name
        : n.type === 'Property'
          ? propertyKey(n)
          : undefined;
    const kind = name === undefined ? undefined : splitWords(name).find((w) => RECORD_WORDS.has(w));
    if (kind !== undefined) return RECORD_WORDS.get(kind);
    if (!RECORD_LEVELS.has(n.type)) return undefined;
  }
  return undefined;
}

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

/** Calls that sign cookies or sessions with a list of keys (`cookieSession`, `koaSession`, `new Keygrip`). */
const SIGNER_CALL = /session|cookie|keygrip|signer/i;

/**
 * Options given to a call named for signing sessions or cookies, directly or merged on the way
 * (`session(Object.assign({ keys }, defaults))`).
 */
function isSigningOptions(object: TSESTree.ObjectExpression): boolean {
  if (!isOptionsArgument(object)) return false;
  let call = object.parent as TSESTree.CallExpression | TSESTree.NewExpression;
  if (
    calleeName(call.callee) === 'assign' &&
    (call.parent.type === 'CallExpression' || call.parent.type === 'NewExpression')
  )
    call = call.parent;
  const name = calleeName(call.callee);
  return name !== undefined && SIGNER_CALL.test(name);
}

/** The `dialect` an options object literal names, if it names one as a string. */
function dialectOf(options: TSESTree.CallExpressionArgument | undefined): unknown {
  const dialect = options ? findProperty(unwrap(options), 'dialect') : undefined;
  return dialect?.value.type === 'Literal' ? dialect.value.value : undefined;
}

/**
 * A table of names: each value spells its own key or the key's last words, as in
 * `{ password: 'password', email: 'email' }` (form fields) or `{ DB_PASSWORD: 'password',
 * DB_HOST: 'host', ADMIN_PASSWORD: 'admin:password' }` (environment variables to config keys). One
 * such entry alone (`{ DB_PASSWORD: 'password' }`) is a weak password, not a table.
 */
function inNameTable(prop: TSESTree.Property): boolean {
  return (
    namesItsKey(prop) &&
    (prop.parent as TSESTree.ObjectExpression).properties.some((p) => p !== prop && namesItsKey(p))
  );
}

/** Words that classify a field rather than fill it (`public`, `secret`, `sensitive`). */
const CLASS_WORDS = new Set(
  'public private secret sensitive confidential internal restricted masked redacted hidden visible plain encrypted'.split(
    ' ',
  ),
);

/**
 * A table of labels: four or more string values beside the credential's, each a word that classifies
 * a field, in two kinds at least, as in `{ host: 'public', password: 'secret', port: 'public' }`
 * (which fields a form masks). A credential's value stands apart from its neighbours'; labels repeat.
 */
function inLabelTable(prop: TSESTree.Property): boolean {
  const values: string[] = [];
  for (const p of (prop.parent as TSESTree.ObjectExpression).properties) {
    if (p.type !== 'Property' || p.value.type !== 'Literal') continue;
    if (typeof p.value.value !== 'string' || !CLASS_WORDS.has(p.value.value)) return false;
    values.push(p.value.value);
  }
  return (
    values.length >= 4 &&
    new Set(values).size >= 2 &&
    values.includes((prop.value as TSESTree.Literal).value as string)
  );
}

/**
 * A property whose table says it holds no credential: field names, labels, UI text, or a
 * documentation site's public search key.
 */
function holdsNoCredential(prop: TSESTree.Property): boolean {
  return inNameTable(prop) || inLabelTable(prop) || inTextTable(prop) || isDocSearchKey(prop);
}

/** The last words of a name for a table of text shown to people: `placeholders`, `formHints`, `exampleValues`. */
const TEXT_TABLE = new Set([
  'placeholder',
  'placeholders',
  'example',
  'examples',
  'hint',
  'hints',
  'label',
  'labels',
]);

/**
 * A property of an object literal named for text the UI shows (`const placeholders = { password:
 * 'your_password' }`): what fills a form field's placeholder is no credential, whatever it reads.
 */
function inTextTable(prop: TSESTree.Property): boolean {
  const table = prop.parent;
  const holder = table.parent;
  const name =
    holder?.type === 'VariableDeclarator' && holder.init === table && holder.id.type === 'Identifier'
      ? holder.id.name
      : holder?.type === 'Property' && holder.value === table
        ? propertyKey(holder)
        : undefined;
  const words = name === undefined ? [] : splitWords(name);
  return words.length > 0 && TEXT_TABLE.has(words[words.length - 1]!);
}

/**
 * Algolia DocSearch's `apiKey` in a documentation site's `algolia: { appId, apiKey, indexName }`
 * (Docusaurus, VitePress, `docsearch({ … })`): a search-only key, published in every page.
 */
function isDocSearchKey(prop: TSESTree.Property): boolean {
  if (propertyKey(prop) !== 'apiKey') return false;
  const config = prop.parent as TSESTree.ObjectExpression;
  const holder = config.parent;
  const named =
    (holder?.type === 'Property' && /^(?:algolia|docsearch)$/i.test(propertyKey(holder) ?? '')) ||
    (holder?.type === 'CallExpression' && /^docsearch$/i.test(calleeName(holder.callee) ?? ''));
  return named && config.properties.some((p) => p.type === 'Property' && propertyKey(p) === 'indexName');
}

/** A string value spelling its key's last words (`userName: 'username'`, `DB_HOST: 'host'`). */
function namesItsKey(p: TSESTree.ObjectLiteralElement): boolean {
  if (p.type !== 'Property' || p.value.type !== 'Literal' || typeof p.value.value !== 'string') return false;
  const key = propertyKey(p);
  const value = splitWords(p.value.value).join('');
  if (!key || !value) return false;
  const keyWords = splitWords(key);
  return keyWords.some((_, i) => keyWords.slice(i).join('') === value);
}
