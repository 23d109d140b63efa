import { readRuntimeOptions } from '../config/runtime.ts';
import { loadSite } from './load-site.ts';
import type { SiteModel } from './model.ts';

let current: Promise<SiteModel> | null = null;

/**
 * The site model of the build in progress. Eleventy asks for global data and
 * runs its after-build hooks separately; all of them share this one promise so
 * posts are read once per build. `resetCurrentSite` starts the next build afresh
 * (the content loader's own cache keeps unchanged posts from being re-rendered).
 */
export function currentSite(): Promise<SiteModel> {
  current ??= loadSite(readRuntimeOptions());
  return current;
}

export function resetCurrentSite(): void {
  current = null;
}
