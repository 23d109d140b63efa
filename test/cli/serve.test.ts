import assert from 'node:assert/strict';
import { request } from 'node:http';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { startServe } from '../preview/helpers.ts';
import { fixtures, projectDir, runCli, tempDir } from './helpers.ts';

test('weeklog serve', async (t) => {
  await t.test('should serve drafts until stopped, then exit 0', async () => {
    // The preview is written to the project's .cache/ (git-ignored), never to the real output.
    const server = await startServe(projectDir, ['--content', path.join(fixtures, 'hexo-site/source')]);
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/u, 'the URL has the port the system chose for --port 0');
    const home = await (await fetch(server.url)).text();
    assert.match(home, /未完成的想法/);
    // Malformed paths once crashed the dev server; it must answer and keep serving.
    for (const [target, expected] of [['//', 200], ['/%', 400], ['/..%2f', 400]] as const) {
      const status = await new Promise<number>((resolve, reject) =>
        request(new URL(server.url), { path: target }, (response) => resolve(response.statusCode ?? 0)).on('error', reject).end(),
      );
      assert.equal(status, expected, target);
    }
    assert.equal((await fetch(server.url)).status, 200);
    assert.equal(await server.stop(), 0);
    assert.match(server.output.stdout, /Stopped\.\n$/);
  });

  await t.test('should refuse a port that is not one', async () => {
    for (const port of ['70000', 'abc', '1.5']) {
      const run = await runCli(['serve', '--port', port], { cwd: projectDir });
      assert.equal(run.code, 2, port);
      assert.match(run.stderr, new RegExp(`^weeklog serve: --port "${port}" is not a port number \\(0–65535, 0 for any free port\\)\\.`, 'u'));
    }
  });

  await t.test('should rebuild when a post changes, and show a broken post in the page instead of stopping', async () => {
    const content = path.join(await tempDir('serve-live'), 'source');
    await cp(path.join(fixtures, 'hexo-site/source'), content, { recursive: true });
    const server = await startServe(projectDir, ['--content', content]);
    try {
      const post = path.join(content, '_posts/2018-01-02-weekly.md');
      const source = await readFile(post, 'utf8');
      await writeFile(post, source.replace(/^title: .*$/m, 'title: 改过的标题 live-edit'));
      await server.events.page('/', (html) => html.includes('改过的标题 live-edit'));

      await writeFile(path.join(content, '_posts/broken.md'), '---\ntitle: [unclosed\n---\n正文\n');
      const html = await server.events.page('/', (page) => page.includes('build-problems') && page.includes('broken.md'));
      assert.match(html, /broken\.md:\d+/, `the problem names the file and line: ${/<aside class="build-problems"[\s\S]*?<\/aside>/.exec(html)?.[0]}`);
      assert.match(html, /改过的标题 live-edit/, 'the rest of the site is still served');
      assert.match(server.output.stderr + server.output.stdout, /broken\.md:\d+/, 'the terminal shows it too');
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
