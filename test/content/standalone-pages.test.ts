import assert from 'node:assert/strict';
import test from 'node:test';
import { loadPosts } from '../../src/content/load-posts.ts';
import { isHexoSource, isStandalonePage, splitStandalonePages, standalonePageUrl } from '../../src/content/standalone-pages.ts';
import { makeProject, settingsWith } from './helpers.ts';

test('standalone pages', async (t) => {
  await t.test('should take layout: page, pages/ and non-post files of a Hexo source as pages', () => {
    assert.equal(isStandalonePage('posts/a.md', { layout: 'page' }, false), true);
    assert.equal(isStandalonePage('pages/about.md', {}, false), true);
    assert.equal(isStandalonePage('posts/a.md', {}, false), false);
    assert.equal(isStandalonePage('about/index.md', {}, true), true);
    assert.equal(isStandalonePage('_posts/a.md', {}, true), false);
    assert.equal(isStandalonePage('_drafts/a.md', {}, true), false);
    // Outside a Hexo source, a folder is just where notes live.
    assert.equal(isStandalonePage('notes/a.md', {}, false), false);
    assert.equal(isHexoSource(['about/index.md', '_posts/a.md']), true);
    assert.equal(isHexoSource(['posts/a.md', 'notes/b.md']), false);
  });

  await t.test('should give a page the URL of its path, as Hexo does', () => {
    assert.equal(standalonePageUrl('about/index.md'), '/about/');
    assert.equal(standalonePageUrl('pages/about.md'), '/about/');
    assert.equal(standalonePageUrl('pages/友情链接/index.markdown'), '/友情链接/');
    assert.equal(standalonePageUrl('index.md'), '/');
  });

  await t.test('should keep a Hexo page a page when every post of the source is left out of the build', async () => {
    const projectDir = await makeProject({
      'content/_posts/wip.md': '---\ntitle: WIP\ndate: 2016-01-01\ndraft: true\n---\nx\n',
      'content/about/index.md': '---\ntitle: 关于\n---\n关于本站。\n',
    });
    const { posts } = await loadPosts(settingsWith({}), { projectDir, mode: 'build', now: new Date('2026-01-01T00:00:00Z') });
    const split = splitStandalonePages(posts);
    assert.deepEqual(split.posts, []);
    assert.deepEqual(split.pages.map((page) => page.url), ['/about/']);
  });
});
