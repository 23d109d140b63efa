import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { runCli, tempDir } from '../cli/helpers.ts';

/** A project with `a.md` at `permalink` and an ordinary second post, so the site has pages of its own. */
async function projectWith(permalink: string): Promise<string> {
  const dir = await tempDir('url-clash');
  await mkdir(path.join(dir, 'content/posts'), { recursive: true });
  await writeFile(path.join(dir, 'weeklog.config.yml'), 'title: T\nurl: https://example.org/\n');
  await writeFile(path.join(dir, 'content/posts/a.md'), `---\ntitle: A\ndate: 2024-01-01 10:00:00\npermalink: ${permalink}\n---\n\nhello\n`);
  await writeFile(path.join(dir, 'content/posts/b.md'), '---\ntitle: B\ndate: 2024-01-02 10:00:00\ntags: [k8s]\n---\n\nworld\n');
  return dir;
}

// Each of these stopped the build with exit 3 and an Eleventy trace naming no Markdown file; check saw nothing.
const cases: [string, RegExp][] = [
  ['/', /The URL \/ is already taken by the generated page \/\./],
  ['/tags/', /taken by the generated page \/tags\//],
  ['/tags/k8s/', /taken by the generated page \/tags\/k8s\//],
  ['/atom.xml', /taken by the feed \/atom\.xml/],
  ['/sitemap.xml', /taken by the generated file \/sitemap\.xml/],
  ['/css/site.css', /taken by the theme's file \/css\/site\.css/],
  [`/${'中'.repeat(300)}/`, /has a part of 900 bytes .* file systems allow 240/],
];

test('URL clashes', async (t) => {
  for (const [permalink, expected] of cases) {
    await t.test(`should report permalink ${permalink.slice(0, 20)} at file:line in check and build, writing nothing`, async () => {
      const cwd = await projectWith(permalink);
      try {
        const check = await runCli(['check'], { cwd });
        assert.equal(check.code, 1, check.stdout + check.stderr);
        const line = check.stdout.split('\n').find((l) => l.startsWith('content/posts/a.md:4:12  '));
        assert.match(line ?? check.stdout, expected);
        const build = await runCli(['build'], { cwd });
        assert.equal(build.code, 1, build.stdout + build.stderr);
        assert.ok((build.stdout + build.stderr).includes(line!), build.stdout + build.stderr);
        assert.equal(existsSync(path.join(cwd, '_site')), false);
      } finally {
        await rm(cwd, { recursive: true, force: true });
      }
    });
  }

  await t.test('should report a post taking a file of the public folder', async () => {
    const cwd = await projectWith('/images/logo.gif');
    try {
      await mkdir(path.join(cwd, 'public/images'), { recursive: true });
      await writeFile(path.join(cwd, 'public/images/logo.gif'), 'GIF89a');
      const check = await runCli(['check'], { cwd });
      assert.match(check.stdout, /content\/posts\/a\.md:4:12 {2}The URL \/images\/logo\.gif\/? is already taken by the public file public\/images\/logo\.gif/);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  await t.test('should build a post whose URL only looks like a generated one', async () => {
    const cwd = await projectWith('/tags-and-more/');
    try {
      const build = await runCli(['build'], { cwd });
      assert.equal(build.code, 0, build.stdout + build.stderr);
      assert.ok(existsSync(path.join(cwd, '_site/tags-and-more/index.html')));
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
