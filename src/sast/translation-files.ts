/** Folders of translation catalogues: `locales/pt-pt/input.ts`, `i18n/de.json`, `translations/`. */
const TRANSLATION_DIRS = new Set([
  'locales',
  'locale',
  'i18n',
  'l10n',
  'translations',
  'lang',
  'langs',
  'languages',
]);

/**
 * Is a path a translation catalogue, whose strings are text shown to people (`password:
 * 'Palavra-passe'`), never a credential a program uses?
 */
export function isTranslationFile(path: string): boolean {
  const parts = path.split('/');
  parts.pop();
  return parts.some((dir) => TRANSLATION_DIRS.has(dir));
}
