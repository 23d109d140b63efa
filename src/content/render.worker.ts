/**
 * A render thread (src/content/render-pool.ts): renders the posts it is sent with its own
 * processor and highlighter and posts each result back. It keeps nothing between posts but the
 * frozen processor, so any thread can render any post and the results are the same as in-process.
 */
import { parentPort } from 'node:worker_threads';
import type { RenderRequest } from './render-cache.ts';
import { renderPost } from './render-post.ts';
import type { PoolReply, PoolTask } from './render-pool.ts';

const port = parentPort;
if (!port) throw new TypeError('render.worker.ts runs as a worker thread (RenderPool starts it).');

port.on('message', (task: PoolTask) => {
  void render(task.request).then((reply) => port.postMessage({ id: task.id, ...reply } satisfies PoolReply));
});

async function render(request: RenderRequest): Promise<Omit<PoolReply, 'id'>> {
  try {
    return { result: await renderPost(request) };
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
