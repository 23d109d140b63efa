import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { prefixRootUrls } from '../../src/eleventy/base-path.ts';

const packageDir = path.resolve(fileURLToPath(import.meta.url), '../../..');

/** `weeklog <args>` as a user runs it: its own process, its own stdout and stderr. */
function runWeeklog(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(packageDir, 'bin/weeklog.js'), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A ceiling for a loaded machine, not an expected time: the site has three posts.
      timeout: 300_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const post = (front: string, body: string) => `---\n${front}\n---\n\n${body}\n`;

/** A project whose posts link into the site every way an author does: root links, assets, other notes, raw HTML. */
async function writeProject(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'content/posts/links/img'), { recursive: true });
  await mkdir(path.join(dir, 'public/images'), { recursive: true });
  const svg = await readFile(path.join(packageDir, 'content/posts/img/ci-pipeline.svg'));
  await writeFile(path.join(dir, 'content/posts/links/img/a.svg'), svg);
  await writeFile(path.join(dir, 'public/images/logo.svg'), svg);
  await writeFile(path.join(dir, 'weeklog.config.yml'), 'title: Sub-path\nurl: https://example.com/blog/\nlanguage: en\ntimezone: UTC\nperPage: 2\n');
  await writeFile(
    path.join(dir, 'content/posts/links.md'),
    post(
      'title: Links\ndate: 2024-01-02 10:00:00\ntags: [Linux]\ncategories: Notes',
      [
        'See [Linux](/tags/linux/), [the archive](/archives/), [subscribe](/subscribe/) and [home](/).',
        '',
        '![asset](img/a.svg) ![logo](/images/logo.svg)',
        '',
        '<img src="/images/logo.svg" srcset="/images/logo.svg 1x, img/a.svg 2x" alt="raw">',
        '<!-- <a href="/commented-out/">an old link</a> -->',
        '',
        'And [the other note](./other.md#setup).',
        '',
        '<!-- more -->',
        '',
        '## Code',
        '',
        '```html',
        '<a href="/in-code/">shown, not linked</a>',
        '```',
      ].join('\n'),
    ),
  );
  await writeFile(
    path.join(dir, 'content/posts/other.md'),
    post('title: Other\ndate: 2024-01-03 10:00:00\ntags: [Linux]', '## Setup\n\nBack to [links](links.md) and ![the diagram](links/img/a.svg).'),
  );
  await writeFile(path.join(dir, 'content/posts/third.md'), post('title: Third\ndate: 2024-01-04 10:00:00', 'Plain text.'));
}

/** Every URL an element's attributes hold (srcset candidates one by one), with the attribute's name. */
function urlsOf(node: Element): { name: string; url: string }[] {
  const found: { name: string; url: string }[] = [];
  for (const [name, value] of Object.entries(node.properties)) {
    if (typeof value !== 'string' && !Array.isArray(value)) continue;
    const text = Array.isArray(value) ? value.join(name === 'srcSet' ? ',' : ' ') : value;
    if (name === 'srcSet') for (const candidate of text.split(',')) found.push({ name, url: candidate.trim().split(/\s+/u)[0] ?? '' });
    else found.push({ name, url: text.trim() });
  }
  return found;
}

