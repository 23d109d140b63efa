import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { buildAtomically } from '../../src/cli/atomic-output.ts';
import { OUTPUT_MARKER } from '../../src/cli/output-folder.ts';
import { fixtures, hashTree, projectDir, runCli, tempDir } from './helpers.ts';

const hexoSource = path.join(fixtures, 'hexo-site/source');

/** Names in `dir` that a build left behind besides the output folder itself. */
const leftovers = async (dir: string, output: string) => (await readdir(dir)).filter((name) => name !== path.basename(output));

test('weeklog build', async (t) => {
  const parent = await tempDir('build');
  const output = path.join(parent, 'site');

  await t.test('should build a Hexo source/ folder with the project templates', async () => {
    const run = await runCli(['build', '--content', hexoSource, '--output', output], { cwd: projectDir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^Built 3 posts, \\d+ pages in \\d+\\.\\d s → ${output}/\\n$`));
    const page = await readFile(path.join(output, '2016/12/05/Alpine-Linux/index.html'), 'utf8');
    assert.match(page, /Alpine Linux 简介/);
    // Hexo tag plugins are converted as import-hexo converts them; an unknown one is reported where it is.
    const prose = page.replace(/<pre[\s\S]*?<\/pre>/g, '');
    assert.doesNotMatch(prose, /\{% (raw|codeblock|asset_img|blockquote|pdf)/);
    assert.match(page, /<pre[\s\S]*\{% raw %\}[\s\S]*<\/pre>/, 'a tag inside fenced code stays, as in Hexo');
    assert.match(page, /\{\{ \.Values\.image \}\}/);
    assert.match(page, /<img[^>]+src="diagram\.png"/);
    assert.ok(existsSync(path.join(output, '2016/12/05/Alpine-Linux/diagram.png')), 'the asset-folder image is copied next to the post');
    assert.match(run.stderr, /Alpine-Linux\.md:26:1 +Hexo tag `\{% youtube %\}` has no weeklog equivalent/);
    // The settings keep the default `url`: feeds would point at this computer.
    assert.match(run.stderr, /Warning: the site URL is http:\/\/127\.0\.0\.1:8080\/, a local address.*Set `url:` in weeklog\.config\.yml/u);
    assert.ok(existsSync(path.join(output, '2017/03/01/k8s/helm-入门/index.html')));
    // Drafts are left out of a build.
    const home = await readFile(path.join(output, 'index.html'), 'utf8');
    assert.doesNotMatch(home, /未完成的想法/);
    // source/about/index.md is a Hexo page: built at its URL, without a date, never listed or in a feed.
    const about = await readdir(output, { recursive: true }).then((files) => files.filter((f) => f.includes('about') && f.endsWith('index.html')));
    assert.deepEqual(about, [path.join('about', 'index.html')], 'the page lives at /about/, as in Hexo');
    const aboutPage = await readFile(path.join(output, 'about/index.html'), 'utf8');
    assert.match(aboutPage, /关于本站/);
    assert.doesNotMatch(aboutPage, /class="post-nav"|class="post-stats"/);
    assert.doesNotMatch(home, /关于本站|>关于</);
    assert.doesNotMatch(await readFile(path.join(output, 'atom.xml'), 'utf8'), /关于本站/);
    assert.deepEqual(await leftovers(parent, output), []);
  });

  await t.test('should leave the previous site byte-for-byte when the build fails', async () => {
    const before = await hashTree(output);
    assert.ok(before.size > 10);
    const broken = await tempDir('broken-content');
    await mkdir(path.join(broken, 'posts'));
    await writeFile(path.join(broken, 'posts/a.md'), '---\ntitle: [broken\ndate: 2016-12-05\n---\n\nbody\n');
    await writeFile(path.join(broken, 'posts/b.md'), '---\ntitle: fine\ndate: 2016-12-06\n---\n\nbody\n');

    const run = await runCli(['build', '--content', broken, '--output', output], { cwd: projectDir });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines[0], '1 error:');
    assert.match(lines[1]!, new RegExp(`^${broken}/posts/a\\.md:3:1  .*not valid YAML`));
    // Said before b.md is rendered: its own problems, if any, come once a.md is fixed.
    assert.equal(lines.at(-2), 'Stopped before rendering the 1 other post: any problem in it shows once this is fixed.');
    assert.equal(lines.at(-1), `1 error: the site was not written. The previous site in ${output}/ was left as it was.`);
    assert.deepEqual(await hashTree(output), before);
    assert.deepEqual(await leftovers(parent, output), []);
  });

  await t.test('should replace the whole previous site on success', async () => {
    await writeFile(path.join(output, 'stale.html'), 'from an old build');
    const run = await runCli(['build', '--content', hexoSource, '--output', output, '--quiet'], { cwd: projectDir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.ok(!existsSync(path.join(output, 'stale.html')));
    assert.ok(existsSync(path.join(output, 'index.html')));
  });

  await t.test('should say nothing was written when there was no previous site', async () => {
    const broken = await tempDir('broken-first');
    await mkdir(path.join(broken, 'posts'));
    await writeFile(path.join(broken, 'posts/a.md'), '---\ntitle: [broken\n---\n');
    const fresh = path.join(parent, 'fresh');
    const run = await runCli(['build', '--content', broken, '--output', fresh], { cwd: projectDir });
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`the site was not written\\. Nothing was written to ${fresh}/\\.\\n$`));
    assert.ok(!existsSync(fresh));
  });

  await t.test('should show progress and colour only on a terminal', async () => {
    const run = await runCli(['build', '--content', hexoSource, '--output', output], { cwd: projectDir, isTTY: true });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /\r\x1b\[2KBuilding… \d+\.\d s {2}\d+ files written/);
    assert.match(run.stdout, /^\x1b\[32mBuilt 3 posts/);
  });

  await t.test('should drop a half-written build and keep the previous output', async () => {
    const before = await hashTree(output);
    const failure = new Error('template crashed after writing some pages');
    await assert.rejects(
      buildAtomically(output, async (staging) => {
        await writeFile(path.join(staging, 'index.html'), 'half a page');
        throw failure;
      }),
      failure,
    );
    assert.deepEqual(await hashTree(output), before);
    assert.deepEqual(await leftovers(parent, output), []);
  });

  await t.test('should clean up after a killed build and put back a site it had moved aside', async () => {
    const dir = await tempDir('abandoned');
    // The pid of a process that has just exited stands for the killed build.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await mkdir(path.join(dir, `.site.building-${deadPid}-abc123`));
    await writeFile(path.join(dir, `.site.building-${deadPid}-abc123/index.html`), 'half');
    // Every staging folder carries the marker from its first moment: the proof that weeklog may delete it.
    await writeFile(path.join(dir, `.site.building-${deadPid}-abc123/${OUTPUT_MARKER}`), '');
    await mkdir(path.join(dir, `.site.previous-${deadPid}-1700000000000`));
    await writeFile(path.join(dir, `.site.previous-${deadPid}-1700000000000/index.html`), 'the old site');
    await mkdir(path.join(dir, `.site.building-${process.pid}-live`));

    await assert.rejects(buildAtomically(path.join(dir, 'site'), async () => Promise.reject(new Error('stop'))));
    assert.equal(await readFile(path.join(dir, 'site/index.html'), 'utf8'), 'the old site');
    assert.deepEqual((await readdir(dir)).sort(), [`.site.building-${process.pid}-live`, 'site']);
  });

  await t.test('should list tags merged across case and width', async () => {
    const content = await tempDir('merges');
    await mkdir(path.join(content, 'posts'));
    const tags = ['Kubernetes', 'Kubernetes', 'kubernetes', 'ＫＵＢＥＲＮＥＴＥＳ'];
    await Promise.all(
      tags.map((tag, index) =>
        writeFile(path.join(content, `posts/p${index}.md`), `---\ntitle: Post ${index}\ndate: 2016-12-0${index + 1}\ntags: [${tag}]\n---\n\nbody\n`),
      ),
    );
    // Beside the content, not inside it: a build never writes into the folder it reads.
    const site = `${content}-site`;
    const run = await runCli(['build', '--content', content, '--output', site], { cwd: projectDir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Note: merged tags "kubernetes", "ＫＵＢＥＲＮＥＴＥＳ" into "Kubernetes" \(/m);
    const quiet = await runCli(['build', '--quiet', '--content', content, '--output', site], { cwd: projectDir });
    assert.equal(quiet.stdout, '');
  });

  await t.test('should not call a link to a file weeklog writes missing, and still name a missing one', async () => {
    const content = await tempDir('generated-links');
    await mkdir(path.join(content, 'posts'));
    const generated = ['/atom.xml', '/feed.json', '/tags/go/rss.xml', '/categories/notes/atom.xml', '/links.json', '/sitemap.xml', '/css/site.css'];
    const body = [...generated, '/gone.xml'].map((url) => `- [${url}](${url})`).join('\n');
    await writeFile(path.join(content, 'posts/a.md'), `---\ntitle: A\ndate: 2016-12-05\ncategory: Notes\ntags: [Go]\n---\n\n${body}\n`);
    const site = `${content}-site`;
    const run = await runCli(['build', '--content', content, '--output', site], { cwd: projectDir });
    assert.equal(run.code, 0, run.stderr);
    const missing = `${run.stdout}${run.stderr}`.split('\n').filter((line) => /not found/u.test(line));
    assert.equal(missing.length, 1, missing.join('\n'));
    assert.match(missing[0]!, /posts\/a\.md:15:3 .*`\/gone\.xml` not found/u);
    // The links it stayed quiet about lead to real files of the built site.
    for (const url of generated) assert.ok(existsSync(path.join(site, url)), `${url} is not in the built site`);
  });

  await t.test('should not warn about the URL when --base-url is public, and say where robots.txt belongs under a path', async () => {
    const elsewhere = path.join(parent, 'public-url');
    const run = await runCli(['build', '--content', hexoSource, '--output', elsewhere, '--base-url', 'https://example.com/blog/'], { cwd: projectDir });
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /local address/u);
    const robots = await readFile(path.join(elsewhere, 'robots.txt'), 'utf8');
    assert.match(robots, /^# This site lives under \/blog\/; crawlers read only https:\/\/example\.com\/robots\.txt\./u);
    assert.match(robots, /\nSitemap: https:\/\/example\.com\/blog\/sitemap\.xml\n$/u);
    // Each listing is dated by its own posts, not all by the newest post of the site.
    const sitemap = await readFile(path.join(elsewhere, 'sitemap.xml'), 'utf8');
    const lastmod = (loc: string) => new RegExp(`<loc>${loc.replaceAll('.', '\\.')}</loc>\\s*<lastmod>([^<]+)</lastmod>`, 'u').exec(sitemap)?.[1];
    const home = lastmod('https://example.com/blog/');
    assert.ok(home, sitemap.slice(0, 500));
    const years = ['2016', '2017'].map((year) => lastmod(`https://example.com/blog/archives/${year}/`));
    assert.ok(years[0] && years[1] && years[0] < years[1], years.join(' '));
    assert.ok(home >= years[1]!, `${home} ${years[1]}`);
  });

  await t.test('should exit 2 naming --base-url when it is not an absolute http(s) URL, as `url` in the settings must be', async () => {
    for (const bad of ['notaurl', '/blog/', 'ftp://example.com/']) {
      const run = await runCli(['build', '--base-url', bad, '--output', path.join(parent, 'never')], { cwd: projectDir });
      assert.equal(run.code, 2, run.stderr);
      assert.equal(
        run.stderr,
        `weeklog build: --base-url "${bad}" is not an absolute http(s) URL such as https://example.com/blog/. Run \`weeklog build --help\` for the flags.\n`,
      );
    }
    assert.ok(!existsSync(path.join(parent, 'never')));
  });

  await t.test('should refuse an output path that is a file before building: exit 2 from --output, 3 from the settings', async () => {
    const dir = await tempDir('output-file');
    await writeFile(path.join(dir, 'weeklog.config.yml'), `outputDir: taken.txt\ncontentDir: ${JSON.stringify(hexoSource)}\n`);
    await writeFile(path.join(dir, 'taken.txt'), 'not a site');
    const flag = await runCli(['build', '--output', 'taken.txt'], { cwd: dir });
    assert.equal(flag.code, 2, flag.stderr);
    assert.equal(flag.stderr, 'taken.txt exists and is not a folder, so the site cannot be written there; nothing was built. Remove it or pass another --output.\n');
    const settings = await runCli(['build'], { cwd: dir });
    assert.equal(settings.code, 3, settings.stderr);
    assert.match(settings.stderr, /^taken\.txt exists and is not a folder.* Remove it or set another `outputDir` in the settings\.\n$/);
    assert.equal(await readFile(path.join(dir, 'taken.txt'), 'utf8'), 'not a site');
    assert.deepEqual((await readdir(dir)).sort(), ['taken.txt', 'weeklog.config.yml']);
  });

  await t.test('should name an unknown flag', async () => {
    const run = await runCli(['build', '--ouput', output], { cwd: projectDir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /'--ouput'/);
  });
});
