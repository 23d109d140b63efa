import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { projectDir as weeklogDir } from '../cli/helpers.ts';
import { makeProject } from '../content/helpers.ts';

const tsx = path.join(weeklogDir, 'node_modules/.bin/tsx');
const post = (title: string, day: number, body: string) => `---\ntitle: ${title}\ndate: 2016-12-0${day} 10:00:00\ntags: [Go]\n---\n\n## 安装\n\n${body}\n`;

// A build lets go of the posts' plain text once the search index and related posts are made, for
// memory; a project's own templates may still print it, and must get it as serve gives it.
test('a project template that prints a post’s plain text gets it in a build', async () => {
  const dir = await makeProject({
    'weeklog.config.yml': 'title: Own theme\nurl: https://own.example.com/\n',
    'content/posts/a.md': post('Alpha', 1, 'Alpha 正文 shown as plain text.'),
    'content/posts/b.md': post('Beta', 2, 'Beta 正文 shown as plain text.'),
    'content/posts/c.md': post('Gamma', 3, 'Gamma 正文 shown as plain text.'),
  });
  await cp(path.join(weeklogDir, 'templates'), path.join(dir, 'templates'), { recursive: true });
  const layout = path.join(dir, 'templates/post.njk');
  const source = await readFile(layout, 'utf8');
  assert.match(source, /<\/article>/u);
  await writeFile(layout, source.replace('</article>', '<pre id="plain-text">{{ post.text }}</pre></article>'));

  const run = spawnSync(tsx, [path.join(weeklogDir, 'src/cli/main.ts'), 'build', '--quiet'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  for (const [name, slug] of [['Alpha', 'a'], ['Beta', 'b'], ['Gamma', 'c']]) {
    const page = await readFile(path.join(dir, '_site/2016/12', `0${name === 'Alpha' ? 1 : name === 'Beta' ? 2 : 3}`, slug, 'index.html'), 'utf8');
    assert.match(page, new RegExp(`<pre id="plain-text">[^<]*${name} 正文 shown as plain text\\.`, 'u'), name);
  }
});
