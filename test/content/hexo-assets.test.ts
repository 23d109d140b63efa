import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import { loadPosts } from '../../src/content/load-posts.ts';
import { makeProject, settingsWith } from './helpers.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

const post = (title: string, day: number, body: string): string => `---\ntitle: ${title}\ndate: 2020-01-0${day} 12:00:00\n---\n\n${body}\n`;

test('loadPosts: Hexo post asset folders', async (t) => {
  await t.test('should give each post the file of its own asset folder when two share a name', async () => {
    const projectDir = await makeProject({
      'content/_posts/a.md': post('a', 1, '![](diagram.png)'),
      'content/_posts/a/diagram.png': new Uint8Array([1, 2, 3]),
      'content/_posts/b.md': post('b', 2, '![架构图](diagram.png)'),
      'content/_posts/b/diagram.png': new Uint8Array([4, 5, 6]),
    });
    const { posts, problems } = await loadPosts(settingsWith({ urlTimezone: 'UTC' }), { projectDir, mode: 'build', now: NOW });
    assert.deepEqual(problems.filter((p) => p.ruleId === 'missing-asset'), []);
    const files = Object.fromEntries(posts.map((p) => [p.file, p.assetFiles]));
    assert.deepEqual(files, {
      'content/_posts/a.md': [{ source: path.join(projectDir, 'content/_posts/a/diagram.png'), output: '/2020/01/01/a/diagram.png' }],
      'content/_posts/b.md': [{ source: path.join(projectDir, 'content/_posts/b/diagram.png'), output: '/2020/01/02/b/diagram.png' }],
    });
  });

  await t.test('should prefer a file next to the post over one in its asset folder', async () => {
    const projectDir = await makeProject({
      'content/_posts/a.md': post('a', 1, '![](diagram.png)'),
      'content/_posts/diagram.png': 'beside',
      'content/_posts/a/diagram.png': 'in the folder',
    });
    const { posts } = await loadPosts(settingsWith({ urlTimezone: 'UTC' }), { projectDir, mode: 'build', now: NOW });
    assert.equal(posts[0]!.assetFiles[0]!.source, path.join(projectDir, 'content/_posts/diagram.png'));
  });

  await t.test('should name both places it looked when a post with an asset folder misses a file', async () => {
    const projectDir = await makeProject({
      'content/_posts/a.md': post('a', 1, 'text\n\n![](gone.png)'),
      'content/_posts/a/diagram.png': 'other',
    });
    const { problems } = await loadPosts(settingsWith({ urlTimezone: 'UTC' }), { projectDir, mode: 'build', now: NOW });
    const missing = problems.filter((p) => p.ruleId === 'missing-asset');
    assert.equal(missing.length, 1);
    assert.equal(missing[0]!.file, 'content/_posts/a.md');
    assert.equal(missing[0]!.line, 8);
    assert.equal(
      missing[0]!.message,
      'Image `gone.png` not found (looked in content/_posts/gone.png and content/_posts/a/gone.png). Fix the path or add the file.',
    );
  });
});
