/**
 * File system calls whose argument is a path, from Node's `fs` documentation (callback, `Sync`
 * and `fs.promises` forms) and fs-extra's additions. `js/path-traversal` reads these for its taint
 * sinks and for its pattern half (a path that is not a constant).
 */

/** Copy, move and link: the second argument is a path too (the destination). */
const TWO_PATH_METHODS = [
  'copyFile',
  'copyFileSync',
  'cp',
  'cpSync',
  'rename',
  'renameSync',
  'symlink',
  'symlinkSync',
  'link',
  'linkSync',
];

const FS_METHODS = [
  ...TWO_PATH_METHODS,
  'readFile',
  'readFileSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'createReadStream',
  'createWriteStream',
  'unlink',
  'unlinkSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'readdir',
  'readdirSync',
  'open',
  'openSync',
  'opendir',
  'opendirSync',
  'stat',
  'statSync',
  'lstat',
  'lstatSync',
  'access',
  'accessSync',
  'mkdir',
  'mkdirSync',
  'exists',
  'existsSync',
  'truncate',
  'truncateSync',
  'chmod',
  'chmodSync',
  'chown',
  'chownSync',
  'utimes',
  'utimesSync',
  'watch',
  'watchFile',
];

/** fs-extra's own path-taking helpers (its re-exports of `fs` are covered above). */
const FS_EXTRA_METHODS = [
  'outputFile',
  'outputFileSync',
  'outputJson',
  'outputJsonSync',
  'readJson',
  'readJsonSync',
  'writeJson',
  'writeJsonSync',
  'remove',
  'removeSync',
  'emptyDir',
  'emptyDirSync',
  'ensureFile',
  'ensureFileSync',
  'ensureDir',
  'ensureDirSync',
  'copy',
  'copySync',
  'move',
  'moveSync',
  'pathExists',
  'pathExistsSync',
];

/** Packages people use beside fs to delete, create, read or write by path. */
const PATH_PACKAGES = [
  'rimraf',
  'rimraf.sync',
  'rimraf.rimraf',
  'rimraf.rimrafSync',
  'del',
  'del.deleteAsync',
  'del.deleteSync',
  'del.sync',
  'mkdirp',
  'mkdirp.sync',
  'mkdirp.mkdirp',
  'mkdirp.mkdirpSync',
  'make-dir',
  'make-dir.sync',
  'jsonfile.readFile',
  'jsonfile.readFileSync',
  'jsonfile.writeFile',
  'jsonfile.writeFileSync',
];

/**
 * Callee paths whose first argument is a file path. Not `realpath`: it only resolves the path (the
 * step before checking it stays inside a root), and its result carries the path on to the calls
 * that open the file.
 */
export const FS_PATH_CALLS: readonly string[] = [
  // `fs.readFileAsync`: bluebird's promisifyAll(fs) adds an `Async` twin of every method.
  // graceful-fs is fs with retries.
  ...FS_METHODS.flatMap((m) => [
    `fs.${m}`,
    `fs.promises.${m}`,
    `fs-extra.${m}`,
    `fs.${m}Async`,
    `graceful-fs.${m}`,
  ]),
  ...FS_EXTRA_METHODS.map((m) => `fs-extra.${m}`),
  ...PATH_PACKAGES,
];

/**
 * What a file system call returns is the file's (contents, a stream, its status, the names in a
 * folder), not the path it was given: the taint engine does not carry the path into the result.
 * `mkdtemp`, mkdirp and make-dir return paths made from their argument, so they carry it.
 */
export const FS_OPAQUE_RESULTS: readonly string[] = FS_PATH_CALLS.filter(
  (c) => !/\.mkdtemp|^(mkdirp|make-dir)/.test(c),
);

/** Callee paths whose second argument is a path too (the destination of a copy, move or link). */
export const FS_TWO_PATH_CALLS: readonly string[] = TWO_PATH_METHODS.flatMap((m) => [
  `fs.${m}`,
  `fs.promises.${m}`,
  `fs-extra.${m}`,
]).concat(['fs-extra.copy', 'fs-extra.copySync', 'fs-extra.move', 'fs-extra.moveSync']);

/**
 * Calls whose result is a constant path when their arguments are: the `path` module's builders,
 * `fileURLToPath`, `new URL(rel, import.meta.url)`, and the process's own folders.
 */
export const PATH_BUILDERS: ReadonlySet<string> = new Set(
  ['join', 'resolve', 'normalize', 'dirname', 'relative', 'format', 'toNamespacedPath']
    .flatMap((m) => [`path.${m}`, `path.posix.${m}`, `path.win32.${m}`])
    .concat(['url.fileURLToPath', 'url.pathToFileURL', 'URL', 'require.resolve']),
);

/** Calls whose result is a folder the program owns, whatever the input. */
export const PROGRAM_FOLDERS: ReadonlySet<string> = new Set([
  'process.cwd',
  'os.homedir',
  'os.tmpdir',
  'electron.app.getPath',
]);

/** Calls whose result cannot leave a folder: a bare file name (`path.basename`). */
export const PATH_SANITISERS: ReadonlySet<string> = new Set([
  'path.basename',
  'path.posix.basename',
  'path.win32.basename',
  'path.extname',
  'sanitize-filename',
]);

/** Globals that name the program's own files. */
export const PROGRAM_PATHS: ReadonlySet<string> = new Set(['__dirname', '__filename']);
