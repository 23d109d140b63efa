import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const generateScript = fileURLToPath(new URL('./hexo-generate.mjs', import.meta.url));

export interface HexoDocument {
  source: string;
  /** Hexo's path: `2016/12/05/a/`, `about/index.html`, `SRE/testing.html`, or `/custom/` when pinned. */
  path: string;
  title: string;
  date: string;
}

export interface HexoResult {
  /** Every file Hexo would write, relative to public/. */
  routes: string[];
  posts: HexoDocument[];
  pages: HexoDocument[];
}

/** What real Hexo 8 generates from `siteDir`, run in the zone `tz` as `TZ=… hexo generate` would be. */
export async function generateWithHexo(siteDir: string, tz: string): Promise<HexoResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [generateScript, siteDir], {
    env: { ...process.env, TZ: tz },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as HexoResult;
}

/** A site path as a root-relative URL the way a static host serves it: `a/index.html` → `/a/`. */
export function urlOfPath(sitePath: string): string {
  const url = `/${sitePath.replace(/^\/+/, '')}`;
  return url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url;
}

/** Every file below an output folder, as URLs (`urlOfPath`). */
export async function urlsOfOutput(outputDir: string): Promise<Set<string>> {
  const entries = await readdir(outputDir, { recursive: true, withFileTypes: true });
  return new Set(
    entries.filter((e) => e.isFile()).map((e) => urlOfPath(path.relative(outputDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))),
  );
}
