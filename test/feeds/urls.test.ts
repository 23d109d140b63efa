import assert from 'node:assert/strict';
import test from 'node:test';
import { absoluteUrl, encodeUrlPart, safeDecodeURI, safeDecodeURIComponent } from '../../src/urls.ts';

test('site URL encoding', async (t) => {
  await t.test('should encode Chinese, spaces and a literal ? or # in a path, and never encode twice', () => {
    assert.equal(encodeUrlPart('/tags/服务网格/'), '/tags/%E6%9C%8D%E5%8A%A1%E7%BD%91%E6%A0%BC/');
    assert.equal(encodeUrlPart('/2020/a b/'), '/2020/a%20b/');
    assert.equal(encodeUrlPart('/2020/a%20b/'), '/2020/a%20b/');
    assert.equal(encodeUrlPart('/what?/c#/'), '/what%3F/c%23/');
    assert.equal(encodeUrlPart('/100%/'), '/100%25/');
  });

  await t.test('should give pages and feeds the same absolute URL, under the site path', () => {
    const settings = { url: 'https://example.com/blog/' };
    assert.equal(absoluteUrl(settings, '/2020/a b/'), 'https://example.com/blog/2020/a%20b/');
    assert.equal(absoluteUrl(settings, '/2020/a%20b/'), 'https://example.com/blog/2020/a%20b/');
    assert.equal(absoluteUrl(settings, '/p/#小节'), 'https://example.com/blog/p/#%E5%B0%8F%E8%8A%82');
  });

  await t.test('should leave undecodable text as it is', () => {
    assert.equal(safeDecodeURI('/100%/'), '/100%/');
    assert.equal(safeDecodeURIComponent('%E4%B8%AD%2F'), '中/');
    assert.equal(safeDecodeURI('%E4%B8%AD%2F'), '中%2F');
  });
});
