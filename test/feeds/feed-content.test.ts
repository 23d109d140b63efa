import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import test from 'node:test';
import { parse as parseHtmlFragment } from 'node-html-parser';
import { buildFeeds } from '../../src/feeds/build-feeds.ts';
import type { OutputFile } from '../../src/taxonomy/types.ts';
import { absoluteUrl } from '../../src/urls.ts';
import { buildFixtureSite } from './fixture-site.ts';
import { assertJsonFeed, parseFeed, parseStrictXml } from './parsers.ts';

/** Names that break naive writers: a CDATA end, both quotes, `<`, `&`, a control character. */
const hostileNames = ['a]]>b', `it's "quoted"`, 'x<y&z', 'tab\tand\u0007bell'];
/** As feeds carry them: the taxonomy turns a tab into a space, XML has no way to write U+0007. */
const cleanName = (name: string): string => name.replace(/\t/gu, ' ').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/gu, '');
const parseHtml = (html: string) => parseHtmlFragment(html, { blockTextElements: { script: true, style: true } });

const extraFiles: Record<string, string> = {
  'posts/dont-panic.md': [
    '---',
    `title: "Don't panic & <keep> \\"calm\\""`,
    'date: 2018-01-02 10:00:00',
    'description: "A description, not the excerpt."',
    `tags: [${hostileNames.map((name) => JSON.stringify(name)).join(', ')}]`,
    '---',
    '',
    'First part.',
    '',
    '<!-- more -->',
    '',
    '## A heading',
    '',
    '[js](javascript:alert(1)) <a href="java&#x09;script:alert(2)">tab</a> <a href="vbscript:msgbox">vb</a> <a href="data:text/html,<script>alert(3)</script>">data</a>',
    '',
    '<iframe srcdoc="<script>alert(4)</script>"></iframe>',
    '',
    '<svg><a xlink:href="javascript:alert(5)"><text>svg</text></a></svg>',
    '',
    '<p style="color:red" class="x">styled</p>',
    '',
    '```js',
    'const a = 1;',
    '```',
    '',
    '[ok](https://example.com/ok) [mail](mailto:a@example.com)',
    '',
    '<img alt="dot" src="data:image/png;base64,iVBORw0KGgo="> <img alt="svg" src="data:image/svg+xml,<svg onload=alert(6)>"> <img alt="js" srcset="javascript:alert(7) 1x, ok.png 2x">',
    '',
  ].join('\n'),
  'posts/huge.md': [
    '---',
    'title: Huge',
    'date: 2018-01-01 10:00:00',
    '---',
    '',
    'A short opening sentence. Then more.',
    '',
    '```',
    ...Array.from({ length: 3_000 }, (_, i) => `line ${i} of a very long generated log, repeated to fill the block`),
    '```',
    '',
  ].join('\n'),
};

const stripControls = (name: string): string => name.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/gu, '');

function text(file: OutputFile): string {
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
}

