/**
 * Is an expression a hard-coded credential value? Used by the rule that judges a secret passed
 * where the code uses it as a credential (js/hardcoded-credentials). A literal counts, and so do:
 *
 * - the fallback of an environment read: `process.env.X || 'literal'`, `env.X ?? 'literal'`,
 *   `process.env.X ? process.env.X : 'literal'`, `const { X = 'literal' } = process.env`;
 * - a key made from a literal: `Buffer.from('literal', 'hex')`, `new TextEncoder().encode('literal')`,
 *   `String(...)`;
 * - a constant, a class field read as `this.field` (never written elsewhere in its class) and a
 *   parameter's default value (only a fallback: the result says so);
 * - at a site that only takes a key (`strong`), a list of them: `secret: ['new', 'old']`.
 *
 * Where the evidence is a name (`password: '…'`, `const DB_PASSWORD = '…'`), text that reads as
 * something else is not a credential: a sentence, a label or message (`'Required'`, `'Too short'`,
 * `'Passwort'`, `'Password:'`) or a name (`'JWT_SECRET'`, `'x-api-key'`, `STORAGE_ACCESS_TOKEN =
 * 'accessToken'`). At a site that only takes a key those shapes are still the key.
 */
import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, propertyKey, resolverFor, unwrap } from './resolve.ts';
import { alwaysLeaves, splitWords } from './naming.ts';
import { findSecrets } from './secrets/index.ts';
import { traverse } from './traverse.ts';

type Node = TSESTree.Node;

/** Where a value stands: the name it is stored under, and whether the API only takes a key there. */
export interface CredentialSite {
  /** The variable, property or setting name the value is stored under. */
  name?: string;
  /** The value is given to an API that only takes a key or secret: its shape is no evidence against it. */
  strong?: boolean;
  /**
   * The node being visited that holds the value (the call, property or assignment). The engine
   * links a node to its parent as it walks down, so a value's own links may not be set yet.
   */
  at?: Node;
}

export interface CredentialValue {
  /** The constant text. */
  text: string;
  /** The declaration the text came from, when it came through a binding (one finding per use). */
  origin?: Node;
  /** The text is a parameter's default value: what runs when a caller passes nothing. */
  parameterDefault?: boolean;
  /**
   * The program refuses the text where it matters: the binding is compared with it in an `if` that
   * throws or returns (`if (prod && JWT_SECRET === 'dev') throw …`), a development default.
   */
  refused?: boolean;
  /** The host a connection URI sends the text to (`mongodb://root:pw@localhost`). */
  host?: string;
}

/**
 * Values that stand for "fill this in", or for a value taken out (`REDACTED`), or a sample shown in
 * a form (`example-password`, `dummy_token`): not a credential.
 */
const PLACEHOLDER =
  /^(?:<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|x+|\*+|\.+|-+|_+|\?+|0+|null|undefined|none|todo|tbd|fixme|changeit-placeholder|\[?redacted\]?|(?:example|sample|dummy|fake)[-_][\w-]*)$/i;
/**
 * A marker spelt as a constant's name that says the value was taken out (`FLOWISE_MASKED`,
 * `PASSWORD_REDACTED`, `__HIDDEN__`): what a program writes over a secret before showing it.
 */
