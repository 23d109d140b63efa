/**
 * Where weeklog's own modules are when it runs compiled (`dist/`, written by
 * `scripts/build-dist.js` at install time) rather than from the TypeScript
 * sources through tsx. Code that names one of weeklog's files to load at run
 * time (the Eleventy config, a worker thread) asks here instead of building
 * the path itself, so the same source works both ways.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

// Replaced by `true` in the compiled files (esbuild `define`); undeclared under tsx.
declare const __WEEKLOG_DIST__: boolean | undefined;

/** True in the JavaScript under dist/, false when the TypeScript sources run through tsx. */
export const runningCompiled: boolean = typeof __WEEKLOG_DIST__ !== 'undefined' && __WEEKLOG_DIST__ === true;

// In dist/, `import.meta.url` is rewritten to this source file's own place, so this is the package either way.
const packageDir = path.resolve(fileURLToPath(import.meta.url), '../..');

/** dist/ of this package; every compiled entry sits directly in it. */
export const distDir = path.join(packageDir, 'dist');

/** The Eleventy config weeklog ships: `dist/eleventy.config.js` compiled, `.eleventy.ts` otherwise. */
export const shippedEleventyConfig: string = runningCompiled ? path.join(distDir, 'eleventy.config.js') : path.join(packageDir, '.eleventy.ts');

/**
 * Starts a worker thread on weeklog's `src/…/<name>.worker.ts` module, given
 * as `new URL('./<name>.worker.ts', import.meta.url)`. Compiled, it runs
 * `dist/<name>.worker.js` (build-dist bundles every `*.worker.ts` under that
 * name). Under tsx, the worker registers tsx before importing the source: a
 * worker does not inherit the loader that `bin/weeklog.js` registered, and
 * `execArgv: ['--import', 'tsx']` is not applied to a worker's entry on Node 20.
 */
export function startWorker(source: URL, options: WorkerOptions = {}): Worker {
  const name = path.basename(fileURLToPath(source));
  // Compiled, build-dist has already rewritten the source's URL to its `dist/<name>.worker.js`.
  const compiledName = runningCompiled && name.endsWith('.worker.js');
  if (!name.endsWith('.worker.ts') && !compiledName) throw new TypeError(`startWorker needs a src/**/*.worker.ts module (build-dist compiles only those), got ${name}`);
  if (runningCompiled) return new Worker(pathToFileURL(path.join(distDir, name.replace(/\.ts$/u, '.js'))), options);
  return workerThroughTsx(source, options);
}

/**
 * A worker thread on a TypeScript module run through tsx, which the worker registers before importing it (it
 * does not inherit its parent's loader). For weeklog's own workers use `startWorker`, which runs them compiled
 * when weeklog is; the bench's scripts start themselves this way.
 */
export function workerThroughTsx(source: URL | string, options: WorkerOptions = {}): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(String(source))}); });`;
  return new Worker(code, { ...options, eval: true });
}
