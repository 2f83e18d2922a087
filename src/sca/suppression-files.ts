import { isOsvScannerToml, MAX_IGNORE_FILE_BYTES } from './ignores.ts';
import { MAX_VEX_BYTES } from './vex/parse.ts';
import { isVexFile } from './vex/load.ts';

/**
 * Files in the repository that suppress SCA findings (osv-scanner.toml anywhere, the VEX
 * documents at the root): policy, so the App and the Action read them from a PR's base commit.
 * `path` is POSIX, relative to the scan root.
 */
export const isSuppressionFile = (path: string): boolean => isOsvScannerToml(path) || isVexFile(path);

/** The largest such file that is read. */
export const suppressionFileLimit = (path: string): number =>
  isVexFile(path) ? MAX_VEX_BYTES : MAX_IGNORE_FILE_BYTES;
