import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { componentKind, componentProgram } from '../../sast/components.ts';
import { parseSource } from '../../sast/parse.ts';
import { traverse } from '../../sast/traverse.ts';
import { lineReader } from './snippet.ts';
import type { FileImports } from './types.ts';

type Node = TSESTree.Node;

/**
 * The npm package a bare specifier names (`@scope/pkg/sub` → `@scope/pkg`) and the subpath after
 * it; undefined for relative, absolute, URL and `node:` specifiers, which name no dependency.
 */
export function packageOfSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  if (!specifier || specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':'))
    return undefined;
  const parts = specifier.split('/');
  const take = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < take || parts.slice(0, take).some((p) => p === '')) return undefined;
  return { name: parts.slice(0, take).join('/'), subpath: parts.slice(take).join('/') };
}

/** `lodash/template.js` → `template`; `lodash/fp/merge` → `merge`: a subpath module named after its function. */
function subpathSymbol(subpath: string): string | undefined {
  const last = subpath
    .split('/')
    .pop()
    ?.replace(/\.[cm]?[jt]s$/, '');
  return last && /^[A-Za-z_$][\w$]*$/.test(last) ? last : undefined;
}

function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The specifier of `require('x')`, the call that loads a module. */
function requiredSpecifier(node: Node): string | undefined {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1) return undefined;
  const callee = node.callee;
  if (callee.type !== 'Identifier' || callee.name !== 'require') return undefined;
  return stringValue(node.arguments[0] as Node);
}

function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return stringValue(node.property);
}

/**
 * Every package a JavaScript or TypeScript file imports (`import`, `export … from`, `require`,
 * `import()`) and the names of each it uses: named imports, destructured requires, members of a
 * namespace or default binding (`_.template`), a call of the binding itself (`marked(…)`, recorded
 * as the `default` name), and subpath modules (`require('lodash/template')`). Names are matched
 * by identifier within the file, without scope analysis: cheap, and one pass over the tree.
 * Type-only imports load nothing and are left out. Throws the parser's error on a bad file.
 */
export function jsImports(path: string, source: string): FileImports {
  // A Vue or Svelte component's imports are in its script blocks (in place, the rest blanked).
  const kind = componentKind(path);
  const component = kind && componentProgram(kind, source);
  const text = component ? component.text.slice(0, source.length) : source;
  const ast = component ? parseSource(path, text, component.lang) : parseSource(path, text);
  const lines = lineReader(text);
  const out: FileImports = { imports: [], uses: [] };
  /** Local binding → the import it holds as a whole (namespace, default, `const x = require()`). */
  const bindings = new Map<string, number>();
  const at = (node: Node) => lines.line(node.range[0]);
  /** `require()` calls already counted as a declarator's initialiser. */
  const counted = new Set<Node>();

  function addImport(specifier: string, node: Node): number | undefined {
    const pkg = packageOfSpecifier(specifier);
    if (!pkg) return undefined;
    const line = at(node);
    out.imports.push({ module: pkg.name, specifier, line, snippet: lines.snippet(line) });
    const index = out.imports.length - 1;
    const sub = subpathSymbol(pkg.subpath);
    if (sub) use(index, sub, node);
    return index;
  }
  function use(importIndex: number, symbol: string, node: Node): void {
    const line = at(node);
    out.uses.push({ importIndex, symbol, line, snippet: lines.snippet(line) });
  }
  /** `const { a, b: c } = <import>` and `const x = <import>`. */
  function bindPattern(pattern: Node, index: number): void {
    if (pattern.type === 'Identifier') bindings.set(pattern.name, index);
    else if (pattern.type === 'ObjectPattern')
      for (const p of pattern.properties)
        if (p.type === 'Property' && !p.computed && p.key.type === 'Identifier') use(index, p.key.name, p);
  }

  traverse(
    ast as Node,
    (node) => {
      switch (node.type) {
        case 'ImportDeclaration': {
          if (node.importKind === 'type') return;
          const index = addImport(node.source.value, node);
          if (index === undefined) return;
          for (const s of node.specifiers) {
            if (s.type === 'ImportSpecifier') {
              if (s.importKind === 'type') continue;
              const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
              use(index, imported, s);
            } else bindings.set(s.local.name, index);
          }
          return;
        }
        case 'ExportNamedDeclaration':
        case 'ExportAllDeclaration': {
          if (!node.source || node.exportKind === 'type') return;
          const index = addImport(node.source.value, node);
          if (index === undefined || node.type !== 'ExportNamedDeclaration') return;
          for (const s of node.specifiers) if (s.local.type === 'Identifier') use(index, s.local.name, s);
          return;
        }
        case 'ImportExpression': {
          const specifier = stringValue(node.source);
          if (specifier) addImport(specifier, node);
          return;
        }
        case 'VariableDeclarator': {
          const init = node.init && (node.init.type === 'AwaitExpression' ? node.init.argument : node.init);
          const specifier = init && requiredSpecifier(init);
          if (!specifier) return;
          const index = addImport(specifier, init);
          if (index !== undefined) bindPattern(node.id, index);
          counted.add(init);
          return;
        }
        case 'CallExpression': {
          if (counted.has(node)) return;
          const specifier = requiredSpecifier(node);
          if (specifier) {
            const index = addImport(specifier, node);
            // `require('lodash').template(…)`
            const parent = node.parent;
            if (index !== undefined && parent?.type === 'MemberExpression' && parent.object === node) {
              const name = propertyName(parent);
              if (name) use(index, name, parent);
            }
            return;
          }
          if (node.callee.type === 'Identifier') {
            const index = bindings.get(node.callee.name);
            if (index !== undefined) use(index, 'default', node);
          }
          return;
        }
        case 'MemberExpression': {
          if (node.object.type !== 'Identifier') return;
          const index = bindings.get(node.object.name);
          const name = index === undefined ? undefined : propertyName(node);
          if (name) use(index!, name, node);
          return;
        }
        default:
      }
    },
    () => {},
  );
  return out;
}
