import { JsonKeyLines } from '../lockfiles/text.ts';
import { parseProductPurl } from './purl-match.ts';
import { VexError, type VexProduct, type VexStatement, type VexStatus } from './types.ts';

/** VEX documents are a few KiB to a few MiB; past this one is not read. */
export const MAX_VEX_BYTES = 8 * 1024 * 1024;
/** Statements read from one document; more is not a VEX document a person wrote. */
const MAX_STATEMENTS = 100_000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** OpenVEX statuses; CycloneDX analysis states map onto them (false_positive counts as not_affected). */
const OPENVEX_STATUS: Record<string, VexStatus> = {
  not_affected: 'not_affected',
  affected: 'affected',
  fixed: 'fixed',
  under_investigation: 'under_investigation',
};
const CYCLONEDX_STATE: Record<string, VexStatus> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  exploitable: 'affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  in_triage: 'under_investigation',
};

const sentence = (...parts: (string | undefined)[]): string | undefined => {
  const kept = parts.filter((p): p is string => p !== undefined);
  return kept.length ? kept.join(': ') : undefined;
};

function list(doc: Json, key: string, path: string): unknown[] {
  const v = doc[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new VexError(path, `"${key}" is not a list`);
  if (v.length > MAX_STATEMENTS) throw new VexError(path, `more than ${MAX_STATEMENTS} entries in "${key}"`);
  return v;
}

function products(purls: (string | undefined)[]): VexProduct[] {
  return purls.flatMap((p) => (p === undefined ? [] : (parseProductPurl(p) ?? [])));
}

/** OpenVEX (v0.2.0; the v0.0.x string forms of `vulnerability` and `products` too). */
function openVex(doc: Json, path: string, lines: JsonKeyLines): Omit<VexStatement, 'inRoot'>[] {
  return list(doc, 'statements', path).map((raw, i) => {
    const where = `statements[${i}]`;
    if (!isObject(raw)) throw new VexError(path, `${where} is not an object`);
    const vuln = raw.vulnerability;
    const ids = isObject(vuln)
      ? [text(vuln.name), ...(Array.isArray(vuln.aliases) ? vuln.aliases.map(text) : [])]
      : [text(vuln)];
    const named = ids.filter((x): x is string => x !== undefined);
    if (named.length === 0) throw new VexError(path, `${where} names no vulnerability`);
    const status = OPENVEX_STATUS[String(raw.status)];
    if (!status)
      throw new VexError(path, `${where}: status ${JSON.stringify(raw.status)} is not an OpenVEX status`);
    const purls: (string | undefined)[] = [];
    for (const p of Array.isArray(raw.products) ? raw.products : []) {
      if (!isObject(p)) {
        purls.push(text(p));
        continue;
      }
      const ids = isObject(p.identifiers) ? p.identifiers : {};
      purls.push(text(p['@id']), text(ids.purl));
      for (const s of Array.isArray(p.subcomponents) ? p.subcomponents : [])
        if (isObject(s))
          purls.push(text(s['@id']), text(isObject(s.identifiers) ? s.identifiers.purl : undefined));
    }
    if (status === 'not_affected' && !text(raw.justification) && !text(raw.impact_statement))
      throw new VexError(path, `${where}: not_affected needs a justification or an impact_statement`);
    const justification = sentence(text(raw.justification), text(raw.impact_statement));
    return {
      ids: named,
      products: products(purls),
      status,
      ...(justification ? { justification } : {}),
      path,
      line: lines.lineOf('vulnerability') ?? 1,
    };
  });
}

/** CycloneDX VEX: `vulnerabilities[]` with `analysis` and `affects[].ref` (a purl, or a component's bom-ref). */
function cycloneDx(doc: Json, path: string, lines: JsonKeyLines): Omit<VexStatement, 'inRoot'>[] {
  const purlOfRef = new Map<string, string>();
  const walk = (components: unknown, depth: number): void => {
    if (!Array.isArray(components) || depth > 32) return;
    for (const c of components) {
      if (!isObject(c)) continue;
      const ref = text(c['bom-ref']);
      const purl = text(c.purl);
      if (ref && purl) purlOfRef.set(ref, purl);
      walk(c.components, depth + 1);
    }
  };
  walk(doc.components, 0);
  const out: Omit<VexStatement, 'inRoot'>[] = [];
  list(doc, 'vulnerabilities', path).forEach((raw, i) => {
    const where = `vulnerabilities[${i}]`;
    if (!isObject(raw)) throw new VexError(path, `${where} is not an object`);
    if (raw.analysis === undefined) return; // a vulnerability without analysis says nothing of it
    if (!isObject(raw.analysis)) throw new VexError(path, `${where}.analysis is not an object`);
    const line = lines.lineOf('analysis') ?? 1;
    const id = text(raw.id);
    if (!id) throw new VexError(path, `${where} has no id`);
    const aliases = Array.isArray(raw.references)
      ? raw.references.map((r) => (isObject(r) ? text(r.id) : undefined))
      : [];
    const state = raw.analysis.state;
    if (state === undefined) return;
    const status = CYCLONEDX_STATE[String(state)];
    if (!status)
      throw new VexError(
        path,
        `${where}.analysis.state ${JSON.stringify(state)} is not a CycloneDX analysis state`,
      );
    const refs = Array.isArray(raw.affects)
      ? raw.affects.map((a) => (isObject(a) ? text(a.ref) : undefined))
      : [];
    const justification = sentence(
      text(raw.analysis.justification) ?? (state === 'false_positive' ? 'false_positive' : undefined),
      text(raw.analysis.detail),
    );
    out.push({
      ids: [id, ...aliases.filter((a): a is string => a !== undefined)],
      products: products(refs.map((r) => (r === undefined ? undefined : (purlOfRef.get(r) ?? r)))),
      status,
      ...(justification ? { justification } : {}),
      path,
      line,
    });
  });
  return out;
}

/**
 * Read an OpenVEX or CycloneDX VEX document (JSON). Anything else, or a statement that cannot be
 * read, throws VexError naming the file: a half-read document would hide or show the wrong findings.
 */
export function parseVex(path: string, source: string, inRoot = true): VexStatement[] {
  if (source.length > MAX_VEX_BYTES) throw new VexError(path, `over ${MAX_VEX_BYTES} bytes; not read`);
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (error) {
    throw new VexError(path, `not valid JSON (${(error as Error).message.slice(0, 200)})`);
  }
  if (!isObject(doc)) throw new VexError(path, 'not a JSON object');
  const lines = new JsonKeyLines(source);
  const context = doc['@context'];
  const statements =
    typeof context === 'string' && context.startsWith('https://openvex.dev/ns')
      ? openVex(doc, path, lines)
      : doc.bomFormat === 'CycloneDX'
        ? cycloneDx(doc, path, lines)
        : undefined;
  if (statements) return statements.map((st) => ({ ...st, inRoot }));
  throw new VexError(
    path,
    'neither an OpenVEX document ("@context": "https://openvex.dev/ns/…") nor CycloneDX ("bomFormat": "CycloneDX")',
  );
}
