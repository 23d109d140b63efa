#!/usr/bin/env node
// Runs the JavaScript that `npm install` compiled to dist/ (scripts/build-dist.js) when it was
// compiled from the sources as they are now; otherwise, e.g. while src/ is being edited, the
// TypeScript sources through tsx, so a changed source is never shadowed by an old dist/.
// WEEKLOG_FROM_SOURCE=1 forces the sources.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distStaleReason } from '../scripts/dist-manifest.js';

const packageDir = path.resolve(fileURLToPath(import.meta.url), '../..');

/** A project's own .eleventy.ts is TypeScript that may import weeklog's sources: it needs tsx and the same module instances. */
function projectHasOwnConfig() {
  const config = path.resolve('.eleventy.ts');
  return existsSync(config) && realpathSync(config) !== realpathSync(path.join(packageDir, '.eleventy.ts'));
}

const useDist = !process.env.WEEKLOG_FROM_SOURCE && !projectHasOwnConfig() && distStaleReason(packageDir) === undefined;
if (useDist) {
  const { runProcess } = await import('../dist/cli.js');
  await runProcess();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { runProcess } = await import('../src/cli/main.ts');
  await runProcess();
}
