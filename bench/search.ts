/**
 * weeklog search against Pagefind on the same built site, in headless Chromium.
 *
 *   npm run bench:search [-- --sizes 250,1000,10000] [--no-sample] [--pagefind-max 1000] [--pages-max 1000] [--reuse-site]
 *
 * For the sample content and generated corpora it builds the site with
 * `buildSite`, adds a Pagefind index over the same post pages (prose only:
 * `main article`, code and navigation excluded, as weeklog indexes), serves both
 * gzipped on 127.0.0.1 and measures, per query: bytes for the first query
 * (client included), recall and precision against substring truth, top-10
 * accuracy, cold and warm latency. Sites are written to /dev/shm. Pagefind is left
 * out above `--pagefind-max` posts (default 1000): indexing 10 000 pages with it
 * takes longer than the rest of the run, and the targets are weeklog's own.
 * `--reuse-site` keeps the pages of an earlier run's site (a 10 000-post build takes
 * tens of minutes here) and writes only this code's search files into it; its posts are
 * rendered through a render cache kept with the site. Above `--pages-max` posts (default
 * 1000) only the pages of the corpus's first 100 posts are built: the search reads the home
 * page's box and client and the search files, which are over every post, and a whole
 * 10 000-post site build did not finish in an hour here.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import type { Post } from '../src/content/post.ts';
import { buildSearchFiles, lastSearchBuildStats, searchDocOrder, type SearchCache } from '../src/search/build-index.ts';
import { bundleEntry, bundleSearchClient } from '../src/search/bundle-client.ts';
import { isWordStart, normalizeText, parseQuery } from '../src/search/tokenize.ts';
import { buildSite, createBuildContext } from '../src/site/build.ts';
import { CHROMIUM, launchChromium } from '../test/helpers/browser.ts';
import { generateCorpus } from './generate-corpus.ts';
import { queries } from './queries.ts';
import { runPagefind, runWeeklog, type QueryRun } from './search-measure.ts';
import { serveGzip } from './search-server.ts';
import { median } from './stats.ts';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = existsSync('/dev/shm') ? '/dev/shm/weeklog-bench-search' : path.join(projectDir, '.bench-search');

/** Posts whose title, tags, categories, headings or prose contain every term: Chinese as a substring, Latin at a word start. */
function truth(posts: Post[], query: string): Set<string> {
  const texts = posts.map((post) =>
    normalizeText([post.title, ...post.tags, ...post.categories, ...post.sections.map((s) => `${s.heading}\n${s.text}`)].join('\n')).replace(/\s+/g, ' '),
  );
  const wordAt = (text: string, word: string): boolean => {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) if (isWordStart(text, at)) return true;
    return false;
  };
  const tests = parseQuery(query).map((term) =>
    term.kind === 'word' ? (text: string) => wordAt(text, term.text) : (text: string) => text.includes(term.text),
  );
  return new Set(posts.filter((_, i) => tests.every((test) => test(texts[i]))).map((p) => p.url));
}

interface Scores {
  recall: number;
  precision: number;
  top10: number;
}

function score(run: QueryRun, relevant: Set<string>): Scores {
  const hits = run.urls.filter((url) => relevant.has(url)).length;
  const top = run.urls.slice(0, 10);
  return {
    recall: relevant.size === 0 ? 1 : hits / relevant.size,
    precision: run.urls.length === 0 ? 1 : hits / run.urls.length,
    top10: top.length === 0 ? 1 : top.filter((url) => relevant.has(url)).length / top.length,
  };
}

const loadAverage = (): string => os.loadavg().map((n) => n.toFixed(2)).join(' ');
const p95 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const f2 = (n: number): string => n.toFixed(2);

async function buildPagefind(outputDir: string, posts: Post[]): Promise<number> {
  const started = performance.now();
  const { index } = await pagefind.createIndex({
    rootSelector: 'main article',
    excludeSelectors: ['pre', '.post-meta', '.post-stats', '.post-toc', '.post-nav', 'nav'],
  });
  if (!index) throw new Error('pagefind.createIndex returned no index');
  for (const post of posts) {
    const content = await readFile(path.join(outputDir, post.url, 'index.html'), 'utf8');
    await index.addHTMLFile({ url: encodeURI(post.url), content });
  }
  await index.writeFiles({ outputPath: path.join(outputDir, 'pagefind') });
  await pagefind.close();
  return performance.now() - started;
}

/**
 * Where the pages come from: a build of the whole corpus, or, above `--pages-max` posts,
 * a build of its first posts only (the home page with the search box and the client),
 * the search files of every post written over it.
 */
