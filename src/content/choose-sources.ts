import type { ProblemList } from '../problems.ts';
import { splitContentPath } from './find-files.ts';
import type { GitHistory } from './git-dates.ts';
import { postDate } from './post-date.ts';
import type { PostSource } from './read-post-source.ts';
import { hexoListingPage, isStandalonePage } from './standalone-pages.ts';

export interface ChooseSourcesOptions {
  /** The files come from a Hexo `source/` (see isHexoSource). */
  hexoSource: boolean;
  /** `serve` keeps drafts; `build` leaves them out. */
  mode: 'build' | 'serve';
  /** What "in the future" is measured against. */
  now: Date;
  /** Time zone of dates written without one. */
  zone: string;
  /** Dates of undated posts. */
  history: GitHistory;
  /** `settings.futurePosts`: publish posts dated after `now`. */
  futurePosts: boolean;
  /** Where a skipped Hexo listing page is reported. */
  problems: ProblemList;
}

/** A file that becomes a post or a page, with what choosing it found out. */
export interface ChosenSource {
  source: PostSource;
  place: ReturnType<typeof splitContentPath>;
  standalone: boolean;
  draft: boolean;
  dated: ReturnType<typeof postDate>;
}

/**
 * The files that become posts or pages, in the order given: Hexo's own listing pages, drafts in a
 * build and posts dated in the future are left out and counted. Decided before anything is
 * rendered, so every chosen post can be rendered at once (in threads).
 */
export function chooseSources(
  sources: readonly PostSource[],
  options: ChooseSourcesOptions,
): { chosen: ChosenSource[]; skipped: { future: number; drafts: number }; nextFuture: Date | null } {
  const skipped = { future: 0, drafts: 0 };
  let nextFuture: Date | null = null;
  const chosen: ChosenSource[] = [];
  for (const source of sources) {
    const { fields } = source;
    const place = splitContentPath(source.relativePath);
    const listing = hexoListingPage(source.relativePath, source.frontMatter?.data, options.hexoSource);
    if (listing) {
      options.problems.warn(source.file, 1, 1, 'hexo-listing', `This is Hexo's own page for ${listing}, which weeklog generates itself, so it was skipped. Delete the file, or give it a \`permalink:\` to publish it elsewhere.`);
      continue;
    }
    const standalone = isStandalonePage(source.relativePath, source.frontMatter?.data, options.hexoSource);
    const draft = place.isDraft || fields.draft;
    if (draft && options.mode === 'build') {
      skipped.drafts++;
      continue;
    }
    // A page needs no date (Hexo pages rarely have one): it is never listed by date.
    const dated = postDate(source, options.zone, options.history);
    if (!standalone && dated.date.getTime() > options.now.getTime() && !options.futurePosts) {
      skipped.future++;
      if (nextFuture === null || dated.date < nextFuture) nextFuture = dated.date;
      continue;
    }
    chosen.push({ source, place, standalone, draft, dated });
  }
  return { chosen, skipped, nextFuture };
}
