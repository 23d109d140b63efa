/**
 * Index layout tuning without a browser: loads a content folder, builds the
 * search files with given options, and replays the bench:search queries
 * through the client engine in Node, counting gzip bytes per first query
 * (client included). An option left out takes the builder's default.
 *
 *   tsx bench/search-tune.ts CONTENT_DIR [shardChars] [ownFileChars] [passageChars] [fragmentGroup]
 */
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSettings } from '../src/config/settings.ts';
import { loadPosts } from '../src/content/load-posts.ts';
import { buildSearchFiles, lastSearchBuildStats } from '../src/search/build-index.ts';
import { createSearchEngine } from '../src/search/client/engine.ts';
import { queries } from './queries.ts';
import { median } from './stats.ts';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [contentDir, ...options] = process.argv.slice(2);
const [shardChars, ownFileChars, passageChars, fragmentGroup] = options.map(Number);
const settings = loadSettings(projectDir);
const { posts } = await loadPosts(settings, { projectDir, contentDir, mode: 'build' });
const started = performance.now();
const files = await buildSearchFiles(posts, settings, { shardChars, ownFileChars, passageChars, fragmentGroup });
const buildMs = performance.now() - started;
const byPath = new Map(files.map((f) => [f.path, f]));
const gz = new Map<string, number>();
const gzOf = (p: string): number => {
  if (!gz.has(p)) gz.set(p, gzipSync(byPath.get(p)!.body).length);
  return gz.get(p)!;
};
const sizes: number[] = [];
for (const { query } of queries) {
  let bytes = gzOf('assets/search.js');
  const engine = createSearchEngine(async (file) => {
    bytes += gzOf(`search/${file}`);
    return JSON.parse(String(byPath.get(`search/${file}`)!.body));
  });
  await engine.search(query, 8);
  sizes.push(bytes);
  console.log(query.padEnd(16), (bytes / 1024).toFixed(1), 'KB');
}
console.log(
  `${posts.length} posts: median ${(median(sizes) / 1024).toFixed(1)} KB, max ${(Math.max(...sizes) / 1024).toFixed(1)} KB; ` +
    `${files.length} files; meta ${(gzOf('search/meta.json') / 1024).toFixed(1)} KB gz; build ${buildMs.toFixed(0)} ms`,
  lastSearchBuildStats,
);
