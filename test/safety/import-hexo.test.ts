import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { fixtures } from '../cli/helpers.ts';
import { hashTree, runCli, tempDir } from './helpers.ts';

const hexoSite = path.join(fixtures, 'hexo-site');

test('import-hexo never overwrites a file', async (t) => {
  await t.test('should refuse with exit 1, name the file, and write nothing when a public file exists', async () => {
    const into = await tempDir('import');
    await mkdir(path.join(into, 'public/images'), { recursive: true });
    await writeFile(path.join(into, 'public/images/logo.gif'), 'my own logo');
    const before = await hashTree(into);

    const run = await runCli(['import-hexo', hexoSite, '--into', into], { cwd: into });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.equal(
      run.stderr,
      'import-hexo never overwrites a file, and 1 file it would write already exists: public/images/logo.gif. ' +
        'Nothing was imported. Import into an empty folder with --into DIR, or move those files away first.\n',
    );
    assert.equal(await readFile(path.join(into, 'public/images/logo.gif'), 'utf8'), 'my own logo');
    assert.deepEqual(await hashTree(into), before);
    assert.deepEqual((await readdir(into)).sort(), ['public']);
  });

  await t.test('should import beside unrelated files of the folder', async () => {
    const into = await tempDir('import-beside');
    await mkdir(path.join(into, 'public/images'), { recursive: true });
    await writeFile(path.join(into, 'public/images/other.png'), 'mine');
    const run = await runCli(['import-hexo', hexoSite, '--into', into], { cwd: into });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(await readFile(path.join(into, 'public/images/other.png'), 'utf8'), 'mine');
  });
});
