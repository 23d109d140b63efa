import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import test from 'node:test';
import { loadPosts } from '../../src/content/load-posts.ts';
import { buildLinksJson } from '../../src/feeds/links-json.ts';
import { buildLinkPages } from '../../src/site/link-pages.ts';
import { uiStrings } from '../../src/site/strings.ts';
import { buildTaxonomy } from '../../src/taxonomy/build-taxonomy.ts';
import { makeProject, settingsWith } from '../content/helpers.ts';

// Every issue ends with the same footer; its lone link is the blog's own subscription page, not a recommendation.
const footer = ['', '---', '', '[订阅本周刊](https://subscribe.example.net/)', '', '本周刊同步更新在某人的网络日志，欢迎转发。', ''];

function issue(n: number, items: string[]): string {
  return [`# 周刊第 ${n} 期`, '', '每周分享值得一读的文章和工具，周五发布。', '', ...items, ...footer].join('\n');
}

const files: Record<string, string> = {
  'content/2020-01-03-issue-1.md': issue(1, [
    '## 工具',
    '',
    '[ripgrep](https://github.com/BurntSushi/ripgrep)',
    '',
    '比 grep 快的搜索工具。',
    '',
    '[上一期](https://weekly.example.org/issue-0/)',
    '',
    '[危险链接](javascript:alert(1))',
    '',
  ]),
  'content/2020-01-10-issue-2.md': issue(2, ['## 文章', '', '1、[Kubernetes 调度器解读](https://k8s.example.io/scheduler)', '', 'kubectl 与调度器。', '']),
  'content/2020-01-17-issue-3.md': issue(3, ['## 文章', '', '- [Redis 持久化](https://redis.example.io/persistence)：RDB 与 AOF。', '', '## 工具', '', '- [fd](https://github.com/sharkdp/fd)', '']),
};

test('link entries of a site', async (t) => {
  const projectDir = await makeProject(files);
  t.after(() => rm(projectDir, { recursive: true, force: true }));
  const settings = settingsWith({ url: 'https://weekly.example.org/', perPage: 1 });
  const { posts } = await loadPosts(settings, { projectDir, mode: 'build', now: new Date('2021-01-01T00:00:00Z') });
  const taxonomy = buildTaxonomy(posts, settings, { projectDir });

  await t.test('should keep recommendations only: no footer link, no link into the site, no unsafe URL', () => {
    assert.deepEqual(
      taxonomy.links.map((link) => [link.post.title, link.section, link.title]),
      [
        ['周刊第 3 期', '文章', 'Redis 持久化'],
        ['周刊第 3 期', '工具', 'fd'],
        ['周刊第 2 期', '文章', 'Kubernetes 调度器解读'],
        ['周刊第 1 期', '工具', 'ripgrep'],
      ],
    );
    // The footer lines that follow the last item are boilerplate, not its note.
    assert.equal(taxonomy.links[2].text, 'kubectl 与调度器。');
    assert.deepEqual(taxonomy.links[2].tags, ['Kubernetes']);
  });

  await t.test('should start excerpts and summaries after the intro every issue opens with', () => {
    const second = posts.find((post) => post.title === '周刊第 2 期')!;
    assert.doesNotMatch(second.excerptHtml, /每周分享/u);
    assert.match(second.excerptHtml, /Kubernetes 调度器解读/u);
    assert.match(second.summary, /^1、Kubernetes 调度器解读/u);
  });

  await t.test('should page /links/ and filter it by tag and by section, newest first', () => {
    const pages = buildLinkPages(taxonomy, settings, uiStrings['zh-CN']);
    assert.deepEqual(
      pages.sections.map((s) => [s.name, s.url, s.count]),
      [
        ['工具', '/links/sections/工具/', 2],
        ['文章', '/links/sections/文章/', 2],
      ],
    );
    const tools = pages.pages.filter((page) => page.section === '工具');
    assert.deepEqual(
      tools.map((page) => page.items.map((item) => item.title)),
      [['fd', 'ripgrep']],
    );
    assert.deepEqual(
      pages.pages.filter((page) => page.tag === null && page.section === null).map((page) => page.url),
      ['/links/'],
    );
    assert.ok(pages.tags.some((tag) => tag.name === 'Kubernetes' && tag.url === '/links/tags/kubernetes/'));
  });

  await t.test('should write the same items to links.json, with note and section', () => {
    const { links, count } = JSON.parse(String(buildLinksJson(taxonomy, settings).body));
    assert.equal(count, taxonomy.links.length);
    assert.deepEqual(
      links.map((link: { title: string; section: string; note: string }) => [link.title, link.section, link.note]),
      taxonomy.links.map((link) => [link.title, link.section, link.text]),
    );
    assert.equal(links[0].note, 'RDB 与 AOF。');
  });
});
