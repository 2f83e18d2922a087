import { VERSION } from '../core/version.ts';
import { buildSbom, type CycloneDxLicense, REACHABILITY, type SbomOptions } from './sbom.ts';
import type { LockfileInventory } from './types.ts';

/** The subset of SPDX 2.3 JSON that vigil writes. */
export interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: SpdxPackage[];
  relationships: {
    spdxElementId: string;
    relationshipType: 'DESCRIBES' | 'DEPENDS_ON';
    relatedSpdxElement: string;
  }[];
}

export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  /** vigil reads what a package declares and analyses none of its files, so it concludes nothing. */
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: string;
  copyrightText: 'NOASSERTION';
  primaryPackagePurpose: 'APPLICATION' | 'LIBRARY';
  externalRefs?: { referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }[];
  /** SPDX has no field for it: the reachability verdict as a comment (`vigil reachability: imported (src/app.js:3)`). */
  comment?: string;
}

const NOASSERTION = 'NOASSERTION';
const PROJECT_ID = 'SPDXRef-Project';

/** `s` without leading and trailing hyphens (by hand: `-+$` backtracks on a long inner run). */
function trimHyphens(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === '-') start++;
  while (end > start && s[end - 1] === '-') end--;
  return s.slice(start, end);
}

/** An SPDXID is `SPDXRef-` then letters, digits, `.` and `-`; the index keeps sanitised names apart. */
const spdxId = (index: number, name: string, version: string | undefined): string =>
  `SPDXRef-Package-${index}-${trimHyphens(`${name}-${version ?? ''}`.replace(/[^A-Za-z0-9.-]+/g, '-'))}`;

/**
 * The declared licence as SPDX 2.3 writes it: an SPDX id or expression; NOASSERTION for text that
 * is not SPDX, and for LicenseRef-s (each would need its text in `hasExtractedLicensingInfos`).
 */
function declared(licenses: readonly CycloneDxLicense[] | undefined): string {
  const first = licenses?.[0];
  if (!first) return NOASSERTION;
  const text =
    'expression' in first ? first.expression : 'id' in first.license ? first.license.id : undefined;
  return text === undefined || /(?:License|Document)Ref-/.test(text) ? NOASSERTION : text;
}

/**
 * The inventory as an SPDX 2.3 JSON document: the same components and graph as the CycloneDX BOM
 * (buildSbom), each a package with its purl as an external reference and its declared licence;
 * the document DESCRIBES the project, which DEPENDS_ON its direct dependencies.
 */
export function buildSpdx(inventories: readonly LockfileInventory[], options: SbomOptions): SpdxDocument {
  const bom = buildSbom(inventories, options);
  const ids = new Map<string, string>([[bom.metadata.component['bom-ref'], PROJECT_ID]]);
  const packages: SpdxPackage[] = [
    {
      SPDXID: PROJECT_ID,
      name: options.name,
      downloadLocation: NOASSERTION,
      filesAnalyzed: false,
      licenseConcluded: NOASSERTION,
      licenseDeclared: NOASSERTION,
      copyrightText: NOASSERTION,
      primaryPackagePurpose: 'APPLICATION',
    },
  ];
  bom.components.forEach((c, i) => {
    const name = c.group ? `${c.group}/${c.name}` : c.name;
    const id = spdxId(i + 1, name, c.version);
    ids.set(c['bom-ref'], id);
    const property = (key: string) => c.properties.find((p) => p.name === key)?.value;
    const verdict = property(REACHABILITY);
    const evidence = property(`${REACHABILITY}:evidence`);
    packages.push({
      SPDXID: id,
      name,
      ...(c.version !== undefined ? { versionInfo: c.version } : {}),
      downloadLocation: NOASSERTION,
      filesAnalyzed: false,
      licenseConcluded: NOASSERTION,
      licenseDeclared: declared(c.licenses),
      copyrightText: NOASSERTION,
      primaryPackagePurpose: 'LIBRARY',
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl },
      ],
      ...(verdict ? { comment: `vigil reachability: ${verdict}${evidence ? ` (${evidence})` : ''}` } : {}),
    });
  });
  const relationships: SpdxDocument['relationships'] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: PROJECT_ID },
  ];
  for (const dep of bom.dependencies)
    for (const to of dep.dependsOn)
      relationships.push({
        spdxElementId: ids.get(dep.ref)!,
        relationshipType: 'DEPENDS_ON',
        relatedSpdxElement: ids.get(to)!,
      });
  const uuid = bom.serialNumber.slice('urn:uuid:'.length);
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: options.name,
    documentNamespace: `https://spdx.org/spdxdocs/vigil-${encodeURIComponent(options.name)}-${uuid}`,
    // SPDX dates are whole seconds in UTC
    creationInfo: {
      created: `${bom.metadata.timestamp.slice(0, 19)}Z`,
      creators: [`Tool: vigil-${VERSION}`],
    },
    packages,
    relationships,
  };
}
