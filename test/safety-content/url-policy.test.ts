import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserScheme, describeUnsafeUrl, isSafeUrl } from '../../src/urls.ts';

test('isSafeUrl', async (t) => {
  await t.test('should let http, https, mailto, relative and fragment URLs through', () => {
    for (const url of ['https://x.org/a', 'HTTP://x.org', 'mailto:a@b.c', '/a/b/', 'img/a.png', '../b.md', '#top', '?q=1', '//cdn.x.org/a.js', '', './a:b']) {
      assert.equal(isSafeUrl(url), true, url);
    }
  });

  await t.test('should refuse every other scheme, however it is disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' \u0001javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java&#x09;script:alert(1)',
      'java&Tab;script:alert(1)',
      'javascript&colon;alert(1)',
      '&#106;avascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'tel:123',
    ]) {
      assert.equal(isSafeUrl(url), false, JSON.stringify(url));
      assert.equal(isSafeUrl(url, 'image'), false, JSON.stringify(url));
    }
  });

  await t.test('should let images use raster data URLs only', () => {
    assert.equal(isSafeUrl('data:image/png;base64,iVBORw0KGgo=', 'image'), true);
    assert.equal(isSafeUrl('data:image/webp,xx', 'image'), true);
    assert.equal(isSafeUrl('data:image/svg+xml,<svg onload=alert(1)>', 'image'), false);
    assert.equal(isSafeUrl('data:image/png;base64,iVBORw0KGgo='), false, 'a data: URL is never a link');
  });

  await t.test('should name the scheme a browser would see', () => {
    assert.equal(browserScheme('java\tscript:x'), 'javascript');
    assert.equal(browserScheme('/a:b'), null);
    assert.equal(describeUnsafeUrl('java&#x09;script:x'), 'a `javascript:` URL');
  });
});
