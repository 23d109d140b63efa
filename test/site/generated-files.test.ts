import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/site/build.ts';
import { projectDir } from '../helpers/sample-site.ts';

// Feeds and search files are written one by one as they are made; a write that fails must still fail the build.
test('generated files', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-generated-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // One render cache for the three builds: the posts are rendered once.
  const build = (name: string) => buildSite({ projectDir, outputDir: path.join(dir, name), cacheDir: path.join(dir, 'cache') });

  await t.test('should write the feeds and the search index of a build', async () => {
    await build('whole');
    const meta = JSON.parse(await readFile(path.join(dir, 'whole/search/meta.json'), 'utf8')) as { n: number };
    assert.ok(meta.n >= 14, `expected every post in the search index, got ${meta.n}`);
    assert.match(await readFile(path.join(dir, 'whole/rss.xml'), 'utf8'), /^<\?xml/u);
    assert.match(await readFile(path.join(dir, 'whole/tags/go/atom.xml'), 'utf8'), /<feed /u);
  });

  await t.test('should stop the build when a feed cannot be written', async () => {
    // A folder where the feed goes: writing the file fails.
    await mkdir(path.join(dir, 'feed-blocked/rss.xml'), { recursive: true });
    await assert.rejects(build('feed-blocked'), (error: NodeJS.ErrnoException) => error.code === 'EISDIR' || /rss\.xml/u.test(String(error)));
  });

  await t.test('should stop the build when a search file cannot be written', async () => {
    await mkdir(path.join(dir, 'search-blocked/search/meta.json'), { recursive: true });
    await assert.rejects(build('search-blocked'), (error: NodeJS.ErrnoException) => error.code === 'EISDIR' || /meta\.json/u.test(String(error)));
  });
});
