import path from 'node:path';
import type { Root } from 'hast';
import { eachElement } from './each-element.ts';
import type { VFile } from 'vfile';
import { hasScheme, safeDecodeURI } from '../urls.ts';
import { fileDataOf } from './file-data.ts';
import { readImageSize } from './image-size.ts';

/**
 * Gives every `<img>` lazy loading and, when the file is local, its `width` and `height`, so the
 * page does not jump as images arrive (the stylesheet keeps them responsive). The sizes are recorded
 * in `file.data.weeklog.images`. Local files are looked up through `file.data.weeklog.imageDirs`;
 * without it only the loading attributes are added. Sizes the author wrote are kept.
 */
export default function rehypeImageSizes() {
  return function transformer(tree: Root, file: VFile): void {
    const data = fileDataOf(file);
    const dirs = data.imageDirs;
    eachElement(tree, (node) => {
      if (node.tagName !== 'img') return;
      node.properties.loading ??= 'lazy';
      node.properties.decoding ??= 'async';
      const src = node.properties.src;
      if (!dirs || typeof src !== 'string' || src === '' || src.startsWith('//') || hasScheme(src)) return;
      const url = safeDecodeURI(src.split(/[?#]/)[0]!);
      const local = url.startsWith('/') ? path.join(dirs.root, url) : path.resolve(dirs.relative, url);
      const size = readImageSize(local);
      if (!size) return;
      data.images.push({ url: src, ...size });
      if (node.properties.width === undefined && node.properties.height === undefined) {
        node.properties.width = size.width;
        node.properties.height = size.height;
      }
    });
  };
}
