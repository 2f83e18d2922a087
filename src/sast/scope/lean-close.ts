import { BlockScope, type Scope } from '@typescript-eslint/scope-manager';

type Reference = Scope['references'][number];
type Variable = NonNullable<Reference['resolved']>;
interface ScopeBase {
  set: Map<string, Variable>;
  upper: ScopeBase | null;
  through: Reference[];
  leftToResolve: Reference[] | null;
  shouldStaticallyClose(): boolean;
  isValidResolution(ref: Reference, variable: Variable): boolean;
  delegateToUpperScope(ref: Reference): void;
  close(manager: unknown): ScopeBase | null;
}

/**
 * The scope manager's `close` resolves each reference left in a scope through a closure made for
 * that reference alone (`#staticCloseRef`'s inner `resolve`): the largest single source of
 * garbage in scope analysis. This one resolves the same references in the same order, by the
 * same tests, without allocating. Replaced only while the class is still the one this was written
 * against (8.x); another version keeps its own.
 */
const scopeBase = Object.getPrototypeOf(BlockScope) as { prototype: ScopeBase; toString(): string };
const source = scopeBase.toString();
if (
  source.includes('this.leftToResolve.forEach(ref => closeRef(ref));') &&
  source.includes('const variable = this.set.get(name);') &&
  source.includes('const isValidTypeReference = ref.isTypeReference && variable.isTypeVariable;')
) {
  scopeBase.prototype.close = function (this: ScopeBase) {
    const refs = this.leftToResolve!;
    if (this.shouldStaticallyClose()) {
      for (let i = 0; i < refs.length; i++) {
        const ref = refs[i]!;
        if (!resolveHere(this, ref)) this.delegateToUpperScope(ref);
      }
    } else {
      // A `with` or sloppy global scope: every name passes through to the global scope.
      for (let i = 0; i < refs.length; i++) passThrough(this, refs[i]!);
    }
    this.leftToResolve = null;
    return this.upper;
  };
}

/** `#dynamicCloseRef`: the reference goes through this scope and every one above it. */
function passThrough(scope: ScopeBase, ref: Reference): void {
  for (let s: ScopeBase | null = scope; s; s = s.upper) s.through.push(ref);
}

/** `#staticCloseRef`'s test: a variable of this scope by that name, of the reference's kind. */
function resolveHere(scope: ScopeBase, ref: Reference): boolean {
  const variable = scope.set.get(ref.identifier.name);
  if (!variable || !scope.isValidResolution(ref, variable)) return false;
  const isValidTypeReference = ref.isTypeReference && variable.isTypeVariable;
  const isValidValueReference = ref.isValueReference && variable.isValueVariable;
  if (!isValidTypeReference && !isValidValueReference) return false;
  variable.references.push(ref);
  ref.resolved = variable;
  return true;
}
