/**
 * Index layout tuning without a browser: loads a content folder, builds the
 * search files with given options, and replays queries through the client
 * engine in Node, counting gzip bytes per first query (client included).
 *
 *   tsx bench/search-tune.ts CONTENT_DIR [chunkPostings] [passageChars] [fragmentGroup]
 */
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSettings } from '../src/config/settings.ts';
import { loadPosts } from '../src/content/load-posts.ts';
import { buildSearchFiles, lastSearchBuildStats } from '../src/search/build-index.ts';
import { createSearchEngine } from '../src/search/client/engine.ts';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [contentDir, chunkPostings = '1500', passageChars = '240', fragmentGroup = '1'] = process.argv.slice(2);
const settings = loadSettings(projectDir);
const { posts } = await loadPosts(settings, { projectDir, contentDir, mode: 'build' });
const started = performance.now();
const files = await buildSearchFiles(posts, settings, {
  chunkPostings: Number(chunkPostings),
  passageChars: Number(passageChars),
  fragmentGroup: Number(fragmentGroup),
});
const buildMs = performance.now() - started;
const byPath = new Map(files.map((f) => [f.path, f]));
const gz = new Map<string, number>();
const gzOf = (p: string): number => {
  if (!gz.has(p)) gz.set(p, gzipSync(byPath.get(p)!.body).length);
  return gz.get(p)!;
};
const queries = ['服务发现', '分布式事务', '设备文件', '用户名', '版本控制', '负载均衡', '探针', '容器', 'kubernetes', 'systemtap', 'etcd', 'SystemTap 探针', 'Kafka 消息队列'];
const sizes: number[] = [];
for (const query of queries) {
  let bytes = gzOf('assets/search.js');
  const engine = createSearchEngine(async (file) => {
    bytes += gzOf(`search/${file}`);
    return JSON.parse(String(byPath.get(`search/${file}`)!.body));
  });
  await engine.search(query, 8);
  sizes.push(bytes);
  console.log(query.padEnd(16), (bytes / 1024).toFixed(1), 'KB');
}
sizes.sort((a, b) => a - b);
console.log(
  `${posts.length} posts: median ${(sizes[Math.floor(sizes.length / 2)] / 1024).toFixed(1)} KB, max ${(sizes.at(-1)! / 1024).toFixed(1)} KB; ` +
    `${files.length} files; meta ${(gzOf('search/meta.json') / 1024).toFixed(1)} KB gz; build ${buildMs.toFixed(0)} ms`,
  lastSearchBuildStats,
);
