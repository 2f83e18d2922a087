import { randomUUID } from 'node:crypto';
import { withoutUserinfo } from '../core/urls.ts';
import { VERSION } from '../core/version.ts';
import { parseLicense } from './licenses/expression.ts';
import { purlFor } from './purl.ts';
import type { LockfileInventory, Package } from './types.ts';
import type { Reachability } from './reachability/types.ts';

/** The subset of CycloneDX 1.6 JSON that vigil writes. */
export interface CycloneDxBom {
  bomFormat: 'CycloneDX';
  specVersion: '1.6';
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp: string;
    tools: { components: { type: 'application'; name: string; version: string }[] };
    component: { type: 'application'; 'bom-ref': string; name: string };
  };
  components: CycloneDxComponent[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

export interface CycloneDxComponent {
  type: 'library' | 'application';
  'bom-ref': string;
  group?: string;
  name: string;
  /** Left out for packages without one (a pnpm workspace member). */
  version?: string;
  scope: 'required' | 'optional';
  purl: string;
  licenses?: CycloneDxLicense[];
  properties: { name: string; value: string }[];
}

/** CycloneDX's licence choice: one SPDX id, one SPDX expression, or a name that is not SPDX. */
export type CycloneDxLicense = { license: { id: string } | { name: string } } | { expression: string };

/** A declared licence as CycloneDX writes it: `{ license: { id } }` for a bare SPDX id, else an expression or a name. */
export function cycloneDxLicenses(declared: string): CycloneDxLicense[] {
  const parsed = parseLicense(declared);
  if (!parsed.ok) return [{ license: { name: declared.slice(0, 1000) } }];
  const t = parsed.tree;
  if ('license' in t && !t.plus && !t.exception && !t.license.includes(':'))
    return [{ license: { id: t.license } }];
  return [{ expression: parsed.expression }];
}

export interface SbomOptions {
  /** Name of the scanned project (metadata.component). */
  name: string;
  /** Fixed for reproducible output in tests; defaults to now / a random UUID. */
  timestamp?: Date;
  serialNumber?: string;
  /** Each package's reachability from the project's own imports (properties `vigil:reachability`, `…:evidence`). */
  reachability?: (pkg: Package) => Pick<Reachability, 'verdict' | 'evidence'>;
}

const ROOT_REF = 'vigil:root';
export const REACHABILITY = 'vigil:reachability';
const REACHABILITY_EVIDENCE = `${REACHABILITY}:evidence`;

/** npm scopes and Composer vendors are CycloneDX groups; the rest keep their whole name. */
function groupAndName(p: Package): { group?: string; name: string } {
  const slash = p.name.lastIndexOf('/');
  if ((p.ecosystem === 'npm' && p.name.startsWith('@')) || p.ecosystem === 'Packagist') {
    if (slash > 0) return { group: p.name.slice(0, slash), name: p.name.slice(slash + 1) };
  }
  return { name: p.name };
}

function addProperty(c: CycloneDxComponent, name: string, value: string): void {
  // Values quote the lockfile (an alias may be a git URL): never with the URL's credentials.
  const clean = withoutUserinfo(value);
  if (!c.properties.some((x) => x.name === name && x.value === clean))
    c.properties.push({ name, value: clean });
}

/** One verdict per component: the same package in several lockfiles is imported if any import reaches it. */
function noteReachability(c: CycloneDxComponent, reach: Pick<Reachability, 'verdict' | 'evidence'>): void {
  const at = c.properties.findIndex((x) => x.name === REACHABILITY);
  if (at >= 0 && (c.properties[at]!.value !== 'unreachable' || reach.verdict === 'unreachable')) return;
  c.properties = c.properties.filter((x) => x.name !== REACHABILITY && x.name !== REACHABILITY_EVIDENCE);
  c.properties.push({ name: REACHABILITY, value: reach.verdict });
  const first = reach.evidence[0];
  if (first) c.properties.push({ name: REACHABILITY_EVIDENCE, value: `${first.path}:${first.line}` });
}

/**
 * The inventory as a CycloneDX 1.6 BOM: one component per distinct PURL (the same package in
 * several lockfiles is one component listing each lockfile), the dependency graph where the
 * lockfile records it, and the project depending on every direct dependency.
 */
export function buildSbom(inventories: readonly LockfileInventory[], options: SbomOptions): CycloneDxBom {
  const components = new Map<string, CycloneDxComponent>();
  const edges = new Map<string, Set<string>>();
  const direct = new Set<string>();
  for (const inv of inventories) {
    for (const p of inv.packages) {
      const purl = p.purl ?? purlFor(p.ecosystem, p.name, p.version);
      let c = components.get(purl);
      if (!c) {
        c = {
          type: 'library',
          'bom-ref': purl,
          ...groupAndName(p),
          ...(p.version !== '' ? { version: withoutUserinfo(p.version) } : {}),
          scope: p.dev ? 'optional' : 'required',
          purl,
          ...(p.license !== undefined ? { licenses: cycloneDxLicenses(p.license) } : {}),
          properties: [{ name: 'vigil:kind', value: p.kind }],
        };
        components.set(purl, c);
        edges.set(purl, new Set());
      } else if (!p.dev) c.scope = 'required';
      addProperty(c, 'vigil:lockfile', p.source);
      if (options.reachability) noteReachability(c, options.reachability(p));
      if (p.alias !== undefined) addProperty(c, 'vigil:alias', p.alias);
      if (p.direct) direct.add(purl);
      for (const d of p.dependsOn ?? []) edges.get(purl)?.add(d);
    }
  }
  const dependencies = [
    { ref: ROOT_REF, dependsOn: [...direct].sort() },
    ...[...edges].map(([ref, deps]) => ({
      ref,
      dependsOn: [...deps].filter((d) => components.has(d) && d !== ref).sort(),
    })),
  ];
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${options.serialNumber ?? randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: (options.timestamp ?? new Date()).toISOString(),
      tools: { components: [{ type: 'application', name: 'vigil', version: VERSION }] },
      component: { type: 'application', 'bom-ref': ROOT_REF, name: options.name },
    },
    components: [...components.values()].sort((a, b) => (a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0)),
    dependencies,
  };
}
