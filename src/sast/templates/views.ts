import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { Diagnostic } from '../../core/finding.ts';
import { isBinaryText, unreadable } from '../source-text.ts';
import { engineFor, extensionOf, readTemplate, TEMPLATE_EXTENSIONS } from './engines.ts';
import type { RawSite, TemplateInclude, TemplateScan } from './sites.ts';
import type { ViewSettings } from './view-settings.ts';

export interface TemplateFile {
  path: string;
  absPath: string;
}

/** Includes followed from a view, deep and in all: template graphs are small, hostile ones are cut. */
export const MAX_INCLUDE_DEPTH = 8;
const MAX_TEMPLATES_PER_VIEW = 200;

/** A raw output site reached from a view, and the include tags on the way to its template. */
export interface ReachedSite {
  path: string;
  site: RawSite;
  via: Array<{ path: string; include: TemplateInclude }>;
}

/** The folder of the package a file belongs to (nearest folder with a package.json), '.' at the scan root. */
export function packageRootOf(path: string, packageRoots: readonly string[]): string {
  for (let dir = posix.dirname(path); dir !== '.' && dir !== '/'; dir = posix.dirname(dir))
    if (packageRoots.includes(dir)) return dir;
  return '.';
}

/**
 * The scan's templates: found by the file walker with everything else, read and scanned once on
 * first use (a project whose code renders no view reads none).
 */
export class ViewIndex {
  readonly diagnostics: Diagnostic[] = [];
  private readonly files: Map<string, string>;
  private readonly scans = new Map<string, TemplateScan | undefined>();
  private readonly settings: ViewSettings;
  private readonly packageRoots: readonly string[];

  constructor(templates: readonly TemplateFile[], settings: ViewSettings, packageRoots: Iterable<string>) {
    this.files = new Map(templates.map((t) => [t.path, t.absPath]));
    this.settings = settings;
    this.packageRoots = [...packageRoots];
  }

  /**
   * The template `res.render(view)` in file `from` renders: under the `app.set('views', …)` folders
   * of its package, else its package's `views/`; with the view's extension, the `view engine` one,
   * or any template extension found. Undefined when no such file is in the scan.
   */
  resolve(view: string, from: string): { path: string; folder: string } | undefined {
    if (view.startsWith('/')) return undefined;
    const root = packageRootOf(from, this.packageRoots);
    const inPackage = (f: string) => root === '.' || f === root || f.startsWith(`${root}/`);
    const configured = this.settings.folders.filter(inPackage);
    const folders = configured.length ? configured : [posix.join(root, 'views')];
    const extensions = TEMPLATE_EXTENSIONS.includes(extensionOf(view))
      ? ['']
      : [...new Set([...this.settings.extensions, ...TEMPLATE_EXTENSIONS])];
    for (const folder of folders) {
      for (const ext of extensions) {
        const path = posix.normalize(posix.join(folder, ext ? `${view}.${ext}` : view));
        if (this.files.has(path)) return { path, folder };
      }
    }
    return undefined;
  }

  /** The raw output sites of a template and of every template it includes by a constant name. */
  rawSites(path: string, folder: string): ReachedSite[] {
    const out: ReachedSite[] = [];
    let budget = MAX_TEMPLATES_PER_VIEW;
    const visit = (p: string, via: ReachedSite['via'], onPath: Set<string>) => {
      if (budget-- <= 0) return;
      const scan = this.scan(p);
      if (!scan) return;
      for (const site of scan.sites) out.push({ path: p, site, via });
      if (via.length >= MAX_INCLUDE_DEPTH) return;
      for (const include of scan.includes) {
        const target = this.includeTarget(include.name, p, folder);
        if (target === undefined || onPath.has(target)) continue;
        visit(target, [...via, { path: p, include }], new Set([...onPath, target]));
      }
    };
    visit(path, [], new Set([path]));
    return out;
  }

  /** An included template: beside the including one, under the views folder, or in a `partials/` folder of either. */
  private includeTarget(name: string, from: string, folder: string): string | undefined {
    const ext = extensionOf(from);
    const bare = name.replace(/^\//, '');
    const names =
      extensionOf(bare) && TEMPLATE_EXTENSIONS.includes(extensionOf(bare))
        ? [bare]
        : [`${bare}.${ext}`, bare];
    const dir = posix.dirname(from);
    const dirs = name.startsWith('/')
      ? [folder]
      : [dir, folder, posix.join(folder, 'partials'), posix.join(dir, 'partials')];
    for (const d of dirs) {
      for (const n of names) {
        const p = posix.normalize(posix.join(d, n));
        if (this.files.has(p)) return p;
      }
    }
    return undefined;
  }

  private scan(path: string): TemplateScan | undefined {
    if (this.scans.has(path)) return this.scans.get(path);
    let scan: TemplateScan | undefined;
    const engine = engineFor(extensionOf(path), this.settings.engines);
    if (engine) {
      try {
        const text = readFileSync(this.files.get(path)!, 'utf8');
        if (!isBinaryText(text)) {
          scan = readTemplate(engine, text, this.settings.autoescapeOff.has(engine));
          for (const w of scan.warnings)
            this.diagnostics.push({
              level: 'warning',
              source: 'sast',
              path,
              message: `template (${engine}): ${w}`,
            });
        }
      } catch (error) {
        this.diagnostics.push(unreadable(path, error));
      }
    }
    this.scans.set(path, scan);
    return scan;
  }
}
