/**
 * URLs in lockfiles, configuration and error messages may carry credentials in their userinfo
 * (`git+https://x-access-token:ghp_…@github.com/o/r`, `https://user:pass@registry/…`). Every URL
 * that reaches an output (report, SBOM, log, PR comment) passes through here first.
 */

// From each `://` up to the first `@` before any `/ ? #` or space: the userinfo. The class
// excludes `/`, so the runs after two `://` never overlap and the scan stays linear.
const USERINFO = /:\/\/[^\s/?#@]*@/g;

/** `text` with the userinfo (`user:password@`) of every URL in it removed. */
export function withoutUserinfo(text: string): string {
  return text.includes('@') ? text.replace(USERINFO, '://') : text;
}