/** The file a URL under `/blog/` names in the output folder (`/blog/tags/x/` → `tags/x/index.html`). */
function fileOf(output: string, url: string): string {
  const pathPart = decodeURI(url.replace(/[?#].*$/u, '').slice('/blog/'.length));
  return path.join(output, pathPart === '' || pathPart.endsWith('/') ? `${pathPart}index.html` : pathPart);
}

test('a site under a path, built by the CLI', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-sub-path-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeProject(dir);
  const run = await runWeeklog(['build', '-q'], dir);
  const output = path.join(dir, '_site');
  const pages = (await readdir(output, { recursive: true })).filter((file) => file.endsWith('.html'));
  const trees = new Map<string, Root>();
  for (const page of pages) trees.set(page, fromHtml(await readFile(path.join(output, page), 'utf8')));

  await t.test('should print nothing with -q when the build succeeds', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, '');
  });

  await t.test('should point every root-relative URL of every page at a file of the site, under the path', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const [page, tree] of trees) {
      visit(tree, 'element', (node: Element) => {
        for (const { name, url } of urlsOf(node)) {
          if (!url.startsWith('/') || url.startsWith('//')) continue;
          checked += 1;
          if (!url.startsWith('/blog/') || !existsSync(fileOf(output, url))) broken.push(`${page}: <${node.tagName} ${name}="${url}">`);
        }
      });
    }
    assert.deepEqual(broken, []);
    assert.ok(checked > pages.length * 20, `only ${checked} URLs checked`);
  });

  await t.test('should prefix the links and images authors write in posts, and leave relative ones and code as written', () => {
    const page = trees.get(path.join('2024/01/02/links/index.html'))!;
    const attributes: string[] = [];
    visit(page, 'element', (node: Element) => {
      if (node.tagName === 'a' && typeof node.properties.href === 'string') attributes.push(`a ${node.properties.href}`);
      if (node.tagName === 'img') attributes.push(`img ${String(node.properties.src)}${node.properties.srcSet ? ` ${String(node.properties.srcSet)}` : ''}`);
    });
    for (const expected of ['a /blog/tags/linux/', 'a /blog/subscribe/', 'a /blog/', 'img img/a.svg', 'img /blog/images/logo.svg', 'img /blog/images/logo.svg /blog/images/logo.svg 1x, img/a.svg 2x', 'a /blog/2024/01/03/other/#setup']) {
      assert.ok(attributes.includes(expected), `${expected} in ${attributes.join(' | ')}`);
    }
    assert.match(toString(page), /<a href="\/in-code\/">shown, not linked<\/a>/u);
    const comments: string[] = [];
    visit(page, 'comment', (node: { value: string }) => void comments.push(node.value));
    assert.ok(comments.some((text) => text.includes('<a href="/commented-out/">')), comments.join(' | '));
    // The other post's excerpt on the home page: its relative image is rebased on its URL, then prefixed.
    const home = trees.get('index.html')!;
    const images: string[] = [];
    visit(home, 'element', (node: Element) => void (node.tagName === 'img' && images.push(String(node.properties.src))));
    assert.ok(images.includes('/blog/2024/01/03/other/links/img/a.svg'), images.join(' '));
  });

  await t.test('should keep the feeds, sitemap and links.json absolute under the path', async () => {
    const atom = await readFile(path.join(output, 'atom.xml'), 'utf8');
    assert.match(atom, /href="https:\/\/example\.com\/blog\/2024\/01\/02\/links\/"/u);
    assert.doesNotMatch(atom, /example\.com\/blog\/blog\//u);
    assert.doesNotMatch(await readFile(path.join(output, 'sitemap.xml'), 'utf8'), /<loc>(?!https:\/\/example\.com\/blog\/)/u);
  });
});

test('prefixRootUrls', async (t) => {
  await t.test('should leave HTML alone for a site at the host root', () => {
    const html = '<p><a href="/a/">a</a></p>';
    assert.equal(prefixRootUrls(html, ''), html);
  });

  await t.test('should prefix root-relative URL attributes only', () => {
    assert.equal(
      prefixRootUrls('<p><a href="/a/" title="/not-a-url">a</a> <a href="//cdn.x/y">b</a> <a href="b/">c</a> <a href="#d">d</a> <a href="https://x.org/">e</a></p>', '/blog'),
      '<p><a href="/blog/a/" title="/not-a-url">a</a> <a href="//cdn.x/y">b</a> <a href="b/">c</a> <a href="#d">d</a> <a href="https://x.org/">e</a></p>',
    );
    assert.equal(prefixRootUrls('<video src="/v.mp4" poster="/p.png"></video><blockquote cite=" /q/ ">q</blockquote>', '/blog'), '<video src="/blog/v.mp4" poster="/blog/p.png"></video><blockquote cite="/blog/q/">q</blockquote>');
  });

  await t.test('should prefix each root-relative srcset candidate and keep the descriptors', () => {
    assert.equal(prefixRootUrls('<img src="a.png" srcset="/a.png 1x, b.png 2x,/c,d.png 3x" alt="">', '/blog'), '<img src="a.png" srcset="/blog/a.png 1x, b.png 2x,/blog/c,d.png 3x" alt="">');
  });

  await t.test('should leave code, comments and script text as written', () => {
    const html = '<pre><code>&#x3C;a href="/x/">x&#x3C;/a></code></pre><!-- <a href="/y/"> --><script src="/s.js">const a = \'<a href="/z/">\';</script><a href="/w/">w</a>';
    assert.equal(prefixRootUrls(html, '/blog'), html.replace('src="/s.js"', 'src="/blog/s.js"').replace('href="/w/"', 'href="/blog/w/"'));
  });
});
