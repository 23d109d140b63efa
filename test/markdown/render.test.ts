import assert from 'node:assert/strict';
import test from 'node:test';
import { parse as parseHtml } from 'node-html-parser';
import * as render from '../../src/markdown/render.ts';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { getCodeHighlighter } from '../../src/markdown/highlighter.ts';

const { renderMarkdown, renderInlineMarkdown } = render;
const path = 'content/posts/note.md';

/** node-html-parser keeps `<pre>` content as raw text by default; highlighted code must be parsed. */
function parse(html: string) {
  return parseHtml(html, { blockTextElements: { script: true, style: true } });
}

/** Distinct light-theme colours of the token spans inside `html`. */
/** The token colour classes (`tk3`) used in `html`; code.css gives each its colours. */
function tokenColours(html: string): Set<string> {
  return new Set(parse(html).querySelectorAll('pre span[class]').flatMap((span) => span.classList.value.filter((name) => /^tk\d+$/.test(name))));
}

test('renderMarkdown', async (t) => {
  await t.test('should expose renderMarkdown and renderInlineMarkdown', () => {
    assert.equal(typeof render.renderMarkdown, 'function');
    assert.equal(typeof render.renderInlineMarkdown, 'function');
  });

  await t.test('should report each unknown code language once per block at file:line:col with lineOffset', async () => {
    const input = ['段落', '', '```conf', 'a = b', '```', '', '- item', '', '  ```sequence', '  A->B: hi', '  ```', '', '```conf', 'c = d', '```', ''].join('\n');
    const { problems, html } = await renderMarkdown(input, { path, lineOffset: 4 });
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.column, p.severity, p.ruleId]),
      [
        [path, 7, 1, 'warning', 'unknown-language'],
        [path, 13, 3, 'warning', 'unknown-language'],
        [path, 17, 1, 'warning', 'unknown-language'],
      ],
    );
    assert.match(problems[1].message, /`sequence`.*plain text.*Use a language/);
    assert.match(html, /A-&#x3C;?>B: hi|A->B: hi/);
  });

  await t.test('should highlight known, on-demand and plain blocks without problems', async () => {
    const input = '```go\nfunc main() {}\n```\n\n```haskell\nmain :: IO ()\nmain = putStrLn "hi"\n```\n\n```\nplain\n```\n\n```text\nplain too\n```\n';
    const { problems, html } = await renderMarkdown(input, { path });
    assert.deepEqual(problems, []);
    const blocks = parse(html).querySelectorAll('.code-block');
    assert.deepEqual(blocks.map((b) => b.getAttribute('data-language') ?? null), ['go', 'haskell', null, null]);
    assert.ok(tokenColours(blocks[1].toString()).size >= 3, 'haskell was loaded on demand and highlighted');
    assert.equal(blocks[2].querySelector('.code-label'), null);
    assert.equal(blocks[0].querySelector('.code-label')!.text, 'go');
    const golang = await renderMarkdown('```Golang\nfunc main() {}\n```\n', { path });
    assert.deepEqual(golang.problems, []);
    assert.match(golang.html, /data-language="go"/);
  });

  await t.test('should colour SystemTap with several token colours under both aliases', async () => {
    const code = 'probe kernel.function("vfs_read").return {\n  printf("%s %d\\n", execname(), $return) // done\n}\nglobal n = 0x10\n';
    for (const language of ['stp', 'systemtap']) {
      const { html, problems } = await renderMarkdown(`\`\`\`${language}\n${code}\`\`\`\n`, { path });
      assert.deepEqual(problems, []);
      assert.ok(tokenColours(html).size >= 5, `${language}: ${[...tokenColours(html)].join(' ')}`);
    }
  });

  await t.test('should keep template syntax verbatim in prose, inline code and code blocks', async () => {
    const input = 'Helm: {{ .Values.image }}, {% raw %}x{% endraw %}, `${#arr[@]}`.\n\n```yaml\nimage: {{ .Values.image }}\n```\n\n```bash\necho ${#arr[@]}\n```\n';
    const { html, text, sections } = await renderMarkdown(input, { path });
    const root = parse(html);
    assert.equal(root.querySelector('p')!.text, 'Helm: {{ .Values.image }}, {% raw %}x{% endraw %}, ${#arr[@]}.');
    assert.deepEqual(root.querySelectorAll('pre').map((pre) => pre.text), ['image: {{ .Values.image }}', 'echo ${#arr[@]}']);
    assert.equal(text, 'Helm: {{ .Values.image }}, {% raw %}x{% endraw %}, ${#arr[@]}.');
    assert.match(sections[0].text, /echo \$\{#arr\[@\]\}/);
  });

  await t.test('should write highlighted code as hast-util-to-html writes it, and give outlines and excerpts the plain code', async () => {
    const code = ['if (a < b && c > "d") {', "  s = '<p>&amp; 中文 😀 \u0001'; // note", '}', '', '\tx <<= 1'].join('\n');
    const input = ['开头的一段话。', '', '- 列表项', '', '  ```js', ...code.split('\n').map((line) => (line === '' ? '' : `  ${line}`)), '  ```', '', '```text', code, '```', ''].join('\n');
    const rendered = await renderMarkdown(input, { path, excerptLength: 2000 });
    // The HTML is built as a string; parsed and written again by hast-util-to-html it must not change.
    assert.equal(toHtml(fromHtml(rendered.html, { fragment: true })), rendered.html);
    const blocks = parse(rendered.html).querySelectorAll('pre code');
    assert.equal(blocks.length, 2);
    assert.ok(blocks[0]!.querySelectorAll('span[class^="tk"]').length > 3, 'the js block is coloured');
    for (const block of blocks) assert.equal(toString(fromHtml(block.outerHTML, { fragment: true })), code);
    assert.ok(rendered.sections[0]!.text.includes(code.split('\n')[1]!), 'the section text holds the code');
    // The automatic excerpt takes the list whole, its highlighted block with it.
    assert.ok(rendered.autoExcerptHtml.includes(blocks[0]!.innerHTML), 'the excerpt shows the highlighted block');
  });

  await t.test('should create the highlighter once per process', async () => {
    assert.equal(await getCodeHighlighter(), await getCodeHighlighter());
  });

  await t.test('should take a leading # heading as the title only when asked and only as the first node', async () => {
    const input = '# Alpine Linux 使用笔记\n\n正文。\n\n# 另一个标题\n';
    const withTitle = await renderMarkdown(input, { path, extractTitle: true });
    assert.equal(withTitle.title, 'Alpine Linux 使用笔记');
    assert.doesNotMatch(withTitle.html, /Alpine Linux 使用笔记/);
    assert.equal(parse(withTitle.html).querySelectorAll('h1').length, 1);
    const without = await renderMarkdown(input, { path });
    assert.equal(without.title, undefined);
    assert.equal(parse(without.html).querySelectorAll('h1').length, 2);
    const later = await renderMarkdown('前言。\n\n# 标题\n', { path, extractTitle: true });
    assert.equal(later.title, undefined);
    assert.match(later.html, /<h1/);
    const second = await renderMarkdown('## 二级\n\n# 一级\n', { path, extractTitle: true });
    assert.equal(second.title, undefined);
  });

  await t.test('should keep ids unique per page and reset between documents', async () => {
    const input = '## 部署\n\n## 部署\n\n## !!!\n';
    const [first, again] = await Promise.all([renderMarkdown(input, { path }), renderMarkdown(input, { path })]);
    assert.deepEqual(first.headings.map((h) => h.id), ['部署', '部署-1', 'section-3']);
    assert.deepEqual(again.headings, first.headings);
    const anchors = parse(first.html).querySelectorAll('a.heading-anchor');
    assert.deepEqual(anchors.map((a) => a.getAttribute('href')), ['#部署', '#部署-1', '#section-3']);
    assert.ok(anchors.every((a) => a.getAttribute('aria-hidden') === 'true' && a.text !== ''));
    assert.deepEqual(first.problems, []);
    const empty = await renderMarkdown('正文\n\n## \n', { path, lineOffset: 2 });
    assert.deepEqual(empty.problems.map((p) => [p.line, p.column, p.ruleId]), [[5, 1, 'empty-heading']]);
  });

  await t.test('should return the nested toc whether or not the page has a marker', async () => {
    const input = '# 标题\n\n## 安装\n\n### 下载\n\n##### 太深\n\n## 配置\n';
    const { toc, headings, html } = await renderMarkdown(input, { path });
    assert.deepEqual(toc, [
      { depth: 2, id: '安装', text: '安装', children: [{ depth: 3, id: '下载', text: '下载', children: [] }] },
      { depth: 2, id: '配置', text: '配置', children: [] },
    ]);
    assert.equal(headings.length, 5);
    assert.deepEqual(headings.map((h) => h.line), [1, 3, 5, 7, 9]);
    assert.doesNotMatch(html, /class="toc"/);
    const marked = await renderMarkdown(`[toc]\n\n${input}`, { path });
    const links = parse(marked.html).querySelectorAll('nav.toc a');
    assert.deepEqual(links.map((a) => a.getAttribute('href')), ['#安装', '#下载', '#配置']);
    for (const link of links) assert.ok(parse(marked.html).getElementById(link.getAttribute('href')!.slice(1)));
    const empty = await renderMarkdown('[TOC]\n\n没有标题。\n', { path });
    assert.equal(empty.html, '<p>没有标题。</p>');
    assert.deepEqual(empty.toc, []);
  });

  await t.test('should split at <!-- more --> in any spelling and leave the marker out of the page', async () => {
    for (const marker of ['<!-- more -->', '<!--more-->', '<!--   MORE   -->']) {
      const { html, moreExcerptHtml } = await renderMarkdown(`## 开头\n\n第一段。\n\n${marker}\n\n第二段。\n`, { path });
      assert.equal(moreExcerptHtml, '<h2>开头</h2>\n<p>第一段。</p>');
      assert.doesNotMatch(html, /more/i);
      assert.match(html, /第二段/);
    }
    const inBlock = await renderMarkdown('<p>一</p>\n<!-- more -->\n<p>二</p>\n', { path });
    assert.equal(inBlock.moreExcerptHtml, '<p>一</p>');
    const inline = await renderMarkdown('前半句 <!-- more --> 后半句\n\n下一段\n', { path });
    assert.equal(inline.moreExcerptHtml, '<p>前半句 </p>');
    const first = await renderMarkdown('<!-- more -->\n\n正文。\n', { path });
    assert.equal(first.moreExcerptHtml, undefined);
    const none = await renderMarkdown('没有标记。\n', { path });
    assert.equal(none.moreExcerptHtml, undefined);
  });
});

