import type { VersionScheme } from '../types.ts';
import { semver2 } from './semver2.ts';

/**
 * Go modules use SemVer with a `v` prefix (pseudo-versions are ordinary prereleases and
 * `+incompatible` is build metadata, ignored for order). OSV's Go records omit the `v`; the
 * SemVer 2.0 comparator accepts both spellings, so Go needs nothing of its own.
 */
export const go: VersionScheme = semver2;
