import type { VersionScheme } from '../types.ts';
import { semver2 } from './semver2.ts';

/** crates.io versions are SemVer 2.0, exactly as Cargo orders them. */
export const crates: VersionScheme = semver2;
