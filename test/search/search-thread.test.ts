import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { BuildContext } from '../../src/build/context.ts';
import { buildSearchFiles } from '../../src/search/build-index.ts';
import { SearchThreadError, startSearchThread } from '../../src/search/search-thread.ts';
import { projectDir } from '../helpers/sample-site.ts';

test('startSearchThread', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-search-thread-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const site = await new BuildContext({ projectDir, cacheDir: null, mode: 'build' }).site();
  const publicDir = path.join(dir, 'public');
  const expected = await buildSearchFiles(site.posts, site.settings, { cache: null, links: site.taxonomy.links });

  await t.test('should write the files the main thread makes, byte for byte, and tell its port', async () => {
    const output = path.join(dir, 'whole');
    const { port1, port2 } = new MessageChannel();
    const told = new Promise((resolve) => port2.once('message', resolve));
    await startSearchThread(site, output, publicDir, port1);
    assert.equal(await told, true);
    port2.close();
    assert.ok(expected.length > site.posts.length, 'fragments, shards, meta and the client');
    for (const file of expected) assert.equal(await readFile(path.join(output, file.path), 'utf8'), String(file.body), file.path);
    const written = await readdir(output, { recursive: true, withFileTypes: true });
    assert.equal(written.filter((entry) => entry.isFile()).length, expected.length);
  });

  await t.test("should leave out a file the author's public/ has", async () => {
    await mkdir(path.join(publicDir, 'search'), { recursive: true });
    await writeFile(path.join(publicDir, 'search/meta.json'), '{}');
    const output = path.join(dir, 'author');
    await startSearchThread(site, output, publicDir, new MessageChannel().port1);
    await assert.rejects(readFile(path.join(output, 'search/meta.json')), { code: 'ENOENT' });
    assert.ok((await readFile(path.join(output, 'assets/search.js'), 'utf8')).length > 0);
    await rm(publicDir, { recursive: true });
  });

  await t.test('should reject with the thread error when a file cannot be written', async () => {
    const output = path.join(dir, 'blocked');
    await mkdir(path.join(output, 'search/meta.json'), { recursive: true });
    await assert.rejects(startSearchThread(site, output, publicDir, new MessageChannel().port1)!, (error: unknown) => error instanceof SearchThreadError && /meta\.json/u.test(error.message));
  });
});
