import { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { referencesOf, scopeManagerFor } from '../resolve.ts';

/**
 * Globals the platforms define, which models name by path (`location = url` is a redirect,
 * `exports.x` an export): an assignment to one is never an implicit variable of the script.
 */
const PLATFORM_GLOBALS = new Set(
  (
    'location name document window self top parent opener status origin history navigator ' +
    'localStorage sessionStorage onmessage onerror onload exports module require global globalThis ' +
    'process console Buffer __dirname __filename fetch eval setTimeout setInterval undefined'
  ).split(' '),
);

/**
 * What each identifier in a file means: its binding (scope-manager's Variable), or nothing for
 * globals. Uses the one scope analysis per AST that the structural rules share; names are never
 * compared by spelling where a binding exists.
 */
export class Bindings {
  /** The scope analysis's references, shared with the rules' resolver (resolve.ts). */
  private readonly references: ReadonlyMap<TSESTree.Node, Variable | null>;
  /** Declarations, and the undeclared globals below: what the references do not resolve. */
  private readonly byIdentifier = new Map<TSESTree.Node, Variable>();

  constructor(ast: TSESTree.Program) {
    const manager = scopeManagerFor(ast);
    this.references = referencesOf(ast);
    for (const scope of manager.scopes) {
      for (const variable of scope.variables) {
        for (const id of variable.identifiers) this.byIdentifier.set(id, variable);
      }
    }
    // A sloppy script's undeclared `code = …` is a global of its own: one variable per name
    // assigned somewhere in the file, so its later reads see what was written.
    const global = manager.globalScope;
    if (!global) return;
    const undeclared = new Map<string, Variable>();
    for (const ref of global.through) {
      const name = ref.identifier.name;
      if (!ref.isWrite() || PLATFORM_GLOBALS.has(name) || undeclared.has(name)) continue;
      undeclared.set(name, new Variable(name, global));
    }
    for (const ref of global.through) {
      const variable = undeclared.get(ref.identifier.name);
      if (!variable) continue;
      variable.references.push(ref);
      this.byIdentifier.set(ref.identifier, variable);
    }
  }

  /** The binding an identifier refers to or declares; undefined for globals and unresolved names. */
  variableOf(id: TSESTree.Node): Variable | undefined {
    return this.references.get(id) ?? this.byIdentifier.get(id);
  }
}

export type { Variable };
