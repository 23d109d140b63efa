import assert from 'node:assert/strict';
import { readdir, readFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { parse } from 'node-html-parser';
import { renderMarkdown } from '../../src/markdown/render.ts';
import { browserScheme } from '../../src/urls.ts';
import { runCli, tempDir } from '../cli/helpers.ts';

// Before the policy every one of these became a live link or frame on the page, in the feeds, /links/ and links.json.
const POST = `[x](javascript:alert(1)) and [ok](https://example.org/)

<a href="java&#x09;script:alert(2)">y</a> <a href="vbscript:msgbox(1)">v</a>

<iframe srcdoc="<script>alert(1)</script>"></iframe> <iframe src="data:text/html,<script>alert(1)</script>"></iframe>

<svg><a xlink:href="javascript:alert(3)"><text>t</text></a><set attributeName="href" to="javascript:alert(7)"/></svg>

<img src="data:image/png;base64,iVBORw0KGgo=" alt="pixel"> <img src="data:image/svg+xml,<svg onload=alert(1)>" alt="svg">

![img](javascript:alert(4)) [ref][r]

[r]: JAVASCRIPT:alert(6)

## [z](javascript:alert(8))

note

## [good](https://example.com/a)

note2
`;

/** Every attribute value on the page that a browser would follow or load, with its scheme. */
function liveUrls(html: string): string[] {
  const urls: string[] = [];
  for (const element of parse(html).querySelectorAll('*')) {
    for (const [name, value] of Object.entries(element.attributes)) {
      if (/^(href|src|xlink:href|srcdoc|action|formaction|to|values)$/iu.test(name)) urls.push(name === 'srcdoc' ? 'srcdoc:' : value);
    }
  }
  return urls;
}
const unsafe = (url: string) => !['http', 'https', 'mailto', null].includes(browserScheme(url)) && !/^data:image\/png/u.test(url);

test('unsafe URLs', async (t) => {
  await t.test('should render every unsafe URL as text and report each at its line', async () => {
    const rendered = await renderMarkdown(POST, { path: 'content/posts/a.md', lineOffset: 4 });
    assert.deepEqual(liveUrls(rendered.html).filter(unsafe), []);
    assert.ok(liveUrls(rendered.html).includes('https://example.org/'));
    assert.ok(liveUrls(rendered.html).includes('data:image/png;base64,iVBORw0KGgo='), 'a raster data: image stays');
    assert.match(rendered.html, /<p>x and <a href="https:\/\/example.org\/">ok<\/a><\/p>/);
    assert.deepEqual(
      rendered.problems.map((p) => `${p.line}:${p.column} ${p.ruleId}`).sort(byPlace),
      ['5:1', '7:1', '7:43', '9:1', '9:54', '11:6', '11:60', '13:60', '15:1', '17:1', '19:4'].map((place) => `${place} unsafe-url`).sort(byPlace),
    );
    assert.deepEqual(rendered.linkItems.map((item) => item.url), ['https://example.com/a']);
  });

  await t.test('should keep unsafe URLs out of the built page, feeds, /links/, links.json and search', async () => {
    const cwd = await tempDir('unsafe-urls');
    try {
      await mkdir(path.join(cwd, 'content/posts'), { recursive: true });
      await writeFile(path.join(cwd, 'weeklog.config.yml'), 'title: T\nurl: https://example.org/\n');
      await writeFile(path.join(cwd, 'content/posts/a.md'), `---\ntitle: A\ndate: 2024-01-01 10:00:00\n---\n\n${POST}`);
      const build = await runCli(['build'], { cwd });
      assert.equal(build.code, 0, build.stdout + build.stderr);
      assert.match(build.stdout + build.stderr, /content\/posts\/a\.md:8:1 {2}`<a href>` with a `javascript:` URL is removed/);
      const site = path.join(cwd, '_site');
      for (const page of ['2024/01/01/a/index.html', 'index.html', 'links/index.html']) {
        assert.deepEqual(liveUrls(await readFile(path.join(site, page), 'utf8')).filter(unsafe), [], page);
      }
      const atom = await readFile(path.join(site, 'atom.xml'), 'utf8');
      const content = [...atom.matchAll(/<content type="html">([\s\S]*?)<\/content>/gu)].map((m) => m[1]!.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&'));
      assert.equal(content.length, 1);
      assert.deepEqual(liveUrls(content[0]!).filter(unsafe), []);
      const links = JSON.parse(await readFile(path.join(site, 'links.json'), 'utf8')) as { links: { url: string }[] };
      assert.deepEqual(links.links.map((link) => link.url), ['https://example.com/a']);
      const search = await Promise.all((await readdir(path.join(site, 'search/f'))).map((name) => readFile(path.join(site, 'search/f', name), 'utf8')));
      assert.doesNotMatch(search.join('\n'), /"javascript:alert\(8\)"/u, 'the heading link is no link item in search');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

function byPlace(a: string, b: string): number {
  const [la, ca] = a.split(/[: ]/u).map(Number);
  const [lb, cb] = b.split(/[: ]/u).map(Number);
  return la! - lb! || ca! - cb!;
}
