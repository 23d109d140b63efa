import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { stampsOf } from '../../src/build/output-files.ts';
import { hashTree, projectDir as weeklogDir } from '../cli/helpers.ts';
import { makeProject } from '../content/helpers.ts';

const tsx = path.join(weeklogDir, 'node_modules/.bin/tsx');
const post = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2016-12-0${(title.length % 8) + 1} 10:00:00\ntags: [Go]\n---\n\n## 安装\n\n${body}\n\n\`\`\`go\nfunc main() {}\n\`\`\`\n`;

async function project(): Promise<string> {
  const dir = await makeProject({
    'weeklog.config.yml': 'title: Warm site\nurl: https://warm.example.com/\n',
    'content/posts/a.md': post('Alpha', 'First post.'),
    'content/posts/b.md': post('Beta post', 'Second post.'),
    'content/posts/c.md': post('Gamma one', 'Third post.'),
  });
  // The project's own theme, so a test can change a template.
  await cp(path.join(weeklogDir, 'templates'), path.join(dir, 'templates'), { recursive: true });
  return dir;
}

/**
 * `weeklog build` in its own process, as authors run it: Eleventy keeps template files in module
 * caches, so a second build in one process would not see an edited template.
 */
async function build(dir: string, output = '_site'): Promise<void> {
  const run = spawnSync(tsx, [path.join(weeklogDir, 'src/cli/main.ts'), 'build', '--quiet', '--output', output], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
}

test('warm builds', async (t) => {
  await t.test('should write nothing when nothing changed: every file keeps its inode and time', async () => {
    const dir = await project();
    await build(dir);
    const output = path.join(dir, '_site');
    const before = await stampsOf(output);
    const folder = (await stat(output)).ino;
    await build(dir);
    assert.deepEqual(await stampsOf(output), before);
    assert.equal((await stat(output)).ino, folder, 'the folder was not replaced either');
  });

  await t.test('should, after edits, write only changed files and equal a cold build byte for byte', async () => {
    const dir = await project();
    await build(dir);
    const output = path.join(dir, '_site');
    const before = await stampsOf(output);
    await writeFile(path.join(dir, 'content/posts/b.md'), post('Beta post', 'Second post, edited.'));
    await writeFile(path.join(dir, 'content/posts/d.md'), post('Delta', 'A new post.'));
    await rm(path.join(dir, 'content/posts/c.md'));
    await build(dir);
    const after = await stampsOf(output);
    const page = Object.keys(after).find((file) => file.endsWith('/b/index.html'))!;
    assert.ok(page, Object.keys(after).join(' '));
    assert.notEqual(after[page]![2], before[page]![2], 'the edited post page is a new file');
    assert.match(await readFile(path.join(output, page), 'utf8'), /Second post, edited\./);
    const kept = Object.keys(after).filter((file) => before[file] && before[file]![2] === after[file]![2]);
    assert.ok(kept.includes('search/search.js') || kept.some((file) => file.startsWith('css/')), `unchanged assets are kept: ${kept.join(' ')}`);
    for (const file of kept) assert.deepEqual(after[file], before[file], `${file} kept its time`);

    // The same edits built from nothing: no render cache, no previous output.
    await rm(path.join(dir, '.cache'), { recursive: true });
    await build(dir, 'cold');
    assert.deepEqual(await hashTree(output), await hashTree(path.join(dir, 'cold')));
  });

  await t.test('should change the output when a setting, a template or a file changes, never serving stale work', async () => {
    const dir = await project();
    await build(dir);
    const home = () => readFile(path.join(dir, '_site/index.html'), 'utf8');
    assert.match(await home(), /Warm site/);

    await writeFile(path.join(dir, 'weeklog.config.yml'), 'title: Renamed site\nurl: https://warm.example.com/\n');
    await build(dir);
    assert.match(await home(), /Renamed site/);

    const index = path.join(dir, 'templates/index.njk');
    await writeFile(index, `${await readFile(index, 'utf8')}\n<!-- template marker -->\n`);
    await build(dir);
    assert.match(await home(), /template marker/);

    const feed = () => readFile(path.join(dir, '_site/atom.xml'), 'utf8');
    assert.doesNotMatch(await feed(), /Changed bytes/);
    await writeFile(path.join(dir, 'content/posts/a.md'), post('Alpha', 'Changed bytes.'));
    await build(dir);
    assert.match(await feed(), /Changed bytes/);
  });
});
