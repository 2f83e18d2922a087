import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { scopeManagerFor } from '../resolve.ts';

/**
 * What each identifier in a file means: its binding (scope-manager's Variable), or nothing for
 * globals. Uses the one scope analysis per AST that the structural rules share; names are never
 * compared by spelling where a binding exists.
 */
export class Bindings {
  private readonly byIdentifier = new Map<TSESTree.Node, Variable>();

  constructor(ast: TSESTree.Program) {
    for (const scope of scopeManagerFor(ast).scopes) {
      for (const variable of scope.variables) {
        for (const id of variable.identifiers) this.byIdentifier.set(id, variable);
      }
      for (const ref of scope.references) {
        if (ref.resolved) this.byIdentifier.set(ref.identifier, ref.resolved);
      }
    }
  }

  /** The binding an identifier refers to or declares; undefined for globals and unresolved names. */
  variableOf(id: TSESTree.Node): Variable | undefined {
    return this.byIdentifier.get(id);
  }
}

export type { Variable };
