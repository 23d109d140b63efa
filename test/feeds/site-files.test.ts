import assert from 'node:assert/strict';
import test from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildLinksJson } from '../../src/feeds/links-json.ts';
import { buildOpml } from '../../src/feeds/opml.ts';
import { buildSitemap } from '../../src/feeds/sitemap.ts';
import { feedUrls } from '../../src/feeds/urls.ts';
import { absoluteUrl } from '../../src/urls.ts';
import type { OutputFile } from '../../src/taxonomy/types.ts';
import { buildFixtureSite } from './fixture-site.ts';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'outline' || name === 'url' });

function text(file: OutputFile): string {
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
}

test('feed urls', async (t) => {
  await t.test('should place feeds under the term URL', () => {
    assert.deepEqual(feedUrls(), { atom: '/atom.xml', rss: '/rss.xml', json: '/feed.json' });
    assert.deepEqual(feedUrls('/tags/服务网格/'), { atom: '/tags/服务网格/atom.xml', rss: '/tags/服务网格/rss.xml', json: '/tags/服务网格/feed.json' });
  });

  await t.test('should make absolute, encoded URLs under a site URL with a path', () => {
    const settings = { url: 'https://x.org/blog/' };
    assert.equal(absoluteUrl(settings, '/tags/服务网格/'), 'https://x.org/blog/tags/%E6%9C%8D%E5%8A%A1%E7%BD%91%E6%A0%BC/');
    assert.equal(absoluteUrl(settings, '/'), 'https://x.org/blog/');
    assert.equal(absoluteUrl(settings, '/a b/C?/'), 'https://x.org/blog/a%20b/C%3F/');
    // The first `#` starts the fragment (`post.url + '#' + anchor`); later ones belong to it.
    assert.equal(absoluteUrl(settings, '/x/#a#b'), 'https://x.org/blog/x/#a%23b');
    assert.equal(absoluteUrl(settings, '/2016/12/05/x/#小节-1'), 'https://x.org/blog/2016/12/05/x/#%E5%B0%8F%E8%8A%82-1');
    assert.equal(absoluteUrl({ url: 'https://x.org' }, '/a/'), 'https://x.org/a/');
    // Round trip: decoding gives back the unencoded path.
    assert.equal(decodeURI(new URL(absoluteUrl(settings, '/tags/服务网格/')).pathname), '/blog/tags/服务网格/');
  });
});

test('buildOpml', async (t) => {
  const site = await buildFixtureSite();
  const file = buildOpml(site.taxonomy, site.settings);

  await t.test('should list the site feed and every category and tag Atom feed in OPML 2.0', () => {
    assert.equal(file.path, 'feeds.opml');
    const body = text(file);
    assert.equal(XMLValidator.validate(body), true);
    const opml = xml.parse(body).opml;
    assert.equal(opml.version, '2.0');
    assert.equal(opml.head.title, 'Test <Site> & Co · 订阅源');
    const [siteOutline, categories, tags] = opml.body.outline;
    assert.equal(siteOutline.xmlUrl, 'https://example.org/blog/atom.xml');
    assert.deepEqual(
      categories.outline.map((o: Record<string, string>) => [o.text, o.xmlUrl, o.htmlUrl, o.type]),
      site.taxonomy.allCategories.map((term) => [term.path.join(' / '), absoluteUrl(site.settings, `${term.url}atom.xml`), absoluteUrl(site.settings, term.url), 'rss']),
    );
    assert.deepEqual(
      tags.outline.map((o: Record<string, string>) => o.xmlUrl),
      site.taxonomy.tags.map((term) => absoluteUrl(site.settings, `${term.url}atom.xml`)),
    );
    assert.ok(tags.outline.some((o: Record<string, string>) => o.text === 'C<T> & "co"'));
    assert.ok(categories.outline.some((o: Record<string, string>) => o.text === 'Cloud / Kubernetes'));
  });
});

test('buildSitemap', async (t) => {
  const settings = { url: 'https://example.org/blog/' };
  const files = buildSitemap(
    [
      { url: '/', lastmod: new Date('2017-03-06T02:00:00Z') },
      { url: '/tags/服务网格/', lastmod: null },
      { url: '/2016/12/05/a&b/', lastmod: new Date('2016-12-04T23:59:01.250Z') },
      { url: '/', lastmod: null },
    ],
    settings,
  );

  await t.test('should write sitemap.xml with absolute encoded locations and W3C dates', () => {
    const sitemap = files.find((f) => f.path === 'sitemap.xml')!;
    const body = text(sitemap);
    assert.equal(XMLValidator.validate(body), true);
    const urls = xml.parse(body).urlset.url;
    assert.deepEqual(urls, [
      { loc: 'https://example.org/blog/', lastmod: '2017-03-06T02:00:00Z' },
      { loc: 'https://example.org/blog/tags/%E6%9C%8D%E5%8A%A1%E7%BD%91%E6%A0%BC/' },
      { loc: 'https://example.org/blog/2016/12/05/a&b/', lastmod: '2016-12-04T23:59:01Z' },
    ]);
    assert.ok(body.includes('a&amp;b'));
    assert.equal(new Date(String(urls[2].lastmod)).getTime(), new Date('2016-12-04T23:59:01Z').getTime());
  });

  await t.test('should point robots.txt at the sitemap', () => {
    const robots = text(files.find((f) => f.path === 'robots.txt')!);
    assert.match(robots, /^Sitemap: https:\/\/example\.org\/blog\/sitemap\.xml$/mu);
  });
});

test('buildLinksJson', async (t) => {
  const site = await buildFixtureSite();
  const file = buildLinksJson(site.taxonomy, site.settings);

  await t.test('should list every link item with its tags and the absolute post URL with its anchor', () => {
    assert.equal(file.path, 'links.json');
    const { links, count } = JSON.parse(text(file));
    assert.equal(count, 3);
    assert.deepEqual(
      links.map((l: Record<string, unknown>) => [l.title, l.domain, l.tags]),
      [
        ['Istio 服务网格入门', 'istio.io', ['Service Mesh', 'Istio']],
        ["Google's SRE book", 'sre.google', []],
        ['SystemTap 追踪 TCP', 'example.com', ['SystemTap', 'Linux Kernel', 'Networking']],
      ],
    );
    const first = links[0];
    assert.equal(first.url, 'https://istio.io/latest/docs/');
    assert.equal(first.postTitle, 'Weekly reading 2017-03');
    const post = site.posts.find((p) => p.title === 'Weekly reading 2017-03')!;
    assert.equal(first.postUrl, absoluteUrl(site.settings, `${post.url}#${site.taxonomy.links[0].anchor}`));
    assert.match(first.postUrl, /^https:\/\/example\.org\/blog\/2017\/03\/06\/weekly-reading\/#istio-%E6%9C%8D/u);
    assert.equal(new Date(first.date).getTime(), post.date.getTime());
  });
});
