import type { RenderResult } from './render-cache.ts';

/** Bumped when the stored shape changes. */
export const FORMAT = 1;

/** One rendered post as the render cache keeps it on disk (`.cache/weeklog/render/<key>.json`). */
export interface StoredEntry {
  format: typeof FORMAT;
  key: string;
  result: RenderResult;
}

/**
 * Where a render thread stores the post it rendered, instead of sending the result back: the
 * render cache's folder and the post's key (see RenderCache#renderAll).
 */
export interface StoreTarget {
  dir: string;
  key: string;
}

export function storedEntry(key: string, result: RenderResult): StoredEntry {
  return { format: FORMAT, key, result };
}

/** A whole entry, written by this version for this key; anything else is read as a miss. */
export function isStoredEntry(value: unknown, key: string): value is StoredEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<StoredEntry>;
  const result = entry.result as Partial<RenderResult> | undefined;
  return (
    entry.format === FORMAT &&
    entry.key === key &&
    typeof result === 'object' &&
    result !== null &&
    typeof result.excerptHtml === 'string' &&
    typeof result.summary === 'string' &&
    typeof result.readingTime === 'object' &&
    typeof result.rendered === 'object' &&
    result.rendered !== null &&
    typeof result.rendered.html === 'string' &&
    Array.isArray(result.rendered.problems) &&
    Array.isArray(result.rendered.links)
  );
}
