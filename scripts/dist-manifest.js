// @ts-check
/**
 * The record of which sources `dist/` was compiled from, and the check that
 * `bin/weeklog.js` runs on every start to decide between the compiled files and
 * the TypeScript sources. Plain JavaScript with no dependencies: it runs before
 * anything is compiled, and it is on the start-up path of every command.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const MANIFEST_NAME = 'manifest.json';
/** Bumped when the layout of dist/ changes, so an old dist/ is never run by a newer bin/weeklog.js. */
export const DIST_FORMAT = 1;

/**
 * @typedef {{ file: string; size: number; sha256: string }} InputRecord
 *   `file` is relative to the package folder, with `/` separators.
 * @typedef {{ format: number; inputs: InputRecord[] }} Manifest
 */

/** @param {string} file */
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Writes `<distDir>/manifest.json` for the given source files.
 * @param {string} packageDir
 * @param {string} distDir
 * @param {string[]} files paths relative to packageDir
 */
export function writeManifest(packageDir, distDir, files) {
  /** @type {Manifest} */
  const manifest = {
    format: DIST_FORMAT,
    inputs: [...new Set(files)].sort().map((file) => {
      const absolute = path.join(packageDir, file);
      return { file: file.split(path.sep).join('/'), size: statSync(absolute).size, sha256: sha256(absolute) };
    }),
  };
  writeFileSync(path.join(distDir, MANIFEST_NAME), `${JSON.stringify(manifest, null, 1)}\n`);
}

/**
 * Why `dist/` must not be run, or `undefined` when it was compiled from the
 * sources as they are now. Every source is hashed (about 0.3 MB, a few
 * milliseconds): modification times would call a fresh checkout stale and miss
 * an edit that kept the old time.
 * @param {string} packageDir
 * @returns {string | undefined}
 */
export function distStaleReason(packageDir) {
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(packageDir, 'dist', MANIFEST_NAME), 'utf8'));
  } catch {
    return 'dist/ has not been built (npm install runs `npm run build:dist`)';
  }
  if (manifest.format !== DIST_FORMAT || !Array.isArray(manifest.inputs)) return 'dist/ was built by another version of the build script';
  for (const input of manifest.inputs) {
    const absolute = path.join(packageDir, input.file);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      return `${input.file} is gone`;
    }
    if (stat.size !== input.size || sha256(absolute) !== input.sha256) return `${input.file} changed`;
  }
  return undefined;
}
