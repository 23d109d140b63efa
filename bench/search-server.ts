import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const textTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
};

/**
 * Serves a built site on 127.0.0.1 as a static host does: text gzipped
 * (level 6, like nginx `gzip on` with a higher level), Pagefind's own files
 * (already gzip inside) as they are.
 */
export async function serveGzip(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const cache = new Map<string, { body: Buffer; type: string; gzip: boolean }>();
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      let entry = cache.get(file);
      if (!entry) {
        const raw = await readFile(file);
        const type = textTypes[path.extname(file)];
        entry = type ? { body: gzipSync(raw, { level: 6 }), type, gzip: true } : { body: raw, type: 'application/octet-stream', gzip: false };
        cache.set(file, entry);
      }
      const accepts = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      if (entry.gzip && !accepts) {
        response.writeHead(200, { 'content-type': entry.type }).end(await readFile(file));
        return;
      }
      response
        .writeHead(200, {
          'content-type': entry.type,
          'content-length': entry.body.length,
          ...(entry.gzip ? { 'content-encoding': 'gzip' } : {}),
        })
        .end(entry.body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
