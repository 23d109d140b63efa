import type { Post } from '../content/post.ts';
import type { LinkItem } from '../markdown/types.ts';
import type { Problem } from '../problems.ts';

/** A category (one node of the hierarchy) or a tag. */
export interface Term {
  kind: 'category' | 'tag';
  /** Display name: the most used spelling after merging. */
  name: string;
  /** URL segment; keeps Chinese, lower-cases Latin, never empty. */
  slug: string;
  /** Root-relative, unencoded, ending in `/` (`/categories/cloud/kubernetes/`, `/tags/服务网格/`). */
  url: string;
  /** Display names from the root category down to this one; `[name]` for tags. */
  path: string[];
  /** Newest first. A category's posts include its descendants' posts. */
  posts: Post[];
  /** Child categories, by name; empty for tags. */
  children: Term[];
  parent: Term | null;
}

/** A link item with the post it came from and its own tags. */
export interface LinkEntry extends LinkItem {
  post: Post;
  /** Vocabulary tags found in the item's title and notes. */
  tags: string[];
  /**
   * URL segment of each of `tags`, same order, `tagMap` applied; the same slug
   * as the tag's term when a post carries the tag too (`CI/CD` → `ci-cd`).
   */
  tagSlugs: string[];
}

export interface Taxonomy {
  /** Top-level categories, by name. */
  categories: Term[];
  /** Every category node, depth first. */
  allCategories: Term[];
  /** Every tag, by name. */
  tags: Term[];
  /** Human-readable lines: `merged tags "kubernetes", "ＫＵＢＥＲＮＥＴＥＳ" into "Kubernetes"`. */
  merges: string[];
  /** All link items across posts, newest post first, then in page order. */
  links: LinkEntry[];
  problems: Problem[];
}

/** A file the site writes besides HTML pages (feeds, search index, links.json). */
export interface OutputFile {
  /** Root-relative path without leading slash, unencoded (`tags/服务网格/atom.xml`). */
  path: string;
  body: string | Uint8Array;
}
