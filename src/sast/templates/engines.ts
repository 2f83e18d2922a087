import { readEjs } from './ejs.ts';
import { readHandlebars } from './handlebars.ts';
import { readNunjucks } from './nunjucks.ts';
import { readPug } from './pug.ts';
import type { TemplateScan } from './sites.ts';

export type Engine = 'ejs' | 'pug' | 'handlebars' | 'nunjucks';

/** Template extensions and the engine whose syntax they hold; `.html` is whatever the project registers for it. */
const BY_EXTENSION: ReadonlyMap<string, Engine> = new Map([
  ['ejs', 'ejs'],
  ['pug', 'pug'],
  ['jade', 'pug'],
  ['hbs', 'handlebars'],
  ['handlebars', 'handlebars'],
  ['mustache', 'handlebars'],
  ['njk', 'nunjucks'],
  ['nunjucks', 'nunjucks'],
  ['swig', 'nunjucks'],
]);

export const TEMPLATE_EXTENSIONS: readonly string[] = [...BY_EXTENSION.keys(), 'html'];

/** The file's extension without the dot ('' when it has none). */
export function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot + 1).toLowerCase() : '';
}

export function isTemplateFile(path: string): boolean {
  return TEMPLATE_EXTENSIONS.includes(extensionOf(path));
}

/** The engine for an extension, by name or as the project registered it (`app.engine('html', cons.swig)`). */
export function engineFor(extension: string, registered: ReadonlyMap<string, Engine>): Engine | undefined {
  return registered.get(extension) ?? BY_EXTENSION.get(extension);
}

/** An engine named in code: the module or consolidate member given to `app.engine` (`cons.swig`, `require('ejs').renderFile`). */
export function engineNamed(text: string): Engine | undefined {
  const t = text.toLowerCase();
  if (t.includes('ejs')) return 'ejs';
  if (t.includes('pug') || t.includes('jade')) return 'pug';
  if (t.includes('handlebars') || t.includes('hbs') || t.includes('mustache')) return 'handlebars';
  if (t.includes('nunjucks') || t.includes('swig')) return 'nunjucks';
  return undefined;
}

export function readTemplate(engine: Engine, text: string, autoescapeOff: boolean): TemplateScan {
  switch (engine) {
    case 'ejs':
      return readEjs(text);
    case 'pug':
      return readPug(text);
    case 'handlebars':
      return readHandlebars(text);
    case 'nunjucks':
      return readNunjucks(text, { autoescapeOff });
  }
}
