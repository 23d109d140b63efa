import assert from 'node:assert/strict';
import test from 'node:test';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import remarkGfmSyntaxGuard from '../../src/markdown/remark-gfm-syntax-guard.ts';

function processor(guarded: boolean) {
  const base = unified().use(remarkParse).use(remarkGfm);
  return (guarded ? base.use(remarkGfmSyntaxGuard) : base).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).freeze();
}

const guarded = processor(true);
const plain = processor(false);

/** The mdast with positions (messages point into it) and the HTML. */
async function both(markdown: string) {
  const results = [];
  for (const current of [guarded, plain]) {
    const tree = current.parse(markdown);
    results.push({ mdast: JSON.stringify(tree), html: String(await current.process(markdown)) });
  }
  return { guarded: results[0]!, plain: results[1]! };
}

/** Tables and literal autolinks where they start, where they only seem to, and in every container. */
const CASES = [
  '| a | b |\n| --- | :-: |\n| 1 | 2 |\nlazy\n\ntext',
  'a | b\n-|-\nc | d',
  '| single |\n| - |\n| row |',
  'paragraph\nline two\n| a | b |\n| - | - |\n| c | d |',
  '> | a |\n> | - |\n> | b |\n\n- | a |\n  | - |\n  | b |\n\n1. x\n\n   | a |\n   |:-|',
  '[^1]: | a |\n    | - |\n\nsee[^1]',
  '| a |\r\n| - |\r\n| b |\r\n\r\ntext\rmore\r| c |\r| - |',
  '| a |\t| b |\n|\t-\t|-|\n\tcode?\n',
  '\uFEFF| a |\n| - |\n\nwww.example.com and x@y.co',
  'head row at the end | a |',
  'under a heading\n---\n\n| a |\n---\n\n| a |\n- - -\n\n| a |\n- x',
  'a | b\n-|-\n| escaped \\| pipe | `code | span` |\n\n| a |\n| -- |\n> quote after',
  '中文段落，没有表格。\n\n| 组件 | 用途 |\n| --- | ---: |\n| MySQL | 密钥管理 |\n| 中文 https://x.cn | a@b.cn |',
  'see https://example.com/a?b=c，以及 http://x.y and WWW.Example.org. HTTPS://UPPER.CASE/x',
  'mail a.b+c@example.co, _x@y.org_, (p@q.rs), /no@slash.com, .dot@start.com, -x@y.z, x_@y.z',
  '*emphasis www.a.b* and **https://b.c** inside `https://not.a.link` ~~www.strike.com~~',
  '[see https://x.com](https://y.com) [unbalanced www.z.com and ![img www.i.com](i.png)',
  'x&#64;y.com and https&#58;//z.example and ww&#119;.example.net and a\\@b.com',
  'http:/broken and www without a dot and @ alone and ftp://x.y and mailto:me@x.org',
  'line one www.\nexample.com and a\n@b.com and https:\n//x.y',
  '<a href="https://x.y">www.in.html</a> <https://auto.link> <me@auto.link>',
  'word@ and @word and a@b and a@b.c_ and a@b.c- and a@b.c. end',
  '# www.heading.com\n\n## a@b.co\n\n    indented www.code.com\n\n```\nhttps://fenced.example\n```',
];

test('remarkGfmSyntaxGuard', async (t) => {
  await t.test('should leave remark-gfm\'s trees (with positions) and HTML unchanged on hard cases', async () => {
    for (const markdown of CASES) {
      const result = await both(markdown);
      assert.equal(result.guarded.mdast, result.plain.mdast, markdown);
      assert.equal(result.guarded.html, result.plain.html, markdown);
    }
    assert.match((await both(CASES[0]!)).guarded.html, /<table>/u);
    assert.match((await both(CASES[13]!)).guarded.html, /<a href="http:\/\/WWW\.Example\.org">/u);
  });

  await t.test('should leave the trees unchanged on generated documents of tables and autolinks in containers', () => {
    // Lines drawn from pieces of tables, containers, line endings and autolink starts, with a fixed seed.
    const prefixes = ['', '', '> ', '- ', '  ', '1. ', '\t', '    ', '>> ', '[^1]: '];
    const bodies = ['| a | b |', 'a | b', '| - | :-: |', '-|-', '|:--|', '---', '| x |', '- -', '', 'text www.a.com', 'x@y.co and _z@w.io_',
      'see https://a.b/c', 'HTTP://UP.PER', '[label https://x.y](u)', 'a.b-c@d', '中文 | 表格', '`a | b`', '\\| c |', 'ww&#119;.x.y', '*www.e.m*', '[^1]'];
    const endings = ['\n', '\n', '\n', '\r\n', '\r'];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let tables = 0;
    let links = 0;
    for (let doc = 0; doc < 200; doc++) {
      let markdown = '';
      const lines = 2 + random(8);
      for (let line = 0; line < lines; line++) {
        const prefix = prefixes[random(prefixes.length)]!;
        const ending = endings[random(endings.length)]!;
        if (random(2) > 0) {
          markdown += prefix + bodies[random(bodies.length)]! + ending;
          continue;
        }
        // A table (or what nearly is one): later lines continue the container, or are lazy now and then.
        const rows = [bodies[random(bodies.length)]!, ['| - | :-: |', '-|-', '|:--|', '---', '- -', '| --- |'][random(6)]!, bodies[random(bodies.length)]!];
        const continued = prefix.startsWith('>') || prefix.trim() === '' ? prefix : ' '.repeat(prefix.length);
        rows.forEach((row, index) => (markdown += (index === 0 ? prefix : random(6) === 0 ? '' : continued) + row + ending));
      }
      const tree = JSON.stringify(guarded.parse(markdown));
      assert.equal(tree, JSON.stringify(plain.parse(markdown)), JSON.stringify(markdown));
      if (tree.includes('"type":"table"')) tables++;
      if (tree.includes('"type":"link"')) links++;
    }
    assert.ok(tables > 30 && links > 30, `the documents hold tables (${tables}) and links (${links})`);
  });

  await t.test('should guard remark-gfm\'s table and autolink constructs (else every block and word pays for them)', () => {
    const extensions = guarded.data('micromarkExtensions') as { flow: Record<string, { name: string; tokenize: { name: string } }[]>; text: Record<string, { name: string; previous?: { name: string } }[]> }[];
    const table = extensions.flatMap((extension) => extension.flow['null'] ?? []).find((construct) => construct.name === 'table');
    assert.equal(table?.tokenize.name, 'tokenizeGuardedTable');
    const email = extensions.flatMap((extension) => extension.text['97'] ?? []).find((construct) => construct.name === 'emailAutolink');
    assert.equal(email?.previous?.name, 'previous', 'the e-mail construct asks the document first');
    const original = (plain.data('micromarkExtensions') as typeof extensions).flatMap((extension) => extension.text['97'] ?? []);
    assert.equal(original[0]?.previous?.name, 'previousEmail', 'remark-gfm still names its constructs so, and its own are untouched');
  });
});
