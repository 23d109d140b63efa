/**
 * A related-posts thread (src/site/related-thread.ts): works out the vectors of the posts in its
 * `workerData` (titles and text), then, once sent the same posts' files, tags, dates and URLs,
 * posts back each one's list as indexes into them, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RelatedSource } from './related.ts';
import { rankRelated, relatedVectors } from './related-indexes.ts';

const port = parentPort;
if (!port) throw new TypeError('related.worker.ts runs as a worker thread (related-thread.ts starts it).');

const vectors = relatedVectors(workerData as Pick<RelatedSource, 'title' | 'text'>[]);
port.once('message', (posts: Pick<RelatedSource, 'file' | 'tags' | 'date' | 'url'>[]) => port.postMessage(rankRelated(vectors, posts)));
