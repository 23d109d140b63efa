import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { liveReloadScript, EVENTS_PATH } from './live-reload.ts';

export interface Options {
  /** Address to listen on (default: `127.0.0.1`). */
  host?: string | null | undefined;
  /** Port; `0` lets the system choose (default: `8080`). */
  port?: number | null | undefined;
  /** The folder served right now; asked on every request because rebuilds swap it. */
  root: () => string;
  /** The site URL's path (`/blog/` for `https://example.com/blog/`); requests outside it get 404 (default: `/`). */
  pathPrefix?: () => string;
  /** When set, every HTML request gets this page (a failed rebuild) instead of a stale one (default: none). */
  errorPage?: () => string | null;
}

export interface PreviewServer {
  /** `http://host:port/` with the port actually bound. */
  url: string;
  port: number;
  /** Sends a server-sent event to every open page. */
  broadcast(event: string, data: unknown): void;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.opml': 'text/x-opml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};

/**
 * A static server for the preview folder and nothing else. Every request is
 * answered (malformed ones with 400, other methods with 405), paths are
 * decoded segment by segment so `%2f` and `..` cannot climb out, and a file is
 * served only if its real path (symlinks resolved) is inside the folder.
 */
export async function startPreviewServer(options: Options): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  const server = createServer({ maxHeaderSize: 16 * 1024 }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A file vanished mid-read or the client went away; the server stays up.
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `Internal error: ${String(error)}\n`);
      else response.destroy();
    });
  });
  // Node answers a malformed request line or oversized headers by itself; say 400 and close.
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    }
    const target = request.url ?? '';
    if (!target.startsWith('/')) return send(response, 400, 'text/plain; charset=utf-8', 'Bad request\n');
    const pathname = target.replace(/[?#].*$/su, '');
    if (pathname === EVENTS_PATH) return openEvents(response);

    const segments = decodeSegments(pathname);
    if (!segments) return send(response, 400, 'text/plain; charset=utf-8', 'Bad request\n');
    const prefix = (options.pathPrefix?.() ?? '/').split('/').filter(Boolean);
    if (!prefix.every((part, index) => segments[index] === part)) {
      if (segments.length === 0) return redirect(response, `/${prefix.map(encodeURIComponent).join('/')}/`);
      return notFound(request, response);
    }
    const inSite = segments.slice(prefix.length);
    const root = options.root();
    const file = await resolveInside(root, inSite);
    if (!file) return notFound(request, response);
    if (file.isDirectory) {
      // Rebuilt from the decoded segments: echoing the raw path would turn `//host/dir` into an open redirect.
      if (!pathname.endsWith('/')) return redirect(response, `/${segments.map(encodeURIComponent).join('/')}/`);
      const index = await resolveInside(root, [...inSite, 'index.html']);
      if (!index || index.isDirectory) return notFound(request, response);
      return serveFile(request, response, index.path, 200);
    }
    return serveFile(request, response, file.path, 200);
  }

  async function notFound(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const page = await resolveInside(options.root(), ['404.html']);
    if (page && !page.isDirectory) return serveFile(request, response, page.path, 404);
    return send(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }

  async function serveFile(request: IncomingMessage, response: ServerResponse, file: string, status: number): Promise<void> {
    const type = types[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    response.setHeader('Cache-Control', 'no-store');
    if (type.startsWith('text/html')) {
      const failed = options.errorPage?.();
      const html = failed ?? (await readFile(file, 'utf8'));
      return send(response, failed ? 500 : status, type, injectReload(html), request.method === 'HEAD');
    }
    response.writeHead(status, { 'Content-Type': type });
    if (request.method === 'HEAD') return void response.end();
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(file);
      stream.on('error', reject);
      response.on('close', resolve);
      stream.pipe(response);
    });
  }

  function openEvents(response: ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    // The comment line makes EventSource fire `open` at once.
    response.write(': connected\n\n');
    clients.add(response);
    response.on('close', () => clients.delete(response));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 8080, host: options.host ?? '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = (options.host ?? '127.0.0.1').includes(':') ? `[${options.host}]` : (options.host ?? '127.0.0.1');
  return {
    url: `http://${host}:${port}/`,
    port,
    broadcast(event, data) {
      const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const client of clients) client.write(message);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `/a%20b/c/` → `['a b', 'c']`; null when a segment is not valid UTF-8 percent-encoding or would leave its folder. */
export function decodeSegments(pathname: string): string[] | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/u.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/** The file at `segments` below `root`, only if its real path stays inside root's real path. */
async function resolveInside(root: string, segments: string[]): Promise<{ path: string; isDirectory: boolean } | null> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.join(realRoot, ...segments));
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
    return { path: real, isDirectory: (await stat(real)).isDirectory() };
  } catch {
    return null;
  }
}

function injectReload(html: string): string {
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + liveReloadScript : html.slice(0, at) + liveReloadScript + html.slice(at);
}

function send(response: ServerResponse, status: number, type: string, body: string, headOnly = false): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(headOnly ? undefined : body);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(301, { Location: location, 'Content-Length': 0 });
  response.end();
}
