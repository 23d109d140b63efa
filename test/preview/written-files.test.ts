import assert from 'node:assert/strict';
import { link, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { WrittenFiles, writeIfChanged } from '../../src/preview/written-files.ts';

/**
 * serve rewrites feeds and pages while its server answers requests for them. A second name for the
 * old file (a hard link) shows whether the old bytes were overwritten where a reader may be reading
 * them, or the new file took the name whole.
 */
test('a changed file is replaced whole: the bytes a reader already has are never rewritten', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-written-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const feed = path.join(dir, 'feed.json');
  const old = '{"items":["old"]}';
  await writeFile(feed, old);
  const reader = path.join(dir, 'reader-view');
  await link(feed, reader);

  const files = new WrittenFiles();
  assert.equal(await files.write(feed, '{"items":["new"]}'), true);
  assert.equal(await readFile(feed, 'utf8'), '{"items":["new"]}');
  assert.equal(await readFile(reader, 'utf8'), old, 'the old file was written over in place');

  // A known file with another digest goes the same way.
  await rm(reader);
  await link(feed, reader);
  assert.equal(await files.write(feed, '{"items":["newer"]}'), true);
  assert.equal(await readFile(reader, 'utf8'), '{"items":["new"]}');
  assert.equal(await readFile(feed, 'utf8'), '{"items":["newer"]}');

  // Same bytes: not written at all; and no temporary file is left beside the others.
  assert.equal(await writeIfChanged(feed, '{"items":["newer"]}'), false);
  assert.deepEqual((await readdir(dir)).sort(), ['feed.json', 'reader-view']);
});

test('digests of what a full build wrote stand in for reading the files back', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-written-know-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const feed = path.join(dir, 'feed.json');
  await writeFile(feed, 'built');
  const files = new WrittenFiles();
  files.know(feed, 'built');
  assert.equal(await files.write(feed, 'built'), false, 'the same bytes are not written again');
  assert.equal(await files.write(feed, 'edited'), true);
  assert.equal(await readFile(feed, 'utf8'), 'edited');
  // The digest is trusted: the file is not read back to compare.
  await writeFile(feed, 'changed behind its back');
  files.know(feed, 'known');
  assert.equal(await files.write(feed, 'known'), false);
  assert.equal(await readFile(feed, 'utf8'), 'changed behind its back');
  // Known again after an update wrote the same string, the new digest stands.
  assert.equal(await files.write(feed, 'again'), true);
  files.know(feed, 'known');
  assert.equal(await files.write(feed, 'again'), true, 'the body kept from the update no longer counts');
  assert.equal(await readFile(feed, 'utf8'), 'again');
});
