import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { loadPosts } from '../../src/content/load-posts.ts';
import { RenderCache } from '../../src/content/render-cache.ts';
import { makeProject, settingsWith } from './helpers.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

test('render cache across rebuilds', async (t) => {
  await t.test('should render a file again when the folder becomes a Hexo source, converting its tags', async () => {
    const projectDir = await makeProject({
      'content/notes/a.md': '---\ntitle: A\ndate: 2016-01-01\n---\n\n{% raw %}{{ x }}{% endraw %}\n',
    });
    const settings = settingsWith({});
    const renderCache = new RenderCache();
    const first = await loadPosts(settings, { projectDir, mode: 'serve', now: NOW, renderCache });
    assert.match(first.posts[0]!.html, /\{% raw %\}/, 'outside a Hexo source the text is the author’s own');

    // As in `weeklog serve`: a _posts/ folder appears, and the same process loads again.
    await mkdir(path.join(projectDir, 'content/_posts'));
    await writeFile(path.join(projectDir, 'content/_posts/b.md'), '---\ntitle: B\ndate: 2016-01-02\n---\n\nb\n');
    const second = await loadPosts(settings, { projectDir, mode: 'serve', now: NOW, renderCache });
    const a = second.posts.find((post) => post.file === 'content/notes/a.md')!;
    assert.doesNotMatch(a.html, /\{% raw %\}/);
    assert.match(a.html, /\{\{ x \}\}/);
    assert.equal(second.renders.cached, 0, 'a.md was rendered again, b.md is new');
  });
});
