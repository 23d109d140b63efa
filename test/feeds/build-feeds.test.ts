import assert from 'node:assert/strict';
import test from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { assertJsonFeed, parseStrictXml } from './parsers.ts';
import { parse as parseHtml } from 'node-html-parser';
import { buildFeeds } from '../../src/feeds/build-feeds.ts';
import type { FeedHtmlCache } from '../../src/feeds/feed-items.ts';
import type { Post } from '../../src/content/post.ts';
import { feedUrls } from '../../src/feeds/urls.ts';
import { absoluteUrl } from '../../src/urls.ts';
import type { OutputFile } from '../../src/taxonomy/types.ts';
import { buildFixtureSite, hostileTag, hostileTitle, type FixtureSite } from './fixture-site.ts';

const illegalXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;

/**
 * What fast-xml-parser's validator lets through but XML forbids: `]]>` outside
 * CDATA (a CDATA section holding two of them split wrongly leaves one outside)
 * and `<` or a bare `&` in attribute values.
 */
function assertStrictXml(text: string, where: string): void {
  const outsideCdata = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/gu, '');
  assert.ok(!outsideCdata.includes(']]>'), `${where}: ]]> outside CDATA`);
  assert.ok(!outsideCdata.includes('<![CDATA['), `${where}: unterminated CDATA`);
  for (const tag of outsideCdata.match(/<[^!?/][^>]*>/gu) ?? []) {
    for (const [, value] of tag.matchAll(/\s[\w:-]+="([^"]*)"/gu)) {
      assert.doesNotMatch(value, /<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/iu, `${where}: attribute value ${value}`);
    }
  }
}

function isFeed(file: OutputFile): boolean {
  return /(^|\/)(atom\.xml|rss\.xml|feed\.json)$/u.test(file.path);
}

function body(file: OutputFile): string {
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
}

