import assert from 'node:assert/strict';
import { test } from 'node:test';
import type UserConfig from '@11ty/eleventy/UserConfig';
import filters from '../../src/eleventy/filters.ts';
import type { Settings } from '../../src/config/settings.ts';
import type { LinkFilter } from '../../src/site/link-pages.ts';

/** The filters as the plugin registers them, by name. */
function registeredFilters(): Map<string, (...args: unknown[]) => unknown> {
  const found = new Map<string, (...args: unknown[]) => unknown>();
  const config = { addFilter: (name: string, filter: (...args: unknown[]) => unknown) => void found.set(name, filter) };
  filters(config as unknown as UserConfig, { timezone: 'Asia/Shanghai', language: 'zh-CN', url: 'https://example.org/' } as Settings);
  return found;
}

test('linkFilterItems', async (t) => {
  const linkFilterItems = registeredFilters().get('linkFilterItems')!;
  const tags: LinkFilter[] = [
    { name: '服务网格', slug: '服务网格', url: '/links/tags/服务网格/', count: 12 },
    { name: `C&C <b>"it's"</b> a\\b`, slug: 'c-c', url: '/links/tags/c&c "x"/', count: 3 },
  ];

  await t.test('should write each tag as the Nunjucks loop did: URL encoded, then every value escaped as autoescape does', () => {
    assert.equal(
      linkFilterItems(tags, null),
      '<li><a href="/links/tags/%E6%9C%8D%E5%8A%A1%E7%BD%91%E6%A0%BC/">#服务网格 <span class="count">12</span></a></li>' +
        '<li><a href="/links/tags/c&amp;c%20%22x%22/">#C&amp;C &lt;b&gt;&quot;it&#39;s&quot;&lt;/b&gt; a&#92;b <span class="count">3</span></a></li>',
    );
  });

  await t.test('should mark the current tag, and only it', () => {
    const html = String(linkFilterItems(tags, '服务网格'));
    assert.equal(html.match(/aria-current="page"/gu)?.length, 1);
    assert.ok(html.startsWith('<li><a href="/links/tags/%E6%9C%8D%E5%8A%A1%E7%BD%91%E6%A0%BC/" aria-current="page">#服务网格'));
    assert.equal(linkFilterItems(tags, undefined), linkFilterItems(tags, null));
  });
});
