import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { withoutFilesOf } from '../../src/build/write-output.ts';
import type { OutputFile } from '../../src/taxonomy/types.ts';

async function* made(paths: string[]): AsyncGenerator<OutputFile> {
  for (const file of paths) yield { path: file, body: file };
}

async function kept(publicDir: string, paths: string[]): Promise<string[]> {
  const left: string[] = [];
  for await (const file of withoutFilesOf(publicDir, made(paths))) left.push(file.path);
  return left;
}

test('withoutFilesOf', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-write-output-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const publicDir = path.join(dir, 'public');
  await mkdir(path.join(publicDir, 'css'), { recursive: true });
  await writeFile(path.join(publicDir, 'robots.txt'), 'mine');
  await writeFile(path.join(publicDir, 'css/code.css'), 'mine');
  // A folder of the author's reached through a link, a file where weeklog has a folder, a folder where it has a file.
  await mkdir(path.join(dir, 'elsewhere/tags/k8s'), { recursive: true });
  await writeFile(path.join(dir, 'elsewhere/tags/k8s/atom.xml'), 'mine');
  await symlink(path.join(dir, 'elsewhere/tags'), path.join(publicDir, 'tags'));
  await writeFile(path.join(publicDir, 'search'), 'a file, not a folder');
  await mkdir(path.join(publicDir, 'feed.json'));

  await t.test("should leave out every file the author's public/ has, at any depth and through links", async () => {
    const generated = ['robots.txt', 'atom.xml', 'css/code.css', 'css/other.css', 'tags/k8s/atom.xml', 'tags/k8s/rss.xml', 'tags/go/atom.xml'];
    assert.deepEqual(await kept(publicDir, generated), ['atom.xml', 'css/other.css', 'tags/k8s/rss.xml', 'tags/go/atom.xml']);
  });

  await t.test('should keep files where the author has something else at the path or on the way to it', async () => {
    assert.deepEqual(await kept(publicDir, ['search/meta.json', 'search/0/1.json', 'feed.json']), ['search/meta.json', 'search/0/1.json', 'feed.json']);
  });

  await t.test('should keep everything when there is no public folder', async () => {
    assert.deepEqual(await kept(path.join(dir, 'missing'), ['robots.txt', 'css/code.css']), ['robots.txt', 'css/code.css']);
  });
});
