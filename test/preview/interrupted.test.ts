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
    const interrupted = await session.update(new Set([file]), () => {}, () => ++asked >= 4);
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
});
