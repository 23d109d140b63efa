import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { appendFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import test from 'node:test';
import { acquireOutputLock, lockFileFor } from '../../src/cli/output-lock.ts';
import { hashTree, makeProject, spawnCli, tempDir, waitFor } from './helpers.ts';

/** What a build left beside the project besides the usual folders. */
const leftovers = async (dir: string) =>
  (await readdir(dir)).filter((name) => !['content', 'public', 'weeklog.config.yml', '_site', '.cache'].includes(name));

test('builds into one output folder', async (t) => {
  await t.test('should let a second holder wait until the first releases, and take over a dead holder\'s lock', async () => {
    const dir = await tempDir('lock');
    const output = path.join(dir, 'site');
    const first = await acquireOutputLock(output);
    let waitedFor: number | undefined;
    let secondHeld = false;
    const second = acquireOutputLock(output, { pollMs: 10, onWait: (pid) => (waitedFor = pid) }).then((lock) => {
      secondHeld = true;
      return lock;
    });
    await waitFor(() => waitedFor !== undefined, 'the second build to see the lock');
    assert.equal(waitedFor, process.pid);
    assert.equal(secondHeld, false);
    first.release();
    (await second).release();
    assert.ok(!existsSync(lockFileFor(output)));

    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(lockFileFor(output), `${deadPid} 0123456789abcdef\n`);
    const taken = await acquireOutputLock(output, { onWait: () => assert.fail('a dead build\'s lock is not waited for') });
    taken.release();
    assert.deepEqual(await readdir(dir), []);
  });

  await t.test('should run four builds at once one after the other, all succeeding and leaving nothing behind', async () => {
    const dir = await makeProject(await tempDir('four'), { posts: 5 });
    const runs = await Promise.all([0, 1, 2, 3].map(() => spawnCli(['build', '--quiet'], dir).done));
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    assert.ok(runs.some((run) => /Waiting for another weeklog build \(process \d+\) to finish writing _site\//.test(run.stderr)));
    assert.deepEqual(await leftovers(dir), []);
    assert.ok(existsSync(path.join(dir, '_site/index.html')));
  });

  await t.test('should clean up its staging folder and lock on SIGTERM and SIGINT, leaving the previous site as it was', async () => {
    const dir = await makeProject(await tempDir('signal'), { posts: 150 });
    const first = await spawnCli(['build', '--quiet'], dir).done;
    assert.equal(first.code, 0, first.stderr);
    const site = await hashTree(path.join(dir, '_site'));
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      // An unchanged project builds nothing (no staging folder at all): give each build an edit to render.
      await appendFile(path.join(dir, 'content/posts/2020-01-01-post-0.md'), `\nEdited before ${signal}.\n`);
      const build = spawnCli(['build', '--quiet'], dir);
      // The staging folder exists from the start of the build until its swap.
      await waitFor(async () => (await readdir(dir)).some((name) => name.startsWith('._site.building-')), 'the build to start');
      build.child.kill(signal);
      const run = await build.done;
      assert.equal(run.signal, signal, `ended by ${signal}: ${run.stderr}`);
      assert.deepEqual(await leftovers(dir), [], `nothing left after ${signal}`);
      assert.deepEqual(await hashTree(path.join(dir, '_site')), site);
    }
  });
});
