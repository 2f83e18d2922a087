import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import parse from 'spdx-expression-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInventory, walkInventoryFiles } from '../../src/sca/inventory.ts';
import type { CycloneDxBom } from '../../src/sca/sbom.ts';
import { buildSpdx, type SpdxDocument } from '../../src/sca/spdx.ts';
import { runCli } from '../cli/helpers.ts';
import { cyclonedxValidator, spdxValidator } from './support/sbom-schemas.ts';

const LICENSED = fileURLToPath(new URL('./licenses/fixtures/', import.meta.url));
const FIXED = {
  name: 'app',
  timestamp: new Date('2026-01-15T10:20:30.456Z'),
  serialNumber: '3e671687-395b-41f5-a30f-a58921a69b79',
};

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vigil-spdx-'));
  mkdirSync(join(root, 'app/node_modules/silent'), { recursive: true });
  copyFileSync(join(LICENSED, 'app/package-lock.json'), join(root, 'app/package-lock.json'));
  copyFileSync(join(LICENSED, 'silent-package.json'), join(root, 'app/node_modules/silent/package.json'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function inventories() {
  const { files } = await walkInventoryFiles(root);
  return (await collectInventory(root, files)).inventories;
}

const validSpdx = spdxValidator();

/**
 * SPDX's published 2.3 schema (it closes every object), then the specification's rules the schema
 * cannot say (clauses 6, 7 and 11): formats, SPDXID spelling and uniqueness, relationships' ends.
 */
function checkSpdx23(doc: SpdxDocument): void {
  expect(validSpdx(doc)).toBe(true);
  expect(doc).toMatchObject({ spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT' });
  expect(doc.name).not.toBe('');
  expect(new URL(doc.documentNamespace).hash).toBe(''); // a URI without a fragment (6.5)
  expect(doc.creationInfo.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/); // 6.9
  for (const c of doc.creationInfo.creators) expect(c).toMatch(/^(Tool|Organization|Person): \S/); // 6.8
  const ids = new Set<string>();
  for (const p of doc.packages) {
    expect(p.SPDXID).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/); // 7.2
    expect(ids.has(p.SPDXID)).toBe(false);
    ids.add(p.SPDXID);
    for (const l of [p.licenseConcluded, p.licenseDeclared])
      if (l !== 'NOASSERTION' && l !== 'NONE') expect(() => parse(l), l).not.toThrow(); // 7.13, 7.15
    for (const ref of p.externalRefs ?? []) {
      expect(ref.referenceLocator).toMatch(/^pkg:\S+$/); // 7.21, Annex F purl
      expect(ref).toMatchObject({ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl' });
    }
  }
  ids.add('SPDXRef-DOCUMENT');
  for (const r of doc.relationships) {
    expect(ids.has(r.spdxElementId), r.spdxElementId).toBe(true);
    expect(ids.has(r.relatedSpdxElement), r.relatedSpdxElement).toBe(true);
  }
  expect(doc.relationships.filter((r) => r.relationshipType === 'DESCRIBES')).toHaveLength(1);
}

describe('SPDX 2.3 JSON', () => {
  it('lists every package with its purl and declared licence, NOASSERTION when unknown or not SPDX', async () => {
    const doc = buildSpdx(await inventories(), FIXED);
    checkSpdx23(doc);
    expect(doc.creationInfo.created).toBe('2026-01-15T10:20:30Z');
    expect(doc.documentNamespace).toBe(
      'https://spdx.org/spdxdocs/vigil-app-3e671687-395b-41f5-a30f-a58921a69b79',
    );
    const declared = Object.fromEntries(doc.packages.map((p) => [p.name, p.licenseDeclared]));
    expect(declared).toEqual({
      app: 'NOASSERTION',
      both: 'MIT AND GPL-3.0',
      dual: 'MIT OR GPL-3.0',
      'gpl-only': 'GPL-3.0-only',
      odd: 'NOASSERTION', // SEE LICENSE IN …
      plain: 'Apache-2.0',
      silent: 'ISC', // from node_modules
    });
    expect(doc.packages.every((p) => p.licenseConcluded === 'NOASSERTION')).toBe(true);
    expect(doc.packages.find((p) => p.name === 'dual')).toMatchObject({
      versionInfo: '1.0.0',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:npm/dual@1.0.0',
        },
      ],
    });
  });

  it('is held to the published schema: a key SPDX 2.3 does not know, or a missing one, fails', async () => {
    const doc = buildSpdx(await inventories(), FIXED);
    expect(validSpdx({ ...doc, packages: [{ ...doc.packages[0], licence: 'MIT' }] })).toBe(false);
    const { spdxVersion: _, ...unversioned } = doc;
    expect(validSpdx(unversioned)).toBe(false);
  });

  it('relates the document to the project and the project to its direct dependencies', async () => {
    const doc = buildSpdx(await inventories(), FIXED);
    const idOf = (name: string) => doc.packages.find((p) => p.name === name)!.SPDXID;
    expect(doc.relationships[0]).toEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: 'SPDXRef-Project',
    });
    const direct = doc.relationships
      .filter((r) => r.spdxElementId === 'SPDXRef-Project')
      .map((r) => r.relatedSpdxElement);
    expect(direct.sort()).toEqual(['both', 'dual', 'gpl-only', 'odd', 'plain', 'silent'].map(idOf).sort());
    expect(
      doc.relationships.every(
        (r) => r.relationshipType === 'DESCRIBES' || r.relationshipType === 'DEPENDS_ON',
      ),
    ).toBe(true);
  });

  it('keeps SPDXIDs valid and apart for names SPDX cannot spell', () => {
    const pkg = (name: string) => ({
      ecosystem: 'npm',
      name,
      version: '1.0.0',
      kind: 'registry' as const,
      direct: true,
      dev: false,
      paths: [[name]],
      source: 'package-lock.json',
    });
    const doc = buildSpdx(
      [
        {
          path: 'package-lock.json',
          format: 'package-lock v3',
          ecosystem: 'npm',
          packages: [pkg('@a/b_c'), pkg('a-b-c')],
        },
      ],
      FIXED,
    );
    checkSpdx23(doc);
    expect(doc.packages.map((p) => p.SPDXID)).toEqual([
      'SPDXRef-Project',
      'SPDXRef-Package-1-a-b-c-1.0.0',
      'SPDXRef-Package-2-a-b-c-1.0.0',
    ]);
  });

  it('`vigil sbom --format spdx-json` writes it; cyclonedx stays the default and stays valid with licences', async () => {
    const spdx = await runCli(['sbom', root, '--format', 'spdx-json']);
    expect(spdx.code).toBe(0);
    checkSpdx23(JSON.parse(spdx.stdout) as SpdxDocument);
    const cdx = await runCli(['sbom', root]);
    const bom = JSON.parse(cdx.stdout) as CycloneDxBom;
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.components.some((c) => c.licenses !== undefined)).toBe(true);
    expect(cyclonedxValidator()(bom)).toBe(true);
    const bad = await runCli(['sbom', root, '--format', 'spdx']);
    expect(bad.code).toBe(2);
  });
});
