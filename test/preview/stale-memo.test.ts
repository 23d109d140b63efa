import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import type { GitHistory } from '../../src/content/git-dates.ts';
import { mayHaveNewCommits } from '../../src/preview/stale-memo.ts';

const history = (state: GitHistory['state']): GitHistory => ({ state, added: new Map(), changed: new Map(), commits: new Map() });

test('mayHaveNewCommits', async (t) => {
  const project = await mkdtemp(path.join(os.tmpdir(), 'weeklog-stale-memo-'));
  t.after(() => rm(project, { recursive: true, force: true }));
  const contentDir = path.join(project, 'content');
  await mkdir(contentDir);

  await t.test('should keep the history of a folder that git found no repository for, while there is still none', async () => {
    assert.equal(await mayHaveNewCommits({ contentDir, history: Promise.resolve(history('none')) }), false);
  });

  await t.test('should ask again once a repository appears in the folder or above it, or when there was one', async () => {
    await mkdir(path.join(project, '.git'));
    assert.equal(await mayHaveNewCommits({ contentDir, history: Promise.resolve(history('none')) }), true);
    await rm(path.join(project, '.git'), { recursive: true });
    assert.equal(await mayHaveNewCommits({ contentDir, history: Promise.resolve(history('complete')) }), true);
    assert.equal(await mayHaveNewCommits(undefined), true);
  });
});
