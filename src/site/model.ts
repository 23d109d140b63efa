import type { Settings } from '../config/settings.ts';
import type { Post } from '../content/post.ts';
import { feedUrls } from '../feeds/urls.ts';
import type { Problem } from '../problems.ts';
import type { Taxonomy, Term } from '../taxonomy/types.ts';
import { buildLinkPages, type LinkFilter, type LinkListingPage } from './link-pages.ts';
import { groupByMonth, type ArchiveYear } from './archive.ts';
import { paginate, type ListingPage } from './paginate.ts';

export type { LinkListingPage } from './link-pages.ts';
import { fillTemplate } from './fill.ts';
import type { UiStrings } from './strings.ts';
import { relatedPosts, type RelatedCache } from './related.ts';
import type { TocItem } from '../markdown/types.ts';

/** What reads every post's plain `text` and `sections` after the site is loaded. */
export type TextReader = 'search' | 'related';

/** A page that lists posts: home, a category, a tag, an archive period. */
export interface PostListingPage extends ListingPage<Post> {
  kind: 'home' | 'category' | 'tag' | 'archive';
  /** The term, for category and tag pages. */
  term: Term | null;
  /** Page heading (already translated, plain text). */
  heading: string;
  /** Feeds for this listing (site feeds on home and archive). */
  feeds: ReturnType<typeof feedUrls>;
}

/** A post with its neighbours in date order, for the post page. */
export interface PostPage {
  post: Post;
  newer: Post | null;
  older: Post | null;
  /** The sidebar contents list, unless the author placed one in the text with `[TOC]`. */
  sidebarToc: boolean;
  /** A page (`about/`): no date, terms or previous/next, never listed. */
  standalone: boolean;
  /** Up to five posts on the same subject (shared tags and text), most related first. */
  related: Post[];
}

/** The sidebar contents list, unless the author placed one in the text with `[TOC]`. */
// Two entries, at any depth, make a contents list worth showing (a digest may have one `##` and
// many `###`); a `[TOC]` in the text keeps the sidebar and is hidden beside it by the stylesheet.
export function hasSidebarToc(post: Post): boolean {
  return countToc(post.toc) >= 2;
}

/**
 * Everything the templates render. A class, not a plain object: Eleventy merges
 * plain data objects into every page's data, and this one is large and cyclic
 * (terms know their parents and children), so it must travel by reference.
 */
export class SiteModel {
  readonly postPages: PostPage[];
  readonly homePages: PostListingPage[];
  readonly termPages: PostListingPage[];
  readonly archivePages: PostListingPage[];
  readonly archive: ArchiveYear[];
  readonly linkPages: LinkListingPage[];
  readonly linkTags: LinkFilter[];
  readonly linkSections: LinkFilter[];
  readonly feeds = feedUrls('/');
  /** Every post's related posts, once worked out (see `provideRelated`). */
  #related: Map<Post, Post[]> | null = null;
  /** Settles once a thread working out related posts has answered or failed (see `relatedInThread`). */
  #relatedThread: Promise<void> = Promise.resolve();
  /** What still reads the posts' `text` and `sections` in a build (see `doneReadingText`). */
  readonly #textReaders = new Set<TextReader>(['search', 'related']);

