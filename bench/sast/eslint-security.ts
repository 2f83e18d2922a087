import type { ESLint as ESLintType } from 'eslint';

/**
 * The benchmarks' anchor: ESLint with @typescript-eslint/parser and eslint-plugin-security's
 * recommended rules over every JS/TS file under `cwd` (`node_modules` too when asked).
 */
export async function securityEslint(cwd: string, withNodeModules = false): Promise<ESLintType> {
  const { ESLint } = await import('eslint');
  const tsParser = (await import('@typescript-eslint/parser')).default;
  // eslint-plugin-security ships no types.
  const security = (await import('eslint-plugin-security' as string)).default as {
    configs: { recommended: { plugins: Record<string, never>; rules: Record<string, never> } };
  };
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      ...(withNodeModules ? [{ ignores: ['!**/node_modules/'] }] : []),
      {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
        plugins: security.configs.recommended.plugins,
        rules: security.configs.recommended.rules,
        languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
      },
    ],
    errorOnUnmatchedPattern: false,
  });
}
