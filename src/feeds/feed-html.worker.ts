/**
 * A feed HTML thread (src/feeds/feed-html-thread.ts): makes the feed HTML of the posts in its
 * `workerData` (once its `after` port, if any, says so), posts the list back (null for a post it
 * could not make: the build makes that one itself, and reports its error) and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSpooled } from '../content/html-spool.ts';
import type { FeedHtmlThreadInput } from './feed-html-thread.ts';
import { makeFeedHtml } from './feed-items.ts';

const port = parentPort;
if (!port) throw new TypeError('feed-html.worker.ts runs as a worker thread (feed-html-thread.ts starts it).');

const { sources, spoolFd, after } = workerData as FeedHtmlThreadInput;
if (after) {
  await new Promise((resolve) => after.once('message', resolve));
  after.close();
}
port.postMessage(
  sources.map((source) => {
    try {
      const { htmlAt, ...made } = source;
      return makeFeedHtml(htmlAt && spoolFd !== undefined ? { ...made, html: readSpooled(spoolFd, htmlAt) } : made);
    } catch {
      return null;
    }
  }),
);
