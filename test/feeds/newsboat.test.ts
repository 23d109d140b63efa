import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { promisify } from 'node:util';
import { buildFeeds } from '../../src/feeds/build-feeds.ts';
import { buildFixtureSite } from './fixture-site.ts';
import { parseFeed } from './parsers.ts';

const run = promisify(execFile);

async function hasNewsboat(): Promise<boolean> {
  try {
    await run('newsboat', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/*
 * newsboat is a real reader and a strict one: it keeps an item id in one feed
 * only, so an OPML import of feeds that share ids leaves most of them empty.
 * The feeds are served over HTTP from this process (execFile, never the
 * blocking execFileSync, or the server could not answer).
 */
test('newsboat', async (t) => {
  if (!(await hasNewsboat())) {
    // CI installs it (.ci/run); on a developer machine without it the test says so.
    if (process.env.CI === 'true') assert.fail('newsboat is missing: .ci/run installs it with apt-get');
    t.skip('newsboat is not installed');
    return;
  }
  const bodies = new Map<string, string>();
  const server = createServer((request, response) => {
    const body = bodies.get(decodeURI((request.url ?? '/').split('?')[0]).slice(1));
    response.statusCode = body === undefined ? 404 : 200;
    response.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-newsboat-'));
  const site = await buildFixtureSite({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
  t.after(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
    await rm(site.projectDir, { recursive: true, force: true });
  });
  for (const file of buildFeeds(site)) bodies.set(file.path, String(file.body));
  const newsboat = async (...args: string[]) =>
    (
      await run('newsboat', ['-u', path.join(dir, 'urls'), '-c', path.join(dir, 'cache.db'), '-C', path.join(dir, 'config'), ...args], {
        env: { ...process.env, HOME: dir },
        timeout: 120_000,
      })
    ).stdout;
  await writeFile(path.join(dir, 'config'), '');
  await writeFile(path.join(dir, 'urls'), '');
  await writeFile(path.join(dir, 'feeds.opml'), bodies.get('feeds.opml')!);

  await t.test('should import feeds.opml and keep every item of every term feed', async () => {
    await newsboat('-i', path.join(dir, 'feeds.opml'));
    const urls = (await readFile(path.join(dir, 'urls'), 'utf8')).split('\n').filter(Boolean).map((line) => line.split(' ')[0]!);
    const expectedFeeds = 1 + site.taxonomy.allCategories.length + site.taxonomy.tags.length;
    assert.equal(urls.length, expectedFeeds, urls.join('\n'));
    const perFeed = urls.map((url) => parseFeed(bodies.get(decodeURI(new URL(url).pathname).slice(1))!).items.length);
    const expected = perFeed.reduce((sum, count) => sum + count, 0);
    assert.ok(expected > site.posts.length, 'posts sit in several feeds');
    const output = await newsboat('-x', 'reload', 'print-unread');
    assert.equal(output.trim(), `${expected} unread articles`);
  });
});
