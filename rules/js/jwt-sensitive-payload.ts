import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { splitWords } from '../../src/sast/naming.ts';
import { objectProps } from '../../src/sast/object-props.ts';

/**
 * Calls and constructors that put their first argument, readable, into a signed (not encrypted)
 * token: jsonwebtoken, jose 1.x/2.x `JWT`/`JWS`, jose ≥ 3 `SignJWT`/`UnsecuredJWT`, jwt-simple.
 */
const SIGNERS = new Set([
  'jsonwebtoken.sign',
  'jose.JWT.sign',
  'jose.JWS.sign',
  'jose.SignJWT',
  'jose.UnsecuredJWT',
  'jwt-simple.encode',
]);
/** Words that make a claim a credential. */
const CREDENTIAL_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'cvv', 'ssn']);
/** Words that make it metadata about a credential instead (`passwordChangedAt`, `hasPassword`). */
const METADATA_WORDS = new Set(
  'at changed updated expires expiry expired set has is reset required length policy version strength hint'.split(
    ' ',
  ),
);
/** Names of whole account records (a parameter signed as is carries every column of the row). */
const RECORD_WORDS = new Set(['user', 'account', 'member', 'customer', 'employee', 'person', 'admin']);

function isCredentialKey(key: string): boolean {
  const words = splitWords(key);
  return words.some((w) => CREDENTIAL_WORDS.has(w)) && !words.some((w) => METADATA_WORDS.has(w));
}

/** A function parameter (or `req.user`) named as a whole account record. */
function wholeRecord(resolver: Resolver, node: TSESTree.Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const base = unwrap(n.object);
    return base.type === 'Identifier' && /^req(uest)?$/.test(base.name) && n.property.name === 'user'
      ? `${base.name}.user`
      : undefined;
  }
  if (n.type !== 'Identifier') return undefined;
  const def = resolver.variableOf(n)?.defs[0];
  if (def?.type !== 'Parameter') return undefined;
  const words = splitWords(n.name);
  return words.length === 1 && RECORD_WORDS.has(words[0]!) ? n.name : undefined;
}

export default defineRule({
  meta: {
    id: 'js/jwt-sensitive-payload',
    kind: 'sast',
    title: 'Credential put into a JWT payload',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-522', 'CWE-312'],
    owasp: ['A04:2021-Insecure Design'],
    help:
      'A signed JWT is only base64url-encoded: whoever holds the token (the browser, a log, a proxy) ' +
      'reads every claim. vigil reports a password, passphrase or secret claim in the payload of ' +
      'jsonwebtoken `sign`, jose `JWT.sign`/`SignJWT`/`UnsecuredJWT` or jwt-simple `encode` — in the ' +
      'literal, in the variable filled before the call, or through `Object.assign` — and, at low ' +
      'precision, a whole user/account record (a parameter or `req.user`) signed as is, which ' +
      'carries its password hash and every other column. Sign only the claims the receiver needs: ' +
      '`jwt.sign({ sub: user.id, role: user.role }, key, { expiresIn: "15m" })`; encrypt (JWE) what ' +
      'must stay secret.',
    fixHint: 'Sign only identifiers and roles; never passwords or secrets (use JWE if the data must travel).',
  },
  hint: /jsonwebtoken|jose|jwt-simple/,
  create(context) {
    const resolver = resolverFor(context.ast);
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const target = resolver.resolve(node.callee);
      if (!target || !SIGNERS.has(target)) return;
      const payload = node.arguments[0];
      if (!payload || payload.type === 'SpreadElement') return;
      const claim = objectProps(resolver, payload).find((p) => isCredentialKey(p.key));
      if (claim) {
        context.report({
          node,
          message: `The token's payload carries \`${claim.key}\`, readable by anyone who holds the token.`,
        });
        return;
      }
      const record = wholeRecord(resolver, payload);
      if (record) {
        context.report({
          node,
          precision: 'low',
          message: `The whole \`${record}\` record is signed into a readable token; sign only the claims needed.`,
        });
      }
    };
    return { CallExpression: check, NewExpression: check };
  },
});
