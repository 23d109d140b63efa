import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse, type HTMLElement } from 'node-html-parser';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../../src/site/build.ts';
import { buildSampleSite } from '../helpers/sample-site.ts';

async function page(outputDir: string, url: string): Promise<HTMLElement> {
  const file = path.join(outputDir, decodeURI(url), url.endsWith('/') ? 'index.html' : '');
  return parseHtml(await readFile(file, 'utf8'));
}

// By default the parser keeps <pre> as raw text; parse it so code spans can be inspected.
function parseHtml(html: string): HTMLElement {
  return parse(html, { blockTextElements: { script: true, style: true } });
}

test('the sample site builds end to end', async (t) => {
  const { outputDir, summary } = await buildSampleSite();

  await t.test('should build every published post and no draft', async () => {
    assert.ok(summary.posts >= 14, `expected at least 14 posts, got ${summary.posts}`);
    const home = await page(outputDir, '/');
    assert.doesNotMatch(home.toString(), /服务网格选型对比（草稿）/);
  });

  await t.test('should report the unknown `conf` language with its file and line, and go on', () => {
    const unknown = summary.problems.filter((p) => p.ruleId === 'unknown-language');
    assert.ok(unknown.length >= 1);
    assert.equal(unknown[0].file, 'content/posts/nginx-rate-limit.md');
    assert.ok(unknown[0].line > 5, 'the line points into the file, past the front matter');
  });

  await t.test('should list posts newest first on a paginated home page with excerpts and read-more links', async () => {
    const home = await page(outputDir, '/');
    const summaries = home.querySelectorAll('.post-summary');
    assert.equal(summaries.length, 10);
    const dates = home.querySelectorAll('.post-summary time').map((el) => el.getAttribute('datetime') ?? '');
    assert.deepEqual([...dates].sort().reverse(), dates);
    for (const item of summaries) {
      // Visible text '阅读全文 »'; the hidden rest names the post, so each link reads differently.
      const title = item.querySelector('.post-summary-title')!.text.trim();
      assert.equal(item.querySelector('.read-more a')?.text, `阅读全文 » ${title}`);
      assert.equal(item.querySelector('.read-more .visually-hidden')?.text.trim(), title);
      assert.ok(item.querySelector('.excerpt')!.text.trim().length > 0);
    }
    assert.ok(home.querySelector('a[rel="next"]'));
    const second = await page(outputDir, '/page/2/');
    assert.ok(second.querySelectorAll('.post-summary').length >= 4);
  });

  await t.test('should put a post dated 07:59 Beijing time under that Beijing date', () => {
    assert.ok(existsSync(path.join(outputDir, '2016/12/05/docker-storage-drivers/index.html')));
  });

  await t.test('should render template syntax in posts verbatim, in prose and in code', async () => {
    const post = await page(outputDir, '/2021/08/17/helm-chart-templates/');
    const text = post.querySelector('.post-content')!.text;
    assert.match(text, /\{\{ \.Values\.image \}\}/);
    assert.match(text, /\{% raw %\}/);
    const code = post.querySelectorAll('.post-content pre').map((pre) => pre.text).join('\n');
    assert.match(code, /\{\{ \.Values\.image \}\}/);
    assert.match(code, /\{% raw %\}/);
    assert.match(code, /\$\{#\w+\[@\]\}/);
  });

  await t.test('should escape a title with <script> everywhere it is shown', async () => {
    // A test input, so it lives in a fixture project and not in the sample site readers see.
    const escapingDir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-escaping-'));
    t.after(() => rm(escapingDir, { recursive: true, force: true }));
    await buildSite({ projectDir: fileURLToPath(new URL('./fixtures/escaping/', import.meta.url)), outputDir: escapingDir });
    const html = await readFile(path.join(escapingDir, '2025/02/14/html-escaping-test/index.html'), 'utf8');
    assert.doesNotMatch(html, /<script>alert\(1\)<\/script>/);
    const post = parseHtml(html);
    assert.match(post.querySelector('title')!.text, /<script>alert\(1\)<\/script> & "quotes"/);
    assert.match(post.querySelector('h1')!.text, /<script>alert\(1\)<\/script>/);
    assert.match(post.querySelector('meta[property="og:title"]')!.getAttribute('content')!, /<script>alert\(1\)<\/script> & "quotes"/);
    const jsonLd = post.querySelector('script[type="application/ld+json"]')!.text;
    assert.doesNotMatch(jsonLd, /<\/script/i);
    assert.match(JSON.parse(jsonLd).headline, /<script>alert\(1\)<\/script>/);
    const home = await readFile(path.join(escapingDir, 'index.html'), 'utf8');
    assert.doesNotMatch(home, /<script>alert\(1\)/);
    assert.match(home, /HTML 转义测试/);
    const sample = await readFile(path.join(outputDir, 'index.html'), 'utf8');
    assert.doesNotMatch(sample, /转义测试/, 'the sample home page shows no test posts');
  });

  await t.test('should link every table-of-contents entry to a heading id, Chinese ones included', async () => {
    const post = await page(outputDir, '/2023/05/20/rest-api-design-guide/');
    const links = post.querySelectorAll('nav.toc a, .post-toc a');
    assert.ok(links.length >= 4);
    let chinese = 0;
    for (const link of links) {
      const id = decodeURIComponent(link.getAttribute('href')!.slice(1));
      if (/\p{Script=Han}/u.test(id)) chinese++;
      assert.ok(post.getElementById(id), `no element with id "${id}"`);
    }
    assert.ok(chinese > 0);
    const ids = post.querySelectorAll('[id]').map((el) => el.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  });

  await t.test('should highlight SystemTap blocks with several token colours', async () => {
    const post = await page(outputDir, '/2017/04/11/systemtap-quickstart/');
    const block = post.querySelector('.code-block[data-language="stp"], .code-block[data-language="systemtap"]');
    assert.ok(block, 'an stp block');
    // Token colours are classes (tk1, tk2…) that css/code.css colours for both schemes.
    const colours = new Set(block.querySelectorAll('pre span[class]').flatMap((s) => s.classList.value.filter((c) => /^tk\d+$/.test(c))));
    assert.ok(colours.size >= 3, `only ${colours.size} colours`);
  });

  await t.test('should title a note without front matter from its first heading, shown once', async () => {
    const files = await readdir(outputDir, { recursive: true });
    const alpine = files.find((f) => f.endsWith(`Alpine-Linux${path.sep}index.html`));
    assert.ok(alpine, 'Alpine Linux.md is built as …/Alpine-Linux/');
    const note = parseHtml(await readFile(path.join(outputDir, alpine), 'utf8'));
    assert.equal(note.querySelector('h1')!.text.trim(), 'Alpine Linux 使用笔记');
    assert.equal(note.querySelectorAll('h1').length, 1);
  });

  await t.test('should copy images next to the post so relative paths resolve', async () => {
    const post = await page(outputDir, '/2024/06/03/weekly-reading-2024-06/');
    const images = post.querySelectorAll('.post-content img').map((img) => img.getAttribute('src')!);
    assert.ok(images.includes('img/sidecar-proxy.svg'));
    for (const src of images) {
      const resolved = new URL(src, 'http://site/2024/06/03/weekly-reading-2024-06/').pathname;
      assert.ok(existsSync(path.join(outputDir, decodeURI(resolved))), `${src} resolves`);
    }
  });

  await t.test('should build category, tag, archive, links, search, subscribe and 404 pages', async () => {
    for (const url of ['/categories/', '/categories/cloud/kubernetes/', '/tags/', '/archives/', '/archives/2016/', '/links/', '/search/', '/subscribe/']) {
      assert.ok(existsSync(path.join(outputDir, decodeURI(url), 'index.html')), url);
    }
    assert.ok(existsSync(path.join(outputDir, '404.html')));
    // Architecture holds the REST guide itself and, through its child Microservices, the service-discovery post.
    const titles = async (url: string) => (await page(outputDir, url)).querySelectorAll('.post-summary-title').map((h) => h.text.trim());
    assert.deepEqual(await titles('/categories/architecture/microservices/'), ['微服务中的服务发现与负载均衡']);
    assert.deepEqual((await titles('/categories/architecture/')).sort(), ['REST API 设计指南', '微服务中的服务发现与负载均衡'].sort());
  });

  await t.test('should link every feed of every term from the subscribe page, and each exists', async () => {
    const subscribe = await page(outputDir, '/subscribe/');
    const hrefs = subscribe.querySelectorAll('.feed-table a').map((a) => decodeURI(a.getAttribute('href')!));
    assert.ok(hrefs.includes('/tags/kubernetes/atom.xml') && hrefs.includes('/categories/architecture/microservices/feed.json'));
    for (const href of hrefs) assert.ok(existsSync(path.join(outputDir, href)), `${href} exists`);
  });

  await t.test('should advertise the site feeds on every page and the term feeds on term pages', async () => {
    const home = await page(outputDir, '/');
    const alternates = home.querySelectorAll('link[rel="alternate"]').map((l) => l.getAttribute('href'));
    assert.deepEqual(alternates, ['/atom.xml', '/rss.xml', '/feed.json']);
    for (const file of ['atom.xml', 'rss.xml', 'feed.json', 'feeds.opml', 'sitemap.xml', 'robots.txt', 'links.json']) {
      assert.ok(existsSync(path.join(outputDir, file)), file);
    }
    assert.ok(existsSync(path.join(outputDir, 'categories/cloud/kubernetes/atom.xml')));
  });

  await t.test('should make the first alternate link of every term page that term\'s feed', async () => {
    const termPages = (await readdir(outputDir, { recursive: true }))
      .map((file) => `/${file.split(path.sep).join('/')}`)
      .filter((file) => /^\/(categories|tags)\/.+\/index\.html$/u.test(file))
      .map((file) => file.replace(/index\.html$/u, ''));
    assert.ok(termPages.length > 10, termPages.join(' '));
    for (const url of termPages) {
      const html = await page(outputDir, url);
      const alternates = html.querySelectorAll('link[rel="alternate"]').map((l) => decodeURI(l.getAttribute('href') ?? ''));
      const own = url.replace(/page\/\d+\/$/u, '');
      assert.deepEqual(alternates, [`${own}atom.xml`, `${own}rss.xml`, `${own}feed.json`, '/atom.xml', '/rss.xml', '/feed.json'], url);
      for (const href of alternates) assert.ok(existsSync(path.join(outputDir, href)), href);
    }
  });

  await t.test('should advertise the link feeds first on /links/, and write them', async () => {
    const links = await page(outputDir, '/links/');
    const alternates = links.querySelectorAll('link[rel="alternate"]').map((l) => l.getAttribute('href') ?? '');
    assert.deepEqual(alternates.slice(0, 2), ['/links/atom.xml', '/links/feed.json']);
    for (const href of alternates) assert.ok(existsSync(path.join(outputDir, href)), href);
    const feed = JSON.parse(await readFile(path.join(outputDir, 'links/feed.json'), 'utf8'));
    assert.ok(feed.items.length > 0);
  });
});
