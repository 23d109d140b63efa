import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import yaml from 'js-yaml';
import { loadSettings } from '../../src/config/settings.ts';
import { loadPosts } from '../../src/content/load-posts.ts';
import { fixtures, runCli, tempDir } from './helpers.ts';

const hexoSite = path.join(fixtures, 'hexo-site');

/** Old URLs of the fixture's sitemap as root-relative, decoded paths. */
async function oldPostPaths(): Promise<string[]> {
  const text = await readFile(path.join(hexoSite, 'old-urls.txt'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.startsWith('http'))
    .map((l) => decodeURI(new URL(l).pathname));
}

test('weeklog import-hexo', async (t) => {
  await t.test('should detect the UTC build zone and keep every old post URL', async () => {
    const into = await tempDir('import');
    const run = await runCli(['import-hexo', hexoSite, '--into', into, '--old-urls', path.join(hexoSite, 'sitemap.xml')], { cwd: into });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^URL time zone: UTC \(matches 3 of 3 old post URLs\)\.\n/);
    assert.match(run.stdout, /Imported 3 posts, 1 draft, 1 page, 1 post asset and 1 public file into \.\n/);
    assert.match(
      run.stdout,
      /  source\/_posts\/Alpine-Linux\.md:26:1  Hexo tag `\{% youtube %\}` has no weeklog equivalent and was left as it is\./,
    );

    const settings = loadSettings(into);
    assert.equal(settings.urlTimezone, 'UTC');
    assert.equal(settings.timezone, 'Asia/Shanghai');
    assert.equal(settings.url, 'https://blog.example.com/');
    assert.equal(settings.description, '云原生与读书笔记');
    assert.equal(settings.perPage, 5);
    assert.deepEqual(settings.categoryMap, { 读书: 'reading' });
    const written = yaml.load(await readFile(path.join(into, 'weeklog.config.yml'), 'utf8')) as Record<string, unknown>;
    assert.equal('theme' in written || 'deploy' in written || 'defaultCategory' in written, false);

    // Read back through weeklog's own loader: the URLs the new site will have.
    const { posts } = await loadPosts(settings, { projectDir: into, mode: 'build' });
    const urls = new Set(posts.map((p) => p.url));
    for (const old of await oldPostPaths()) assert.ok(urls.has(old), `${old} missing from ${[...urls].join(', ')}`);
    assert.ok(urls.has('/about/'));
  });

  await t.test('should convert Hexo tag plugins and copy assets next to the post', async () => {
    const into = await tempDir('import-tags');
    const run = await runCli(['import-hexo', hexoSite, '--into', into], { cwd: into });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^URL time zone: UTC\.\n/);
    const post = await readFile(path.join(into, 'content/posts/Alpine-Linux.md'), 'utf8');
    assert.match(post, /Helm 模板里的 \{\{ \.Values\.image \}\} 必须原样保留。/);
    assert.match(post, /\n```bash title="install\.sh"\napk add --no-cache curl\n```\n/);
    assert.match(post, /\n!\[架构图\]\(diagram\.png\)\n/);
    assert.match(post, /\n> Clear is better than clever\.\n>\n> — Rob Pike, \[Go Proverbs\]\(https:\/\/go-proverbs\.github\.io\/\)\n/);
    assert.match(post, /白皮书：\[https:\/\/example\.com\/alpine\.pdf\]\(https:\/\/example\.com\/alpine\.pdf\)/);
    assert.match(post, /\n\{% youtube dQw4w9WgXcQ %\}\n/);
    // Inside fenced code a `{% raw %}` is code, as in Hexo.
    assert.match(post, /\/\/ Tags inside fenced code are not Hexo tags: \{% raw %\}\n/);
    assert.deepEqual(
      await readFile(path.join(into, 'content/posts/Alpine-Linux/diagram.png')),
      await readFile(path.join(hexoSite, 'source/_posts/Alpine-Linux/diagram.png')),
    );
    const helm = await readFile(path.join(into, 'content/posts/k8s/helm-入门.md'), 'utf8');
    assert.match(helm, /\n```yaml\nimage: \{\{ \.Values\.image \}\}\n```\n/);
    assert.ok(existsSync(path.join(into, 'content/_drafts/idea.md')));
    assert.ok(existsSync(path.join(into, 'public/images/logo.gif')));
  });

  await t.test('should report the old URLs a wrong zone would break', async () => {
    const into = await tempDir('import-zone');
    const run = await runCli(
      ['import-hexo', hexoSite, '--into', into, '--url-timezone', 'Asia/Shanghai', '--old-urls', path.join(hexoSite, 'old-urls.txt')],
      { cwd: into },
    );
    assert.equal(run.code, 1);
    assert.match(run.stdout, /  Old URL \/2016\/12\/04\/Alpine-Linux\/ has no page in the new site: no post, page or file has this URL\./);
    assert.match(run.stdout, /  Old URL \/2018\/01\/01\/2018-01-02-weekly\/ has no page in the new site: no post, page or file has this URL\./);
    assert.doesNotMatch(run.stdout, /helm/);
  });

  await t.test('should refuse to import over an existing site', async () => {
    const into = await tempDir('import-twice');
    assert.equal((await runCli(['import-hexo', hexoSite, '--into', into], { cwd: into })).code, 0);
    const again = await runCli(['import-hexo', hexoSite, '--into', into], { cwd: into });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /weeklog\.config\.yml already exists; import-hexo never overwrites\./);
  });

  await t.test('should keep each post its own asset of a name another post uses too', async () => {
    const site = await tempDir('hexo-same-name');
    await writeFile(path.join(site, '_config.yml'), 'title: same name\nurl: https://blog.example.com\npermalink: :year/:month/:day/:title/\npost_asset_folder: true\n');
    for (const [name, day, link] of [['a', 1, '![](1.png)'], ['b', 2, '{% asset_img 1.png 图 %}']] as const) {
      await mkdir(path.join(site, 'source/_posts', name), { recursive: true });
      await writeFile(path.join(site, 'source/_posts', `${name}.md`), `---\ntitle: ${name}\ndate: 2020-01-0${day} 12:00:00\n---\n\n${link}\n`);
      await writeFile(path.join(site, 'source/_posts', name, '1.png'), `image of ${name}`);
    }
    const into = await tempDir('import-same-name');
    const run = await runCli(['import-hexo', site, '--into', into], { cwd: into });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /2 post assets and/);
    assert.doesNotMatch(run.stdout, /could not be carried over/);
    assert.equal(await readFile(path.join(into, 'content/posts/b/1.png'), 'utf8'), 'image of b');

    const output = path.join(into, 'site');
    const build = await runCli(['build', '--output', output], { cwd: into });
    assert.equal(build.code, 0, build.stderr);
    assert.equal(build.stderr, '', 'no asset is reported missing');
    for (const [name, day] of [['a', 1], ['b', 2]] as const) {
      const folder = path.join(output, `2020/01/0${day}/${name}`);
      assert.match(await readFile(path.join(folder, 'index.html'), 'utf8'), /<img [^>]*src="1\.png"/);
      assert.equal(await readFile(path.join(folder, '1.png'), 'utf8'), `image of ${name}`);
    }
  });

  await t.test("should keep old URLs by weeklog's own reading of dates, front matter, extensions and slugs", async () => {
    const site = await tempDir('hexo-rules');
    await writeFile(
      path.join(site, '_config.yml'),
      'title: rules\ntimezone: Asia/Shanghai\npermalink: :category/:year/:month/:day/:title/\nnew_post_name: :title.md\n',
    );
    const posts = path.join(site, 'source/_posts');
    await mkdir(posts, { recursive: true });
    const files: Record<string, string> = {
      // Dates content/dates.ts accepts; a date-prefixed file name makes Hexo's `:title` differ from weeklog's.
      '2016-12-05-slash-date.md': '---\ntitle: a\ndate: 2016/12/05 07:59\n---\nbody\n',
      '2016-12-06-short-day.md': '---\ntitle: b\ndate: 2016-12-6\n---\nbody\n',
      '2016-12-07-short-hour.md': '---\ntitle: c\ndate: 2016-12-07 7:59:01\n---\nbody\n',
      // Hexo keeps the case of a category slug; weeklog lower-cases it.
      'Cloud.md': '---\ntitle: d\ndate: 2016-12-08 12:00:00\ncategories: Cloud Native\n---\nbody\n',
      // A Markdown extension Hexo renders and weeklog does not read.
      'notes.mkd': '---\ntitle: e\ndate: 2016-12-09 12:00:00\n---\nbody\n',
      // `;;;` JSON front matter with a `slug`, and a body line that only looks like a field.
      'json.md': ';;;\n"title": "f",\n"date": "2016-12-10 12:00:00",\n"slug": "Other-Slug"\n;;;\nbody\npermalink: /not/front/matter/\n',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(posts, name), text);
    const into = await tempDir('import-rules');
    const run = await runCli(['import-hexo', site, '--into', into], { cwd: into });
    assert.equal(run.code, 0, run.stdout + run.stderr);

    const hexoUrls = [
      '/uncategorized/2016/12/04/2016-12-05-slash-date/',
      '/uncategorized/2016/12/05/2016-12-06-short-day/',
      '/uncategorized/2016/12/06/2016-12-07-short-hour/',
      '/Cloud-Native/2016/12/08/Cloud/',
      '/uncategorized/2016/12/09/notes/',
      '/uncategorized/2016/12/10/Other-Slug/',
    ];
    const { posts: loaded, problems } = await loadPosts(loadSettings(into), { projectDir: into, mode: 'build' });
    assert.deepEqual(problems, []);
    assert.deepEqual(loaded.map((p) => p.url).sort(), [...hexoUrls].sort());
    assert.ok(existsSync(path.join(into, 'content/posts/notes.md')));
    assert.equal(
      await readFile(path.join(into, 'content/posts/json.md'), 'utf8'),
      ';;;\n  "permalink": "/uncategorized/2016/12/10/Other-Slug/",\n  "title": "f",\n  "date": "2016-12-10 12:00:00",\n  "slug": "Other-Slug"\n;;;\nbody\npermalink: /not/front/matter/\n',
    );
    // The same URL either way needs no pin.
    assert.doesNotMatch(await readFile(path.join(into, 'content/posts/notes.md'), 'utf8'), /permalink/);
  });

  await t.test('should leave `:post_title` unpinned: Hexo and weeklog both lower-case it', async () => {
    const site = await tempDir('hexo-post-title');
    await writeFile(path.join(site, '_config.yml'), 'title: t\npermalink: :year/:post_title/\n');
    await mkdir(path.join(site, 'source/_posts'), { recursive: true });
    await writeFile(path.join(site, 'source/_posts/x.md'), '---\ntitle: Alpine Linux 入门\ndate: 2016-12-05 12:00:00\n---\nbody\n');
    const into = await tempDir('import-post-title');
    assert.equal((await runCli(['import-hexo', site, '--into', into], { cwd: into })).code, 0);
    assert.doesNotMatch(await readFile(path.join(into, 'content/posts/x.md'), 'utf8'), /permalink/);
    const { posts } = await loadPosts(loadSettings(into), { projectDir: into, mode: 'build' });
    assert.deepEqual(posts.map((p) => p.url), ['/2016/alpine-linux-入门/']);
  });

  await t.test('should exit 3 with the place of a broken _config.yml', async () => {
    const site = await tempDir('hexo-bad');
    await writeFile(path.join(site, '_config.yml'), 'title: [x\n');
    const into = await tempDir('import-bad');
    const run = await runCli(['import-hexo', site, '--into', into], { cwd: into });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /_config\.yml is not valid YAML \(.+\)\. Fix it and import again\.\n$/);
  });
});
