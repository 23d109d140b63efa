import { LineKeys } from '../content/boilerplate.ts';
import type { ContentMemo } from '../content/load-posts.ts';
import type { FeedHtmlCache, PreparedFeedHtml } from '../feeds/feed-items.ts';
import type { PreparedPost, SearchCache } from '../search/build-index.ts';
import { PostingsComposer } from '../search/compose-postings.ts';
import type { RelatedCache } from '../site/related.ts';
import { AutoTagCache } from '../taxonomy/auto-tag-cache.ts';
import type { VocabularyCache } from '../taxonomy/vocabulary.ts';

/**
 * Work kept between the builds of one context (the rebuilds of `weeklog serve`), each map keyed so
 * that a changed input misses: search units by content hash, the tag
 * vocabulary by file and modification time, feed HTML by the post's HTML and URL, related-post term counts by the post's title and text. Owned by a BuildContext; a fresh context starts empty.
 */
export class BuildCaches {
  /** In `serve`, with the token ids and last postings of the search index, so an edit recomposes them (see PostingsComposer). */
  readonly search: SearchCache;
  readonly vocabulary: VocabularyCache = new Map();
  /** In `serve`, with each feed's files as last made (see FeedHtmlCache). */
  readonly feeds: FeedHtmlCache;
  readonly related: RelatedCache = new Map();
  /** Boilerplate line keys (serve only). */
  readonly lineKeys = new LineKeys();
  /** Each post's auto-tagging (serve only). */
  readonly autoTags = new AutoTagCache();
  /** The content folder's file list and git history between loads; only `serve` sets it, as it alone knows when they go stale. */
  content: ContentMemo | null = null;
  /**
   * Hears of each feed, search file and other generated file a build writes (path in the output
   * folder, bytes); `serve` keeps their digests, so its first update need not read them back.
   */
  onGeneratedFile: ((file: string, body: string | Uint8Array) => void) | null = null;

  /**
   * `serve` keeps whole feeds and the index's postings for the next update; a one-off build
   * would only hold them (tens of megabytes at a thousand posts) until it ends.
   */
  constructor(mode: 'build' | 'serve' = 'build') {
    const serve = mode === 'serve';
    this.search = Object.assign(new Map<string, PreparedPost>(), serve ? { composer: new PostingsComposer() } : {});
    this.feeds = Object.assign(new Map<string, PreparedFeedHtml>(), serve ? { feeds: new Map() } : {});
  }
}
