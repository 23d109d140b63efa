import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { parse } from 'node-html-parser';
import { imageSize } from '../../src/markdown/image-size.ts';
import { renderMarkdown } from '../../src/markdown/render.ts';

/** The first bytes of a PNG: signature and IHDR with the given size. */
function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(b);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

test('image sizes', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-images-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const postDir = path.join(dir, 'content', 'posts');
  const publicDir = path.join(dir, 'public');
  await mkdir(path.join(postDir, 'img'), { recursive: true });
  await mkdir(path.join(publicDir, 'images'), { recursive: true });
  await writeFile(path.join(postDir, 'img', 'chart 1.png'), pngHeader(640, 360));
  await writeFile(path.join(publicDir, 'images', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"></svg>');

  await t.test('should read PNG, GIF, JPEG and SVG sizes', () => {
    assert.deepEqual(imageSize(pngHeader(3, 2)), { width: 3, height: 2 });
    const gif = Buffer.from('GIF89a\x05\x00\x07\x00', 'latin1');
    assert.deepEqual(imageSize(gif), { width: 5, height: 7 });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 20, 0, 30, 3, 0, 0, 0]);
    assert.deepEqual(imageSize(jpeg), { width: 30, height: 20 });
    assert.deepEqual(imageSize(Buffer.from('<svg width="10px" height="4" viewBox="0 0 1 1">')), { width: 10, height: 4 });
    assert.equal(imageSize(Buffer.from('<svg width="100%">')), null);
  });

  await t.test('should give local images their size and every image lazy loading, and record the sizes', async () => {
    const input = '![chart](img/chart%201.png)\n\n![logo](/images/logo.svg)\n\n![remote](https://example.com/a.png)\n\n<img src="img/chart 1.png" width="320" alt="sized by the author">\n';
    const { html, images } = await renderMarkdown(input, { path: 'content/posts/a.md', imageDirs: { relative: postDir, root: publicDir } });
    const imgs = parse(html).querySelectorAll('img');
    assert.deepEqual(
      imgs.map((img) => [img.getAttribute('width'), img.getAttribute('height'), img.getAttribute('loading'), img.getAttribute('decoding')]),
      [
        ['640', '360', 'lazy', 'async'],
        ['120', '40', 'lazy', 'async'],
        [undefined, undefined, 'lazy', 'async'],
        ['320', undefined, 'lazy', 'async'],
      ],
    );
    assert.deepEqual(images, [
      { url: 'img/chart%201.png', width: 640, height: 360 },
      { url: '/images/logo.svg', width: 120, height: 40 },
      { url: 'img/chart 1.png', width: 640, height: 360 },
    ]);
  });
});
