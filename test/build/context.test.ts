import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { attachBuildContext, BuildContext, buildContextOf } from '../../src/build/context.ts';
import { SpoolClosedError } from '../../src/content/html-spool.ts';
import { buildSite, createBuildContext } from '../../src/site/build.ts';
import { makeProject } from '../content/helpers.ts';

const post = (title: string) => `---\ntitle: ${title}\ndate: 2016-12-05 10:00:00\n---\n\n## 安装\n\nText of ${title}.\n`;

async function project(title: string, url: string): Promise<string> {
  return makeProject({
    'weeklog.config.yml': `title: ${title}\nurl: ${url}\n`,
    'content/posts/2016-12-05-a.md': post(`${title} post`),
  });
}

test('BuildContext', async (t) => {
  await t.test('should build two projects one after the other in one process without mixing, and set no WEEKLOG_ environment variable', async () => {
    const before = { ...process.env };
    const first = await project('First site', 'https://one.example.com/');
    const second = await project('Second site', 'https://two.example.com/blog/');
    await buildSite({ projectDir: first, outputDir: path.join(first, 'out'), cacheDir: null });
    await buildSite({ projectDir: second, outputDir: path.join(second, 'out'), cacheDir: null });
    const firstHome = await readFile(path.join(first, 'out/index.html'), 'utf8');
    const secondHome = await readFile(path.join(second, 'out/index.html'), 'utf8');
    assert.match(firstHome, /First site/);
    assert.doesNotMatch(firstHome, /Second site/);
    assert.match(secondHome, /Second site/);
    assert.match(await readFile(path.join(second, 'out/atom.xml'), 'utf8'), /https:\/\/two\.example\.com\/blog\/2016\/12\/05\/a\//);
    assert.doesNotMatch(await readFile(path.join(first, 'out/atom.xml'), 'utf8'), /two\.example\.com/);
    // Eleventy sets its own ELEVENTY_* variables; weeklog sets none.
    const weeklogKeys = (env: NodeJS.ProcessEnv) => Object.keys(env).filter((key) => key.startsWith('WEEKLOG'));
    assert.deepEqual(weeklogKeys(process.env), weeklogKeys(before));
  });

  await t.test('should give .eleventy.ts the attached context, or a default one made from the working directory', async () => {
    const dir = await project('Attached', 'https://a.example.com/');
    const context = new BuildContext({ projectDir: dir, cacheDir: null });
    const config = {};
    attachBuildContext(config, context);
    assert.equal(buildContextOf(config), context);
    const fallback = buildContextOf({});
    assert.equal(fallback.runtime.projectDir, process.cwd());
    assert.equal(fallback.problemsPrintedBy, 'eleventy');
  });

  await t.test('should read the settings again only when told to', async () => {
    const dir = await project('Before', 'https://a.example.com/');
    const context = new BuildContext({ projectDir: dir, cacheDir: null });
    assert.equal((await context.site()).settings.title, 'Before');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'weeklog.config.yml'), 'title: After\nurl: https://a.example.com/\n');
    context.invalidate();
    assert.equal((await context.site()).settings.title, 'Before');
    context.invalidate({ settings: true });
    assert.equal((await context.site()).settings.title, 'After');
  });

  await t.test('should load the same posts again after a build let go of its rendered results', async () => {
    const dir = await makeProject({
      'weeklog.config.yml': 'title: Again\nurl: https://a.example.com/\n',
      'content/posts/2016-12-05-a.md': `${post('A')}\n<!-- more -->\n\n\`\`\`js\nconst a = 1;\n\`\`\`\n`,
      'content/posts/2016-12-06-b.md': post('B'),
    });
    // No disk cache: the second load renders every post again, as nothing was kept in memory.
    const context = new BuildContext({ projectDir: dir, cacheDir: null, mode: 'build' });
    const shape = (posts: Awaited<ReturnType<BuildContext['site']>>['posts']) =>
      posts.map(({ url, html, excerptHtml, summary, text, sections, toc }) => ({ url, html, excerptHtml, summary, text, sections, toc }));
    const first = shape((await context.site()).posts);
    assert.equal(first.length, 2);
    assert.match(first.find((p) => p.url.includes('/05/'))!.html, /const/);
    context.invalidate();
    assert.deepEqual(shape((await context.site()).posts), first);
  });

  await t.test("should keep a build's post HTML on disk while it runs, and let go of it once the build ends", async () => {
    const dir = await project('Spooled', 'https://s.example.com/');
    const options = { projectDir: dir, outputDir: path.join(dir, 'out'), cacheDir: null };
    const context = createBuildContext(options);
    const [loaded] = (await context.site()).posts;
    assert.ok(context.postHtml?.sliceOf(loaded!), 'the post HTML is in the spool');
    assert.match(loaded!.html, /<h2 id="安装">安装<a /);
    await buildSite(options, context);
    assert.match(await readFile(path.join(dir, 'out/2016/12/05/a/index.html'), 'utf8'), /<h2 id="安装">安装<a [\s\S]*<p>Text of Spooled post\.<\/p>/);
    assert.throws(() => loaded!.html, SpoolClosedError);
    // `serve` keeps its posts' HTML in memory for the next edit.
    assert.equal(new BuildContext({ projectDir: dir, cacheDir: null, mode: 'serve', postHtmlOnDisk: true }).postHtml, null);
  });
});
