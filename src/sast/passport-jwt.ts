import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, type Resolver } from './resolve.ts';

/**
 * `super(options)` in a class extending passport-jwt's Strategy, directly or as NestJS writes it
 * (`class JwtStrategy extends PassportStrategy(Strategy)`): those options configure the verify.
 */
export function extendsPassportJwt(resolver: Resolver, node: TSESTree.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== 'ClassDeclaration' && p.type !== 'ClassExpression') continue;
    const sup = p.superClass && unwrap(p.superClass);
    if (!sup) return false;
    if (resolver.resolve(sup) === 'passport-jwt.Strategy') return true;
    const arg = sup.type === 'CallExpression' ? sup.arguments[0] : undefined;
    return !!arg && arg.type !== 'SpreadElement' && resolver.resolve(arg) === 'passport-jwt.Strategy';
  }
  return false;
}
