import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { validateSettings } from '../../src/config/settings.ts';
import { loadPosts } from '../../src/content/load-posts.ts';
import { runCli, tempDir } from './helpers.ts';

const files: Record<string, string> = {
  'weeklog.config.yml': 'timezone: Asia/Shanghai\n',
  'content/posts/a.md': '# A\n\nText with --- inside.\n',
  // A byte-order mark, CRLF line ends and a key order the author chose: all kept.
  'content/posts/b.md': '\uFEFF---\r\ntitle: B\r\ntags: [x]\r\n---\r\n\r\nBody\r\n',
  'content/posts/c.md': '---\ntitle: C\ndate: 2018-01-01 10:00:00\n---\n\nDated.\n',
  'content/posts/2019-01-01-d.md': '# D\n\nNamed.\n',
};

function git(cwd: string, args: string[], when?: string): void {
  const env = when ? { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } : {};
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
}

test('weeklog dates', async (t) => {
  const projectDir = await tempDir('dates');
  t.after(() => rm(projectDir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(projectDir, name)), { recursive: true });
    await writeFile(path.join(projectDir, name), text);
  }
  git(projectDir, ['init', '-q']);
  git(projectDir, ['add', 'weeklog.config.yml', 'content/posts/c.md', 'content/posts/2019-01-01-d.md']);
  git(projectDir, ['commit', '-q', '-m', 'first'], '2020-01-01T12:00:00Z');
  git(projectDir, ['add', 'content/posts/a.md', 'content/posts/b.md']);
  git(projectDir, ['commit', '-q', '-m', 'second'], '2020-01-02T12:00:00Z');
  const read = (name: string) => readFile(path.join(projectDir, name), 'utf8');
  const settings = validateSettings({ timezone: 'Asia/Shanghai' });
  const before = await loadPosts(settings, { projectDir, mode: 'build' });

  await t.test('should list what it would write and change nothing without --write', async () => {
    const run = await runCli(['dates'], { cwd: projectDir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'content/posts/a.md: would write date: 2020-01-02 20:00:00 (from git)',
        'content/posts/b.md: would write date: 2020-01-02 20:00:00 (from git)',
        '2 posts take their date from git. Run `weeklog dates --write` to write it into the front matter.',
        '',
      ].join('\n'),
    );
    for (const [name, text] of Object.entries(files)) assert.equal(await read(name), text, name);
  });

  await t.test('should add only a `date:` line, keeping every other byte, and the dates and URLs stay', async () => {
    const run = await runCli(['dates', '--write'], { cwd: projectDir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Wrote the date into 2 posts; commit them/u);
    assert.equal(await read('content/posts/a.md'), '---\ndate: 2020-01-02 20:00:00\n---\n# A\n\nText with --- inside.\n');
    assert.equal(await read('content/posts/b.md'), '\uFEFF---\r\ntitle: B\r\ntags: [x]\r\ndate: 2020-01-02 20:00:00\r\n---\r\n\r\nBody\r\n');
    for (const name of ['content/posts/c.md', 'content/posts/2019-01-01-d.md']) assert.equal(await read(name), files[name], name);

    // Without any history now, nothing moves.
    await rm(path.join(projectDir, '.git'), { recursive: true, force: true });
    const after = await loadPosts(settings, { projectDir, mode: 'build' });
    const view = (posts: typeof after.posts) => posts.map((post) => [post.file, post.title, post.date.toISOString(), post.url]);
    assert.deepEqual(view(after.posts), view(before.posts));
    assert.ok(after.posts.every((post) => post.dateSource !== 'git' && post.dateSource !== 'mtime'));
    assert.deepEqual(after.problems, []);
    const again = await runCli(['dates', '--write'], { cwd: projectDir });
    assert.equal(again.stdout, 'No post takes its date from git.\n');
  });
});
