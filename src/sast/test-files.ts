/**
 * Is a path a test, spec, fixture or mock file by the conventions of the JS/TS ecosystem (Jest,
 * Vitest, Mocha, Jasmine, Cypress, Playwright)? Logins and keys in such files are fixtures for a
 * test server, not credentials of a deployed one.
 */
const TEST_DIRS = new Set([
  'test',
  'tests',
  '__tests__',
  'spec',
  'specs',
  '__mocks__',
  'mock',
  'mocks',
  // Database seeds: the sample rows a development database starts with.
  'seed',
  'seeds',
  'seeders',
  'fixtures',
  'e2e',
  'cypress',
  'integration-tests',
  'integration_tests',
  'e2e-tests',
  'e2e_tests',
  '__fixtures__',
]);
const TEST_FILE = /\.(?:test|spec|e2e|cy|mocks?|seeds?)\.[cm]?[jt]sx?$|^(?:seeds?|mocks?)\.[cm]?[jt]sx?$/;
/**
 * A test runner's own configuration and setup files (`vitest.setup.ts`, `jest.global-setup.js`,
 * Create React App's `setupTests.ts`): the logins they set are the test server's.
 */
const RUNNER_CONFIG =
  /^(?:(?:cypress|playwright|jest|vitest|karma|wdio|nightwatch)\.(?:config|setup|global-?setup|global-?teardown|workspace)|setup-?tests?|tests?-?setup)\.[cm]?[jt]sx?$/i;

/**
 * Words that mark a folder of made-up data wherever they stand in its name: a seeding tool
 * (`seed-snapshot`, `db_seeds`), shared fixtures (`test-fixtures`). Not `test`, which also names
 * product features (`ab-test`), nor `mock`: a mock server can be what the product offers.
 */
const MADE_UP_DIR_WORDS = new Set(['seed', 'seeds', 'seeder', 'seeders', 'seeding', 'fixtures']);

function madeUpDir(dir: string): boolean {
  return TEST_DIRS.has(dir) || dir.split(/[-_.]/).some((word) => MADE_UP_DIR_WORDS.has(word.toLowerCase()));
}

export function isTestFile(path: string): boolean {
  const parts = path.split('/');
  const name = parts.pop() ?? '';
  return TEST_FILE.test(name) || RUNNER_CONFIG.test(name) || parts.some(madeUpDir);
}
