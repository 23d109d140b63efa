import type { RenderedMarkdown } from '../markdown/types.ts';

export interface ReadingTime {
  minutes: number;
  hanChars: number;
  latinWords: number;
}

/** A term link as templates show it. */
export interface TermRef {
  name: string;
  /** Root-relative, unencoded (`/categories/cloud/kubernetes/`). */
  url: string;
}

/**
 * One post, read once and rendered once; everything downstream reuses it. The
 * outline fields (`toc`, `headings`, `text`, `sections`, `linkItems`, `assets`)
 * are the renderer's, as it returned them.
 */
export interface Post extends Pick<RenderedMarkdown, 'toc' | 'headings' | 'text' | 'sections' | 'linkItems' | 'assets' | 'links' | 'ids' | 'tocInText'> {
  /** Path relative to the project, posix separators (`content/posts/a b.md`). */
  file: string;
  /** Path relative to the content folder (`posts/a b.md`). */
  relativePath: string;
  /** SHA-1 of the raw file, for caches. */
  hash: string;
  title: string;
  /** The instant the post was written. */
  date: Date;
  updated: Date | null;
  /** Where the date came from. */
  dateSource: 'front-matter' | 'file-name' | 'git' | 'mtime';
  /** Category path from the root, display names (`['Cloud', 'Kubernetes']`); empty for none. */
  categories: string[];
  /** Every category path (`[[A, B], [C]]` in Hexo front matter); the first is `categories`; empty for none. */
  categoryPaths: string[][];
  /** Tags from front matter, as written (before merging and auto-tagging). */
  frontMatterTags: string[];
  /** Final tags shown and used for pages/feeds; the taxonomy step fills this. */
  tags: string[];
  /** Tags the vocabulary added (subset of `tags` in `add` mode). */
  autoTags: string[];
  draft: boolean;
  /** A page (`about/`): its own URL, no date, never listed, filed or fed (see standalone-pages.ts). */
  standalone: boolean;
  /** Root-relative URL, unencoded, ending in `/` (`/2016/12/05/Alpine-Linux/`). */
  url: string;
  /** Where the URL was chosen, for messages about it: the `permalink:` or `slug:` key, else line 1. */
  urlPlace: { line: number; column: number };
  html: string;
  /** Rendered HTML: `<!-- more -->` part, else description, else automatic. */
  excerptHtml: string;
  /**
   * Set when the excerpt is the automatic one: the excerpts without the first text blocks, so
   * the site can skip an intro repeated on most posts (see `skipBoilerplateExcerpts`).
   */
  excerptsAfterLead?: { lead: string; html: string }[];
  /** Plain-text summary for meta description. */
  summary: string;
  /** Local files to copy: absolute source path -> root-relative output path (unencoded). */
  assetFiles: { source: string; output: string }[];
  readingTime: ReadingTime;
  /** All front matter keys as written, unknown ones included. */
  data: Record<string, unknown>;
  /** Filled by the taxonomy step for templates. */
  categoryRefs: TermRef[];
  tagRefs: TermRef[];
}
