/**
 * Which of Node's `crypto.createCipheriv`/`createDecipheriv` a call is, if any: resolved through
 * imports, or a method of that name given a literal algorithm (`crypto_1.default.createCipheriv(
 * "aes-128-gcm", …)` in compiled code, crypto-browserify): the name and a cipher string say it.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, unwrap, type Resolver } from './resolve.ts';

const WITH_IV = new Set(['createCipheriv', 'createDecipheriv']);

export function cipherWithIv(resolver: Resolver, call: TSESTree.CallExpression): string | undefined {
  const target = resolver.resolve(call.callee);
  if (target?.startsWith('crypto.') && WITH_IV.has(target.slice(7))) return target;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const name = memberName(callee);
  const algorithm = call.arguments[0] && unwrap(call.arguments[0]);
  if (name === undefined || !WITH_IV.has(name)) return undefined;
  if (algorithm?.type !== 'Literal' || typeof algorithm.value !== 'string') return undefined;
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/i.test(algorithm.value) ? `crypto.${name}` : undefined;
}
