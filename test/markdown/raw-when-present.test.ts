import assert from 'node:assert/strict';
import test from 'node:test';
import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Plugin } from 'unified';
import rehypeRawWhenPresent from '../../src/markdown/rehype-raw-when-present.ts';

async function render(markdown: string, raw: Plugin<[], Root>) {
  const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(raw).use(rehypeStringify, { allowDangerousHtml: true });
  const tree = await processor.run(processor.parse(markdown));
  // The root's own place and parse5's `quirksMode` are the only things rehype-raw adds that no plugin reads.
  const { position: _position, data: _data, ...root } = tree;
  return { html: processor.stringify(tree), root };
}

/** Lone comments (made without parse5) and comments parse5 reads differently or that stand beside other HTML (parsed). */
const CASES = [
  'a\n\n<!-- more -->\n\nb',
  'text <!-- x --> more\n\n- <!-- y -->\n- z',
  '> <!-- quoted -->\n> q',
  '<!-- multi\nline -->\n\npara',
  '| a | b |\n| --- | --- |\n| <!-- c --> | d |',
  '<!---->',
  '<!--->',
  '<!-- a -- b -->',
  '<!-- a --!> b',
  '<!--> x',
  '<!-- a -\u0000 -->',
  '   <!-- indented -->',
  '<!-- more -->\n<div>x<!-- in --></div>',
];

test('rehypeRawWhenPresent', async (t) => {
  await t.test('should make the tree and HTML rehype-raw makes, with or without parse5', async () => {
    for (const markdown of CASES) {
      const expected = await render(markdown, rehypeRaw as Plugin<[], Root>);
      const actual = await render(markdown, rehypeRawWhenPresent);
      assert.equal(actual.html, expected.html, markdown);
      assert.deepEqual(actual.root, expected.root, markdown);
    }
  });
});
