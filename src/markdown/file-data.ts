import type { Problem } from '../problems.ts';
import type { AssetRef, HeadingInfo, ImageDirs, ImageInfo, LinkItem, LinkItemShape, LinkRef, TocItem } from './types.ts';

/** What one document's plugins read and write on its `VFile`; set up fresh for every render. */
export interface WeeklogFileData {
  /** Lines before the Markdown body (front matter), added to every reported line. */
  lineOffset: number;
  extractTitle: boolean;
  title?: string;
  /** Indices from the root down to where `<!-- more -->` was (the marker itself is removed). */
  morePath?: number[];
  headings: HeadingInfo[];
  toc: TocItem[];
  assets: AssetRef[];
  /** Every `<a href>` in document order (`rehype-collect-links`). */
  links: LinkRef[];
  /** Every `id` on the page, headings and footnotes included (`rehype-collect-links`). */
  ids: string[];
  /** `rehype-toc` filled a `[TOC]` the author placed, so the page needs no sidebar list. */
  tocInText: boolean;
  /** Shapes `rehype-link-items` recognises in this document; unset means the plugin's default. */
  linkItemShapes?: readonly LinkItemShape[];
  linkItems: LinkItem[];
  /** Where `rehype-image-sizes` reads local images; unset, it only adds lazy loading. */
  imageDirs?: ImageDirs;
  images: ImageInfo[];
  problems: Problem[];
}

declare module 'vfile' {
  interface DataMap {
    weeklog: WeeklogFileData;
  }
}

export function createFileData(lineOffset: number, extractTitle: boolean, imageDirs?: ImageDirs | null): WeeklogFileData {
  return {
    lineOffset, extractTitle, headings: [], toc: [], assets: [], links: [], ids: [], tocInText: false, linkItems: [], images: [], problems: [],
    ...(imageDirs ? { imageDirs } : {}),
  };
}

/** The plugins also run outside `renderMarkdown` (tests, inline rendering): give them a neutral default. */
export function fileDataOf(file: { data: { weeklog?: WeeklogFileData } }): WeeklogFileData {
  file.data.weeklog ??= createFileData(0, false);
  return file.data.weeklog;
}

/** Reports a content problem at `node`'s place in the source file (front matter lines included). */
export function reportAt(
  file: { path: string; data: { weeklog?: WeeklogFileData } },
  node: { position?: { start: { line: number; column: number } } },
  problem: Pick<Problem, 'ruleId' | 'message'> & { severity?: Problem['severity'] },
): void {
  const data = fileDataOf(file);
  const start = node.position?.start;
  data.problems.push({
    file: file.path,
    line: start ? start.line + data.lineOffset : 0,
    column: start?.column ?? 0,
    severity: problem.severity ?? 'warning',
    ruleId: problem.ruleId,
    message: problem.message,
  });
}