interface Pages {
  /** Content of the pages to build; the search index is always over every post of the site's own content. */
  contentDir: string;
  posts: number;
}

async function benchSite(name: string, contentDir: string, engineBundle: string, withPagefind: boolean, reuseSite: boolean, pages?: Pages): Promise<void> {
  const outputDir = path.join(workDir, name, 'site');
  const reused = reuseSite && existsSync(path.join(outputDir, 'index.html'));
  if (!reused) await rm(outputDir, { recursive: true, force: true });
  const buildStarted = performance.now();
  // Reused pages come with a render cache: a 10 000-post site renders in minutes, from it in seconds.
  const options = { projectDir, contentDir, outputDir, cacheDir: reuseSite ? path.join(workDir, name, 'cache') : null };
  const context = createBuildContext(options);
  const pagesOptions = pages ? { ...options, contentDir: pages.contentDir } : options;
  if (!reused) await buildSite(pagesOptions, pages ? createBuildContext(pagesOptions) : context);
  const buildMs = performance.now() - buildStarted;
  const site = await context.site();
  const posts = site.posts;

  const cache: SearchCache = new Map();
  let started = performance.now();
  const links = site.taxonomy.links;
  const files = await buildSearchFiles(posts, site.settings, { cache, links });
  const indexColdMs = performance.now() - started;
  if (reused || pages) {
    // The pages are kept (or are a smaller build's); the search files are this code's, over every post.
    await rm(path.join(outputDir, 'search'), { recursive: true, force: true });
    for (const file of files.filter((f) => f.path.startsWith('search/') || f.path === 'assets/search.js')) {
      await mkdir(path.dirname(path.join(outputDir, file.path)), { recursive: true });
      await writeFile(path.join(outputDir, file.path), file.body);
    }
  }
  started = performance.now();
  await buildSearchFiles(posts, site.settings, { cache, links });
  const indexWarmMs = performance.now() - started;
  const indexFiles = files.filter((f) => f.path.startsWith('search/'));
  const gz = (body: string | Uint8Array): number => gzipSync(body).length;
  const meta = files.find((f) => f.path === 'search/meta.json')!;
  const shards = indexFiles.filter((f) => f.path.startsWith('search/s/'));
  const own = indexFiles.filter((f) => f.path.startsWith('search/p/'));
  const pagefindMs = withPagefind ? await buildPagefind(outputDir, posts) : 0;
  const none: QueryRun = { bytes: 0, requests: 0, urls: [], coldMs: 0, warmMs: [0] };

  const server = await serveGzip(outputDir);
  // The tests' Chromium and flags; `skip` is called only when Chromium is missing, which main has ruled out,
  // and the browser is closed below rather than after a test.
  const browser = (await launchChromium({ skip: () => undefined, after: () => undefined } as unknown as TestContext))!;
  const docUrls = searchDocOrder(posts).map((p) => p.url);
  const rows: { kind: string; query: string; relevant: number; ours: QueryRun; theirs: QueryRun; s1: Scores; s2: Scores }[] = [];
  try {
    for (const { query, kind } of queries) {
      const relevant = truth(posts, query);
      const ours = await runWeeklog(browser, server.url, query, engineBundle, docUrls);
      const theirs = withPagefind ? await runPagefind(browser, server.url, query) : none;
      rows.push({ kind, query, relevant: relevant.size, ours, theirs, s1: score(ours, relevant), s2: score(theirs, relevant) });
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const built = pages ? `pages of the first ${pages.posts} posts built in ${(buildMs / 1000).toFixed(1)} s, search over all` : `site build ${(buildMs / 1000).toFixed(1)} s`;
  console.log(`\n## ${name}: ${posts.length} posts, ${reused ? 'pages of an earlier build kept' : built}; load average ${loadAverage()}`);
  console.log(
    `weeklog index: ${lastSearchBuildStats?.units} passages, ${lastSearchBuildStats?.tokens} tokens, ${lastSearchBuildStats?.postings} postings, ` +
      `${shards.length} shards (median ${kb(median(shards.map((c) => gz(c.body))))} KB gz), ${own.length} lists in files of their own ` +
      `(median ${kb(median(own.map((c) => gz(c.body))))}, max ${kb(Math.max(0, ...own.map((c) => gz(c.body))))} KB gz), meta ${kb(gz(meta.body))} KB gz, ` +
      `${indexFiles.length} files, ${kb(indexFiles.reduce((s, f) => s + gz(f.body), 0))} KB gz in all; ` +
      `build ${indexColdMs.toFixed(0)} ms cold, ${indexWarmMs.toFixed(0)} ms with every post cached. ` +
      (withPagefind ? `Pagefind index: ${pagefindMs.toFixed(0)} ms.` : 'Pagefind left out (--pagefind-max).'),
  );
  console.log('query                 | truth | weeklog: found   R    P  top10   KB  req cold ms warm p95 | pagefind: found   R    P  top10    KB  req cold ms warm p95');
  for (const r of rows) {
    const side = (run: QueryRun, s: Scores, width: number) =>
      `${String(run.urls.length).padStart(5)} ${f2(s.recall)} ${f2(s.precision)} ${f2(s.top10)} ${kb(run.bytes).padStart(width)} ${String(run.requests).padStart(3)} ${run.coldMs.toFixed(1).padStart(6)} ${p95(run.warmMs).toFixed(1).padStart(8)}`;
    console.log(`${r.query.padEnd(22 - [...r.query].filter((c) => /\p{sc=Han}/u.test(c)).length)}| ${String(r.relevant).padStart(5)} | ${side(r.ours, r.s1, 5)}     | ${side(r.theirs, r.s2, 6)}`);
  }
  const summary = (pick: (r: (typeof rows)[number]) => [QueryRun, Scores]) => {
    const chinese = rows.filter((r) => r.kind === 'zh');
    return [
      `first query median ${kb(median(rows.map((r) => pick(r)[0].bytes)))} KB (max ${kb(Math.max(...rows.map((r) => pick(r)[0].bytes)))})`,
      `Chinese recall min ${f2(Math.min(...chinese.map((r) => pick(r)[1].recall)))}`,
      `Chinese precision mean ${f2(mean(chinese.map((r) => pick(r)[1].precision)))} min ${f2(Math.min(...chinese.map((r) => pick(r)[1].precision)))}`,
      `recall mean ${f2(mean(rows.map((r) => pick(r)[1].recall)))}`,
      `top-10 mean ${f2(mean(rows.map((r) => pick(r)[1].top10)))}`,
      `cold p95 ${p95(rows.map((r) => pick(r)[0].coldMs)).toFixed(1)} ms`,
      `warm median ${median(rows.flatMap((r) => pick(r)[0].warmMs)).toFixed(2)} ms, p95 ${p95(rows.flatMap((r) => pick(r)[0].warmMs)).toFixed(2)} ms`,
    ].join('; ');
  };
  console.log(`weeklog : ${summary((r) => [r.ours, r.s1])}; load average ${loadAverage()}`);
  if (withPagefind) console.log(`pagefind: ${summary((r) => [r.theirs, r.s2])}`);
}

/** Posts whose pages are built for a site above `--pages-max`: enough for a real home page. */
const PAGES_OF_BIG_SITES = 100;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizesArg = args[args.indexOf('--sizes') + 1];
  const sizes = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [250, 1000, 10000];
  const pagefindMaxArg = args[args.indexOf('--pagefind-max') + 1];
  const pagefindMax = args.includes('--pagefind-max') && pagefindMaxArg ? Number(pagefindMaxArg) : 1000;
  const pagesMaxArg = args[args.indexOf('--pages-max') + 1];
  const pagesMax = args.includes('--pages-max') && pagesMaxArg ? Number(pagesMaxArg) : 1000;
  if (!existsSync(CHROMIUM)) throw new Error(`bench:search needs Debian Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  await mkdir(workDir, { recursive: true });
  const client = await bundleSearchClient();
  console.log(`weeklog client assets/search.js: ${kb(client.length)} KB, ${kb(gzipSync(client).length)} KB gzipped`);
  const engineBundle = await bundleEntry(fileURLToPath(new URL('../src/search/client/engine.ts', import.meta.url)), 'weeklogEngine');
  const reuse = args.includes('--reuse-site');
  if (!args.includes('--no-sample')) await benchSite('sample content', path.join(projectDir, 'content'), engineBundle, true, reuse);
  for (const size of sizes) {
    const contentDir = path.join(workDir, `corpus-${size}`, 'content');
    if (!reuse || !existsSync(contentDir)) {
      await rm(contentDir, { recursive: true, force: true });
      await generateCorpus(contentDir, size);
    }
    let pages: Pages | undefined;
    if (size > pagesMax) {
      // The same generator and seed: the first posts of the big corpus.
      pages = { contentDir: path.join(workDir, `corpus-${size}`, `pages-${PAGES_OF_BIG_SITES}`), posts: PAGES_OF_BIG_SITES };
      if (!existsSync(pages.contentDir)) await generateCorpus(pages.contentDir, PAGES_OF_BIG_SITES);
    }
    await benchSite(`${size} pages`, contentDir, engineBundle, size <= pagefindMax && !pages, reuse, pages);
  }
}

await main();
