import { startWorker } from '../compiled.ts';
import type { PreviewServer } from './http-server.ts';

/** What the server shows; the main thread sends it again whenever a rebuild changes it. */
export interface ServedState {
  /** The generation folder served. */
  root: string;
  /** The site URL's path (`/blog/`); requests outside it get 404. */
  pathPrefix: string;
  /** A failed rebuild's page, shown for every HTML request until a rebuild succeeds. */
  errorPage: string | null;
}

/** Main thread → server thread. */
export type ThreadMessage =
  | { type: 'state'; state: ServedState }
  | { type: 'broadcast'; event: string; data: unknown }
  | { type: 'close' };

/** Server thread → main thread. */
export type ThreadReply =
  | { type: 'listening'; url: string; port: number }
  | { type: 'failed'; message: string; code: string | undefined }
  | { type: 'closed' };

export interface ServerThread extends PreviewServer {
  /** Serves `state` from now on; messages keep their order, so a reload broadcast after this sees it. */
  show(state: ServedState): void;
}

/**
 * Starts the preview server (http-server.ts) in a worker thread: the main thread's updates then
 * never hold a request, and a page is answered as soon as it is written. Throws what listening
 * throws (a port in use), with its code.
 */
export async function startServerThread(options: { host: string; port: number; state: ServedState }): Promise<ServerThread> {
  const worker = startWorker(new URL('./http-server.worker.ts', import.meta.url), { workerData: options });
  const send = (message: ThreadMessage) => worker.postMessage(message);
  const listening = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const ended = (code: number) => reject(new Error(`The preview server's thread ended (exit code ${code}) before it listened.`));
    worker.once('error', reject);
    worker.once('exit', ended);
    worker.once('message', (reply: ThreadReply) => {
      worker.off('error', reject);
      worker.off('exit', ended);
      if (reply.type === 'listening') return resolve(reply);
      const failure = reply.type === 'failed' ? Object.assign(new Error(reply.message), { code: reply.code }) : new Error('The preview server did not start.');
      void worker.terminate();
      reject(failure);
    });
  });
  let exited = false;
  const ended = new Promise<void>((resolve) => worker.once('exit', () => ((exited = true), resolve())));
  // Unheard, a thread's error would end the whole command; said once instead, as the page no longer loads.
  worker.on('error', (error: Error) => console.error(`The preview server stopped: ${error.message}`));
  return {
    ...listening,
    show: (state) => send({ type: 'state', state }),
    broadcast: (event, data) => send({ type: 'broadcast', event, data }),
    close: async () => {
      if (exited) return;
      const closed = new Promise<void>((resolve) => worker.on('message', (reply: ThreadReply) => reply.type === 'closed' && resolve()));
      send({ type: 'close' });
      await Promise.race([closed, ended]);
      await worker.terminate();
    },
  };
}
