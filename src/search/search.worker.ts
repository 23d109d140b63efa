/**
 * A search-index thread (src/search/search-thread.ts): makes the search files of the posts in its
 * `workerData`, writes each into the output folder (leaving out those the author's public/ has),
 * tells its `done` port and the thread that started it, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { withoutFilesOf, writeAll } from '../build/write-output.ts';
import { eachSearchFile } from './build-index.ts';
import type { SearchThreadInput } from './search-thread.ts';

const port = parentPort;
if (!port) throw new TypeError('search.worker.ts runs as a worker thread (search-thread.ts starts it).');

const { posts, links, settings, outputDir, publicDir, done } = workerData as SearchThreadInput;
// Each item with its own post again: the index finds a post's items by the post object.
const withPosts = links.map(({ post, ...item }) => ({ ...item, post: posts[post]! }));
try {
  await writeAll(withoutFilesOf(publicDir, eachSearchFile(posts, settings, { cache: null, links: withPosts })), outputDir, null);
} finally {
  // Told even when this thread fails, so the thread waiting on it does not wait for ever.
  done.postMessage(true);
  done.close();
}
port.postMessage(true);
