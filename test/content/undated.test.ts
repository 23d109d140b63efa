import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { loadPosts } from '../../src/content/load-posts.ts';
import { issueNumber } from '../../src/content/post-order.ts';
import { makeProject, settingsWith } from './helpers.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

function git(cwd: string, args: string[], when?: string): string {
  const env = when ? { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } : {};
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: 'pipe',
    encoding: 'utf8',
  });
}

/** Issues 1, 2, 9, 10, 11 without front matter, as real digests are written. */
const digest: Record<string, string> = Object.fromEntries(
  [1, 2, 9, 10, 11].map((n) => [`content/posts/issue-${n}.md`, `# 科技周刊：第 ${n} 期\n\n本期内容。\n`]),
);

test('posts without a date', async (t) => {
  const dirs: string[] = [];
  t.after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  await t.test('should read issue numbers from titles and file names', () => {
    const cases: [string, string, number | null][] = [
      ['科技周刊：第 123 期', 'posts/a.md', 123],
      ['第12期', 'posts/a.md', 12],
      ['Weekly', 'posts/issue-7.md', 7],
      ['Issue #42: links', 'posts/a.md', 42],
      ['Notes', 'posts/weekly-0031.md', 31],
      ['No number', 'posts/about.md', null],
    ];
    for (const [title, relativePath, expected] of cases) assert.equal(issueNumber({ title, relativePath }), expected, title);
  });

  await t.test('without git, should order a digest by issue number, newest first, with one warning', async () => {
    const projectDir = await makeProject(digest);
    dirs.push(projectDir);
    // An archive gives every file one time: the order must not come from it, nor from the alphabet (1, 10, 11, 2, 9).
    const same = new Date('2024-05-05T05:05:05Z');
    for (const name of Object.keys(digest)) await utimes(path.join(projectDir, name), same, same);
    const { posts, problems } = await loadPosts(settingsWith(), { projectDir, mode: 'build', now: NOW });
    assert.deepEqual(posts.map((post) => post.relativePath), [11, 10, 9, 2, 1].map((n) => `posts/issue-${n}.md`));
    const warnings = problems.filter((problem) => problem.ruleId === 'no-date');
    assert.equal(warnings.length, 1, JSON.stringify(problems));
    assert.equal(warnings[0].file, 'content/posts/issue-11.md');
    assert.match(warnings[0].message, /^5 posts have no date .*ordered by the issue number in their title or file name \(第 N 期, issue-N/u);
    assert.match(warnings[0].message, /no git history .*`weeklog dates --write`/u);
  });

  await t.test('should speak of one undated post in the singular', async () => {
    const projectDir = await makeProject({ 'content/posts/note.md': '# 一篇笔记\n\n内容。\n' });
    dirs.push(projectDir);
    // Dated by its modification time, which must be before NOW for the post to be published.
    const past = new Date('2024-05-05T05:05:05Z');
    await utimes(path.join(projectDir, 'content/posts/note.md'), past, past);
    const { problems } = await loadPosts(settingsWith(), { projectDir, mode: 'build', now: NOW });
    const warnings = problems.filter((problem) => problem.ruleId === 'no-date');
    assert.equal(warnings.length, 1, JSON.stringify(problems));
    assert.match(warnings[0].message, /^The post has no date; .*Add `date:` to its front matter, or run `weeklog dates --write`/u);
  });

  await t.test('in a shallow clone, should not date every post by the newest commit, and say how to fix it once', async () => {
    const origin = await makeProject(digest);
    dirs.push(origin);
    git(origin, ['init', '-q']);
    for (const [index, n] of [1, 2, 9, 10, 11].entries()) {
      git(origin, ['add', `content/posts/issue-${n}.md`]);
      git(origin, ['commit', '-q', '-m', `issue ${n}`], `2020-01-0${index + 1}T12:00:00Z`);
    }
    const full = await loadPosts(settingsWith(), { projectDir: origin, mode: 'build', now: NOW });
    assert.deepEqual(full.posts.map((post) => post.date.toISOString().slice(0, 10)), ['2020-01-05', '2020-01-04', '2020-01-03', '2020-01-02', '2020-01-01']);
    assert.ok(full.posts.every((post) => post.dateSource === 'git'));
    assert.deepEqual(full.problems, []);

    const parent = await mkdtemp(path.join(os.tmpdir(), 'weeklog-shallow-'));
    dirs.push(parent);
    git(parent, ['clone', '-q', '--depth', '1', `file://${origin}`, 'clone']);
    // A fresh clone's files are modified now: `now` lies past that so they are not future posts.
    const shallow = await loadPosts(settingsWith(), { projectDir: path.join(parent, 'clone'), mode: 'build', now: new Date('2100-01-01T00:00:00Z') });
    assert.ok(shallow.posts.every((post) => post.dateSource === 'mtime'), 'the one commit of a shallow clone dates nothing');
    assert.deepEqual(shallow.posts.map((post) => post.relativePath), full.posts.map((post) => post.relativePath));
    const warnings = shallow.problems.filter((problem) => problem.ruleId === 'no-date');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /shallow .*`git fetch --unshallow`.*fetch-depth: 0.*`weeklog dates --write`/u);
  });

  await t.test('should take `updated` from the last commit that changed the file, when history is complete', async () => {
    const projectDir = await makeProject({
      'content/posts/edited.md': '---\ntitle: Edited\ndate: 2019-01-01 10:00:00\n---\n\nFirst.\n',
      'content/posts/untouched.md': '---\ntitle: Untouched\ndate: 2019-01-02 10:00:00\n---\n\nOnce.\n',
      'content/posts/pinned.md': '---\ntitle: Pinned\ndate: 2019-01-03 10:00:00\nupdated: 2019-02-01 10:00:00\n---\n\nOnce.\n',
    });
    dirs.push(projectDir);
    git(projectDir, ['init', '-q']);
    git(projectDir, ['add', '.']);
    git(projectDir, ['commit', '-q', '-m', 'add'], '2019-01-05T00:00:00Z');
    await writeFile(path.join(projectDir, 'content/posts/edited.md'), '---\ntitle: Edited\ndate: 2019-01-01 10:00:00\n---\n\nSecond.\n');
    await writeFile(path.join(projectDir, 'content/posts/pinned.md'), '---\ntitle: Pinned\ndate: 2019-01-03 10:00:00\nupdated: 2019-02-01 10:00:00\n---\n\nTwice.\n');
    git(projectDir, ['commit', '-q', '-am', 'edit'], '2021-06-07T08:09:10Z');
    const { posts } = await loadPosts(settingsWith(), { projectDir, mode: 'build', now: NOW });
    const updated = Object.fromEntries(posts.map((post) => [post.title, post.updated?.toISOString() ?? null]));
    assert.deepEqual(updated, { Edited: '2021-06-07T08:09:10.000Z', Untouched: null, Pinned: '2019-02-01T02:00:00.000Z' });
  });
});