const MARKER_NAME = /^[A-Z0-9_]+$/;
const MARKER_WORDS = new Set(['MASKED', 'REDACTED', 'HIDDEN', 'OBFUSCATED', 'CENSORED']);
/** A path on the program's own site (`/user-management/personal-access-token`): a link, no secret. */
const SITE_PATH = /^\/[a-z0-9_.-]+(?:\/[a-z0-9_.-]+)*\/?(?:#[a-z0-9_-]+)?$/;
/**
 * Keys made to be published in a web page, which authorise nothing secret: PostHog's project keys
 * (`phc_…`), Stripe's publishable keys (`pk_live_…`), Mapbox's public tokens (`pk.eyJ…`).
 */
const PUBLISHABLE = /^(?:phc_|pk_(?:live|test)_|pk\.eyJ)[\w.-]+$/;
/** A public key or certificate: what verifies a signature or identifies a server, no secret. */
const PUBLIC_PEM = /^-----BEGIN (?:RSA |EC )?(?:PUBLIC KEY|CERTIFICATE)-----/;
/**
 * A dotted or slashed lower-case key: a message id (`label.change-password`), a storage key
 * (`app.auth`), an error code (`auth/invalid_access_token`).
 */
const KEY_PATH = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*(?:[./:][a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)+$/;
// UI text (labels, validation messages, translations). Every repetition starts with a character
// the one before cannot match (a space), so each pattern is linear in its input.
/** One capitalised word (`Required`, `Passwort`): UI text when it names the field or is such a word. */
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}+$/u;
/**
 * Words a form or a translation puts under a credential's name: validation states and the word
 * "password" in other languages. Any other capitalised word (`Secret`, `Asdfgh`) may be the value.
 */
const UI_WORDS = new Set(
  (
    'required invalid missing optional mandatory empty wrong incorrect hidden show hide change reset ' +
    'forgot confirm enter new current old passwort wachtwoord senha salasana haslo parola heslo ' +
    'jelszo adgangskode passord losenord lozinka geslo parool kennwort clave passphrase'
  ).split(' '),
);
/** Two words or more, the first capitalised (`Too short`, `Invalid password!`). */
const CAPITALISED_PHRASE = /^\p{Lu}\p{Ll}*(?: \p{L}+)+[.!?]?$/u;
/** A label ending in a colon (`Password:`, `New password:`). */
const COLON_LABEL = /^\p{L}[\p{L} ]*:$/u;
/** A letter outside ASCII: a translation (`Пароль`, `Contraseña`). */
const NON_ASCII_LETTER = /(?!\p{ASCII})\p{L}/u;
// Names written as values: an environment variable, an identifier, a header name.
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const CAMEL_CASE = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+$/;
const ONE_WORD = /^[a-z][a-z0-9]*$/;
const HEADER_NAME = /^x-[a-z0-9]+(?:-[a-z0-9]+)*$/i;
/** Last words of a variable name that hold a credential (`DB_PASSWORD`, `jwtSecret`, `stripeApiKey`). */
export const SECRET_WORDS: ReadonlySet<string> = new Set([
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
  'jwtkey',
  'signingkey',
  'encryptionkey',
  'hmackey',
  'cipherkey',
]);
/** Words of a name that say it is a credential's name, anywhere in it. */
const CREDENTIAL_PARTS = new Set([
  ...SECRET_WORDS,
  ...['pass', 'key', 'token', 'auth', 'credential', 'credentials'],
]);
/** Calls that make a key from their first argument without changing what it is. */
const KEY_MAKERS = new Set(['Buffer.from', 'buffer.Buffer.from', 'String']);
/** Constant hops followed from one use (a constant made of another constant, a field, a default). */
const MAX_HOPS = 6;

/** The constant text of a credential-looking value, following environment fallbacks. */
export function credentialLiteral(
  program: TSESTree.Program,
  node: Node,
  site: string | CredentialSite = {},
): string | undefined {
  return credentialValue(program, node, site)?.text;
}

/** As credentialLiteral, with where the text came from. */
export function credentialValue(
  program: TSESTree.Program,
  node: Node,
  site: string | CredentialSite = {},
): CredentialValue | undefined {
  const where = typeof site === 'string' ? { name: site } : site;
  const found = valueOf(program, node, where, 0);
  // `const SECRET = process.env.SECRET || 'dev'` judged where it is declared, refused further down.
  const at = where.at;
  if (!found || found.refused || at?.type !== 'VariableDeclarator' || at.id.type !== 'Identifier')
    return found;
  const variable = resolverFor(program).variableOf(at.id);
  return variable ? { ...found, ...refusal(variable, found.text) } : found;
}

function valueOf(
  program: TSESTree.Program,
  node: Node,
  site: CredentialSite,
  hops: number,
): CredentialValue | undefined {
  if (hops > MAX_HOPS) return undefined;
  const n = unwrap(node);
  switch (n.type) {
    case 'LogicalExpression':
      if (n.operator !== '||' && n.operator !== '??') return undefined;
      return readsEnvironment(program, n.left) ? valueOf(program, n.right, site, hops) : undefined;
    case 'ConditionalExpression':
      // `process.env.X ? process.env.X : 'literal'`, either way round
      if (readsEnvironment(program, n.consequent)) return valueOf(program, n.alternate, site, hops);
      if (readsEnvironment(program, n.alternate)) return valueOf(program, n.consequent, site, hops);
      return undefined;
    case 'ArrayExpression':
      // A list of keys (rotation: the first signs, all verify) where only keys can stand.
      if (!site.strong) return undefined;
      for (const e of n.elements) {
        const found = e && e.type !== 'SpreadElement' ? valueOf(program, e, site, hops) : undefined;
        if (found) return found;
      }
      return undefined;
    case 'CallExpression': {
      const arg = keyMadeFrom(program, n);
      return arg ? valueOf(program, arg, site, hops) : undefined;
    }
    case 'Identifier':
      return fromBinding(program, n, site, hops);
    case 'MemberExpression':
      return n.object.type === 'ThisExpression' ? fromClassField(program, n, site, hops) : undefined;
    case 'Literal':
      return typeof n.value === 'string' ? judged(n.value, site) : undefined;
    case 'TemplateLiteral':
      return n.expressions.length === 0 ? judged(n.quasis[0]?.value.cooked ?? '', site) : undefined;
    default:
      return undefined;
  }
}

function judged(text: string, site: CredentialSite): CredentialValue | undefined {
  return looksLikeCredential(text, site.name, site.strong) ? { text } : undefined;
}

/** `Buffer.from(x, 'hex')`, `new TextEncoder().encode(x)`, `String(x)`: the x. */
function keyMadeFrom(program: TSESTree.Program, call: TSESTree.CallExpression): Node | undefined {
  const arg = call.arguments[0];
  if (!arg || arg.type === 'SpreadElement') return undefined;
  const callee = unwrap(call.callee);
  if (callee.type === 'MemberExpression' && memberName(callee) === 'encode') {
    let encoder = unwrap(callee.object);
    if (encoder.type === 'Identifier') encoder = resolverFor(program).constantInit(encoder) ?? encoder;
    encoder = unwrap(encoder);
    return encoder.type === 'NewExpression' && resolverFor(program).resolve(encoder.callee) === 'TextEncoder'
      ? arg
      : undefined;
  }
  const target = resolverFor(program).resolve(callee);
  return target !== undefined && KEY_MAKERS.has(target) ? arg : undefined;
}

/** A constant's value, a destructured environment default or a parameter's default. */
function fromBinding(
  program: TSESTree.Program,
  id: TSESTree.Identifier,
  site: CredentialSite,
  hops: number,
): CredentialValue | undefined {
  const resolver = resolverFor(program);
  const variable = resolver.variableOf(id);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  const name = def.name as TSESTree.Identifier;
  const declarator = resolver.singleDeclarator(variable);
  if (declarator) {
    if (declarator.id.type === 'Identifier') {
      // One constant hop: a constant copied from another constant is that constant's business.
      const init = declarator.init!;
      if (init.type === 'Identifier') return undefined;
      const found = valueOf(program, init, site, hops + 1);
      return found && { ...found, origin: found.origin ?? declarator, ...refusal(variable, found.text) };
    }
    // const { SECRET = 'dev-secret' } = process.env
    const entry = isEnvironment(program, declarator.init!) ? defaultIn(declarator.id, name) : undefined;
    if (!entry) return undefined;
    const found = valueOf(program, entry.pattern.right, site, hops + 1);
    return found && { ...found, origin: entry.holder, ...refusal(variable, found.text) };
  }
  // function sign(payload, secret = 'default-secret') { … }
  if (def.type !== 'Parameter' || !neverWritten(variable, name)) return undefined;
  const fn = def.node as TSESTree.FunctionLike;
  let entry: { pattern: TSESTree.AssignmentPattern; holder: Node } | undefined;
  for (const param of fn.params) if ((entry = defaultIn(param, name))) break;
  if (!entry) return undefined;
  const pattern = entry.pattern;
  const found = valueOf(program, pattern.right, site, hops + 1);
  return found && { ...found, origin: found.origin ?? pattern, parameterDefault: true };
}

/** `{ refused: true }` when some `if` comparing the variable with `text` always leaves (CredentialValue.refused). */
function refusal(variable: Variable, text: string): { refused?: true } {
  for (const ref of variable.references) {
    const test = ref.identifier.parent;
    if (test?.type !== 'BinaryExpression' || (test.operator !== '===' && test.operator !== '==')) continue;
    const other = test.left === ref.identifier ? test.right : test.left;
    if (other.type !== 'Literal' || other.value !== text) continue;
    let at: Node = test;
    while (at.parent?.type === 'LogicalExpression' && at.parent.operator === '&&') at = at.parent;
    const branch = at.parent;
    if (branch?.type === 'IfStatement' && branch.test === at && alwaysLeaves(branch.consequent))
      return { refused: true };
  }
  return {};
}

/**
 * The default value given to an identifier a pattern binds (`x = 'd'`, `{ x = 'd' }`, `{ k: x = 'd' }`),
 * found from the pattern down: the engine sets parent links only as far as it has walked.
 */
function defaultIn(
  pattern: Node,
  id: TSESTree.Identifier,
): { pattern: TSESTree.AssignmentPattern; holder: Node } | undefined {
  if (pattern.type === 'AssignmentPattern') {
    if (pattern.left === id) return { pattern, holder: pattern };
    return defaultIn(pattern.left, id);
  }
  if (pattern.type === 'TSParameterProperty') return defaultIn(pattern.parameter, id);
  if (pattern.type !== 'ObjectPattern') return undefined;
  for (const p of pattern.properties) {
    if (p.type !== 'Property') continue;
    const found = defaultIn(p.value, id);
    // The property holds a destructured default: `{ SECRET = 'x' }` is declared there.
    if (found) return found.holder === p.value ? { pattern: found.pattern, holder: p } : found;
  }
  return undefined;
}

function neverWritten(variable: Variable, declaration: TSESTree.Identifier): boolean {
  return !variable.references.some((r) => r.isWrite() && r.identifier !== declaration);
}

/**
 * `this.secret` read in a class method: the field's initialiser when nothing else in the class
 * writes it, or the one assignment in the constructor when the class declares no initialiser.
 */
function fromClassField(
  program: TSESTree.Program,
  member: TSESTree.MemberExpression,
  site: CredentialSite,
  hops: number,
): CredentialValue | undefined {
  const field = fieldName(member);
  const start = member.parent ?? site.at;
  const body = field === undefined || !start ? undefined : instanceClassOf(start);
  if (field === undefined || !body) return undefined;
  const { writes, constructorWrites } = classWrites(body).get(field) ?? { writes: 0, constructorWrites: [] };
  const declaration = body.body.find(
    (m): m is TSESTree.PropertyDefinition =>
      m.type === 'PropertyDefinition' && !m.static && fieldKey(m) === field,
  );
  let value: Node | undefined;
  let origin: Node | undefined;
  if (declaration?.value) {
    if (writes > 0) return undefined;
    value = declaration.value;
    origin = declaration;
  } else if (writes === 1 && constructorWrites.length === 1) {
    value = constructorWrites[0]!.right;
    origin = constructorWrites[0];
  }
  if (!value || unwrap(value).type === 'Identifier') return undefined;
  const found = valueOf(program, value, site, hops + 1);
  return found && { ...found, origin: found.origin ?? origin };
}

/** `this.x` → 'x', `this.#x` → '#x'. */
function fieldName(member: TSESTree.MemberExpression): string | undefined {
  if (member.property.type === 'PrivateIdentifier') return `#${member.property.name}`;
  return memberName(member);
}

function fieldKey(definition: TSESTree.PropertyDefinition): string | undefined {
  if (definition.key.type === 'PrivateIdentifier') return `#${definition.key.name}`;
  return propertyKey(definition);
}

/** The body of the class whose instance `this` is inside this node (methods, field initialisers). */
function instanceClassOf(start: Node): TSESTree.ClassBody | undefined {
  for (let p: Node | undefined = start; p; p = p.parent) {
    if (p.type === 'ArrowFunctionExpression') continue;
    if (p.type === 'FunctionExpression') {
      const method = p.parent;
      return method?.type === 'MethodDefinition' && !method.static && method.parent.type === 'ClassBody'
        ? method.parent
        : undefined;
    }
    if (p.type === 'FunctionDeclaration') return undefined;
    if (p.type === 'PropertyDefinition')
      return !p.static && p.parent.type === 'ClassBody' ? p.parent : undefined;
    if (p.type === 'StaticBlock' || p.type === 'ClassBody') return undefined;
  }
  return undefined;
}

interface FieldWrites {
  /** Every `this.x = …` (and `this.x += …`) in the class. */
  writes: number;
  /** Those made directly in the constructor. */
  constructorWrites: TSESTree.AssignmentExpression[];
}

const writesByClass = new WeakMap<TSESTree.ClassBody, Map<string, FieldWrites>>();

/** Assignments to `this.<field>` anywhere in a class, walked once per class. */
function classWrites(body: TSESTree.ClassBody): Map<string, FieldWrites> {
  let writes = writesByClass.get(body);
  if (writes) return writes;
  const found = new Map<string, FieldWrites>();
  writes = found;
  traverse(
    body,
    (n) => {
      const target =
        n.type === 'AssignmentExpression'
          ? n.left
          : n.type === 'UpdateExpression' || (n.type === 'UnaryExpression' && n.operator === 'delete')
            ? n.argument
            : undefined;
      const left = target && unwrap(target);
      if (left?.type !== 'MemberExpression' || left.object.type !== 'ThisExpression') return;
      const field = fieldName(left);
      if (field === undefined) return;
      const entry = found.get(field) ?? { writes: 0, constructorWrites: [] };
      entry.writes++;
      if (n.type === 'AssignmentExpression' && n.operator === '=' && inConstructor(n, body))
        entry.constructorWrites.push(n);
      found.set(field, entry);
    },
    () => {},
  );
  writesByClass.set(body, found);
  return writes;
}

/** Directly in the class's constructor (arrow functions keep its `this`, other functions do not). */
function inConstructor(node: Node, body: TSESTree.ClassBody): boolean {
  for (let p = node.parent; p && p !== body; p = p.parent) {
    if (p.type === 'ArrowFunctionExpression') continue;
    if (p.type === 'FunctionExpression') {
      const method = p.parent;
      return method?.type === 'MethodDefinition' && method.kind === 'constructor' && method.parent === body;
    }
    if (p.type === 'FunctionDeclaration') return false;
  }
  return false;
}

/**
 * A real value, not empty or a placeholder; where only a name says it is a credential (`strong`
 * unset), not a sentence, a label or message, or a name written as a value either.
 */
export function looksLikeCredential(text: string, name?: string, strong = false): boolean {
  const t = text.trim();
  if (
    t.length < 3 ||
    t.length > 4096 ||
    PLACEHOLDER.test(t) ||
    PUBLIC_PEM.test(t) ||
    PUBLISHABLE.test(t) ||
    SITE_PATH.test(t)
  )
    return false;
  if (MARKER_NAME.test(t) && t.split('_').some((w) => MARKER_WORDS.has(w))) return false;
  if (!strong && (readsAsText(t, name) || (name !== undefined && namesAValue(t, name)))) return false;
  // A known token format is js/hardcoded-secret's finding, wherever it stands: one per line.
  return findSecrets(t).length === 0;
}

/** A prompt, message, label or translation (`Enter your password`, `Required`, `Passwort`). */
function readsAsText(t: string, name: string | undefined): boolean {
  const word = t.toLowerCase();
  return (
    t.split(/\s+/).length >= 3 ||
    (CAPITALISED_WORD.test(t) && (UI_WORDS.has(word) || word === name?.toLowerCase())) ||
    CAPITALISED_PHRASE.test(t) ||
    COLON_LABEL.test(t) ||
    NON_ASCII_LETTER.test(t)
  );
}

/**
 * A value naming something, in a field named as a credential: an environment variable
 * (`secretKey = 'JWT_SECRET'`), a header (`apiKey: 'x-api-key'`), a storage key spelt with the
 * name's own words (`STORAGE_ACCESS_TOKEN = 'accessToken'`, `JWT_KEY = 'jwt'`), a message id
 * (`password: 'label.password'`) or the name itself (`RESET_PASSWORD: 'resetPassword'`).
 * An identifier with a word of its own (`JWT_SECRET = 'superSecret'`) stays a credential.
 */
function namesAValue(t: string, name: string): boolean {
  const nameWords = splitWords(name);
  // An enumeration's value spelling out its own name: `RESET_PASSWORD: 'resetPassword'`.
  if (nameWords.length >= 2 && letters(t) === letters(name)) return true;
  const words = splitWords(t);
  const credentialPart = words.some((w) => CREDENTIAL_PARTS.has(w));
  if (UPPER_SNAKE.test(t) || HEADER_NAME.test(t)) return credentialPart;
  const own = new Set(nameWords);
  // `password: 'label.password'`, `AUTH_TOKEN = 'app.auth'`, a permission `apikey = 'apikeys:import'`
  if (KEY_PATH.test(t)) return words.some((w) => own.has(w) || own.has(w.replace(/s$/, '')));
  if (CAMEL_CASE.test(t) || SNAKE_CASE.test(t)) return credentialPart && words.every((w) => own.has(w));
  // `JWT_KEY = 'jwt'`: a `…_KEY` naming where something is kept, by a word that is no secret.
  return (
    ONE_WORD.test(t) &&
    nameWords.length >= 2 &&
    nameWords[nameWords.length - 1] === 'key' &&
    own.has(t) &&
    !CREDENTIAL_PARTS.has(t)
  );
}

function letters(s: string): string {
  return s.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/** `process.env`, `import.meta.env`, or a constant holding either. */
function isEnvironment(program: TSESTree.Program, node: Node): boolean {
  const n = unwrap(node);
  if (
    n.type === 'MemberExpression' &&
    n.object.type === 'MetaProperty' &&
    n.object.property.name === 'meta' &&
    memberName(n) === 'env'
  )
    return true;
  return resolverFor(program).resolve(n) === 'process.env';
}

/** An environment read: `process.env.X`, `process.env[name]`, `env.X`, `X` from `const { X } = process.env`. */
function readsEnvironment(program: TSESTree.Program, node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'LogicalExpression')
    return readsEnvironment(program, n.left) || readsEnvironment(program, n.right);
  if (n.type === 'CallExpression') {
    // String(process.env.X)
    const arg = keyMadeFrom(program, n);
    return arg !== undefined && readsEnvironment(program, arg);
  }
  if (n.type === 'MemberExpression') return isEnvironment(program, n.object);
  return n.type === 'Identifier' && (resolverFor(program).resolve(n) ?? '').startsWith('process.env.');
}
