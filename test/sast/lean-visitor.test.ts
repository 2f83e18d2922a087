import { analyze, type ScopeManager, Visitor } from '@typescript-eslint/scope-manager';
import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';

const CODE = `
import { a as b } from 'm';
export default class K<T> extends b implements I { #x = 1; static { let s = this; } m(p = q, ...r) { return p + r[0] + this.#x; } }
function f({ u, v: [w = 1] }, ...z) { const g = () => u + w; for (let i of z) label: { if (i) break label; } return g; }
try { f(); } catch ({ message }) { console.log(message); }
enum E { A = 1, B = A << 1 }
namespace N { export const c = 1; }
type Pick2<T, K extends keyof T> = { [P in K]: T[P] };
const jsx = <div onClick={() => f(b)}>{N.c}</div>;
switch (E.A) { case 1: { let y = 1; } }
with_(obj => obj?.[key]);
`;

/** Every scope's variables and every reference with what it resolved to, in order. */
function summary(manager: ScopeManager): string[] {
  return manager.scopes.flatMap((s) => [
    `${s.type} ${s.variables.map((v) => v.name).join(',')}`,
    ...s.references.map(
      (r) =>
        `  ${r.identifier.name}@${r.identifier.range[0]} -> ${r.resolved?.name ?? '(global)'} ${r.isWrite() ? 'w' : 'r'}`,
    ),
  ]);
}

const scopes = () =>
  summary(
    analyze(parse(CODE, { jsx: true, range: true }), { sourceType: 'module', lib: [], jsxPragma: null }),
  );

describe('the allocation-free visitChildren of the scope manager', () => {
  it('replaces the method and gives the same scopes and references as the original', async () => {
    const base = Object.getPrototypeOf(Visitor.prototype) as { visitChildren: unknown };
    const original = base.visitChildren;
    const before = scopes();
    await import('../../src/sast/scope/lean-visitor.ts');
    expect(base.visitChildren).not.toBe(original);
    const after = scopes();
    expect(after.length).toBeGreaterThan(20);
    expect(after).toEqual(before);
  });
});
