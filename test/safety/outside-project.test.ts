import assert from 'node:assert/strict';
import { lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { loadSite } from '../../src/site/load-site.ts';
import { buildSite } from '../../src/site/build.ts';
import { makeProject, runCli, tempDir } from './helpers.ts';

const SECRET = 'TOP-SECRET-7f3a';

/** Every file below `dir` (links included, not followed) whose bytes hold the secret, or that is a link. */
async function leaks(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) found.push(`${file} (a symbolic link)`);
    else if (entry.isFile() && (await readFile(file, 'utf8')).includes(SECRET)) found.push(file);
  }
  return found;
}

const REFERENCES = [
  '![x](../../../outside/secret.png)',
  '[dl](../../../outside/secret.txt)',
  '<img src="..%2F..%2F..%2Foutside%2Fsecret.png">',
  '![linked](img/pic.png)',
];

test('nothing outside the project is read or published', async (t) => {
  const parent = await tempDir('outside');
  await mkdir(path.join(parent, 'outside'));
  await writeFile(path.join(parent, 'outside/secret.txt'), SECRET);
  await writeFile(path.join(parent, 'outside/secret.png'), SECRET);
  await writeFile(path.join(parent, 'outside/notes.md'), `---\ntitle: ${SECRET}\n---\n\n${SECRET}\n`);
  const dir = await makeProject(path.join(parent, 'project'));
  const post = path.join(dir, 'content/posts/2020-02-02-refs.md');
  await writeFile(post, `---\ntitle: Refs\ndate: 2020-02-02\n---\n\n${REFERENCES.join('\n\n')}\n`);
  await mkdir(path.join(dir, 'content/posts/img'));
  await symlink(path.join(parent, 'outside/secret.png'), path.join(dir, 'content/posts/img/pic.png'));
  const before = process.cwd();
  process.chdir(dir);
  t.after(() => process.chdir(before));

  // Line of each reference: front matter (4 lines), a blank line, then one per paragraph.
  const expectedErrors = [
    /^content\/posts\/2020-02-02-refs\.md:6:1  Image `\.\.\/\.\.\/\.\.\/outside\/secret\.png` leads outside the project \(to .*outside\/secret\.png\)/m,
    /^content\/posts\/2020-02-02-refs\.md:8:1  File `\.\.\/\.\.\/\.\.\/outside\/secret\.txt` leads outside the project/m,
    /^content\/posts\/2020-02-02-refs\.md:10:1  Image `\.\.\/\.\.\/\.\.\/outside\/secret\.png` leads outside the project/m,
    /^content\/posts\/2020-02-02-refs\.md:12:1  Image `img\/pic\.png` leads outside the project \(to .*outside\/secret\.png\)/m,
  ];

  await t.test('should stop `build` with an error at each reference and write nothing', async () => {
    const run = await runCli(['build'], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    for (const expected of expectedErrors) assert.match(run.stderr, expected);
    // weeklog's own cache may appear; no site and no staging folder may.
    assert.deepEqual((await readdir(dir)).filter((name) => name !== '.cache').sort(), ['content', 'public', 'weeklog.config.yml']);
  });

  await t.test('should report the same errors in `check`', async () => {
    const run = await runCli(['check'], { cwd: dir });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    for (const expected of expectedErrors) assert.match(run.stdout + run.stderr, expected);
    assert.match(run.stdout, /^4 errors:$/m, 'each reference is reported once');
  });

  await t.test('should list them among the preview\'s problems and copy none of the files', async () => {
    const site = await loadSite({ projectDir: dir, mode: 'serve' });
    const outside = site.problems.filter((p) => p.ruleId === 'outside-project');
    assert.deepEqual(outside.map((p) => [p.line, p.severity]), [[6, 'error'], [8, 'error'], [10, 'error'], [12, 'error']]);
    const output = await tempDir('preview');
    await buildSite({ projectDir: dir, outputDir: output, mode: 'serve' });
    assert.deepEqual(await leaks(output), []);
  });

  await t.test('should not follow symbolic links leaving the project (Markdown file, folder, public file), saying so once per link', async () => {
    await rm(post);
    await symlink(path.join(parent, 'outside/notes.md'), path.join(dir, 'content/posts/notes.md'));
    await symlink(path.join(parent, 'outside'), path.join(dir, 'content/elsewhere'));
    await symlink(path.join(parent, 'outside/secret.txt'), path.join(dir, 'public/secret.txt'));
    await symlink(path.join(parent, 'outside'), path.join(dir, 'public/elsewhere'));
    // A link inside the project is followed as before.
    await writeFile(path.join(dir, 'shared.md'), '---\ntitle: Shared note\ndate: 2020-03-03\n---\n\nShared.\n');
    await symlink(path.join(dir, 'shared.md'), path.join(dir, 'content/posts/2020-03-03-shared.md'));

    const run = await runCli(['build'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    for (const link of ['content/posts/notes.md', 'content/elsewhere', 'public/secret.txt', 'public/elsewhere']) {
      const lines = run.stderr.split('\n').filter((line) => line.startsWith(`${link}  `));
      assert.equal(lines.length, 1, `${link} is named once:\n${run.stderr}`);
      assert.match(lines[0]!, /This symbolic link leads outside the project \(to .*outside.*\), so weeklog did not follow it/);
    }
    const output = path.join(dir, '_site');
    assert.deepEqual(await leaks(output), []);
    assert.match(await readFile(path.join(output, '2020/03/03/shared/index.html'), 'utf8'), /Shared note/);
    assert.ok(!(await lstat(path.join(output, 'secret.txt')).catch(() => null)));
  });
});

test('check reports every problem of a line once, beside a link outside the project', async () => {
  const parent = await tempDir('outside-line');
  await mkdir(path.join(parent, 'outside'));
  await writeFile(path.join(parent, 'outside/secret.txt'), SECRET);
  const dir = await makeProject(path.join(parent, 'project'));
  await writeFile(
    path.join(dir, 'content/posts/2020-02-02-line.md'),
    '---\ntitle: Line\ndate: 2020-02-02\n---\n\n[dl](../../../outside/secret.txt) and [gone](/no-such-page/)\n\n[manual](missing.pdf)\n',
  );
  const run = await runCli(['check'], { cwd: dir });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const file = 'content/posts/2020-02-02-line.md';
  const reported = (run.stdout + run.stderr).split('\n').filter((line) => line.startsWith(`${file}:`));
  assert.equal(reported.filter((line) => line.startsWith(`${file}:6:1  File \`../../../outside/secret.txt\` leads outside the project`)).length, 1, reported.join('\n'));
  assert.equal(reported.filter((line) => /^[^ ]+:6:\d+ +Link `\/no-such-page\/` points to \/no-such-page\/, which is no page of this site/.test(line)).length, 1, reported.join('\n'));
  assert.equal(reported.filter((line) => line.includes('missing.pdf')).length, 1, reported.join('\n'));
  assert.equal(reported.length, 3, reported.join('\n'));
});