  constructor(
    readonly settings: Settings,
    readonly posts: Post[],
    readonly taxonomy: Taxonomy,
    readonly strings: UiStrings,
    readonly mode: 'build' | 'serve',
    /** Every problem of the run; shown in the page in serve mode. */
    readonly problems: Problem[],
    /** Standalone pages: built at their URL, left out of listings, terms, feeds and search. */
    readonly pages: Post[] = [],
    /** Term counts kept between the models of one `serve` session (a BuildContext's `caches.related`) (default: none). */
    relatedCache: RelatedCache | null = null,
  ) {
    // Worked out when a post page first asks: a model built for its URLs alone (url-clashes.ts)
    // or for feeds and listings never needs it, and it is the costliest part of the model.
    const relatedOf = (post: Post): Post[] => (this.#related ??= relatedPosts(posts, { cache: relatedCache })).get(post) ?? [];
    this.postPages = [
      ...posts.map((post, index) => ({
        post,
        newer: posts[index - 1] ?? null,
        older: posts[index + 1] ?? null,
        sidebarToc: hasSidebarToc(post),
        standalone: false,
        get related() {
          return relatedOf(post);
        },
      })),
      ...pages.map((post) => ({ post, newer: null, older: null, sidebarToc: hasSidebarToc(post), standalone: true, related: [] })),
    ];

    const listing = (
      kind: PostListingPage['kind'],
      items: Post[],
      baseUrl: string,
      heading: string,
      term: Term | null,
      perPage = settings.perPage,
    ): PostListingPage[] =>
      paginate(items, perPage, baseUrl).map((page) => ({
        ...page,
        kind,
        term,
        heading,
        feeds: feedUrls(term ? term.url : '/'),
      }));

    this.homePages = listing('home', posts, '/', settings.title, null);
    this.termPages = [
      ...taxonomy.allCategories.flatMap((term) =>
        listing('category', term.posts, term.url, fillTemplate(strings.categoryTitle, { name: term.path.join(' / ') }), term),
      ),
      ...taxonomy.tags.flatMap((term) => listing('tag', term.posts, term.url, fillTemplate(strings.tagTitle, { name: term.name }), term)),
    ];

    // Archive listings are compact (one line a post), so they take more per page.
    const archivePerPage = settings.perPage * 5;
    this.archive = groupByMonth(posts, settings.timezone);
    this.archivePages = [
      ...listing('archive', posts, '/archives/', strings.archiveTitle, null, archivePerPage),
      ...this.archive.flatMap((year) => [
        ...listing('archive', year.posts, year.url, fillTemplate(strings.archiveYear, { year: year.year }), null, archivePerPage),
        ...year.months.flatMap((month) =>
          listing(
            'archive',
            month.posts,
            month.url,
            fillTemplate(strings.archiveMonth, { year: month.year, month: month.month }),
            null,
            archivePerPage,
          ),
        ),
      ]),
    ];

    const links = buildLinkPages(taxonomy, settings, strings);
    this.linkPages = links.pages;
    this.linkTags = links.tags;
    this.linkSections = links.sections;
  }

  /** Related posts of these posts worked out elsewhere (related-thread.ts), used unless a page has asked already. */
  provideRelated(related: Map<Post, Post[]>): void {
    this.#related ??= related;
  }

  /** Related posts being worked out in a thread (related-thread.ts): provided when it answers, and the posts' text let go. */
  relatedInThread(answer: Promise<Map<Post, Post[]> | null>): Promise<void> {
    this.#relatedThread = answer.then((related) => {
      if (!related) return;
      this.provideRelated(related);
      this.doneReadingText('related');
    });
    return this.#relatedThread;
  }

  /**
   * Settles once the related-posts thread, if one was started, has answered or failed: a build's
   * feed HTML thread starts after it, so the two threads' heaps are never alive at once (at 4000
   * posts, with the main thread's search index, they made the build's peak). Eleventy waits for
   * the related posts before the pages anyway.
   */
  relatedThreadSettled(): Promise<void> {
    return this.#relatedThread.catch(() => {});
  }

  /**
   * `reader` has what it needs of the posts' `text` and `sections`. Once the search index is
   * written and the related posts are worked out, nothing of a build reads them again (pages, feeds
   * and the sitemap use the HTML, the excerpt and the summary), so a build lets go of them: at 4000
   * posts they were ~70 MB of the ~300 MB alive while Eleventy writes the pages. `serve` keeps
   * them: its next edit works out search and related posts again from the same posts. So does a
   * project with its own templates, which may print the text (generated-files.ts never says so then).
   */
  doneReadingText(reader: TextReader): void {
    if (this.mode !== 'build') return;
    this.#textReaders.delete(reader);
    if (this.#textReaders.size > 0) return;
    for (const post of this.posts) {
      post.text = '';
      post.sections = [];
    }
  }

  /** Tags sorted by use, for the tag index and cloud. */
  get tagsByCount(): Term[] {
    return [...this.taxonomy.tags].sort((a, b) => b.posts.length - a.posts.length || a.name.localeCompare(b.name));
  }
}

function countToc(items: readonly TocItem[]): number {
  return items.reduce((sum, item) => sum + 1 + countToc(item.children), 0);
}