test('facts recorded while rendering', async (t) => {
  await t.test('should record every link with its source place, every id, and a placed [TOC]', async () => {
    const input = ['[TOC]', '', '## 安装', '', 'See [docs](./a.md#安装) and <a href="/x/?a=1&b=2">raw</a>.[^1]', '', '## Use', '', '[^1]: note', ''].join('\n');
    const rendered = await renderMarkdown(input, { path, lineOffset: 3 });
    assert.equal(rendered.tocInText, true);
    const hrefs = rendered.links.map((link) => link.href);
    assert.ok(hrefs.includes('./a.md#%E5%AE%89%E8%A3%85'), hrefs.join(' '));
    assert.ok(hrefs.includes('/x/?a=1&b=2'), 'raw HTML links are attribute-decoded, as in the page');
    const docs = rendered.links.find((link) => link.href.startsWith('./a.md'))!;
    assert.deepEqual([docs.line, docs.column], [8, 5], 'line counts the front matter');
    assert.ok(rendered.ids.includes('安装') && rendered.ids.includes('use'), rendered.ids.join(' '));
    assert.ok(rendered.ids.some((id) => id.includes('fn-1')), 'footnote ids are recorded too');
    for (const id of rendered.ids) assert.ok(rendered.html.includes(`id="${id}"`), `${id} is an id on the page`);
  });

  await t.test('should say no [TOC] was placed when the text has none', async () => {
    const rendered = await renderMarkdown('## a\n\n## b\n', { path });
    assert.equal(rendered.tocInText, false);
    assert.equal(rendered.toc.length, 2);
  });
});
