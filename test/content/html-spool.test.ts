import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { HtmlSpool, readSpooled, SpoolClosedError } from '../../src/content/html-spool.ts';
import { loadPosts } from '../../src/content/load-posts.ts';
import { RenderCache } from '../../src/content/render-cache.ts';
import { makeProject, settingsWith } from './helpers.ts';
import type { Post } from '../../src/content/post.ts';

test('HtmlSpool', async (t) => {
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-spool-test-'));
  t.after(() => rm(tmpDir, { recursive: true, force: true }));

  await t.test('should give back each text as it was put, Chinese, emoji and empty ones too', () => {
    const spool = HtmlSpool.open(tmpDir)!;
    try {
      const texts = ['<p>微服务的 <code>REST</code> 设计</p>', '', '<p>🚀 a\u0000b</p>', 'x'.repeat(70_000)];
      const places = texts.map((text) => spool.put(text));
      // Read in another order than written, and through the file descriptor as a worker thread reads it.
      for (const index of [3, 1, 0, 2]) {
        assert.equal(spool.read(places[index]!), texts[index]);
        assert.equal(readSpooled(spool.fd, places[index]!), texts[index]);
      }
    } finally {
      spool.close();
    }
  });

  await t.test('should leave nothing on disk, from the moment it is open', async () => {
    const spool = HtmlSpool.open(tmpDir)!;
    spool.put('<p>kept only while the build runs</p>');
    assert.deepEqual(await readdir(tmpDir), []);
    spool.close();
    assert.deepEqual(await readdir(tmpDir), []);
  });

  await t.test("should serve an adopted post's `html` from the file, and spool a new value", () => {
    const spool = HtmlSpool.open(tmpDir)!;
    const post = { file: 'content/a.md', html: '<p>旧</p>' } as Post;
    spool.adopt(post, spool.put(post.html));
    assert.equal(post.html, '<p>旧</p>');
    assert.deepEqual(Object.keys(post), ['file', 'html'], 'still an own, enumerable field');
    const before = spool.sliceOf(post);
    post.html = '<p>新的链接</p>';
    assert.equal(post.html, '<p>新的链接</p>');
    assert.notDeepEqual(spool.sliceOf(post), before);
    spool.close();
    assert.throws(() => post.html, SpoolClosedError);
    assert.throws(() => post.html, /content\/a\.md/);
  });

  await t.test('should answer null where no spool can be made', () => {
    assert.equal(HtmlSpool.open(path.join(tmpDir, 'missing', 'folder')), null);
  });

  await t.test('should leave the posts their HTML in memory where the spool takes no more', async () => {
    const projectDir = await makeProject({ 'content/posts/2016-12-05-a.md': '---\ntitle: A\n---\n\n## 安装\n\n正文。\n' });
    const options = { projectDir, mode: 'build' as const, now: new Date('2026-01-01T00:00:00Z'), renderCache: new RenderCache() };
    const spooled = HtmlSpool.open(tmpDir)!;
    const inFile = await loadPosts(settingsWith({}), { ...options, htmlSpool: spooled });
    assert.ok(spooled.sliceOf(inFile.posts[0]!));
    // Writing to a closed file fails as writing to a full disk does.
    const full = HtmlSpool.open(tmpDir)!;
    full.close();
    const inMemory = await loadPosts(settingsWith({}), { ...options, htmlSpool: full });
    assert.equal(full.sliceOf(inMemory.posts[0]!), undefined);
    assert.equal(inMemory.posts[0]!.html, inFile.posts[0]!.html);
    assert.match(inMemory.posts[0]!.html, /正文/);
    spooled.close();
  });
});
