import type { Element, Root } from 'hast';
import { eachElement } from './each-element.ts';
import type { VFile } from 'vfile';
import { fileDataOf } from './file-data.ts';
import type { AssetRef } from './types.ts';
import { hasScheme } from '../urls.ts';

/** Attributes holding one URL, per element. */
const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  img: ['src'],
  source: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  a: ['href'],
};
const SRCSET_ELEMENTS = new Set(['img', 'source']);
/** Links to these are pages, not files to copy. */
const PAGE_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'md', 'markdown', 'php', 'asp', 'aspx', 'jsp']);

/**
 * Records the local files a post references (images, media, downloads) with their place, so the
 * build can copy them next to the page. URLs in the HTML stay as written.
 */
export default function rehypeCollectAssets() {
  return function transformer(tree: Root, file: VFile): void {
    const data = fileDataOf(file);
    eachElement(tree, (node) => {
      const urls: string[] = [];
      for (const attribute of URL_ATTRIBUTES[node.tagName] ?? []) {
        const value = node.properties[attribute];
        if (typeof value === 'string') urls.push(value);
      }
      if (SRCSET_ELEMENTS.has(node.tagName)) urls.push(...srcsetUrls(node));
      for (const written of urls) {
        const asset = toAsset(written, node.tagName === 'a', node, data.lineOffset);
        if (asset) data.assets.push(asset);
      }
    });
  };
}

function srcsetUrls(node: Element): string[] {
  const value = node.properties.srcSet;
  const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  return text
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '');
}

/** `null` for remote, in-page, data and page links. */
export function toAsset(written: string, isLink: boolean, node: Element, lineOffset: number): AssetRef | null {
  const url = written.trim();
  if (url === '' || url.startsWith('#') || url.startsWith('//') || url.startsWith('?') || hasScheme(url)) return null;
  const path = decode(url.replace(/[?#].*$/, ''));
  if (path === '' || path.endsWith('/')) return null;
  if (isLink) {
    const extension = /\.([a-z\d]+)$/i.exec(path.slice(path.lastIndexOf('/') + 1))?.[1]?.toLowerCase();
    if (!extension || PAGE_EXTENSIONS.has(extension)) return null;
  }
  const start = node.position?.start;
  return {
    url: path,
    kind: path.startsWith('/') ? 'root' : 'relative',
    line: start ? start.line + lineOffset : 0,
    column: start?.column ?? 0,
  };
}

function decode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    // A stray `%` is a literal character in a file name.
    return url;
  }
}
