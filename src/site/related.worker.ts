/**
 * A related-posts thread (src/site/related-thread.ts): works out the related posts of the posts
 * in its `workerData`, posts back each one's list as indexes into them, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RelatedSource } from './related.ts';
import { relatedIndexes } from './related-indexes.ts';

const port = parentPort;
if (!port) throw new TypeError('related.worker.ts runs as a worker thread (related-thread.ts starts it).');

port.postMessage(relatedIndexes(workerData as RelatedSource[]));
