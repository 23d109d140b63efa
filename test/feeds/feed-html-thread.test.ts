import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import test from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { HtmlSpool } from '../../src/content/html-spool.ts';
import { buildFeeds, feedItemPosts } from '../../src/feeds/build-feeds.ts';
import { feedHtmlInThread } from '../../src/feeds/feed-html-thread.ts';
import { buildFixtureSite } from './fixture-site.ts';

test('feedHtmlInThread', async (t) => {
  // A sub-path site: relative and root-relative URLs in posts become absolute ones under it.
  const site = await buildFixtureSite({ feedItems: 2 });
  t.after(() => rm(site.projectDir, { recursive: true, force: true }));

  await t.test('should make the feeds byte for byte as the build makes them without the thread', async () => {
    const posts = feedItemPosts(site.posts, site.taxonomy, site.settings);
    const prepared = await feedHtmlInThread(posts, site.settings);
    assert.equal(prepared.size, posts.length, 'every listed post was made in the thread');
    for (const post of posts) {
      const entry = prepared.get(post.file)!;
      // The post's own strings, compared by the feeds (and by `serve`'s next model); the post itself would keep its model alive.
      assert.equal(entry.html, post.html);
      assert.equal(entry.madeFor, undefined);
    }
    const handedIn = new Map(prepared);
    const made = buildFeeds({ ...site, options: { cache: prepared } });
    assert.deepEqual(made, buildFeeds(site));
    // The thread's work was used, not made again: an entry the feeds did not accept would have been replaced.
    for (const [file, entry] of handedIn) assert.equal(prepared.get(file), entry, file);
  });

  await t.test("should make entries that serve's next model finds by the posts' HTML", async () => {
    const posts = feedItemPosts(site.posts, site.taxonomy, site.settings);
    const prepared = await feedHtmlInThread(posts, site.settings);
    // The next load of an unchanged site: new post objects with the same HTML. Every entry is used, none made again.
    const nextModel = { ...site, posts: site.posts.map((post) => ({ ...post })) };
    const handedIn = new Map(prepared);
    assert.deepEqual(buildFeeds({ ...nextModel, options: { cache: prepared } }), buildFeeds(site));
    for (const [file, entry] of handedIn) assert.equal(prepared.get(file), entry, file);
    // A post whose HTML changed is made again.
    const [edited] = nextModel.posts;
    edited!.html = `${edited!.html}<p>编辑过</p>`;
    buildFeeds({ ...nextModel, options: { cache: prepared } });
    assert.notEqual(prepared.get(edited!.file), handedIn.get(edited!.file));
  });

  await t.test('should list each post the feeds hold once: the newest `feedItems` of the site and of each term', () => {
    const posts = feedItemPosts(site.posts, site.taxonomy, site.settings);
    assert.equal(new Set(posts).size, posts.length);
    for (const post of site.posts.slice(0, 2)) assert.ok(posts.includes(post));
    for (const term of [...site.taxonomy.allCategories, ...site.taxonomy.tags]) for (const post of term.posts.slice(0, 2)) assert.ok(posts.includes(post), term.name);
  });

  await t.test('should leave a post the thread could not make to the build, which then makes it itself', async () => {
    const [post] = site.posts;
    const broken = { ...post!, html: 42 as unknown as string };
    const prepared = await feedHtmlInThread([broken, ...site.posts.slice(1)], site.settings);
    assert.equal(prepared.has(post!.file), false);
    assert.equal(prepared.size, site.posts.length - 1);
  });

  await t.test('should start once its `after` port gives a message', async () => {
    const posts = feedItemPosts(site.posts, site.taxonomy, site.settings);
    const told = new MessageChannel();
    const afterMessage = feedHtmlInThread(posts, site.settings, { after: told.port2 });
    told.port1.postMessage(true);
    assert.equal((await afterMessage).size, posts.length);
  });

  // Last: it moves the fixture's HTML into a spool for good.
  await t.test("should read a spooled post's HTML in the thread, and make the same feeds", async (spooled) => {
    const expected = buildFeeds(site);
    const spool = HtmlSpool.open();
    assert.ok(spool, 'a spool in the temporary folder');
    spooled.after(() => spool.close());
    for (const post of site.posts) spool.adopt(post, spool.put(post.html));
    const posts = feedItemPosts(site.posts, site.taxonomy, site.settings);
    const prepared = await feedHtmlInThread(posts, site.settings, { spool });
    assert.equal(prepared.size, posts.length, 'every listed post was made in the thread');
    // Compared by its HTML, a spooled post would bring it back onto the heap: the entry names the post instead.
    for (const post of posts) assert.deepEqual([prepared.get(post.file)!.madeFor === post, prepared.get(post.file)!.html], [true, '']);
    assert.deepEqual(buildFeeds({ ...site, options: { cache: prepared } }), expected);
  });
});
