import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { runCli, tempDir } from './helpers.ts';

test('weeklog check on bracketed addresses in Chinese prose', async (t) => {
  const cwd = await tempDir('prose');
  await mkdir(path.join(cwd, 'content'));
  await writeFile(
    path.join(cwd, 'content/alpine.md'),
    '---\ntitle: Alpine\ndate: 2020-01-01\n---\n官方网站为[http://alpinelinux.org]，从这里下载。\n\n见 [http://a.example/x?y=[1]]，完。\n',
  );
  const run = await runCli(['check'], { cwd });

  await t.test('should not crash on an address that no URL parser accepts', () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /Checked 1 post: no problems found/);
  });

  await t.test('should link the address without the closing bracket', async () => {
    const build = await runCli(['build', '--output', path.join(cwd, '_site')], { cwd });
    assert.equal(build.code, 0, build.stderr);
    const pages = (await readdir(path.join(cwd, '_site'), { recursive: true })).filter((f) => f.endsWith('alpine/index.html'));
    assert.equal(pages.length, 1, `one post page, found ${pages.join(', ')}`);
    const html = await readFile(path.join(cwd, '_site', pages[0]!), 'utf8');
    assert.match(html, /\[<a href="http:\/\/alpinelinux\.org">http:\/\/alpinelinux\.org<\/a>\]，从这里下载/);
  });
});

test('every command accepts the --verbose its failure message suggests', async (t) => {
  const cwd = await tempDir('verbose');
  for (const command of ['new', 'build', 'serve', 'check', 'import-hexo']) {
    await t.test(`should list --verbose in \`weeklog ${command} --help\` and accept it`, async () => {
      const help = await runCli([command, '--help', '--verbose'], { cwd });
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /-v, --verbose/);
    });
  }
});
