/**
 * The preview's HTTP server in a thread of its own (server-thread.ts starts it): pages and reload
 * events are answered while the main thread renders, reads the site again or composes the search
 * index, whose synchronous steps held a request for the edited page for up to a quarter of a second.
 * What it serves (the generation folder, the path prefix, an error page) comes in messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startPreviewServer } from './http-server.ts';
import type { ServedState, ThreadMessage, ThreadReply } from './server-thread.ts';

const port = parentPort;
if (!port) throw new TypeError('http-server.worker.ts runs as a worker thread (server-thread.ts starts it).');

const options = workerData as { host: string; port: number; state: ServedState };
let state = options.state;
const reply = (message: ThreadReply) => port.postMessage(message);

startPreviewServer({
  host: options.host,
  port: options.port,
  root: () => state.root,
  pathPrefix: () => state.pathPrefix,
  errorPage: () => state.errorPage,
}).then(
  (server) => {
    port.on('message', (message: ThreadMessage) => {
      if (message.type === 'state') state = message.state;
      else if (message.type === 'broadcast') server.broadcast(message.event, message.data);
      else void server.close().then(() => reply({ type: 'closed' }));
    });
    reply({ type: 'listening', url: server.url, port: server.port });
  },
  (error: NodeJS.ErrnoException) => reply({ type: 'failed', message: String(error.message), code: error.code }),
);
