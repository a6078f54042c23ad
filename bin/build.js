// Compiles Keygate's TypeScript into one JavaScript file that plain node runs: no loader
// thread, no per-file transforms, about 40 MB less resident memory than running the sources
// through tsx. Packages stay external (node_modules); migrations are imported statically.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'keygate');
const MIGRATIONS = join(ROOT, 'migrations');

/**
 * The compiled file for `entry` (a path from the repository root), built unless a build of
 * exactly these sources is already there: the file's name holds a digest of every file under
 * src/ and migrations/, the entry, this script and esbuild's version, so a changed source is
 * never served from an old build. Several processes building at once each write their own
 * temporary file and rename it into place.
 *
 * @param {string} [entry] @default 'src/main.ts'
 * @returns {Promise<string>} the absolute path of the compiled file
 */
export async function compiled(entry = 'src/main.ts') {
  const require = createRequire(import.meta.url);
  const esbuildPackage = await readFile(require.resolve('esbuild/package.json'));
  const digest = createHash('sha256');
  digest.update(esbuildPackage);
  digest.update(`\0${entry}\0`);
  for (const file of [
    fileURLToPath(import.meta.url),
    join(ROOT, entry),
    ...(await filesUnder(join(ROOT, 'src'))),
    ...(await filesUnder(MIGRATIONS)),
    // An entry outside src/ (the bench's servers) also imports files beside it.
    ...(entry.startsWith('bench/') ? await filesUnder(join(ROOT, 'bench'), /\.ts$/) : []),
  ]) {
    digest.update(`${relative(ROOT, file)}\0`);
    digest.update(await readFile(file));
  }
  const name = entry.replace(/^.*\//, '').replace(/\.ts$/, '');
  const out = join(CACHE, `${name}-${digest.digest('hex').slice(0, 16)}.js`);
  if (await exists(out)) return out;
  // One build at a time in this process: esbuild.stop() would end another's build.
  const build = building.then(() => buildFile(entry, out));
  building = build.catch(() => {});
  return build;
}

/** The build this process is running, if any (see compiled). */
let building = Promise.resolve();

/** @param {string} entry @param {string} out @returns {Promise<string>} */
async function buildFile(entry, out) {
  if (await exists(out)) return out;
  // Loaded only to build: a process serving a cached build never holds esbuild.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    write: false,
    outfile: out,
    logLevel: 'silent',
    plugins: [staticMigrations],
  });
  await esbuild.stop();
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error(`esbuild wrote nothing for ${entry}`);
  await mkdir(CACHE, { recursive: true });
  const temporary = `${out}.${process.pid}.tmp`;
  await writeFile(temporary, file.contents);
  await rename(temporary, out);
  return out;
}

/** src/db/migration-files.ts, which reads the folder at run time, becomes static imports. */
const staticMigrations = {
  name: 'static-migrations',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]db[\\/]migration-files\.ts$/ }, async () => {
      const files = (await readdir(MIGRATIONS)).filter((f) => /\.(ts|js)$/.test(f)).sort();
      const lines = files.map(
        (f, i) => `import * as m${i} from ${JSON.stringify(join(MIGRATIONS, f))};`,
      );
      const entries = files.map((f, i) => `${JSON.stringify(f.replace(/\.(ts|js)$/, ''))}: m${i}`);
      return {
        loader: 'js',
        resolveDir: MIGRATIONS,
        contents: `${lines.join('\n')}\nexport async function migrationFiles() {\n  return { ${entries.join(', ')} };\n}\n`,
      };
    });
  },
};

/**
 * @param {string} dir @param {RegExp} [only] @returns {Promise<string[]>} every file below
 * `dir` (whose name matches `only`), sorted
 */
async function filesUnder(dir, only = /(?:)/) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && only.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** @param {string} file */
async function exists(file) {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

// `node bin/build.js [entry]` (npm run build): builds now and prints the file's path.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await compiled(process.argv[2])}\n`);
}
