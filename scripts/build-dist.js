// @ts-check
/**
 * Compiles weeklog's TypeScript to `dist/` (npm's `prepare` runs it on every
 * `npm install` and `npm ci`), so a command starts without compiling anything:
 * `bin/weeklog.js` runs dist/ when `dist/manifest.json` says it was built from
 * the sources as they are, and the sources through tsx otherwise.
 *
 *   node scripts/build-dist.js      (npm run build:dist)
 *
 * Entries, all directly in dist/ so every module's place relative to the
 * package is known (see `sourcePlaces`):
 * - `cli.js`               src/cli/main.ts
 * - `eleventy.config.js`   .eleventy.ts, loaded by Eleventy in the same process;
 *                          it shares chunks with cli.js, so both see the same module state
 * - `<name>.worker.js`     every src/**\/<name>.worker.ts (src/compiled.ts `startWorker`)
 * Packages stay external: they are plain JavaScript already, and some find their
 * own files relative to themselves. The render thread is the exception (see
 * SELF_CONTAINED): it is built on its own with its packages inside.
 */
import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { writeManifest } from './dist-manifest.js';

const packageDir = path.resolve(fileURLToPath(import.meta.url), '../..');
/** This script and the manifest's: a change to how dist/ is made makes it stale too. */
const recipe = ['scripts/build-dist.js', 'scripts/dist-manifest.js'];

/** @returns {Record<string, string>} output name (without .js) → source path relative to the package */
function entryPoints() {
  /** @type {Record<string, string>} */
  const entries = { cli: 'src/cli/main.ts', 'eleventy.config': '.eleventy.ts' };
  const workers = readdirSync(path.join(packageDir, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.worker.ts'))
    .map((entry) => path.relative(packageDir, path.join(entry.parentPath, entry.name)));
  for (const worker of workers.sort()) {
    const name = path.basename(worker, '.ts');
    if (entries[name]) throw new Error(`${worker} and ${entries[name]} would both compile to dist/${name}.js; rename one of them.`);
    entries[name] = worker;
  }
  return entries;
}

/**
 * Worker entries built as one file with the packages they import, but for those listed: every
 * render thread of a build loads the Markdown pipeline (~90 small packages) anew, and resolving
 * and loading them one by one took ~170 ms of CPU per thread, one file ~80 ms; the feed HTML
 * thread's ~30 (parse5 and the hast tools) ~50 ms more than one file. A thread has a module
 * graph of its own, so its copies are never mixed with the main thread's. shiki stays outside:
 * it loads its grammars and WebAssembly on demand from its own files.
 * @type {Record<string, string[]>}
 */
const SELF_CONTAINED = { 'render.worker': ['shiki', 'shiki/*', '@shikijs/*'], 'feed-html.worker': [] };

const WORKER_URL = /new URL\((['"])(?:\.\.?\/)+(?:[\w.-]+\/)*([\w-]+)\.worker\.ts\1,\s*import\.meta\.url\)/g;
const DIST_URL = '__weeklog_dist_import_meta_url__';
/**
 * esbuild moves every module into a file directly under dist/, so a module's
 * `import.meta.url` would name that file. weeklog's modules use it to find their
 * own neighbours (grammars, vocabulary.yml, the package folder), so each source
 * module gets its original place instead, computed from dist/ at run time: the
 * package can still be moved or copied after it was built. The one exception is
 * a worker module's URL, which names the compiled worker in dist/.
 * @type {esbuild.Plugin}
 */
const sourcePlaces = {
  name: 'source-places',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.split(path.sep).includes('node_modules')) return undefined;
      const fromDist = `../${path.relative(packageDir, args.path).split(path.sep).join('/')}`;
      const contents = readFileSync(args.path, 'utf8')
        // A worker named the plain way, `new URL('./x.worker.ts', import.meta.url)`, is its compiled entry beside this file.
        .replace(WORKER_URL, (_, quote, name) => `new URL(${quote}./${name}.worker.js${quote}, ${DIST_URL})`)
        .replaceAll('import.meta.url', `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`)
        .replaceAll(DIST_URL, 'import.meta.url');
      return { contents, loader: 'ts' };
    });
  },
};

async function main() {
  const outDir = path.join(packageDir, 'dist');
  // Built beside and swapped in, so a failed or interrupted build never leaves a half-written dist/ that looks fresh.
  const building = `${outDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  /** @type {esbuild.BuildOptions} */
  const common = {
    absWorkingDir: packageDir,
    outdir: building,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    define: { __WEEKLOG_DIST__: 'true' },
    plugins: [sourcePlaces],
    metafile: true,
    logLevel: 'warning',
  };
  const entries = entryPoints();
  const shared = Object.fromEntries(Object.entries(entries).filter(([name]) => !Object.hasOwn(SELF_CONTAINED, name)));
  /** @type {esbuild.BuildResult[]} */
  const results = [await esbuild.build({ ...common, entryPoints: shared, splitting: true, packages: 'external' })];
  for (const [name, external] of Object.entries(SELF_CONTAINED)) {
    if (!entries[name]) throw new Error(`SELF_CONTAINED names ${name}, which is no longer an entry; update scripts/build-dist.js.`);
    results.push(await esbuild.build({ ...common, entryPoints: { [name]: entries[name] }, external }));
  }
  const sources = results.flatMap((result) => Object.keys(result.metafile?.inputs ?? {})).filter((file) => !file.split('/').includes('node_modules'));
  writeManifest(packageDir, building, [...sources, ...recipe]);
  const previous = `${outDir}.previous-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(building, outDir);
  rmSync(previous, { recursive: true, force: true });
  const relative = path.relative(process.cwd(), outDir) || '.';
  const files = results.reduce((count, result) => count + Object.keys(result.metafile?.outputs ?? {}).length, 0);
  console.log(`weeklog: compiled ${new Set(sources).size} sources to ${relative}/ (${files} files)`);
}

await main();
