import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, type BuildSummary } from '../../src/site/build.ts';

export const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let built: Promise<{ outputDir: string; summary: BuildSummary }> | null = null;

/** Builds the sample site in content/ once per test process, into a temporary folder. */
export function buildSampleSite(): Promise<{ outputDir: string; summary: BuildSummary }> {
  built ??= (async () => {
    const outputDir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-site-'));
    const summary = await buildSite({ projectDir, outputDir });
    return { outputDir, summary };
  })();
  return built;
}
