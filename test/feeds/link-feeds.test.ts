import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import test from 'node:test';
import { buildLinkFeeds } from '../../src/feeds/link-feeds.ts';
import { buildLinksJson } from '../../src/feeds/links-json.ts';
import type { OutputFile } from '../../src/taxonomy/types.ts';
import { buildFixtureSite } from './fixture-site.ts';
import { assertJsonFeed, parseFeed, parseStrictXml } from './parsers.ts';

const text = (file: OutputFile): string => String(file.body);

test('buildLinkFeeds', async (t) => {
  const site = await buildFixtureSite();
  t.after(() => rm(site.projectDir, { recursive: true, force: true }));
  const files = buildLinkFeeds(site.taxonomy, site.settings);
  const at = (path: string) => text(files.find((file) => file.path === path)!);
  const linksJson = JSON.parse(text(buildLinksJson(site.taxonomy, site.settings)));

  await t.test('should write Atom and JSON Feed of the link items, with the same ids as links.json', () => {
    assert.deepEqual(files.map((file) => file.path), ['links/atom.xml', 'links/feed.json']);
    parseStrictXml(at('links/atom.xml'), 'links/atom.xml');
    const atom = parseFeed(at('links/atom.xml'));
    const json = assertJsonFeed(at('links/feed.json'), 'links/feed.json');
    assert.equal(linksJson.version, 2);
    const expected = linksJson.links.map((link: Record<string, string>) => [link.id, link.title, link.url, link.postUrl]);
    assert.deepEqual(atom.items.map((item) => [item.id, item.title, item.url]), expected.map((row: string[]) => row.slice(0, 3)));
    assert.deepEqual(json.items.map((item) => [item.id, item.title, item.external_url, item.url]), expected);
    assert.equal(new Set(expected.map((row: string[]) => row[0])).size, expected.length);
    const note = linksJson.links[0].note;
    assert.ok(note.length > 0);
    assert.equal(json.items[0].summary, note);
    assert.equal(atom.items[0].description, note);
  });

  await t.test('should keep link ids when the post URL pattern and titles change', async () => {
    const moved = await buildFixtureSite({ permalink: '/p/:title/' });
    t.after(() => rm(moved.projectDir, { recursive: true, force: true }));
    const again = JSON.parse(text(buildLinksJson(moved.taxonomy, moved.settings)));
    assert.notDeepEqual(again.links.map((l: Record<string, string>) => l.postUrl), linksJson.links.map((l: Record<string, string>) => l.postUrl));
    assert.deepEqual(again.links.map((l: Record<string, string>) => l.id), linksJson.links.map((l: Record<string, string>) => l.id));
  });
});
