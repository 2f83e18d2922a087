import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ReportDescriptor } from '../rule.ts';
import {
  type ConstructorFunction,
  constructorMembers,
  isConstructorFunction,
} from './constructor-members.ts';
import { Sinks } from './sinks.ts';
import type { ExportSummary, FunctionSummary, ModuleSummary, ReturnFlows, SourceSummary } from './summary.ts';
import { type Fn, isFn, type Label, MAX_ROUNDS, type Node, propName, type Val } from './values.ts';
import { nameOf } from './nodes.ts';
import { checkedFields } from './checked-fields.ts';

export type { TaintRuleInput } from './values.ts';

export interface AnalysisResult {
  findings: Map<string, ReportDescriptor[]>;
  /** Per rule, lines where source data reached a sink only sanitised or guarded. */
  cleared: ReadonlyMap<string, ReadonlySet<number>>;
  /** Per rule, those of the lines a parameter reached sanitised or bounded in its own function. */
  clearedForAnyCaller: ReadonlyMap<string, ReadonlySet<number>>;
  summary: ModuleSummary;
}

/**
 * Taint analysis of one file. Flow-insensitive per binding (a variable holds the union of what is
 * ever assigned to it) except where a read's reaching assignment is certain (reaching.ts),
 * iterated to a fixpoint (a round after the first works out again only the writes that read
 * something changed since); guards are checked at each sink; functions are
 * summarised by which parameters reach their return value or a sink, and calls substitute the
 * caller's arguments into those summaries — within the file, and across files through the
 * summaries of imported modules.
 */
export class FileAnalysis extends Sinks {
  run(): AnalysisResult {
    this.collect();
    // Each write's span of reads in its last run: in later rounds it runs again only if stale.
    const spans: number[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let ran = false;
      for (let i = 0; i < this.writes.length; i++) {
        if (round > 0 && !this.stale(spans[i]!)) continue;
        // The round's memo is started at its first write to run: when none does, the last
        // round's values are all up to date, and the sinks read them.
        if (!ran) this.startRound();
        ran = true;
        const start = this.reads.length;
        this.writes[i]!();
        spans[i] = this.span(start);
      }
      if (!ran) break;
    }
    this.logging = false;
    this.checkSinks();
    const out = new Map<string, ReportDescriptor[]>();
    for (const [id, byLoc] of this.findings) out.set(id, [...byLoc.values()]);
    return {
      findings: out,
      cleared: this.cleared,
      clearedForAnyCaller: this.clearedForAnyCaller,
      summary: this.buildSummary(),
    };
  }

  // ---- exports ----

