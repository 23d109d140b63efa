import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { startServerThread } from '../../src/preview/server-thread.ts';

test('preview server in its own thread', async (t) => {
  const base = await mkdtemp(path.join(os.tmpdir(), 'weeklog-server-thread-'));
  for (const name of ['one', 'two']) {
    await mkdir(path.join(base, name, 'post'), { recursive: true });
    await writeFile(path.join(base, name, 'post', 'index.html'), `<html><body><p>${name}</p></body></html>`);
  }
  const server = await startServerThread({ host: '127.0.0.1', port: 0, state: { root: path.join(base, 'one'), pathPrefix: '/', errorPage: null } });
  t.after(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
  });
  const page = async (url: string) => {
    const response = await fetch(new URL(url, server.url));
    return { status: response.status, body: await response.text() };
  };

  await t.test('should serve the folder, prefix and error page it was last shown', async () => {
    assert.match((await page('/post/')).body, /<p>one<\/p>/u);
    server.show({ root: path.join(base, 'two'), pathPrefix: '/', errorPage: null });
    assert.match((await page('/post/')).body, /<p>two<\/p>/u);
    server.show({ root: path.join(base, 'two'), pathPrefix: '/blog/', errorPage: null });
    assert.equal((await page('/post/')).status, 404);
    assert.match((await page('/blog/post/')).body, /<p>two<\/p>/u);
    server.show({ root: path.join(base, 'two'), pathPrefix: '/blog/', errorPage: '<html><body>it broke</body></html>' });
    const failed = await page('/blog/post/');
    assert.equal(failed.status, 500);
    assert.match(failed.body, /it broke/u);
  });

  await t.test('should pass broadcasts on to open pages', async () => {
    const abort = new AbortController();
    const response = await fetch(new URL('/_weeklog/events', server.url), { signal: abort.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    assert.match(text, /connected/u);
    server.broadcast('reload', { urls: ['/blog/post/'] });
    while (!text.includes('\n\nevent: reload')) text += decoder.decode((await reader.read()).value);
    assert.match(text, /event: reload\ndata: \{"urls":\["\/blog\/post\/"\]\}/u);
    abort.abort();
  });

  await t.test('should fail to start with the listening error and its code', async () => {
    await assert.rejects(
      startServerThread({ host: '127.0.0.1', port: server.port, state: { root: base, pathPrefix: '/', errorPage: null } }),
      (error: NodeJS.ErrnoException) => error.code === 'EADDRINUSE',
    );
  });

  await t.test('should free its port on close, and close again at once', async () => {
    await server.close();
    await server.close();
    const again = await startServerThread({ host: '127.0.0.1', port: server.port, state: { root: base, pathPrefix: '/', errorPage: null } });
    assert.equal(again.port, server.port);
    await again.close();
  });
});
