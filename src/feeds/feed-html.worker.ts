/**
 * A feed HTML thread (src/feeds/feed-html-thread.ts): makes the feed HTML of the posts in its
 * `workerData`, posts the list back (null for a post it could not make: the build makes that
 * one itself, and reports its error) and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeFeedHtml, type FeedHtmlSource } from './feed-items.ts';

const port = parentPort;
if (!port) throw new TypeError('feed-html.worker.ts runs as a worker thread (feed-html-thread.ts starts it).');

port.postMessage(
  (workerData as FeedHtmlSource[]).map((source) => {
    try {
      return makeFeedHtml(source);
    } catch {
      return null;
    }
  }),
);
