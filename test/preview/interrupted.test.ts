import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { PreviewSession } from '../../src/preview/session.ts';
import { projectDir as repoDir } from '../cli/helpers.ts';
import { differingFromColdBuild } from './helpers.ts';


test('an update that a newer save interrupts', async (t) => {
  const project = await mkdtemp(path.join(os.tmpdir(), 'weeklog-preview-interrupted-'));
  await cp(path.join(repoDir, 'content/posts'), path.join(project, 'content/posts'), { recursive: true });
  // As in same-bytes.test.ts: no problems, so serve's pages can equal a build's.
  const nginx = path.join(project, 'content/posts/nginx-rate-limit.md');
  await writeFile(nginx, (await readFile(nginx, 'utf8')).replaceAll('```conf', '```nginx'));
  await writeFile(path.join(project, 'weeklog.config.yml'), 'title: Interrupted\nlanguage: en\nperPage: 3\n');
  const session = new PreviewSession({ projectDir: project });
  t.after(async () => {
    await session.settled();
    await session.folder.prune(null);
    await rm(project, { recursive: true, force: true });
  });
  assert.equal((await session.rebuild()).error, null);

  await t.test('should leave no page of the interrupted update behind once a save undoes its change', async () => {
    const file = path.join(project, 'content/posts/weekly-reading-2024-07.md');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/^title: .*$/mu, 'title: Retitled, then put back'));
    // Newer changes "arrive" after the feeds and the first batch of listing pages were written.
    let asked = 0;
    const interrupted = await session.update(new Set([file]), () => {}, (at) => at === 'pages' && ++asked >= 4);
    assert.equal(interrupted.error, null);
    assert.ok(asked >= 4, 'the update looked for newer changes between batches');
    // Listing pages of the newest post's terms and dates were written before the update stopped.
    const pages = (interrupted.changed as string[]).filter((url) => url.endsWith('/') && url !== '/2024/07/08/weekly-reading-2024-07/');
    assert.ok(pages.length > 0, `pages the interrupted update wrote: ${interrupted.changed}`);

    await writeFile(file, original);
    const result = await session.update(new Set([file]));
    assert.equal(result.error, null);
    assert.equal(result.kind, 'pages');

    const { differing } = await differingFromColdBuild(t, project, session.root());
    assert.deepEqual(differing, [], 'files that differ between the serve session and a cold build');
  });

  await t.test('should stop while it signs the pages, and leave the pages to the next update', async () => {
    const file = path.join(project, 'content/posts/weekly-reading-2024-07.md');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/^title: .*$/mu, 'title: Retitled while signing'));
    const asked: string[] = [];
    const interrupted = await session.update(new Set([file]), () => {}, (at) => (asked.push(at), at === 'page index' && asked.filter((step) => step === at).length >= 3));
    assert.equal(interrupted.error, null);
    assert.deepEqual(asked.filter((step) => step !== 'generated files'), ['site', 'page index', 'page index', 'page index'], 'stopped at the third page signed');
    assert.ok(!(interrupted.changed as string[]).includes('/'), `no listing page written: ${interrupted.changed}`);

    await writeFile(file, original.replace(/^title: .*$/mu, 'title: Retitled once more'));
    const result = await session.update(new Set([file]));
    assert.equal(result.error, null);
    assert.equal(result.kind, 'pages');
    const { differing } = await differingFromColdBuild(t, project, session.root());
    assert.deepEqual(differing, [], 'files that differ between the serve session and a cold build');
    await writeFile(file, original);
    assert.equal((await session.update(new Set([file]))).error, null);
  });

  await t.test('should announce the feeds, stop before the search files, and leave no file behind that the next update no longer makes', async () => {
    const file = path.join(project, 'content/posts/go-context-cancellation.md');
    const original = await readFile(file, 'utf8');
    // A new tag: the interrupted update writes its feeds, which exist only while the tag does.
    await writeFile(file, original.replace('tags: [Go, concurrency]', 'tags: [Go, concurrency, Interrupted]').replace(/^title: .*$/mu, 'title: Retitled while saving'));
    const announced: string[] = [];
    const asked: string[] = [];
    const interrupted = await session.update(new Set([file]), (urls) => announced.push(...urls), (at) => (asked.push(at), at === 'generated files'));
    assert.equal(interrupted.error, null);
    assert.deepEqual(asked, ['site', 'generated files'], 'stopped at the first file after the feeds');
    for (const feed of ['/feed.json', '/atom.xml', '/tags/interrupted/feed.json']) assert.ok(announced.includes(feed), `${feed} announced: ${announced}`);
    assert.ok(!announced.some((url) => url.startsWith('/search/')), `no search file written: ${announced}`);
    const feed = JSON.parse(await readFile(path.join(session.root(), 'feed.json'), 'utf8')) as { items: { title: string }[] };
    assert.ok(feed.items.some((item) => item.title === 'Retitled while saving'));

    // The next save takes the tag away again.
    await writeFile(file, original);
    const result = await session.update(new Set([file]));
    assert.equal(result.error, null);
    assert.equal(result.kind, 'pages');
    assert.ok((result.changed as string[]).includes('/tags/interrupted/feed.json'), 'the tag\'s feed is removed');
    const { differing } = await differingFromColdBuild(t, project, session.root());
    assert.deepEqual(differing, [], 'files that differ between the serve session and a cold build');
  });
});
