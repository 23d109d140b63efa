import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { parse } from 'node-html-parser';
import { fixtures, projectDir, runCli, tempDir } from './helpers.ts';

// A site served under a path (https://example.com/blog/) has nothing at the host's root:
// every root-relative URL a page holds, in any attribute the browser or weeklog's scripts
// read (the search box fetches its index from data-index), must start with the path.
test('weeklog build --base-url with a path', async (t) => {
  const output = path.join(await tempDir('sub-path'), 'blog');
  const run = await runCli(['build', '--content', path.join(fixtures, 'hexo-site/source'), '--output', output, '--base-url', 'https://example.com/blog/'], { cwd: projectDir });
  assert.equal(run.code, 0, run.stderr);
  const pages = (await readdir(output, { recursive: true })).filter((file) => file.endsWith('.html'));
  assert.ok(pages.length > 10);

  await t.test('should put the path in front of every root-relative URL of every page, the search index included', async () => {
    const outside: string[] = [];
    let searchBoxes = 0;
    for (const page of pages) {
      const root = parse(await readFile(path.join(output, page), 'utf8'));
      for (const element of root.querySelectorAll('*')) {
        for (const [name, value] of Object.entries(element.attributes)) {
          const urls = name === 'srcset' ? value.split(',').map((candidate) => candidate.trim().split(/\s+/u)[0]) : [value];
          for (const url of urls) {
            if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/blog/')) outside.push(`${page}: ${element.rawTagName} ${name}="${url}"`);
          }
        }
        if (element.hasAttribute('data-index')) searchBoxes += 1;
      }
    }
    assert.deepEqual(outside, []);
    assert.ok(searchBoxes >= pages.length - 1, 'the search box is on the pages');
    // The search script fetches `${data-index}meta.json`: it has to be there.
    assert.ok(existsSync(path.join(output, 'search/meta.json')));
  });
});
