import { releaseWrittenPages } from './release-written-pages.ts';
import { renderPagesWhenWritten } from './render-pages-when-written.ts';

/**
 * Eleventy as weeklog writes pages, in `weeklog build` and in `serve`'s full builds alike: each page rendered when
 * it is written and let go once written, so no page's HTML waits for the others to be written. One function for both,
 * because they drifted: `serve` rendered each page when writing it but kept all of them, 1.4 GB alive at the end of
 * its first build at 4000 posts (0.8 GB with them let go). Call it after Eleventy's `init()` and before `write()`.
 */
export function writePagesOneAtATime(eleventy: object): void {
  renderPagesWhenWritten(eleventy);
  releaseWrittenPages(eleventy);
}
