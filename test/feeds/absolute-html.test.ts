import assert from 'node:assert/strict';
import test from 'node:test';
import { parse } from 'node-html-parser';
import { absolutizeUrl } from '../../src/feeds/absolute-html.ts';
import { feedHtml } from '../../src/feeds/feed-html.ts';

const base = { pageUrl: 'https://x.org/blog/2016/12/05/%E4%B8%AD%E6%96%87/', siteUrl: 'https://x.org/blog/' };

test('absolutizeUrl', async (t) => {
  await t.test('should resolve each kind of reference against the page or the site', () => {
    const cases: [string, string][] = [
      ['img/a.png', 'https://x.org/blog/2016/12/05/%E4%B8%AD%E6%96%87/img/a.png'],
      ['../other/', 'https://x.org/blog/2016/12/05/other/'],
      ['/images/x.jpg', 'https://x.org/blog/images/x.jpg'],
      ['#小节', 'https://x.org/blog/2016/12/05/%E4%B8%AD%E6%96%87/#%E5%B0%8F%E8%8A%82'],
      ['', base.pageUrl],
      ['//cdn.example.com/a.js', 'https://cdn.example.com/a.js'],
      ['图片/a b.png', 'https://x.org/blog/2016/12/05/%E4%B8%AD%E6%96%87/%E5%9B%BE%E7%89%87/a%20b.png'],
      ['https://other.org/x?a=1&b=2', 'https://other.org/x?a=1&b=2'],
      ['mailto:a@b.c', 'mailto:a@b.c'],
    ];
    for (const [input, expected] of cases) assert.equal(absolutizeUrl(input, base), expected, input);
  });
});

test('feedHtml', async (t) => {
  await t.test('should rewrite URL attributes on the tree, drop frames and keep text as written', () => {
    const html = [
      '<p>a &amp; b &lt;c&gt; 🚀 <a href="">self</a> <q cite="q.html">q</q></p>',
      '<picture><source srcset="s.webp 1x, /s@2x.webp 2x"><img src="s.png" alt="&quot;x&quot;"></picture>',
      '<audio src="/a.mp3"></audio><iframe src="embed/"></iframe>',
      '<pre><code>&lt;img src="not/an/attribute.png"&gt;</code></pre>',
    ].join('');
    // node-html-parser keeps `<pre>` as raw text unless told otherwise.
    const root = parse(feedHtml(html, base), { blockTextElements: { script: true, style: true } });
    assert.equal(root.querySelector('a')?.getAttribute('href'), base.pageUrl);
    assert.equal(root.querySelector('q')?.getAttribute('cite'), `${base.pageUrl}q.html`);
    assert.equal(root.querySelector('source')?.getAttribute('srcset'), `${base.pageUrl}s.webp 1x, https://x.org/blog/s@2x.webp 2x`);
    assert.equal(root.querySelector('img')?.getAttribute('alt'), '"x"');
    assert.equal(root.querySelector('audio')?.getAttribute('src'), 'https://x.org/blog/a.mp3');
    assert.equal(root.querySelector('iframe'), null);
    // Text that looks like markup is text: it stays as written.
    assert.equal(root.querySelector('code')?.textContent, '<img src="not/an/attribute.png">');
    assert.equal(root.querySelector('p')?.textContent, 'a & b <c> 🚀 self q');
  });

  await t.test('should drop scripts, event handlers and javascript: URLs', () => {
    const out = feedHtml('<p onmouseover="x()">t<script>alert(1)</script><a href=" javascript:alert(2)">j</a><img src=x onerror="y()"></p>', base);
    const root = parse(out);
    assert.equal(root.querySelector('script'), null);
    assert.equal(root.querySelector('p')?.getAttribute('onmouseover'), undefined);
    assert.equal(root.querySelector('img')?.getAttribute('onerror'), undefined);
    assert.equal(root.querySelector('a')?.getAttribute('href'), undefined);
    assert.doesNotMatch(out, /javascript:|alert/u);
  });
});
