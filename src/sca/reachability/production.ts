import { globMatcher } from '../../core/walker.ts';
import { isTestFile } from '../../sast/test-files.ts';

/** Why a source file is not production code, or undefined when it is. */
export type NonProduction = 'test' | 'tooling' | 'configured';

/** Folders of build and maintenance scripts that never ship with the application. */
const TOOLING_DIRS = new Set(['scripts', 'tools', 'bench', 'benchmark', 'benchmarks']);
/** `webpack.config.js`, `vite.config.ts`, `karma.conf.js`, `Gruntfile.js`, `.eslintrc.cjs`. */
const TOOLING_FILE =
  /^(?:[^/]*\.(?:config|conf)\.[cm]?[jt]sx?|gruntfile\.[cm]?[jt]s|gulpfile\.[cm]?[jt]s|\.[\w-]*rc\.[cm]?[jt]s)$/i;

export interface ProductionRules {
  /** `sca.reachability.nonProduction`: globs of files that are not production code. */
  nonProduction?: readonly string[];
  /** `sca.reachability.production`: globs of files that are production code whatever the defaults say. */
  production?: readonly string[];
}

/**
 * Classifies source files: tests and fixtures (vigil's SAST conventions, Go's `_test.go` and
 * `testdata/`), build and tool configuration (`*.config.*`, `scripts/`…), and the project's own
 * globs. Everything else is production.
 */
export function productionClassifier(
  rules: ProductionRules = {},
): (path: string) => NonProduction | undefined {
  const configured = rules.nonProduction?.length ? globMatcher(rules.nonProduction) : undefined;
  const production = rules.production?.length ? globMatcher(rules.production) : undefined;
  return (path) => {
    if (production?.(path)) return undefined;
    if (configured?.(path)) return 'configured';
    const parts = path.split('/');
    const name = parts.pop()!;
    if (isTestFile(path) || name.endsWith('_test.go') || parts.includes('testdata')) return 'test';
    if (TOOLING_FILE.test(name) || parts.some((d) => TOOLING_DIRS.has(d))) return 'tooling';
    return undefined;
  };
}
