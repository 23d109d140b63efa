/**
 * A related-posts thread (src/site/related-thread.ts): works out the related posts of the posts
 * in its `workerData`, posts back each one's list as indexes into them, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { relatedPosts, type RelatedSource } from './related.ts';

const port = parentPort;
if (!port) throw new TypeError('related.worker.ts runs as a worker thread (related-thread.ts starts it).');

const posts = workerData as RelatedSource[];
const index = new Map(posts.map((post, at) => [post, at]));
const related = relatedPosts(posts);
port.postMessage(posts.map((post) => (related.get(post) ?? []).map((other) => index.get(other)!)));
