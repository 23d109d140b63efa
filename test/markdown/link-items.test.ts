import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import test from 'node:test';
import { renderMarkdown } from '../../src/markdown/render.ts';
import type { LinkItem, LinkItemShape } from '../../src/markdown/types.ts';

const fixtures = new URL('./link-items/', import.meta.url);

async function itemsOf(name: string, linkItemShapes?: LinkItemShape[]): Promise<LinkItem[]> {
  const input = await readFile(new URL(name, fixtures), 'utf8');
  return (await renderMarkdown(input, { path: `link-items/${name}`, linkItemShapes })).linkItems;
}

/** `[shape, section, title, url]` of every item, in page order. */
const summary = (items: LinkItem[]) => items.map((item) => [item.shape, item.section, item.title, item.url]);

test('link items', async (t) => {
  await t.test('should find numbered paragraph items (1、[标题](url)) and nothing in cover, quote, navigation or footer', async () => {
    const items = await itemsOf('numbered.md');
    assert.deepEqual(summary(items), [
      ['numbered', '科技动态', '美国批准首个基因编辑疗法', 'https://news.example.com/crispr'],
      ['numbered', '科技动态', '一家公司用无人机送外卖', 'https://news.example.com/drone'],
      ['numbered', '文章', '我如何用 SQLite 做全文搜索', 'https://blog.example.org/sqlite-fts'],
      ['numbered', '文章', 'CSS 容器查询入门', 'https://css.example.dev/container-queries'],
      ['numbered', '工具', 'Zed', 'https://zed.example.dev/'],
    ]);
    assert.equal(items[0].text, '美国食品药品监督管理局批准了第一种基于 CRISPR 的疗法。');
    // The note runs to the next item and keeps the links inside it as text only.
    assert.equal(items[1].text, '（英文）\n\n无人机可以在 10 分钟内送达，详见官方说明。\n\n项目主页');
    assert.equal(items[2].text, '（英文）\n\n作者介绍了 FTS5 的用法。', 'code blocks are not part of a note');
    assert.equal(items[4].anchor, '工具');
    assert.deepEqual([items[0].line, items[0].column], [13, 3]);
    assert.equal(items[0].context, '1、美国批准首个基因编辑疗法');
  });

  await t.test('should find ordered-list items with their notes and skip items without a link or with only an image', async () => {
    const items = await itemsOf('ordered-list.md');
    assert.deepEqual(summary(items), [
      ['list', '文章', 'Understanding SELinux Roles', 'https://danwalsh.example.com/75683.html'],
      ['list', '文章', 'Kompose: from Docker Compose to Kubernetes', 'https://kubernetes.example.io/kompose'],
      ['list', '文章', 'A Tour of eBPF', 'https://ebpf.example.io/tour'],
      ['list', '资源', 'Awesome Rust', 'https://github.com/rust-unofficial/awesome-rust'],
    ]);
    assert.equal(items[0].text, 'SELinux 的角色只对进程有意义。');
    assert.equal(items[1].text, '把 docker-compose.yml 转换为 Kubernetes 资源。\n\n源码：kompose');
    assert.equal(items[2].text, '从零了解 eBPF。');
    assert.equal(items[3].text, 'Rust 资源大全。');
  });

  await t.test('should find bulleted items, bold or not, and skip bullets that only mention a link and relative links', async () => {
    const items = await itemsOf('bullets.md');
    assert.deepEqual(summary(items), [
      ['list', '工具', 'ripgrep', 'https://github.com/BurntSushi/ripgrep'],
      ['list', '工具', 'fd', 'https://github.com/sharkdp/fd'],
      ['list', '工具', 'bat', 'https://github.com/sharkdp/bat'],
      ['list', '资源', 'The Missing Semester', 'https://missing.example.edu/'],
    ]);
    assert.deepEqual(
      items.map((item) => item.text),
      ['比 grep 快得多的搜索工具。', '更友好的 find。', '带语法高亮的 cat。', '麻省理工的一门课，讲命令行和 Git。'],
    );
  });

  await t.test('should take a heading followed by a paragraph starting with a link as one item, and lone-link paragraphs as items', async () => {
    const items = await itemsOf('heading-link.md');
    assert.deepEqual(summary(items), [
      ['heading-link', '文章', '分布式事务的几种实现', 'https://tech.example.cn/distributed-tx'],
      ['heading-link', '文章', 'Go 1.8 发布', 'https://golang.example.org/doc/go1.8'],
      ['paragraph', '工具', 'Hugo', 'https://gohugo.example.io/'],
      ['paragraph', '工具', 'Zola', 'https://www.getzola.example.org/'],
    ]);
    assert.equal(items[0].text, '介绍了两阶段提交和 TCC。\n\n对比了各自的优缺点。');
    assert.equal(items[0].anchor, '分布式事务的几种实现');
    assert.equal(items[2].text, '一个静态网站生成器。');
    // A paragraph that starts with a link but goes on as prose is part of the note before it.
    assert.match(items[3].text, /另一个静态网站生成器。\n\nKubernetes 是一个容器编排系统/);
  });

  await t.test('should keep `## [title](url)` items and leave reference lists out', async () => {
    const items = await itemsOf('heading.md');
    assert.deepEqual(summary(items), [
      ['heading', '', '分布式后台毫秒服务引擎', 'http://mp.weixin.example.com/s?__biz=MjM5#wechat_redirect'],
      ['heading', '', 'Understanding SELinux Roles', 'http://danwalsh.example.com/75683.html'],
    ]);
    assert.equal(items[0].text, '腾讯开源了毫秒服务引擎（MSEC）。\n\n服务发现与负载均衡\nGithub：MSEC');
    assert.equal(items[1].text, 'SELinux label 包含 4 个部分。\n\n小结\n\n角色只对进程有意义。');
  });

  await t.test('should count every item of every fixture exactly', async () => {
    const counts: Record<string, number> = {};
    for (const name of ['numbered.md', 'ordered-list.md', 'bullets.md', 'heading-link.md', 'heading.md']) counts[name] = (await itemsOf(name)).length;
    assert.deepEqual(counts, { 'numbered.md': 5, 'ordered-list.md': 4, 'bullets.md': 4, 'heading-link.md': 4, 'heading.md': 2 });
  });

  await t.test('should recognise only the shapes a document is given', async () => {
    assert.deepEqual(await itemsOf('numbered.md', ['heading', 'list']), []);
    assert.deepEqual(
      summary(await itemsOf('heading-link.md', ['heading-link'])).map(([shape]) => shape),
      ['heading-link', 'heading-link'],
    );
    // With `paragraph` off, the lone links of 工具 are prose, not items.
    assert.equal((await itemsOf('heading-link.md', ['heading', 'numbered', 'list', 'heading-link'])).length, 2);
  });
});