test('feed content', async (t) => {
  const site = await buildFixtureSite({ feedLogo: '/images/logo.png' }, extraFiles);
  const files = buildFeeds(site);
  const at = (path: string): string => {
    const file = files.find((f) => f.path === path);
    assert.ok(file, path);
    return text(file);
  };
  const feeds = files.filter((file) => /(atom\.xml|rss\.xml|feed\.json)$/u.test(file.path));
  t.after(() => rm(site.projectDir, { recursive: true, force: true }));

  await t.test('should give every feed, hostile tag feeds included, to three independent parsers', () => {
    const hostileTags = hostileNames.map((name) => site.taxonomy.tags.find((tag) => stripControls(tag.name) === cleanName(name)));
    assert.ok(hostileTags.every(Boolean), site.taxonomy.tags.map((tag) => tag.name).join(' | '));
    for (const tag of hostileTags) assert.ok(feeds.some((file) => file.path === `${tag!.url.slice(1)}atom.xml`), tag!.url);
    for (const file of feeds) {
      const body = text(file);
      if (file.path.endsWith('.json')) {
        assertJsonFeed(body, file.path);
      } else {
        parseStrictXml(body, file.path);
        assert.ok(parseFeed(body).items.length > 0, file.path);
      }
    }
    for (const name of ['atom.xml', 'rss.xml']) {
      const item = parseFeed(at(name)).items.find((i) => i.title?.startsWith("Don't panic"));
      assert.equal(item?.title, `Don't panic & <keep> "calm"`, name);
      for (const hostile of hostileNames) {
        assert.ok(item?.categories.some((c) => c.term === cleanName(hostile) || c.label === cleanName(hostile)), `${name}: ${hostile}`);
      }
    }
    // The OPML names every term feed, hostile names included, in attributes.
    parseStrictXml(at('feeds.opml'), 'feeds.opml');
    const outlines = parseStrictXml(at('feeds.opml'), 'feeds.opml').attributes;
    for (const hostile of hostileNames) assert.ok(outlines.some((value) => stripControls(value) === cleanName(hostile)), hostile);
    const json = assertJsonFeed(at('feed.json'), 'feed.json');
    const jsonItem = json.items.find((i) => String(i.title).startsWith("Don't"))!;
    assert.deepEqual(jsonItem.tags, hostileNames.map(cleanName));
  });

  await t.test('should write text titles, dc:creator, xml:lang, icon, logo and the stylesheet', () => {
    const atom = at('atom.xml');
    const strict = parseStrictXml(atom, 'atom.xml');
    assert.ok(strict.elements.includes('title'));
    assert.doesNotMatch(atom, /<title type="html"/u);
    assert.match(atom, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="zh-CN">/u);
    assert.match(atom, /<icon>https:\/\/example\.org\/blog\/favicon\.svg<\/icon>/u);
    assert.match(atom, /<logo>https:\/\/example\.org\/blog\/images\/logo\.png<\/logo>/u);
    assert.match(atom, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<\?xml-stylesheet type="text\/xsl" href="\/blog\/feed\.xsl"\?>/u);
    const hostileTag = site.taxonomy.tags.find((tag) => tag.name === 'a]]>b')!;
    const rss = at(`${hostileTag.url.slice(1)}rss.xml`);
    assert.doesNotMatch(rss, /<author>/u);
    assert.match(rss, /<dc:creator>Ada<\/dc:creator>/u);
    assert.equal(parseFeed(rss).items[0].authors[0]?.name, 'Ada');
    assert.equal(parseFeed(rss).language, 'zh-CN');
    assert.equal(JSON.parse(at('feed.json')).icon, 'https://example.org/blog/images/logo.png');
    parseStrictXml(at('feed.xsl'), 'feed.xsl');
  });

  await t.test('should keep no heading anchor, style, class or unsafe URL in item HTML', () => {
    for (const name of ['atom.xml', 'rss.xml', 'feed.json']) {
      const html = name.endsWith('.json')
        ? String(JSON.parse(at(name)).items.find((i: { title: string }) => i.title.startsWith("Don't")).content_html)
        : (parseFeed(at(name)).items.find((i) => i.title?.startsWith("Don't"))?.content ?? '');
      const root = parseHtml(html);
      assert.equal(root.querySelectorAll('[style]').length, 0, name);
      assert.equal(root.querySelectorAll('iframe, svg, script').length, 0, name);
      assert.deepEqual(root.querySelectorAll('[class]').map((e) => e.getAttribute('class')), ['language-js'], name);
      const hrefs = root.querySelectorAll('a').map((a) => a.getAttribute('href')).filter((href) => href !== undefined);
      assert.deepEqual(hrefs, ['https://example.com/ok', 'mailto:a@example.com'], name);
      assert.ok(!html.includes('#</a>') && !/heading-anchor/u.test(html), name);
      // Unsafe links stay as their text.
      for (const label of ['js', 'tab', 'vb', 'data', 'styled']) assert.ok(root.textContent.includes(label), `${name}: ${label}`);
      assert.equal(root.querySelector('pre code')?.textContent.trim(), 'const a = 1;');
      const images = root.querySelectorAll('img').map((img) => [img.getAttribute('alt'), img.getAttribute('src') ?? null, img.getAttribute('srcset') ?? null]);
      const page = absoluteUrl(site.settings, site.posts.find((p) => p.title.startsWith("Don't"))!.url);
      assert.deepEqual(images, [['dot', 'data:image/png;base64,iVBORw0KGgo=', null], ['svg', null, null], ['js', null, `${page}ok.png 2x`]], name);
    }
  });

  await t.test('should keep item ids when the URL pattern or the title changes, and give each feed its own', async () => {
    const idsOf = (all: OutputFile[], path: string): Map<string, string> =>
      new Map(parseFeed(text(all.find((f) => f.path === path)!)).items.map((item) => [item.url!.replace(/^.*\/([^/]+)\/$/u, '$1'), item.id!]));
    const renamed = { ...extraFiles, 'posts/dont-panic.md': extraFiles['posts/dont-panic.md'].replace("title: \"Don't panic", 'title: "Do panic') };
    const moved = await buildFixtureSite({ feedLogo: '/images/logo.png', permalink: '/p/:title/' }, renamed);
    t.after(() => rm(moved.projectDir, { recursive: true, force: true }));
    const movedFiles = buildFeeds(moved);
    const before = [...idsOf(files, 'atom.xml').values()];
    const after = [...idsOf(movedFiles, 'atom.xml').values()];
    assert.deepEqual(after, before);
    const post = site.posts.find((p) => p.title === 'Huge')!;
    assert.ok(!moved.posts.some((p) => p.url === post.url), 'the URL pattern changed');
    // One post, four feeds, four ids: newsboat keeps an id in one feed only.
    const plain = site.posts.find((p) => p.title === 'Plain')!;
    const url = absoluteUrl(site.settings, plain.url);
    const ids = ['atom.xml', 'categories/cloud/atom.xml', 'categories/cloud/kubernetes/atom.xml', 'tags/kubernetes/atom.xml'].map(
      (path) => parseFeed(at(path)).items.find((item) => item.url === url)?.id,
    );
    assert.equal(new Set(ids).size, 4, ids.join(' '));
    const rssIds = ['rss.xml', 'tags/kubernetes/rss.xml'].map((path) => parseFeed(at(path)).items.find((item) => item.url === url)?.id);
    assert.deepEqual(rssIds, [ids[0], ids[3]]);
  });

  await t.test('should use the front-matter description as the summary, even with <!-- more -->', () => {
    const atomItem = parseFeed(at('atom.xml')).items.find((i) => i.title?.startsWith("Don't"));
    assert.equal(atomItem?.description, 'A description, not the excerpt.');
    const jsonItem = JSON.parse(at('feed.json')).items.find((i: { title: string }) => i.title.startsWith("Don't"));
    assert.equal(jsonItem.summary, 'A description, not the excerpt.');
  });

  await t.test('should cut an item over 100 KB to its excerpt and a link, so feeds stay small', () => {
    const huge = site.posts.find((post) => post.title === 'Huge')!;
    assert.ok(Buffer.byteLength(huge.html) > 200_000, `${huge.html.length}`);
    for (const file of feeds) assert.ok(Buffer.byteLength(text(file)) < 300_000, `${file.path}: ${Buffer.byteLength(text(file))} bytes`);
    const item = parseFeed(at('atom.xml')).items.find((i) => i.title === 'Huge')!;
    const root = parseHtml(item.content ?? '');
    assert.ok(root.textContent.includes('A short opening sentence.'));
    assert.deepEqual(root.querySelectorAll('a').map((a) => a.getAttribute('href')), [absoluteUrl(site.settings, huge.url)]);
  });
});
