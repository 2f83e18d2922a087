import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, unwrap, type Resolver } from './resolve.ts';

/** Shorter text can be a colour, a short id or a word that happens to be hex. */
const MIN_LENGTH = 16;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Long text that says nothing to a reader in the encoding named: hex, or base64 (not a plain word). */
function opaque(text: string, encoding: 'hex' | 'base64'): boolean {
  if (text.length < MIN_LENGTH) return false;
  if (encoding === 'hex') return HEX.test(text);
  // Base64 of anything real mixes cases and digits; a long lower-case identifier does not.
  return BASE64.test(text) && /[A-Z]/.test(text) && /[a-z]/.test(text) && /[0-9+/_-]/.test(text);
}

/** `Buffer.from(TEXT, 'hex')` / `new Buffer(…)`: the encoding named, when it is hex or base64. */
function bufferEncoding(resolver: Resolver, call: TSESTree.Node): 'hex' | 'base64' | undefined {
  const isFrom =
    call.type === 'CallExpression' &&
    ['Buffer.from', 'buffer.Buffer.from'].includes(resolver.resolve(call.callee) ?? '');
  const isNew =
    call.type === 'NewExpression' &&
    ['Buffer', 'buffer.Buffer'].includes(resolver.resolve(call.callee) ?? '');
  if (!isFrom && !isNew) return undefined;
  const encoding = call.arguments[1] && resolver.staticValue(call.arguments[1])?.value;
  if (encoding === 'hex') return 'hex';
  if (encoding === 'base64' || encoding === 'base64url') return 'base64';
  return undefined;
}

/**
 * Is `node` text decoded from an opaque constant: `Buffer.from('6576…', 'hex').toString()`,
 * `atob('ZXZh…')`, a `Buffer.from(…, 'base64')` used as a string? Such a constant hides what it
 * says from a reader, the shape of code smuggled into a package.
 */
export function decodesConstant(resolver: Resolver, node: TSESTree.Node): boolean {
  let n = unwrap(node);
  // buf.toString() / buf.toString('utf8'): the decoded bytes as text.
  if (
    n.type === 'CallExpression' &&
    n.callee.type === 'MemberExpression' &&
    memberName(n.callee) === 'toString'
  )
    n = unwrap(n.callee.object);
  let encoding: 'hex' | 'base64' | undefined;
  let text: TSESTree.Node | undefined;
  if (n.type === 'CallExpression' && ['atob', 'window.atob'].includes(resolver.resolve(n.callee) ?? '')) {
    encoding = 'base64';
    text = n.arguments[0];
  } else if (n.type === 'CallExpression' || n.type === 'NewExpression') {
    encoding = bufferEncoding(resolver, n);
    text = n.arguments[0];
  }
  if (!encoding || !text || text.type === 'SpreadElement') return false;
  const value = resolver.staticValue(text)?.value;
  return typeof value === 'string' && opaque(value, encoding);
}
