import assert from 'node:assert/strict';
import test from 'node:test';
import { parse } from 'node-html-parser';
import { htmlToPlainText } from '../../src/content/summary.ts';
import { renderInlineMarkdown, renderMarkdown } from '../../src/markdown/render.ts';

const path = 'content/posts/excerpt.md';
const sentence = (n: number) => `这是第${n}句话，内容用来凑够摘要的长度，说明一些技术细节。`;

test('automatic excerpt', async (t) => {
  await t.test('should cut the last paragraph at a sentence end within the length', async () => {
    const paragraph = Array.from({ length: 12 }, (_, i) => sentence(i + 1)).join('');
    const { autoExcerptHtml } = await renderMarkdown(paragraph, { path, excerptLength: 100 });
    const text = parse(autoExcerptHtml).text;
    assert.ok(text.endsWith('。'), text);
    assert.ok(text.length <= 100 && text.length > 60, `${text.length} characters`);
    assert.ok(paragraph.startsWith(text));
    assert.match(autoExcerptHtml, /^<p>.*<\/p>$/s);
  });

  await t.test('should take whole blocks while they fit and respect the default length', async () => {
    const input = `${sentence(1)}\n\n${sentence(2)}\n\n${Array.from({ length: 10 }, (_, i) => sentence(i + 3)).join('')}\n`;
    const { autoExcerptHtml } = await renderMarkdown(input, { path });
    const paragraphs = parse(autoExcerptHtml).querySelectorAll('p');
    assert.equal(paragraphs.length, 3);
    assert.equal(paragraphs[0].text, sentence(1));
    assert.ok(parse(autoExcerptHtml).text.length <= 200);
  });

  await t.test('should never cut inside a code block or table: stop before them', async () => {
    const input = `短的开头。\n\n\`\`\`go\nfunc main() {}\n\`\`\`\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n后面的段落。\n`;
    const { autoExcerptHtml } = await renderMarkdown(input, { path });
    assert.equal(autoExcerptHtml, '<p>短的开头。</p>');
  });

  await t.test('should skip leading headings, code and tables to show text, without ids or anchors', async () => {
    const input = `## [标题链接](https://example.com)\n\n\`\`\`bash\nls\n\`\`\`\n\n> 引用里的${sentence(1)}${sentence(2)}${sentence(3)}${sentence(4)}${sentence(5)}${sentence(6)}\n`;
    const { autoExcerptHtml } = await renderMarkdown(input, { path, excerptLength: 80 });
    const root = parse(autoExcerptHtml);
    assert.equal(root.querySelectorAll('h2, pre, .code-block, [id], .heading-anchor').length, 0);
    assert.ok(root.querySelector('blockquote p'));
    assert.ok(root.text.trim().endsWith('。'));
  });

  await t.test('should keep links working and tags balanced when cutting inside inline markup', async () => {
    const input = `开头 **加粗的[链接文字](https://example.com/a)。然后继续写很多很多字** 结尾没有句号的部分还有更多的内容在这里`;
    const { autoExcerptHtml } = await renderMarkdown(input, { path, excerptLength: 20 });
    assert.equal(autoExcerptHtml, '<p>开头 <strong>加粗的<a href="https://example.com/a">链接文字</a>。</strong></p>');
  });

  await t.test('should cut a long text without any sentence end and mark the cut', async () => {
    const { autoExcerptHtml } = await renderMarkdown('字'.repeat(500), { path, excerptLength: 50 });
    assert.equal(autoExcerptHtml, `<p>${'字'.repeat(50)}…</p>`);
  });

  await t.test('should leave footnote references and the TOC out of excerpts', async () => {
    const { autoExcerptHtml, moreExcerptHtml } = await renderMarkdown('[TOC]\n\n## 一\n\n正文[^1]。\n\n<!-- more -->\n\n[^1]: 注释\n', { path });
    assert.equal(autoExcerptHtml, '<p>正文。</p>');
    assert.equal(moreExcerptHtml, '<h2>一</h2>\n<p>正文。</p>');
  });
});

test('excerpt text', async (t) => {
  // Markup whose text an HTML parser could read differently from the tree it was written from.
  const bodies = [
    'a\r\nb  c\r\n\r\nd\u00a0 e\tf',
    '<p>x<div>y</div>z</p>\n\nafter',
    'text <a href="/a">one <a href="/b">two</a></a> end',
    '> | a | b |\n> | - | - |\n> | 1 | 2 |\n\nafter',
    'x <svg><text>no</text></svg> <script>var a</script> <style>p{}</style> <template>t</template> <noscript><p>n</p></noscript> y',
    '<details><summary>S</summary>\n\nbody text\n\n</details>',
    'line<br>next  \nhard break\\\nthird',
    '- [ ] task\n- [x] done **bold** `code`\n\n1. one\n2. two',
    '```js\ncode\n```\n\nAfter code. Second sentence.',
    '<div hidden>hid</div>\n\nvisible <dialog>closed</dialog> <dialog open>open</dialog>',
    '<table><tr><td>a</td>x<td>b</td></tr></table>\n\nafter',
    'a &lt;b&gt; &amp;amp; \u0000 nul',
  ];
  await t.test('should be the text of the excerpt HTML, as parsing that HTML gives it', async () => {
    for (const body of bodies) {
      const rendered = await renderMarkdown(`${body}\n\n<!-- more -->\n\nrest`, { path, excerptLength: 1000 });
      assert.ok(rendered.autoExcerptText !== '' && rendered.moreExcerptText !== '', body);
      assert.equal(rendered.autoExcerptText, htmlToPlainText(rendered.autoExcerptHtml), body);
      assert.equal(rendered.moreExcerptText, htmlToPlainText(rendered.moreExcerptHtml!), body);
    }
  });
  await t.test('should leave code blocks out and collapse whitespace', async () => {
    const { autoExcerptText } = await renderMarkdown('前言。\n\n```sh\nrm -rf /\n```\n\n> 引用\n> 两行\n', { path });
    assert.equal(autoExcerptText, '前言。');
    const { moreExcerptText } = await renderMarkdown('前言。\n\n```sh\nrm -rf /\n```\n\n> 引用\n> 两行\n\n<!-- more -->\n', { path });
    assert.ok(moreExcerptText?.startsWith('前言。') && moreExcerptText.endsWith('引用 两行') && !moreExcerptText.includes('rm -rf'), String(moreExcerptText));
  });
});

test('renderInlineMarkdown', async (t) => {
  await t.test('should render a description to block HTML with inline markup and links', async () => {
    assert.equal(
      await renderInlineMarkdown('**粗体** 和 [链接](https://a.example/)，见 https://b.example，完。'),
      '<p><strong>粗体</strong> 和 <a href="https://a.example/">链接</a>，见 <a href="https://b.example">https://b.example</a>，完。</p>',
    );
  });
  await t.test('should keep template syntax verbatim', async () => {
    assert.equal(await renderInlineMarkdown('{{ .Values.image }} ${#arr[@]}'), '<p>{{ .Values.image }} ${#arr[@]}</p>');
  });
});
