/**
 * A render thread (src/content/render-pool.ts): renders the posts it is sent with its own
 * processor and highlighter and posts each result back, or writes it to the render cache's
 * folder when the task names one. It keeps nothing between posts but the
 * frozen processor, so any thread can render any post and the results are the same as in-process.
 */
import { parentPort } from 'node:worker_threads';
import { DiskStore } from '../build/disk-store.ts';
import { getMarkdownProcessor } from '../markdown/processor.ts';
import { storedEntry, type StoredEntry } from './render-entry.ts';
import { renderPost } from './render-post.ts';
import type { PoolReply, PoolTask } from './render-pool.ts';

const port = parentPort;
if (!port) throw new TypeError('render.worker.ts runs as a worker thread (RenderPool starts it).');

// The parser, shiki and its grammars load before the first post arrives: a thread started ahead of its posts
// (RenderCache#expectPosts) is ready when they come. A failure here is met again, and reported, by that post.
getMarkdownProcessor().catch(() => {});

port.on('message', (task: PoolTask) => {
  void render(task).then((reply) => port.postMessage({ id: task.id, ...reply } satisfies PoolReply));
});

/** The render cache's folder as this thread writes to it: every task of a batch names the same one. */
let cacheFolder: DiskStore<StoredEntry> | undefined;

async function render({ request, store }: PoolTask): Promise<Omit<PoolReply, 'id'>> {
  try {
    const result = await renderPost(request);
    // Written here, the result need not be copied to the main thread and kept there until every post is rendered.
    if (store) {
      if (cacheFolder?.dir !== store.dir) cacheFolder = new DiskStore<StoredEntry>(store.dir);
      if (cacheFolder.setSync(store.key, storedEntry(store.key, result))) return { stored: true };
    }
    return { result };
  } catch (error) {
    // An Error does not cross threads whole (its class and cause are lost): send what is needed to rebuild it.
    return { error: describeError(error) };
  }
}

function describeError(error: unknown): NonNullable<PoolReply['error']> {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(error.cause === undefined ? {} : { cause: describeError(error.cause) }),
  };
}
