import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { DiskStore } from '../../src/build/disk-store.ts';

const KEY = 'a'.repeat(64);
const isEntry = (value: unknown): value is { n: number } => typeof value === 'object' && value !== null && typeof (value as { n?: unknown }).n === 'number';

test('DiskStore', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-disk-store-'));
  t.after(() => rm(dir, { recursive: true, force: true }));

  await t.test('should read back what setSync and set stored, and leave no temporary file', async () => {
    const store = new DiskStore<{ n: number }>(path.join(dir, 'one'));
    assert.equal(store.setSync(KEY, { n: 1 }), true);
    assert.deepEqual(await new DiskStore<{ n: number }>(store.dir).get(KEY, isEntry), { n: 1 });
    assert.equal(await store.set(KEY, { n: 2 }), true);
    assert.deepEqual(await store.get(KEY, isEntry), { n: 2 });
    assert.deepEqual(await readdir(store.dir), [`${KEY}.json`]);
  });

  await t.test('should answer false, not throw, where its folder cannot be made', async () => {
    // A file stands where the folder would be.
    await writeFile(path.join(dir, 'blocked'), 'not a folder');
    const store = new DiskStore<{ n: number }>(path.join(dir, 'blocked', 'render'));
    assert.equal(store.setSync(KEY, { n: 1 }), false);
    assert.equal(await store.set(KEY, { n: 1 }), false);
    assert.equal(await store.get(KEY, isEntry), undefined);
  });
});
