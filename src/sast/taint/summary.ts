import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlowStep } from '../../core/finding.ts';
import type { SourceKind } from './spec.ts';

/**
 * What crosses a file boundary: summaries, never syntax trees. A summary says, for each export,
 * what it is (a module member such as `child_process.exec`, a function, or untrusted data) and,
 * for a function, which parameters reach its return value or a sink.
 */
export interface SourceSummary {
  kind: SourceKind;
  label: string;
  flags: number;
  /** From the source location to where the value leaves the exporting file. */
  steps: FlowStep[];
}

export interface ParamFlow {
  param: number;
  flags: number;
  steps: FlowStep[];
}

export interface ParamSink extends ParamFlow {
  ruleId: string;
  sink: FlowStep;
}

export interface FunctionSummary {
  returns: ParamFlow[];
  returnSources: SourceSummary[];
  sinks: ParamSink[];
  /** The return value is a module member (a wrapper returning `cp.exec`). */
  returnPath?: string;
}

export interface ExportSummary {
  path?: string;
  fn?: FunctionSummary;
  sources?: SourceSummary[];
  /** Members of an exported object literal (`module.exports = { run, query }`). */
  members?: Record<string, ExportSummary>;
}

export interface ModuleSummary {
  path: string;
  exports: Record<string, ExportSummary>;
}

/** What the taint engine needs from outside the file: the summaries of the files it imports. */
export interface TaintEnv {
  /** The summary of the file a relative specifier names, if it was analysed first. */
  resolveImport(specifier: string): ModuleSummary | undefined;
  /** Set by the analysis: this file's own summary, for the files that import it. */
  summary?: ModuleSummary;
}

export const noImports: TaintEnv = { resolveImport: () => undefined };

/** Content hash keying the summary cache: same text, same rules, same summary. */
export function summaryKey(text: string, rulesetVersion: string, importKeys: readonly string[]): string {
  const h = createHash('sha256').update(rulesetVersion).update('\0').update(text);
  for (const k of importKeys) h.update('\0').update(k);
  return h.digest('hex');
}

/**
 * Summaries on disk under `<cacheDir>/sast-summaries/`, one JSON file per key. A damaged or
 * unreadable entry is a miss, never an error.
 */
export class SummaryCache {
  private readonly dir: string;
  constructor(cacheDir: string) {
    this.dir = join(cacheDir, 'sast-summaries');
  }

  /** A cached summary as JSON text (it crosses threads as text), or undefined on a miss. */
  async get(key: string): Promise<string | undefined> {
    try {
      const text = await readFile(join(this.dir, `${key}.json`), 'utf8');
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && 'exports' in parsed && 'path' in parsed) return text;
    } catch {
      // a miss
    }
    return undefined;
  }

  /** `summary` is the JSON text of a ModuleSummary. */
  async set(key: string, summary: string): Promise<void> {
    await this.write(`${key}.json`, summary);
  }

  /**
   * The latest summary of a file by its absolute path, with the hash of the text it was made
   * from — for the ESLint plugin, which sees one file at a time and reads its imports' summaries
   * here when the imported file's text still matches.
   */
  async setForPath(absPath: string, text: string, summary: string): Promise<void> {
    await this.write(
      `path-${textHash(absPath)}.json`,
      `{"textHash":${JSON.stringify(textHash(text))},"summary":${summary}}`,
    );
  }

  getForPathSync(absPath: string, text: string): ModuleSummary | undefined {
    try {
      const entry = JSON.parse(readFileSync(join(this.dir, `path-${textHash(absPath)}.json`), 'utf8')) as {
        textHash?: string;
        summary?: ModuleSummary;
      };
      return entry.textHash === textHash(text) ? entry.summary : undefined;
    } catch {
      return undefined;
    }
  }

  private made: Promise<unknown> | undefined;

  private async write(name: string, data: string): Promise<void> {
    await (this.made ??= mkdir(this.dir, { recursive: true }));
    const file = join(this.dir, name);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, file);
  }
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
