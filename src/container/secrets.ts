import type { DraftFinding } from '../core/finding.ts';
import { isSecretTextFile, scanTextForSecrets } from '../sast/secrets/index.ts';
import type { ImageConfig } from './sources/image.ts';

/** Largest file scanned for secrets inside a layer. */
const MAX_SECRET_FILE = 1024 * 1024;

/**
 * Trees a distribution's packages own: documentation, headers, libraries, package databases.
 * Their text is public upstream content, and scanning it would cost most of the scan.
 */
const PACKAGE_TREES =
  /^(usr\/(share|include|lib|lib32|lib64|libexec|src)\/|lib\/|lib64\/|var\/lib\/(dpkg|apt|rpm|apk)\/|var\/cache\/|etc\/ssl\/certs\/|proc\/|sys\/)|(^|\/)node_modules\//;

/** Should a layer file be handed to the secret scanner? */
export function wantsSecretScan(path: string, size: number): boolean {
  return size > 0 && size <= MAX_SECRET_FILE && !PACKAGE_TREES.test(path) && isSecretTextFile(path);
}

/** A secret found in one layer's file, masked. */
export interface LayerSecret {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  masked: string;
  detector: string;
  severity: DraftFinding['severity'];
  message: string;
}

/** Scan one file's bytes; binary content (a NUL in the first 8 KiB) is skipped. */
export function scanLayerFile(path: string, content: Buffer): LayerSecret[] {
  if (content.subarray(0, 8192).includes(0)) return [];
  return scanTextForSecrets(path, content.toString('utf8')).map((f) => ({
    path,
    line: f.location.startLine,
    column: f.location.startColumn,
    endLine: f.location.endLine,
    endColumn: f.location.endColumn,
    masked: f.location.snippet ?? '',
    detector: String(f.properties?.detector ?? ''),
    severity: f.severity,
    message: f.message,
  }));
}

/**
 * Secrets in the image config: `ENV` values, labels and the history's `created_by` lines
 * (where `ARG`/`ENV` values and `RUN` command lines end up). Each is scanned as its own text
 * so a finding names the exact setting.
 */
export function scanConfigSecrets(config: ImageConfig): { where: string; findings: DraftFinding[] }[] {
  const texts: { where: string; text: string }[] = [];
  for (const env of config.config?.Env ?? [])
    texts.push({ where: `config Env ${env.split('=', 1)[0]}`, text: env });
  for (const [k, v] of Object.entries(config.config?.Labels ?? {}))
    texts.push({ where: `config label ${k}`, text: `${k}=${v}` });
  (config.history ?? []).forEach((h, i) => {
    if (h.created_by) texts.push({ where: `history[${i}] created_by`, text: h.created_by });
  });
  const out: { where: string; findings: DraftFinding[] }[] = [];
  for (const { where, text } of texts) {
    const findings = scanTextForSecrets(where, text);
    if (findings.length) out.push({ where, findings });
  }
  return out;
}
