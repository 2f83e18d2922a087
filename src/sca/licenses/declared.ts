/**
 * The licence a package.json (or an npm lockfile entry, which copies it) declares, as written:
 * the `license` string, the legacy `{ type }` object, or the legacy `licenses: [{ type }]` list
 * (several licences offered, so joined with OR, as npm's own normalisation reads them).
 */
export function declaredLicense(manifest: Record<string, unknown>): string | undefined {
  const typeOf = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v.trim() || undefined;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const type = (v as Record<string, unknown>).type;
      return typeof type === 'string' && type.trim() ? type.trim() : undefined;
    }
    return undefined;
  };
  const single = typeOf(manifest.license);
  if (single !== undefined) return single;
  if (!Array.isArray(manifest.licenses)) return undefined;
  const all = manifest.licenses.map(typeOf).filter((t): t is string => t !== undefined);
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0] : `(${all.join(' OR ')})`;
}
