import type { CliCommand } from '../command.ts';
import { sbomCommand } from './sbom.ts';
import { imageCommand } from './image.ts';
import { scanCommand } from './scan.ts';
import { dbCommand } from './db.ts';
import { scaCommand } from './sca.ts';

/** Every `vigil <command>`, in help order. A new command is one file in this folder and one line here. */
export const commands: CliCommand[] = [scanCommand, imageCommand, sbomCommand, scaCommand, dbCommand];
