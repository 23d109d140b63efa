import assert from 'node:assert/strict';
import test from 'node:test';
import { isHexoSource, isStandalonePage, standalonePageUrl } from '../../src/content/standalone-pages.ts';

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
});
