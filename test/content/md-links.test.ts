import assert from 'node:assert/strict';
import test from 'node:test';
import { loadPosts } from '../../src/content/load-posts.ts';
import { parse } from 'node-html-parser';
import type { Post } from '../../src/content/post.ts';
import { feedHtml } from '../../src/feeds/feed-html.ts';
import { makeProject, settingsWith } from './helpers.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

/** `中文 笔记.md` as CommonMark writes it into an href: every byte but ASCII letters and `.` escaped. */
const notesEncoded = '%E4%B8%AD%E6%96%87%20%E7%AC%94%E8%AE%B0.md';
const sectionEncoded = '%E5%B0%8F%E8%8A%82';
const notesUrlEncoded = '/2017/01/03/notes/%E4%B8%AD%E6%96%87-%E7%AC%94%E8%AE%B0/';

const main = `---
title: Main
date: 2017-01-05
---
Before the marker: [other](./2017-01-02-other.md) and [notes](../notes/${notesEncoded}#${sectionEncoded}).

<!-- more -->

- raw: [notes raw](<../notes/中文 笔记.md#小节>)
- no dot: [other bare](2017-01-02-other.md?plain=1#top)
- long extension: [long](../notes/long.markdown)
- missing: [missing](./missing.md#x)
- draft: [draft](./2017-01-04-draft.md)
- external: [external](https://x/y.md)
- root: [root](/posts/2017-01-02-other.md)
- fragment only: [here](#other.md)

\`\`\`md
[a](./other.md) <a href="./2017-01-02-other.md">b</a>
\`\`\`

Inline \`<a href="./2017-01-02-other.md">\` too.

<a title="a>b" href="./2017-01-02-other.md">raw html</a>
`;

const files = {
  'content/posts/2017-01-05-main.md': main,
  'content/posts/2017-01-02-other.md': '---\ntitle: Other\ndate: 2017-01-02\n---\n## top\n\nOther.\n',
  'content/posts/2017-01-04-draft.md': '---\ntitle: Draft\ndate: 2017-01-04\ndraft: true\n---\nNot yet.\n',
  'content/notes/中文 笔记.md': '---\ndate: 2017-01-03\n---\n## 小节\n\n正文。\n',
  'content/notes/long.markdown': '---\ndate: 2017-01-06\n---\nLong.\n',
};

async function loadMain(mode: 'build' | 'serve' = 'build', settings: Record<string, unknown> = {}): Promise<{ posts: Post[]; post: Post }> {
  const projectDir = await makeProject(files);
  const { posts, problems } = await loadPosts(settingsWith(settings), { projectDir, mode, now: NOW });
  assert.deepEqual(problems, []);
  const post = posts.find((p) => p.file === 'content/posts/2017-01-05-main.md');
  assert.ok(post);
  return { posts, post };
}

/** Every `<a>` href in order, as written in the HTML (a `>` inside an earlier attribute does not end the tag). */
const hrefs = (html: string): string[] => [...html.matchAll(/<a(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*?\s+href="([^"]*)"/g)].map((m) => m[1]!);

test('md-links', async (t) => {
  await t.test('should point links to loaded posts at their pages and leave the rest as written', async () => {
    const { posts, post } = await loadMain();
    assert.equal(posts.find((p) => p.file === 'content/notes/中文 笔记.md')?.url, '/2017/01/03/notes/中文-笔记/');
    assert.deepEqual(hrefs(post.html), [
      '/2017/01/02/other/',
      `${notesUrlEncoded}#${sectionEncoded}`,
      `${notesUrlEncoded}#${sectionEncoded}`,
      '/2017/01/02/other/#top',
      '/2017/01/06/notes/long/',
      './missing.md#x',
      './2017-01-04-draft.md',
      'https://x/y.md',
      '/posts/2017-01-02-other.md',
      '#other.md',
      '/2017/01/02/other/',
    ]);
  });

  await t.test('should rewrite the excerpt before <!-- more --> too', async () => {
    const { post } = await loadMain();
    assert.deepEqual(hrefs(post.excerptHtml), ['/2017/01/02/other/', `${notesUrlEncoded}#${sectionEncoded}`]);
  });

  await t.test('should leave links shown as code alone', async () => {
    const { post } = await loadMain();
    // The serializer keeps `"` in code text but escapes `<`, so no `<a` tag starts inside code.
    const codeBlock = /<pre[\s\S]*?<\/pre>/.exec(post.html)?.[0] ?? '';
    assert.ok(codeBlock.includes('./other.md'), codeBlock);
    assert.ok(codeBlock.includes('&#x3C;a href="./2017-01-02-other.md">b&#x3C;/a>'), codeBlock);
    assert.ok(!codeBlock.includes('/2017/01/02/other/'), codeBlock);
    assert.ok(post.html.includes('<code>&#x3C;a href="./2017-01-02-other.md"></code>'), post.html);
  });

  await t.test('should link a draft when drafts are loaded (serve)', async () => {
    const { post } = await loadMain('serve');
    assert.ok(hrefs(post.html).includes('/2017/01/04/draft/'));
  });

  await t.test('should stay root-relative under a site path, which feeds then prefix', async () => {
    const { post } = await loadMain('build', { url: 'https://example.com/blog/' });
    assert.equal(hrefs(post.html)[0], '/2017/01/02/other/');
    const html = feedHtml(post.html, { pageUrl: 'https://example.com/blog/2017/01/05/main/', siteUrl: 'https://example.com/blog/' });
    assert.equal(hrefs(html)[0], 'https://example.com/blog/2017/01/02/other/');
  });

  await t.test('should rebase relative links and images in the excerpt on the post URL, and leave the page as written', async () => {
    const projectDir = await makeProject({
      'content/posts/文章.md':
        '---\ntitle: 文章\ndate: 2016-12-05\n---\n看[附件](files/a.pdf)、[上级](../b/)、[锚点](#安装)、[查询](c.html?v=2#x)、[站内](/tags/k8s/)和[外链](https://x.example/)。![图](img/图.png)\n\n<img src="./img/c.png" srcset="img/c@2x.png 2x, /d.png 3x">\n\n<!-- more -->\n\n## 安装\n',
    });
    const { posts } = await loadPosts(settingsWith({}), { projectDir, mode: 'build', now: NOW });
    const post = posts[0]!;
    const base = '/2016/12/05/%E6%96%87%E7%AB%A0/';
    const excerpt = parse(post.excerptHtml);
    assert.deepEqual(excerpt.querySelectorAll('a').map((a) => a.getAttribute('href')), [
      `${base}files/a.pdf`,
      '/2016/12/05/b/',
      `${base}#%E5%AE%89%E8%A3%85`,
      `${base}c.html?v=2#x`,
      '/tags/k8s/',
      'https://x.example/',
    ]);
    assert.deepEqual(excerpt.querySelectorAll('img').map((img) => img.getAttribute('src')), [`${base}img/%E5%9B%BE.png`, `${base}img/c.png`]);
    assert.equal(excerpt.querySelectorAll('img')[1]!.getAttribute('srcset'), `${base}img/c@2x.png 2x, /d.png 3x`);
    assert.match(post.html, /href="files\/a\.pdf"/, 'the page itself keeps the links as written');
  });
});
