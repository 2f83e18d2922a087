import { containerScanner } from './container/run.ts';
import type { Scanner } from './core/scanner.ts';
import { configScanner } from './iac/scanner.ts';
import { sastScanner } from './sast/scanner.ts';
import { scaScanner } from './sca/scanner.ts';

/**
 * The one list of scanners, shared by the CLI, the Action and the App. A new scanner is one
 * import and one entry here; nothing else changes.
 */
export const scanners: Scanner[] = [sastScanner, scaScanner, configScanner, containerScanner];
