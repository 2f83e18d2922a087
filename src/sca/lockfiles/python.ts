/** PyPI names as OSV (and PEP 503) compare them: lowercase, runs of `-_.` as one `-`. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `requests[socks]>=2.0 ; python_version < "3"` → `requests` (PEP 508 name only). */
export function pep508Name(spec: string): string | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
  return m?.[1];
}
