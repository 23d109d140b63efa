import assert from 'node:assert/strict';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import test from 'node:test';
import { main } from '../../src/cli/main.ts';
import { fixtures, projectDir, runCli, tempDir } from './helpers.ts';

/**
 * A port free right now: the system picks it for a listener that is closed at once.
 * `--port 0` cannot be used: the dev server reports the port it was given, not the one it got.
 */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `weeklog serve` in this process; resolves once it prints its URL. */
async function startServe(content: string) {
  const port = await freePort();
  const stop = new AbortController();
  const output = { stdout: '', stderr: '' };
  let announced: (url: string) => void;
  const url = new Promise<string>((resolve) => (announced = resolve));
  const exit = main({
    cwd: projectDir,
    argv: ['serve', '--port', String(port), '--content', content],
    stdout: {
      write: (chunk: string) => {
        output.stdout += chunk;
        const match = /Serving the site with drafts at (\S+)/.exec(output.stdout);
        if (match) announced(match[1]!);
      },
    },
    stderr: { write: (chunk: string) => (output.stderr += chunk) },
    env: {},
    isTTY: false,
    signal: stop.signal,
  });
  const served = await Promise.race([url, exit.then((code) => assert.fail(`serve exited ${code}: ${output.stderr}`))]);
  return { url: served, port, output, exit, stop: () => stop.abort() };
}

/** Fetches `url` until `accept` says yes, for at most `ms` (a rebuild follows a file change). */
async function waitForPage(url: string, accept: (html: string) => boolean, ms = 30_000): Promise<string> {
  const until = Date.now() + ms;
  let html = '';
  while (Date.now() < until) {
    const response = await fetch(url).catch(() => null);
    html = response ? await response.text() : '';
    if (accept(html)) return html;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`${url} never showed the expected change; last body:\n${html.slice(0, 2000)}`);
}

test('weeklog serve', async (t) => {
  await t.test('should serve drafts until stopped, then exit 0', async () => {
    // The preview is written to the project's .cache/ (git-ignored), never to the real output.
    const server = await startServe(path.join(fixtures, 'hexo-site/source'));
    assert.match(server.url, new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/?$`));
    const home = await (await fetch(server.url)).text();
    assert.match(home, /未完成的想法/);
    // A malformed path (`//`) once crashed the dev server; it must answer and keep serving.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) =>
      request(new URL(server.url), { path: '//' }, (response) => resolve(response.statusCode ?? 0)).on('error', reject).end(),
    );
    assert.ok(status > 0);
    assert.equal((await fetch(server.url)).status, 200);
    server.stop();
    assert.equal(await server.exit, 0);
    assert.match(server.output.stdout, /Stopped\.\n$/);
  });

  await t.test('should refuse --port 0, whose real port it could not print', async () => {
    const run = await runCli(['serve', '--port', '0'], { cwd: projectDir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^weeklog serve: --port "0" is not a port number \(1–65535\)\./);
  });

  await t.test('should rebuild when a post changes, and show a broken post in the page instead of stopping', async () => {
    const content = path.join(await tempDir('serve-live'), 'source');
    await cp(path.join(fixtures, 'hexo-site/source'), content, { recursive: true });
    const server = await startServe(content);
    try {
      const post = path.join(content, '_posts/2018-01-02-weekly.md');
      const source = await readFile(post, 'utf8');
      await writeFile(post, source.replace(/^title: .*$/m, 'title: 改过的标题 live-edit'));
      await waitForPage(server.url, (html) => html.includes('改过的标题 live-edit'));

      await writeFile(path.join(content, '_posts/broken.md'), '---\ntitle: [unclosed\n---\n正文\n');
      const html = await waitForPage(server.url, (page) => page.includes('build-problems') && page.includes('broken.md'));
      assert.match(html, /broken\.md:\d+/, `the problem names the file and line: ${/<aside class="build-problems"[\s\S]*?<\/aside>/.exec(html)?.[0]}`);
      assert.match(html, /改过的标题 live-edit/, 'the rest of the site is still served');
      assert.match(server.output.stderr + server.output.stdout, /broken\.md:\d+/, 'the terminal shows it too');
    } finally {
      server.stop();
    }
    assert.equal(await server.exit, 0);
  });
});
