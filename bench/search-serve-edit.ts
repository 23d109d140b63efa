/**
 * The search index's share of a one-post edit in `serve`: builds the index once with the caches
 * `serve` keeps (tokenised posts, the composer's last postings), then again after each of a few
 * edits of one post's text, and prints each rebuild's CPU time and the heap the caches hold.
 *
 *   node --expose-gc --import tsx bench/search-serve-edit.ts PROJECT_DIR [EDITS]
 */
import path from 'node:path';
import { BuildContext } from '../src/build/context.ts';
import { buildSearchFiles, type SearchCache } from '../src/search/build-index.ts';
import { PostingsComposer } from '../src/search/compose-postings.ts';

const projectDir = process.argv[2];
if (!projectDir) throw new Error('usage: bench/search-serve-edit.ts PROJECT_DIR [EDITS]');
const edits = Number(process.argv[3] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const context = new BuildContext({ projectDir, cacheDir: path.join(projectDir, '.cache', 'weeklog'), problemsPrintedBy: 'caller' });
const site = await context.site();
const cache: SearchCache = Object.assign(new Map(), { composer: new PostingsComposer() });
const options = { cache, links: site.taxonomy.links, skipClient: true };
gc();
const heapBefore = process.memoryUsage().heapUsed;
let cpu = process.cpuUsage();
await buildSearchFiles(site.posts, site.settings, options);
let used = process.cpuUsage(cpu);
gc();
console.log(`${site.posts.length} posts: first index ${((used.user + used.system) / 1e6).toFixed(2)} s CPU; caches hold ${mb(process.memoryUsage().heapUsed - heapBefore)} of heap`);
const posts = [...site.posts];
const edited = posts.length >> 1;
for (let edit = 1; edit <= edits; edit++) {
  const post = posts[edited]!;
  // A sentence more each time: the post's tokens, and every post's weights when the average length moves.
  posts[edited] = { ...post, hash: `${post.hash}-edit${edit}`, sections: post.sections.map((section, at) => (at === 0 ? { ...section, text: `${section.text}\n新增的句子 ${edit}：服务发现与负载均衡。` } : section)) };
  cpu = process.cpuUsage();
  await buildSearchFiles(posts, site.settings, options);
  used = process.cpuUsage(cpu);
  console.log(`edit ${edit}: ${((used.user + used.system) / 1e6).toFixed(2)} s CPU`);
}
