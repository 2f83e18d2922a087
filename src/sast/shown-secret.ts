import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { credentialName } from './naming.ts';
import { calleeName, propertyKey, unwrap } from './resolve.ts';

/** Calls whose result no longer shows the value: hashing, encryption, masking. */
const CLEARS =
  /hash|digest|encrypt|cipher|mask|redact|sha\d*|md5|hmac|bcrypt|argon|scrypt|length|count|obfuscate/i;

/**
 * The credential-named value an expression shows, if any: `password`, `user.password`, `{ password }`,
 * `` `pw=${password}` ``, `JSON.stringify(creds)`; not once hashed, masked or encrypted. `named`
 * says which names count (by default every credential name of naming.ts).
 */
export function shownSecret(
  node: TSESTree.Node,
  named: (name: string) => boolean = credentialName,
  depth = 0,
): string | undefined {
  if (depth > 6) return undefined;
  const n = unwrap(node);
  switch (n.type) {
    case 'Identifier':
      return named(n.name) ? n.name : undefined;
    case 'MemberExpression': {
      const key = !n.computed && n.property.type === 'Identifier' ? n.property.name : undefined;
      return key && named(key) ? key : undefined;
    }
    case 'BinaryExpression':
      return n.operator === '+'
        ? (shownSecret(n.left, named, depth + 1) ?? shownSecret(n.right, named, depth + 1))
        : undefined;
    case 'TemplateLiteral':
      for (const e of n.expressions) {
        const s = shownSecret(e, named, depth + 1);
        if (s) return s;
      }
      return undefined;
    case 'ObjectExpression':
      for (const p of n.properties) {
        if (p.type === 'SpreadElement') continue;
        const key = propertyKey(p);
        // `{ password }` or `{ password: pw }`: the key says what the value is, unless a call changed it.
        if (
          key &&
          named(key) &&
          unwrap(p.value).type !== 'CallExpression' &&
          unwrap(p.value).type !== 'Literal'
        )
          return key;
        const s = shownSecret(p.value, named, depth + 1);
        if (s) return s;
      }
      return undefined;
    case 'CallExpression': {
      // `JSON.stringify(creds)`, `String(password)` show it; `hash(password)` does not.
      const name = calleeName(n.callee) ?? '';
      if (CLEARS.test(name) || !/^(?:stringify|String|toString|inspect|format)$/.test(name)) return undefined;
      const target =
        n.callee.type === 'MemberExpression' && name === 'toString' ? n.callee.object : n.arguments[0];
      return target && target.type !== 'SpreadElement' ? shownSecret(target, named, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}