function fileAt(files: OutputFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  assert.ok(file, `no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return body(file);
}

interface ParsedItem {
  title: string;
  url: string;
  id: string;
  html: string;
  published: Date | null;
}

/** Items of any of the three formats, read back by an independent parser (or JSON.parse). */
function readItems(path: string, text: string): ParsedItem[] {
  if (path.endsWith('.json')) {
    const feed = JSON.parse(text);
    return feed.items.map((item: Record<string, string>) => ({
      title: item.title,
      url: item.url,
      id: item.id,
      html: item.content_html,
      published: new Date(item.date_published),
    }));
  }
  return parseFeed(text).items.map((item) => ({
    title: item.title ?? '',
    url: item.url ?? '',
    id: item.id ?? '',
    html: item.content ?? '',
    published: item.published,
  }));
}

test('buildFeeds', async (t) => {
  const site: FixtureSite = await buildFixtureSite();
  const files = buildFeeds(site);
  const { settings, taxonomy, posts } = site;
  const hostile = posts.find((post) => post.title.startsWith('<script>'))!;

  await t.test('should make through a kept cache, after edits, the files a build without one makes', () => {
    const cache: FeedHtmlCache = Object.assign(new Map(), { feeds: new Map() });
    const input = (edited: Post[]) => ({ settings, posts: edited, taxonomy, options: { cache } });
    buildFeeds(input(posts));
    // One post's body, then its title, then back: each feed holding it changes, the others are kept whole.
    const first = posts[0]!;
    const editions = [
      posts.map((post) => (post === first ? { ...post, html: `${post.html}<p>Added &amp; more.</p>` } : post)),
      posts.map((post) => (post === first ? { ...post, title: `${post.title} (retitled)` } : post)),
      // Fields an item takes beside the HTML and the title: each changes the feeds that hold it.
      posts.map((post) => (post === first ? { ...post, updated: new Date(post.date.getTime() + 86_400_000) } : post)),
      posts.map((post) => (post === first ? { ...post, tagRefs: post.tagRefs.map((ref) => ({ ...ref, name: `${ref.name} renamed` })) } : post)),
      posts.map((post) => (post === first ? { ...post, data: { ...post.data, description: 'A description written later.' } } : post)),
      posts,
    ];
    for (const edited of editions) {
      const kept = buildFeeds(input(edited));
      assert.deepEqual(kept, buildFeeds({ settings, posts: edited, taxonomy }));
    }
    assert.ok(cache.feeds!.size > 1);
  });

  await t.test('should write the three formats for the site, every category (parents too) and every tag', () => {
    const expected = ['/', ...taxonomy.allCategories.map((term) => term.url), ...taxonomy.tags.map((term) => term.url)].flatMap((url) =>
      Object.values(feedUrls(url)).map((feedUrl) => feedUrl.slice(1)),
    );
    assert.deepEqual(files.map((file) => file.path).sort(), [...expected, 'feeds.opml', 'feed.xsl'].sort());
    assert.ok(expected.includes('categories/cloud/kubernetes/atom.xml'));
    assert.ok(expected.includes('tags/服务网格/feed.json'));
  });

  await t.test('should produce well-formed XML and JSON Feed 1.1 that independent parsers read', () => {
    for (const file of files.filter(isFeed)) {
      const text = body(file);
      assert.doesNotMatch(text, illegalXml, file.path);
      if (file.path.endsWith('.json')) {
        const feed = assertJsonFeed(text, file.path);
        assert.equal(feed.version, 'https://jsonfeed.org/version/1.1', file.path);
        assert.equal(typeof feed.title, 'string');
        assert.ok(Array.isArray(feed.items) && feed.items.length > 0, file.path);
        for (const item of feed.items) {
          assert.equal(typeof item.id, 'string');
          assert.ok(typeof item.content_html === 'string' || typeof item.content_text === 'string');
        }
      } else {
        assert.equal(XMLValidator.validate(text), true, file.path);
        assertStrictXml(text, file.path);
        parseStrictXml(text, file.path);
        const feed = parseFeed(text);
        assert.equal(feed.meta.type, file.path.endsWith('atom.xml') ? 'atom' : 'rss', file.path);
        assert.ok(feed.items.length > 0, file.path);
      }
    }
  });

  await t.test('should put a post in each of its tag feeds and in its category\'s and parent category\'s feeds', () => {
    const hostileUrl = absoluteUrl(settings, hostile.url);
    for (const dir of ['tags/docker/', 'tags/kubernetes/', 'categories/cloud/kubernetes/', 'categories/cloud/', '']) {
      for (const name of ['atom.xml', 'rss.xml', 'feed.json']) {
        const items = readItems(name, fileAt(files, dir + name));
        assert.ok(items.some((item) => item.url === hostileUrl), `${dir}${name}`);
      }
    }
    const readings = readItems('rss.xml', fileAt(files, 'categories/readings/rss.xml'));
    assert.deepEqual(readings.map((item) => item.title), ['Weekly reading 2017-03']);
    const kubernetes = readItems('atom.xml', fileAt(files, 'tags/kubernetes/atom.xml'));
    assert.equal(kubernetes.length, 4);
  });

  await t.test('should leave no relative URL in content and resolve each kind against the right base', () => {
    for (const file of files.filter(isFeed)) {
      for (const item of readItems(file.path, body(file))) {
        const root = parseHtml(item.html);
        for (const element of root.querySelectorAll('[href], [src], [srcset], [poster]')) {
          for (const attribute of ['href', 'src', 'poster']) {
            const value = element.getAttribute(attribute);
            if (value !== undefined) assert.match(value, /^(https?:|mailto:)/u, `${file.path}: ${attribute}="${value}"`);
          }
          const srcset = element.getAttribute('srcset');
          if (srcset !== undefined) for (const candidate of srcset.split(',')) assert.match(candidate.trim(), /^https:\/\//u, srcset);
        }
      }
    }
    const item = readItems('atom.xml', fileAt(files, 'atom.xml')).find((i) => i.title === hostileTitle)!;
    const page = 'https://example.org/blog/2017/03/05/hostile/';
    const root = parseHtml(item.html);
    const srcs = root.querySelectorAll('img').map((img) => img.getAttribute('src'));
    assert.deepEqual(srcs, [`${page}img/a.png`, 'https://example.org/blog/images/x.jpg', `${page}img/b.png`]);
    assert.equal(root.querySelector('img[srcset]')?.getAttribute('srcset'), `${page}img/b.png 1x, https://example.org/blog/images/b@2x.png 2x`);
    const hrefs = root.querySelectorAll('a').map((a) => a.getAttribute('href'));
    assert.ok(hrefs.includes(`${page}#section-two`), hrefs.join(' '));
    assert.ok(hrefs.includes('https://example.org/blog/2017/03/05/other/'), hrefs.join(' '));
    assert.equal(root.querySelector('video')?.getAttribute('poster'), `${page}poster.jpg`);
    assert.equal(root.querySelector('source')?.getAttribute('src'), `${page}clip.mp4`);
    assert.equal(root.querySelector('script'), null);
    assert.equal(root.querySelector('[onclick]'), null);
  });

  await t.test('should keep titles, `]]>`, emoji as text and drop illegal characters, in every format', () => {
    for (const name of ['atom.xml', 'rss.xml', 'feed.json']) {
      const item = readItems(name, fileAt(files, name)).find((i) => i.url === absoluteUrl(settings, hostile.url))!;
      assert.equal(item.title, hostileTitle, name);
      const text = parseHtml(item.html).textContent;
      assert.ok(text.includes('a]]>b]]>c'), `${name}: ${text}`);
      assert.ok(text.includes('Prose with ]]> once and ]]> twice.'), name);
      assert.ok(text.includes('emoji 🚀 and a control character: AB, a non-character .'), name);
    }
    const parsed = parseFeed(fileAt(files, 'rss.xml'));
    assert.equal(parsed.title, 'Test <Site> & Co');
    for (const name of ['atom.xml', 'rss.xml']) {
      const item = parseFeed(fileAt(files, name)).items.find((i) => i.title === hostileTitle)!;
      assert.ok(item.categories.some((category) => category.term === hostileTag), `${name}: ${JSON.stringify(item.categories)}`);
    }
  });

  await t.test('should give stable ids, dates with their zone that parse back to the same instant, and the newest date as updated', async () => {
    const again = buildFeeds(await buildFixtureSite());
    for (const name of ['atom.xml', 'rss.xml', 'feed.json']) {
      const items = readItems(name, fileAt(files, name));
      assert.deepEqual(items.map((i) => i.id), readItems(name, fileAt(again, name)).map((i) => i.id), name);
      for (const item of items) {
        const post = posts.find((p) => absoluteUrl(settings, p.url) === item.url)!;
        assert.match(item.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
        assert.equal(item.published?.getTime(), post.date.getTime(), `${name}: ${item.title}`);
      }
    }
    const rss = fileAt(files, 'rss.xml');
    assert.match(rss, /<pubDate>Sat, 04 Mar 2017 23:59:01 (GMT|\+0000)<\/pubDate>/u);
    const atom = fileAt(files, 'categories/cloud/kubernetes/atom.xml');
    assert.match(atom, /<published>2017-03-04T23:59:01(\.000)?(Z|[+-]\d\d:\d\d)<\/published>/u);
    // `Plain` is the oldest post but was updated last: the feeds holding it are as new as that update.
    const plain = posts.find((post) => post.title === 'Plain')!;
    assert.equal(plain.updated?.toISOString(), '2017-04-01T00:00:00.000Z');
    assert.equal(parseFeed(atom).updated?.toISOString(), plain.updated?.toISOString());
    assert.equal(parseFeed(fileAt(files, 'categories/readings/atom.xml')).updated?.toISOString(), posts[0].date.toISOString());
    const entry = parseFeed(atom).items.find((item) => item.title === 'Plain')!;
    assert.equal(entry.published?.toISOString(), plain.date.toISOString());
    assert.equal(entry.updated?.toISOString(), plain.updated?.toISOString());
    const jsonItem = JSON.parse(fileAt(files, 'feed.json')).items.find((item: Record<string, string>) => item.title === 'Plain');
    assert.equal(jsonItem.date_published, plain.date.toISOString());
    assert.equal(jsonItem.date_modified, plain.updated?.toISOString());
  });

  await t.test('should name the term in feed titles and link to the term page and the feed itself', () => {
    const atom = parseFeed(fileAt(files, 'categories/cloud/kubernetes/atom.xml'));
    assert.equal(atom.title, 'Test <Site> & Co · 分类：Cloud / Kubernetes');
    assert.equal(atom.url, 'https://example.org/blog/categories/cloud/kubernetes/');
    assert.equal(atom.self, 'https://example.org/blog/categories/cloud/kubernetes/atom.xml');
    const rss = parseFeed(fileAt(files, 'tags/服务网格/rss.xml'));
    assert.equal(rss.title, 'Test <Site> & Co · 标签：服务网格');
    assert.equal(rss.self, absoluteUrl(settings, '/tags/服务网格/rss.xml'));
    assert.equal(rss.self, 'https://example.org/blog/tags/%E6%9C%8D%E5%8A%A1%E7%BD%91%E6%A0%BC/rss.xml');
    const json = JSON.parse(fileAt(files, 'tags/docker/feed.json'));
    assert.equal(json.title, 'Test <Site> & Co · 标签：Docker');
    assert.equal(json.home_page_url, 'https://example.org/blog/tags/docker/');
    assert.equal(json.language, 'zh-CN');
    assert.deepEqual(json.items[0].authors, [{ name: 'Ada' }]);
    assert.deepEqual(json.items[0].tags, ['Cloud', 'Kubernetes', 'Docker', hostileTag]);
  });

  await t.test('should keep only the newest `feedItems` posts and use English labels for `language: en`', async () => {
    const small = await buildFixtureSite({ feedItems: 2, language: 'en' });
    const smallFiles = buildFeeds(small);
    const items = readItems('rss.xml', fileAt(smallFiles, 'rss.xml'));
    assert.deepEqual(items.map((i) => i.url), small.posts.slice(0, 2).map((p) => absoluteUrl(small.settings, p.url)));
    assert.equal(parseFeed(fileAt(smallFiles, 'tags/docker/atom.xml')).title, 'Test <Site> & Co · Tag: Docker');
    assert.equal(parseFeed(fileAt(smallFiles, 'categories/cloud/atom.xml')).title, 'Test <Site> & Co · Category: Cloud');
  });
});
