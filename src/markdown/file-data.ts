import type { Problem } from '../problems.ts';
import type { AssetRef, HeadingInfo, TocItem } from './types.ts';

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
  problems: Problem[];
}

declare module 'vfile' {
  interface DataMap {
    weeklog: WeeklogFileData;
  }
}

export function createFileData(lineOffset: number, extractTitle: boolean): WeeklogFileData {
  return { lineOffset, extractTitle, headings: [], toc: [], assets: [], problems: [] };
}

/** The plugins also run outside `renderMarkdown` (tests, inline rendering): give them a neutral default. */
export function fileDataOf(file: { data: { weeklog?: WeeklogFileData } }): WeeklogFileData {
  file.data.weeklog ??= createFileData(0, false);
  return file.data.weeklog;
}
