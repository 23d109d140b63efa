import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { projectDir, runCli, tempDir } from './helpers.ts';

// A one-pixel PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** What `weeklog import-hexo --into` leaves: settings, content and the author's public/, no theme. */
async function makeProject(): Promise<string> {
  const dir = await tempDir('outside');
  await mkdir(path.join(dir, 'content/posts/img'), { recursive: true });
  await mkdir(path.join(dir, 'public/images'), { recursive: true });
  await writeFile(path.join(dir, 'weeklog.config.yml'), 'title: Outside\n');
  await writeFile(
    path.join(dir, 'content/posts/2020-01-01-hello.md'),
    '---\ntitle: Hello\ndate: 2020-01-01 10:00:00\n---\n\nA picture ![a](img/a.png) and the logo ![logo](/images/logo.png).\n',
  );
  await writeFile(path.join(dir, 'content/posts/img/a.png'), png);
  await writeFile(path.join(dir, 'public/images/logo.png'), png);
  // A project file replaces the theme's file of the same name.
  await writeFile(path.join(dir, 'public/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><!-- mine --></svg>');
  // So does it a file weeklog generates: the author's robots.txt is theirs.
  await writeFile(path.join(dir, 'public/robots.txt'), 'User-agent: *\nDisallow: /drafts/\n');
  return dir;
}

test('weeklog in a project without its own theme', async (t) => {
  const dir = await makeProject();
  // As from a shell in the project: Eleventy resolves its folders from the working directory.
  const before = process.cwd();
  process.chdir(dir);
  t.after(() => process.chdir(before));

  await t.test('should build with weeklog templates and theme assets plus the project public/', async () => {
    const run = await runCli(['build'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const output = path.join(dir, '_site');
    assert.match(await readFile(path.join(output, 'index.html'), 'utf8'), /<title>Outside<\/title>/);
    assert.equal(
      await readFile(path.join(output, 'css/site.css'), 'utf8'),
      await readFile(path.join(projectDir, 'public/css/site.css'), 'utf8'),
    );
    assert.deepEqual(await readFile(path.join(output, 'images/logo.png')), png);
    assert.match(await readFile(path.join(output, 'favicon.svg'), 'utf8'), /mine/);
    assert.equal(await readFile(path.join(output, 'robots.txt'), 'utf8'), 'User-agent: *\nDisallow: /drafts/\n');
    const post = await readFile(path.join(output, '2020/01/01/hello/index.html'), 'utf8');
    assert.match(post, /Hello/);
    assert.match(post, /src="img\/a\.png"/);
    assert.deepEqual(await readFile(path.join(output, '2020/01/01/hello/img/a.png')), png);
    // Nothing of the theme is written into the project.
    assert.ok(!existsSync(path.join(dir, '.eleventy.ts')));
    assert.ok(!existsSync(path.join(dir, 'templates')));
  });

  await t.test('should check the project cleanly', async () => {
    const run = await runCli(['check'], { cwd: dir });
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });
});

test('check and build share the render cache', async () => {
  const dir = await makeProject();
  const cache = path.join(dir, '.cache/weeklog/render');
  const checked = await runCli(['check'], { cwd: dir });
  assert.equal(checked.code, 0, checked.stdout + checked.stderr);
  const rendered = (await readdir(cache)).sort();
  assert.equal(rendered.length, 1, 'the one post, rendered by check');
  const built = await runCli(['build'], { cwd: dir });
  assert.equal(built.code, 0, built.stderr);
  assert.deepEqual((await readdir(cache)).sort(), rendered, 'the build rendered nothing check had rendered');
});