  private buildSummary(): ModuleSummary {
    const exports: Record<string, ExportSummary> = {};
    for (const node of this.exportNodes) {
      if (node.type === 'ExportDefaultDeclaration') {
        const d = node.declaration;
        const v = isFn(d)
          ? { labels: [], fn: d }
          : d.type === 'ClassDeclaration'
            ? { labels: [], cls: d }
            : this.ev(d as Node);
        exports.default = this.exportOf(v);
      } else if (node.type === 'ExportAllDeclaration') {
        const mod = this.moduleVal(node.source.value);
        if (node.exported) exports[nameOf(node.exported)] = this.exportOf(mod);
        else
          for (const [k, e] of Object.entries(mod.module?.exports ?? {})) if (k !== 'default') exports[k] = e;
      } else if (node.type === 'ExportNamedDeclaration') {
        const d = node.declaration;
        if (d?.type === 'FunctionDeclaration' && d.id)
          exports[d.id.name] = this.exportOf({ labels: [], fn: d });
        else if (d?.type === 'ClassDeclaration' && d.id)
          exports[d.id.name] = this.exportOf({ labels: [], cls: d });
        else if (d?.type === 'VariableDeclaration') {
          for (const decl of d.declarations)
            if (decl.id.type === 'Identifier') exports[decl.id.name] = this.exportOf(this.ev(decl.id));
        }
        const mod = node.source ? this.moduleVal(node.source.value) : undefined;
        for (const s of node.specifiers) {
          const local = nameOf(s.local);
          const v = mod ? this.member(mod, local, s) : this.ev(s.local);
          exports[nameOf(s.exported)] = this.exportOf(v);
        }
      }
    }
    // CommonJS: module.exports = …, module.exports.x = …, exports.x = …
    for (const a of this.memberWrites) {
      const left = a.left as TSESTree.MemberExpression;
      // `module.exports`, or through a local holding `module` (lodash's `freeModule.exports = _`).
      const isModuleExports = (n: Node): boolean =>
        n.type === 'MemberExpression' &&
        n.object.type === 'Identifier' &&
        propName(n) === 'exports' &&
        (this.bindings.variableOf(n.object)
          ? this.ev(n.object).path === 'module'
          : n.object.name === 'module');
      // `exports`, or a local declared as the exports object (`var util = module.exports = …`).
      const isExports = (n: Node): boolean => {
        if (n.type !== 'Identifier') return false;
        const variable = this.bindings.variableOf(n);
        if (!variable) return n.name === 'exports';
        const decl = variable.defs.length === 1 ? variable.defs[0]!.node : undefined;
        const init = decl?.type === 'VariableDeclarator' ? decl.init : undefined;
        return (
          !!init &&
          (isModuleExports(init) || (init.type === 'AssignmentExpression' && isModuleExports(init.left)))
        );
      };
      if (isModuleExports(left)) {
        const v = this.ev(a.right);
        const e = this.exportOf(v);
        exports.default = e;
        if (e.members) Object.assign(exports, e.members);
      } else if ((isModuleExports(left.object) || isExports(left.object)) && propName(left)) {
        exports[propName(left)!] = this.exportOf(this.ev(a.right));
      }
    }
    // Prototype methods (`Foo.prototype.bar = function …`) of a constructor declared here: callable
    // on any instance the module hands out (a factory's return, an exported class), so a module
    // that exports anything exports them too, as `Foo.prototype.bar`.
    if (Object.keys(exports).length > 0) {
      for (const a of this.memberWrites) {
        const left = a.left as TSESTree.MemberExpression;
        const method = propName(left);
        const proto = left.object;
        if (!method || proto.type !== 'MemberExpression' || propName(proto) !== 'prototype') continue;
        if (proto.object.type !== 'Identifier' || !this.bindings.variableOf(proto.object)) continue;
        const v = this.ev(a.right);
        if (v.fn) exports[`${proto.object.name}.prototype.${method}`] ??= this.exportOf(v);
      }
    }
    return { path: this.filename, exports };
  }

  /**
   * Static members of the functions declared here (`Lib.extend = function …`, jQuery's shape): the
   * API of a library that exports one function. Only functions, and one level (no recursion).
   */
  private staticsOf(fn: Fn): Record<string, ExportSummary> | undefined {
    if (!this.statics) {
      this.statics = new Map();
      for (const a of this.memberWrites) {
        const left = a.left as TSESTree.MemberExpression;
        const name = propName(left);
        if (name === undefined || name === 'prototype' || left.object.type !== 'Identifier') continue;
        if (!this.bindings.variableOf(left.object)) continue;
        const owner = this.ev(left.object).fn;
        const member = this.ev(a.right).fn;
        if (!owner || !member || member === owner) continue;
        const members = this.statics.get(owner) ?? {};
        members[name] ??= { fn: this.summarise(member) };
        this.statics.set(owner, members);
      }
    }
    return this.statics.get(fn);
  }

  private statics: Map<Fn, Record<string, ExportSummary>> | undefined;

