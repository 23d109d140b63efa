import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { loadSettings } from '../../src/config/settings.ts';
import { loadPosts, type ContentMemo } from '../../src/content/load-posts.ts';

test('content memo', async (t) => {
  const project = await mkdtemp(path.join(os.tmpdir(), 'weeklog-memo-'));
  t.after(() => rm(project, { recursive: true, force: true }));
  await mkdir(path.join(project, 'content'));
  await writeFile(path.join(project, 'content', '2024-01-01-a.md'), '# A\n\nOne.\n');
  const settings = loadSettings(project);
  const load = (memo?: ContentMemo) => loadPosts(settings, { projectDir: project, mode: 'serve', memo });

  await t.test('should reuse the file list it remembers and read the folder again once it is forgotten', async () => {
    const memo: ContentMemo = {};
    assert.deepEqual((await load(memo)).posts.map((post) => post.title), ['A']);
    assert.deepEqual(memo.files?.relativePaths, ['2024-01-01-a.md']);
    await writeFile(path.join(project, 'content', '2024-01-02-b.md'), '# B\n\nTwo.\n');
    // The caller (serve) forgets the list when a file is added; until then the remembered list is the truth.
    assert.deepEqual((await load(memo)).posts.map((post) => post.title), ['A']);
    memo.files = undefined;
    assert.deepEqual((await load(memo)).posts.map((post) => post.title), ['B', 'A']);
    assert.deepEqual((await load()).posts.map((post) => post.title), ['B', 'A']);
  });

  await t.test('should still read an edited file whose path it remembers', async () => {
    const memo: ContentMemo = {};
    await load(memo);
    await writeFile(path.join(project, 'content', '2024-01-01-a.md'), '# A edited\n\nOne.\n');
    assert.ok((await load(memo)).posts.some((post) => post.title === 'A edited'));
  });
});
