import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { decodeSegments, startPreviewServer } from '../../src/preview/http-server.ts';

/** One request with the path sent exactly as given (fetch would normalise `..` and `%2f`). */
function raw(url: string, pathAsIs: string, method = 'GET', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    request(new URL(url), { path: pathAsIs, method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    })
      .on('error', reject)
      .end();
  });
}

/** The status line the server answers to bytes written straight to the socket. */
function rawBytes(port: number, bytes: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

test('preview http server', async (t) => {
  const base = await mkdtemp(path.join(os.tmpdir(), 'weeklog-preview-http-'));
  const root = path.join(base, 'site');
  await mkdir(path.join(root, 'post'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<html><body><p>home</p></body></html>');
  await writeFile(path.join(root, 'post', 'index.html'), '<html><body><p>a post</p></body></html>');
  await writeFile(path.join(root, '404.html'), '<html><body><p>not here</p></body></html>');
  await writeFile(path.join(root, 'a b.txt'), 'spaced');
  await writeFile(path.join(base, 'secret.txt'), 'outside');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
  await symlink(base, path.join(root, 'escape-dir'));
  await symlink(path.join(root, 'a b.txt'), path.join(root, 'inside-link.txt'));
  const server = await startPreviewServer({ port: 0, root: () => root });
  t.after(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
  });

  await t.test('should answer every malformed request with 400, 404 or 405 and stay up', async () => {
    const cases: [string, string, number][] = [
      ['GET', '/%', 400],
      ['GET', '/..%2f', 400],
      ['GET', '/..%2fsecret.txt', 400],
      ['GET', '/../secret.txt', 400],
      ['GET', '/%2e%2e/secret.txt', 400],
      ['GET', '/%00', 400],
      ['GET', '/%c3%28', 400],
      ['GET', '//secret.txt', 404],
      ['GET', '/escape.txt', 404],
      ['GET', '/escape-dir/secret.txt', 404],
      ['GET', '/nothing/', 404],
      ['POST', '/', 405],
      ['DELETE', '/post/', 405],
      ['OPTIONS', '/', 405],
    ];
    for (const [method, target, status] of cases) {
      const response = await raw(server.url, target, method);
      assert.equal(response.status, status, `${method} ${target}`);
      assert.doesNotMatch(response.body, /outside/u, `${method} ${target} must not reveal a file outside the folder`);
    }
    assert.equal(await rawBytes(server.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`), 'HTTP/1.1 400 Bad Request');
    assert.equal(await rawBytes(server.port, 'NOT A REQUEST\r\n\r\n'), 'HTTP/1.1 400 Bad Request');
    assert.equal((await raw(server.url, '/')).status, 200, 'the server is still up');
  });

  await t.test('should serve the folder: index pages, decoded names, links that stay inside, a 404 page', async () => {
    const home = await raw(server.url, '/');
    assert.match(home.body, /<p>home<\/p>/u);
    assert.match(home.body, /EventSource\("\/_weeklog\/events"\)[\s\S]*<\/script><\/body>/u, 'live reload is added to the response');
    assert.equal((await raw(server.url, '/a%20b.txt')).body, 'spaced');
    assert.equal((await raw(server.url, '/inside-link.txt')).body, 'spaced');
    const redirect = await raw(server.url, '/post?x=1');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, '/post/');
    // The raw path is never echoed: `//host/dir` would be a redirect to another site.
    assert.equal((await raw(server.url, '//post')).headers.location, '/post/');
    const missing = await raw(server.url, '/gone/');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /not here/u);
    assert.equal((await raw(server.url, '/', 'HEAD')).body, '');
  });

  await t.test('should send reload events to open pages', async () => {
    const response = await fetch(new URL('/_weeklog/events', server.url));
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const reader = response.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    server.broadcast('reload', { urls: ['/post/'] });
    while (!text.includes('event: reload')) text += new TextDecoder().decode((await reader.read()).value);
    assert.match(text, /event: reload\ndata: \{"urls":\["\/post\/"\]\}\n\n/u);
    await reader.cancel();
  });

  await t.test('should decode paths segment by segment', () => {
    assert.deepEqual(decodeSegments('/tags/%E6%9C%8D%E5%8A%A1/'), ['tags', '服务']);
    assert.equal(decodeSegments('/a/%2e%2e/b'), null);
    assert.equal(decodeSegments('/a%5cb'), null);
  });
});
