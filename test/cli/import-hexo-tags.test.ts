import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { runCli, tempDir } from './helpers.ts';

interface JsonFeed {
  items: { title: string; tags?: string[] }[];
}

/** A Hexo site with one post whose text would draw vocabulary tags (Docker, 容器) its author did not give. */
async function hexoSiteWithTaggablePost(): Promise<string> {
  const site = await tempDir('hexo-taggable');
  await mkdir(path.join(site, 'source/_posts'), { recursive: true });
  await writeFile(path.join(site, '_config.yml'), 'title: 旧博客\nurl: https://blog.example.com\npermalink: :year/:month/:day/:title/\n');
  await writeFile(
    path.join(site, 'source/_posts/runtime.md'),
    '---\ntitle: 运行时笔记\ndate: 2019-05-01 10:00:00\ntags: [笔记]\n---\n\n## Docker 与 containerd\n\nDocker 把容器交给 containerd，容器再交给 runc。Docker 的容器镜像……\n',
  );
  return site;
}

test('an imported Hexo site keeps exactly the tags its author gave', async (t) => {
  const into = await tempDir('import-own-tags');
  const imported = await runCli(['import-hexo', await hexoSiteWithTaggablePost(), '--into', into], { cwd: into });
  assert.equal(imported.code, 0, imported.stdout + imported.stderr);
  const built = await runCli(['build'], { cwd: into });
  assert.equal(built.code, 0, built.stdout + built.stderr);
  const feed = JSON.parse(await readFile(path.join(into, '_site/feed.json'), 'utf8')) as JsonFeed;

  await t.test('should add no vocabulary tag to any post', () => {
    assert.deepEqual(feed.items.find((item) => item.title === '运行时笔记')?.tags, ['笔记']);
  });

  await t.test('should say that auto-tagging is off and how to turn it on', () => {
    assert.match(imported.stdout, /Auto-tagging is off.*`autoTag: suggest`.*weeklog\.config\.yml/);
  });
});
