import type { Problem } from '../problems.ts';

/** One entry of a post's table of contents; nested by heading depth. */
export interface TocItem {
  depth: number;
  /** The heading's `id`, unencoded (Chinese kept). */
  id: string;
  text: string;
  children: TocItem[];
}

export interface HeadingInfo {
  depth: number;
  id: string;
  text: string;
  /** 1-based line in the source file. */
  line: number;
}

/**
 * How a digest writes a recommended link:
 * - `heading`: `## [title](url)`, the section below is the note;
 * - `numbered`: a paragraph `1、[标题](url)` (Chinese numbering, not a Markdown list);
 * - `list`: a list item starting with a link, `1. [title](url)：note`, `- **[title](url)** note`;
 * - `heading-link`: `### title` then a paragraph that starts with the link;
 * - `paragraph`: `[title](url)` alone in a paragraph, the note and images after it.
 */
export type LinkItemShape = 'heading' | 'numbered' | 'list' | 'heading-link' | 'paragraph';

export const LINK_ITEM_SHAPES: readonly LinkItemShape[] = ['heading', 'numbered', 'list', 'heading-link', 'paragraph'];

/** One recommended link of a reading list, recorded while rendering. */
export interface LinkItem {
  title: string;
  url: string;
  /** Host name without `www.`. */
  domain: string;
  /** Id of the item's heading, else of the section heading it sits under; `''` for none. */
  anchor: string;
  /** Depth of the item's own heading; `0` when it is not a heading. */
  depth: number;
  /** The author's note: plain text from the link up to the next item, code excluded. */
  text: string;
  /** 1-based line and column of the link in the source file. */
  line: number;
  column: number;
  /** Text of the section heading the item sits under (`文章`, `工具`); `''` for none. */
  section: string;
  shape: LinkItemShape;
  /** The first line of the block that starts the item, as plain text: boilerplate is judged on it. */
  context: string;
}

/** A piece of a page between two headings, for search. */
export interface Section {
  /** Heading id, or null for the text before the first heading. */
  anchor: string | null;
  heading: string;
  text: string;
  /** Set when the section is a link item. */
  linkUrl?: string;
}

/** A local file referenced by the post (`img/a.png`, `/images/x.jpg`). */
export interface AssetRef {
  /** As written, percent-decoded, without query or hash. */
  url: string;
  kind: 'relative' | 'root';
  line: number;
  column: number;
}

/** A link on the page, as rendered (percent-encoded), and where its element starts in the source file. */
export interface LinkRef {
  href: string;
  /** 1-based, front matter included; 0 when the element has no place (generated). */
  line: number;
  column: number;
}

/** A local image's size, read while rendering. */
export interface ImageInfo {
  /** `src` as written. */
  url: string;
  width: number;
  height: number;
}

/** Where local images are read for their sizes. */
export interface ImageDirs {
  /** Folder for relative URLs (`img/a.png`): the post's own. */
  relative: string;
  /** Folder for root URLs (`/images/a.png`): the public folder. */
  root: string;
}

export interface RenderOptions {
  /** Source path for messages (`content/posts/a.md`). */
  path: string;
  /** Lines before the Markdown body in the file (front matter), added to every reported line (default: `0`). */
  lineOffset?: number | null | undefined;
  /** Take a leading `# heading` as the title and remove it from the body (default: `false`). */
  extractTitle?: boolean | null | undefined;
  /** Length in characters of the automatic excerpt (default: `200`). */
  excerptLength?: number | null | undefined;
  /** Link item shapes to recognise (default: all of `LINK_ITEM_SHAPES`). */
  linkItemShapes?: readonly LinkItemShape[] | null | undefined;
  /** Folders to read local images from, for their width and height (default: none; images get no size). */
  imageDirs?: ImageDirs | null | undefined;
}

export interface RenderedMarkdown {
  /** The post body as HTML. */
  html: string;
  /** Text of the first `#` heading when `extractTitle` found one (it is then not in `html`). */
  title?: string;
  /** HTML before `<!-- more -->`, when the marker is present. */
  moreExcerptHtml?: string;
  /** Plain text of `moreExcerptHtml` as a summary reads it (code left out, whitespace collapsed). */
  moreExcerptText?: string;
  /** Automatic excerpt: whole blocks up to about `excerptLength` characters, cut at a sentence end. */
  autoExcerptHtml: string;
  /** Plain text of `autoExcerptHtml` as a summary reads it. */
  autoExcerptText: string;
  /** The automatic excerpt without the first 1, 2, 3 text blocks, and the text of each block left out. */
  excerptsAfterLead?: { lead: string; html: string }[];
  toc: TocItem[];
  headings: HeadingInfo[];
  /** Plain text of the prose, code blocks excluded (reading time, search). */
  text: string;
  sections: Section[];
  linkItems: LinkItem[];
  assets: AssetRef[];
  links: LinkRef[];
  ids: string[];
  /** The author placed the contents list in the text with `[TOC]` and it was filled. */
  tocInText: boolean;
  /** Sizes of the local images found through `imageDirs`. */
  images: ImageInfo[];
  /** Unknown code languages and similar, with file:line. */
  problems: Problem[];
}
