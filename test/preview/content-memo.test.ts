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

  await t.test('should reuse an unchanged file as it read it, and read one again once its bytes change, even to the same size', async () => {
    const memo: ContentMemo = {};
    const file = path.join(project, 'content', '2024-01-01-a.md');
    await writeFile(file, '# A one\n\nOne.\n');
    await writeFile(path.join(project, 'content', 'bad.md'), '---\ntitle: [unclosed\n---\n\nBad.\n');
    const first = await load(memo);
    const again = await load(memo);
    assert.equal(memo.sources?.byPath.size, 3);
    // A file kept is not read again, and the problems reading it found come back with it.
    assert.deepEqual(again.problems, first.problems);
    assert.ok(first.problems.some((problem) => problem.file.endsWith('bad.md')));
    await writeFile(file, '# A two\n\nOne.\n');
    assert.ok((await load(memo)).posts.some((post) => post.title === 'A two'));
    await rm(path.join(project, 'content', 'bad.md'));
    memo.files = undefined;
    assert.deepEqual((await load(memo)).problems, []);
    assert.equal(memo.sources?.byPath.size, 2);
  });
});