  private exportOf(v: Val): ExportSummary {
    const e: ExportSummary = {};
    if (v.path !== undefined) e.path = v.path;
    if (v.fn) e.fn = this.summarise(v.fn);
    else if (v.summary) e.fn = v.summary;
    const statics = v.fn ? this.staticsOf(v.fn) : undefined;
    if (statics) e.members = { ...statics };
    const instance = v.fn && isConstructorFunction(v.fn) ? this.instanceOf(v.fn) : undefined;
    if (instance) e.instance = instance;
    const sources = v.labels.filter((l) => l.origin).map((l) => this.sourceSummary(l));
    if (sources.length) e.sources = sources;
    if (v.members) e.members = { ...e.members, ...v.members };
    // A zod schema's checks (zod-schemas.ts): importers parse with it.
    if (v.checks) e.checks = v.checks;
    if (v.obj) {
      const members: Record<string, ExportSummary> = {};
      for (const p of v.obj.properties) {
        const k = p.type === 'Property' ? propName(p) : undefined;
        if (p.type === 'Property' && k !== undefined) members[k] = this.exportOf(this.ev(p.value));
      }
      e.members = members;
    }
    if (v.cls) {
      const members: Record<string, ExportSummary> = {};
      for (const m of v.cls.body.body) {
        const k = m.type === 'MethodDefinition' ? propName(m) : undefined;
        if (m.type === 'MethodDefinition' && k !== undefined && k !== 'constructor')
          members[k] = { fn: this.summarise(m.value as Fn) };
      }
      e.members = members;
      const checks = checkedFields(v.cls, this.sourceText);
      if (checks) e.checks = checks;
    }
    return e;
  }

  /** The members of the objects a plain function constructs, where it gives them any. */
  private instanceOf(fn: ConstructorFunction): Record<string, ExportSummary> | undefined {
    const written = constructorMembers(fn, this.ast);
    if (written.size === 0) return undefined;
    const members: Record<string, ExportSummary> = {};
    for (const [name, value] of written) members[name] = this.exportOf(this.ev(value));
    return members;
  }

  private summarise(fn: Fn): FunctionSummary {
    const ret = this.returnVal(fn);
    const { returns, returnSources } = this.returnFlows(fn, ret);
    const fields = this.returnFields(fn);
    const copies = this.copyOf(fn);
    const sinks = [...(this.paramSinks.get(fn)?.values() ?? [])].map((e) => ({
      param: e.param,
      ...(e.field !== undefined ? { field: e.field } : {}),
      ruleId: e.ruleId,
      flags: e.flags,
      steps: e.localSteps.map((s) => this.flowStep(s)),
      sink: e.sink,
      ...(e.needs ? { needs: e.needs } : {}),
    }));
    const finds = this.lookupOfFn(fn);
    const passes = this.predicateOfFn(fn);
    return {
      returns,
      returnSources,
      ...(fields
        ? { fields: Object.fromEntries([...fields].map(([k, v]) => [k, this.returnFlows(fn, v)])) }
        : {}),
      ...(copies
        ? {
            copies: {
              param: copies.param,
              ...(copies.field !== undefined ? { field: copies.field } : {}),
              fields: Object.fromEntries([...copies.fields].map(([k, v]) => [k, this.returnFlows(fn, v)])),
            },
          }
        : {}),
      sinks,
      ...(ret.path !== undefined ? { returnPath: ret.path } : {}),
      ...(finds ? { finds } : {}),
      ...(passes ? { passes } : {}),
      ...(this.returnsRecord(fn) ? { record: true as const } : {}),
    };
  }

  /** What `v`, returned by `fn` (or a property of what it returns), holds of its parameters and sources. */
  private returnFlows(fn: Fn, v: Val): ReturnFlows {
    const returns = v.labels
      .filter((l) => l.fn === fn && l.param !== undefined)
      .map((l) => ({
        param: l.param!,
        ...(l.field !== undefined ? { field: l.field } : {}),
        flags: l.flags,
        steps: l.steps.map((s) => this.flowStep(s)),
      }));
    return { returns, returnSources: v.labels.filter((l) => l.origin).map((l) => this.sourceSummary(l)) };
  }

  private sourceSummary(l: Label): SourceSummary {
    const o = l.origin!;
    const head =
      o.remote ?? (o.node ? [{ location: this.locate(o.node), message: `source: ${o.label}` }] : []);
    return {
      kind: o.kind,
      label: o.label,
      flags: l.flags,
      steps: [...head, ...l.steps.map((s) => this.flowStep(s))],
    };
  }
}
