import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CliContext } from '../context.ts';
import { runBuild } from '../commands/build.ts';
import { normalizeOldPath } from './url-zone.ts';

/** An old URL the imported site has no page for, and why. */
export interface MissingOldUrl {
  url: string;
  reason: 'term-case' | 'archive-pages' | 'no-page';
  /** Where the reader finds it now, when weeklog has it under another URL. */
  nowAt?: string;
}

export type OldUrlCheck = { built: true; missing: MissingOldUrl[] } | { built: false; output: string };

/** Every URL a built site serves: `a/index.html` as `/a/`, other files as themselves. */
async function urlsOf(outputDir: string): Promise<Set<string>> {
  const entries = await readdir(outputDir, { recursive: true, withFileTypes: true });
  return new Set(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => normalizeOldPath(`/${path.relative(outputDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`)),
  );
}

/** Why an old URL has no page, given every URL of the new site. */
export function explainMissing(oldPaths: readonly string[], urls: ReadonlySet<string>): MissingOldUrl[] {
  return oldPaths
    .filter((url) => !urls.has(url))
    .map((url): MissingOldUrl => {
      if (/^\/(tags|categories)\//.test(url) && urls.has(url.toLowerCase())) return { url, reason: 'term-case', nowAt: url.toLowerCase() };
      if (/^\/archives\/page\/\d+\/$/.test(url)) return { url, reason: 'archive-pages', nowAt: '/archives/' };
      return { url, reason: 'no-page' };
    });
}

/**
 * Builds the imported site into a throwaway folder, as `weeklog build` will, and
 * compares its URLs with the old ones: what is reported missing is really missing.
 */
export async function checkOldUrls(into: string, oldPaths: readonly string[], ctx: Pick<CliContext, 'env'>): Promise<OldUrlCheck> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'weeklog-import-check-'));
  try {
    const outputDir = path.join(scratch, 'site');
    let output = '';
    const sink = { write: (chunk: string) => ((output += chunk), true) };
    const code = await runBuild({ cwd: into, argv: ['--output', outputDir, '--quiet'], stdout: sink, stderr: sink, env: ctx.env, isTTY: false });
    if (code !== 0) return { built: false, output };
    return { built: true, missing: explainMissing(oldPaths, await urlsOf(outputDir)) };
  } finally {
    // The folder is our own mkdtemp, made above.
    await rm(scratch, { recursive: true, force: true });
  }
}
