import type { ExtractContext } from '../types.ts';
import { isObject, siblingPath, stringMap, str } from './text.ts';

/** The parts of a package.json that say what the project depends on. */
export interface NpmManifest {
  name?: string;
  prod: Map<string, string>;
  dev: Map<string, string>;
}

/** The package.json beside a lockfile, if the walker saw one and it parses; otherwise undefined. */
export function readSiblingPackageJson(
  lockfilePath: string,
  context: ExtractContext | undefined,
  rel = 'package.json',
): NpmManifest | undefined {
  const p = siblingPath(lockfilePath, rel);
  const text = p === undefined ? undefined : context?.readFile(p);
  if (text === undefined) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  return manifestFromObject(doc);
}

export function manifestFromObject(doc: Record<string, unknown>): NpmManifest {
  const prod = new Map([
    ...stringMap(doc.peerDependencies),
    ...stringMap(doc.optionalDependencies),
    ...stringMap(doc.dependencies),
  ]);
  const m: NpmManifest = { prod, dev: stringMap(doc.devDependencies) };
  const name = str(doc.name);
  if (name) m.name = name;
  return m;
}
