import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../problems.ts';
import type { BuildOptions, BuildSummary } from '../site/build.ts';
import { BuildContext } from './context.ts';
import { buildInputsDigest } from './build-inputs.ts';
import { DiskStore } from './disk-store.ts';
import { keepUnchangedFiles, stampsMatch, stampsOf, type FileStamp } from './output-files.ts';

/** What a finished build leaves in `.cache/weeklog/builds/` for the next one into the same folder. */
interface BuildRecord {
  format: 1;
  outputDir: string;
  /** buildInputsDigest of the build. */
  inputs: string;
  /** The site changes on its own at this time (a future post comes due); ISO date, or null. */
  validUntil: string | null;
  summary: { pages: number; posts: number; problems: Problem[]; merges: string[] };
  /** Every file of the output as the build left it. */
  files: Record<string, FileStamp>;
}

export interface WarmBuildSummary extends BuildSummary {
  /** Nothing had changed: the output was left exactly as it was, not a file written. */
  upToDate: boolean;
  /** Files of the new site that are the previous site's files, untouched (same inode and time). */
  keptFiles: number;
}

/**
 * `weeklog build` that does only what changed. When every input is as the last build into
 * `options.outputDir` found it, and that output is untouched, nothing is built or written.
 * Otherwise the site is built through `replace` (the CLI's atomic swap into the output) with the
 * render cache's help, and every new file whose bytes equal the old one is the old file again.
 */
export async function warmBuild(
  options: BuildOptions,
  replace: (build: (stagingDir: string) => Promise<BuildSummary & { keptFiles: number }>) => Promise<BuildSummary & { keptFiles: number }>,
): Promise<WarmBuildSummary> {
  const started = performance.now();
  const outputDir = path.resolve(options.outputDir);
  const planning = new BuildContext({ ...options, problemsPrintedBy: 'caller' });
  const store = planning.paths.cacheDir === null ? undefined : new DiskStore<BuildRecord>(path.join(planning.paths.cacheDir, 'builds'));
  const recordKey = createHash('sha256').update(outputDir).digest('hex');
  const inputs = store ? await buildInputsDigest(planning) : null;

  if (store && inputs !== null) {
    const record = await store.get(recordKey, (value): value is BuildRecord => isRecord(value, outputDir));
    const due = record?.validUntil != null && Date.now() >= Date.parse(record.validUntil);
    if (record && record.inputs === inputs && !due && (await stampsMatch(outputDir, record.files))) {
      return { ...record.summary, elapsedMs: performance.now() - started, upToDate: true, keptFiles: Object.keys(record.files).length };
    }
  }

  let validUntil: Date | null = null;
  const summary = await replace(async (stagingDir) => {
    // Eleventy is loaded only now: an up-to-date site never needs it.
    const { buildSite, createBuildContext } = await import('../site/build.ts');
    const context = createBuildContext({ ...options, outputDir: stagingDir });
    const built = await buildSite({ ...options, outputDir: stagingDir }, context);
    validUntil = context.facts.nextFuture;
    const keptFiles = existsSync(outputDir) ? await keepUnchangedFiles(stagingDir, outputDir) : 0;
    return { ...built, keptFiles };
  });

  if (store && inputs !== null) {
    const until = validUntil as Date | null;
    await store.set(recordKey, {
      format: 1,
      outputDir,
      inputs,
      validUntil: until ? until.toISOString() : null,
      summary: { pages: summary.pages, posts: summary.posts, problems: summary.problems, merges: summary.merges },
      files: await stampsOf(outputDir),
    });
  }
  return { ...summary, elapsedMs: performance.now() - started, upToDate: false };
}

function isRecord(value: unknown, outputDir: string): value is BuildRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<BuildRecord>;
  return (
    record.format === 1 &&
    record.outputDir === outputDir &&
    typeof record.inputs === 'string' &&
    typeof record.files === 'object' &&
    record.files !== null &&
    typeof record.summary === 'object' &&
    record.summary !== null &&
    Array.isArray(record.summary.problems)
  );
}
