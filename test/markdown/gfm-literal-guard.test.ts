import assert from 'node:assert/strict';
import test from 'node:test';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import remarkGfmLiteralGuard from '../../src/markdown/remark-gfm-literal-guard.ts';

function processor(guarded: boolean) {
  const base = unified().use(remarkParse).use(remarkGfm);
  return (guarded ? base.use(remarkGfmLiteralGuard) : base).use(remarkRehype).use(rehypeStringify).freeze();
}

/** Literal autolinks of every kind, written plainly, in other inline nodes, through character references, and text that only looks close. */
const CASES = [
  'see https://example.com/a?b=c，以及 http://x.y and WWW.Example.org.',
  'mail a.b+c@example.co, mailto:me@x.org, xmpp:me@x.org/home',
  '*emphasis www.a.b* and **https://b.c** inside `https://not.a.link`',
  'x&#64;y.com and https&#58;//z.example and ww&#119;.example.net',
  '[not literal](https://example.com) and ![img](http://x.y/a.png) only',
  '纯中文段落，没有链接。\n\n| a | b |\n| --- | --- |\n| https://t.example | c@d.ef |',
  'http:/broken and www without a dot and @ alone',
];

test('remarkGfmLiteralGuard', async (t) => {
  await t.test('should leave the output of remark-gfm unchanged, with and without literal autolinks', async () => {
    for (const markdown of CASES) {
      assert.equal(String(await processor(true).process(markdown)), String(await processor(false).process(markdown)), markdown);
    }
    assert.match(String(await processor(true).process(CASES[0]!)), /<a href="http:\/\/x\.y">http:\/\/x\.y<\/a>/u);
  });

  await t.test('should guard remark-gfm\'s literal autolink transform (else every post pays for the walk)', () => {
    const names = (processor(true).data('fromMarkdownExtensions') ?? []).flat(3).flatMap((extension) => ((extension as { transforms?: { name: string }[] }).transforms ?? []).map((transform) => transform.name));
    assert.ok(!names.includes('transformGfmAutolinkLiterals'), `remark-gfm's transform is wrapped: ${names.join(', ')}`);
    const unguarded = (processor(false).data('fromMarkdownExtensions') ?? []).flat(3).flatMap((extension) => ((extension as { transforms?: { name: string }[] }).transforms ?? []).map((transform) => transform.name));
    assert.ok(unguarded.includes('transformGfmAutolinkLiterals'), 'remark-gfm still names its transform so');
  });
});
