import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import { main } from '../../src/cli/main.ts';
import { fixtures, projectDir } from './helpers.ts';

test('weeklog serve', async (t) => {
  await t.test('should serve drafts until stopped, then exit 0', async () => {
    // The preview is written to the project's .cache/ (git-ignored), never to the real output.
    const cwd = projectDir;
    const port = 20000 + Math.floor(Math.random() * 20000);
    const stop = new AbortController();
    let stdout = '';
    let stderr = '';
    let announced: (url: string) => void;
    const url = new Promise<string>((resolve) => (announced = resolve));
    const exit = main({
      cwd,
      argv: ['serve', '--port', String(port), '--content', path.join(fixtures, 'hexo-site/source')],
      stdout: {
        write: (chunk: string) => {
          stdout += chunk;
          const match = /Serving the site with drafts at (\S+)/.exec(stdout);
          if (match) announced(match[1]!);
        },
      },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: {},
      isTTY: false,
      signal: stop.signal,
    });
    const served = await Promise.race([url, exit.then((code) => assert.fail(`serve exited ${code}: ${stderr}`))]);
    assert.match(served, new RegExp(`^http://127\\.0\\.0\\.1:${port}/?$`));
    const home = await (await fetch(served)).text();
    assert.match(home, /未完成的想法/);
    stop.abort();
    assert.equal(await exit, 0);
    assert.match(stdout, /Stopped\.\n$/);
  });
});
