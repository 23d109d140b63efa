/**
 * Edit latency of `weeklog serve`: starts the real command on a generated
 * corpus (in its own process, the README's own-project layout), changes the
 * title of the newest post several times and measures, from the moment the
 * file is saved, how long until (1) the post's page is served with the change
 * and (2) the site feed has it too (listings, terms, feeds and search follow
 * the same update). Waits on the server's reload events, never on sleeps.
 *
 *   tsx bench/serve-latency.ts [--posts 1000] [--runs 5] [--seed 1] [--keep] [--cpu-prof DIR]
 *
 * `--cpu-prof DIR` writes a V8 CPU profile of the serve process into DIR when it exits (open it in
 * Chrome's DevTools): where an update's time goes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './generate-corpus.ts';
import { median } from './stats.ts';

const weeklogBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/weeklog.js');

export interface ServeLatencyOptions {
  /** Posts in the generated corpus (default: `1000`). */
  posts?: number;
  /** Edits measured; medians are reported (default: `5`). */
  runs?: number;
  /** Corpus seed (default: `1`). */
  seed?: number;
  /** Longest wait for any one step before giving up (default: `600_000` ms: a cold start on a loaded machine). */
  timeoutMs?: number;
  /** Leave the scratch project in place (default: `false`). */
  keep?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Folder for a CPU profile of the serve process, written when it exits (default: none). */
  cpuProfDir?: string | null | undefined;
}

export interface ServeLatency {
  posts: number;
  /** From spawning `weeklog serve` to its "Serving…" line (first full build included). */
  startupMs: number;
  /** Save → the post's page served with the change, one per edit. */
  pageMs: number[];
  /** Save → `feed.json` served with the change, one per edit. */
  feedMs: number[];
  pageMedianMs: number;
  feedMedianMs: number;
  /** One-minute load average when serve started and after the last edit: other work on the machine stretches every number. */
  load: [number, number];
}

export async function measureServeLatency(options: ServeLatencyOptions = {}): Promise<ServeLatency> {
  const posts = options.posts ?? 1000;
  const runs = options.runs ?? 5;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const log = options.log ?? (() => {});
  const project = await mkdtemp(path.join(os.tmpdir(), 'weeklog-serve-latency-'));
  const child = { process: null as ReturnType<typeof spawn> | null };
  try {
    await generateCorpus(path.join(project, 'content'), posts, options.seed ?? 1);
    await writeFile(path.join(project, 'weeklog.config.yml'), 'title: Serve latency\n');

    const loadBefore = os.loadavg()[0]!;
    const started = performance.now();
    const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfDir)}`] : [];
    const serve = spawn(process.execPath, [...profile, weeklogBin, 'serve', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    child.process = serve;
    let stderr = '';
    serve.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const baseUrl = await within(timeoutMs, 'serve to start', () =>
      new Promise<string>((resolve, reject) => {
        let stdout = '';
        serve.stdout!.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /Serving the site with drafts at (\S+)/u.exec(stdout);
          if (match) resolve(match[1]!);
        });
        serve.on('exit', (code) => reject(new Error(`weeklog serve exited ${code}: ${stderr}`)));
      }),
    );
    const startupMs = performance.now() - started;
    log(`serve started in ${(startupMs / 1000).toFixed(1)} s at ${baseUrl}`);

    // The newest post is on the home page and in every feed, so its edit reaches all of them.
    const feed = (await (await fetch(new URL('feed.json', baseUrl))).json()) as { items: { url: string; title: string }[] };
    const newest = feed.items[0]!;
    const pagePath = new URL(newest.url).pathname;
    const source = await findSource(path.join(project, 'content'), newest.title);
    const events = await reloadEvents(baseUrl);

    const pageMs: number[] = [];
    const feedMs: number[] = [];
    let title = newest.title;
    for (let run = 1; run <= runs; run++) {
      const edited = `${newest.title} edit-${run}`;
      const text = await readFile(source, 'utf8');
      await writeFile(source, text.replace(title, edited));
      const saved = performance.now();
      title = edited;
      const seenPage = within(timeoutMs, `${pagePath} to show edit ${run}`, () => events.until(pagePath, baseUrl, edited, saved));
      const seenFeed = within(timeoutMs, `feed.json to show edit ${run}`, () => events.until('/feed.json', baseUrl, edited, saved));
      pageMs.push(await seenPage);
      feedMs.push(await seenFeed);
      log(`edit ${run}: page ${pageMs.at(-1)!.toFixed(0)} ms, feed ${feedMs.at(-1)!.toFixed(0)} ms`);
    }
    events.close();
    return { posts, startupMs, pageMs, feedMs, pageMedianMs: median(pageMs), feedMedianMs: median(feedMs), load: [loadBefore, os.loadavg()[0]!] };
  } finally {
    child.process?.kill('SIGINT');
    if (child.process && child.process.exitCode === null) await new Promise((resolve) => child.process!.once('exit', resolve));
    if (!options.keep) await rm(project, { recursive: true, force: true });
  }
}

async function within<T>(ms: number, what: string, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Gave up waiting ${ms} ms for ${what}.`)), ms)));
  try {
    return await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The Markdown file whose title is `title` (front matter or first heading). */
async function findSource(contentDir: string, title: string): Promise<string> {
  for (const entry of await readdir(contentDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file, 'utf8')).includes(title)) return file;
  }
  throw new Error(`No post titled ${JSON.stringify(title)} in ${contentDir}.`);
}

/** Follows the server's reload events; `until` resolves with ms since `since` once `pagePath` contains `text`. */
async function reloadEvents(baseUrl: string) {
  const abort = new AbortController();
  const response = await fetch(new URL('/_weeklog/events', baseUrl), { signal: abort.signal });
  let count = 0;
  const waiters = new Set<() => void>();
  const seen: (string[] | 'all')[] = [];
  void (async () => {
    let buffer = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const data = /^data: (.*)$/mu.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          seen.push((JSON.parse(data) as { urls: string[] | 'all' }).urls);
          count++;
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // Aborted at the end.
    }
  })();
  return {
    async until(pagePath: string, base: string, text: string, since: number): Promise<number> {
      let checked = seen.length;
      // The page may already be current when a previous event named it.
      for (;;) {
        const body = await (await fetch(new URL(pagePath.slice(1), base))).text();
        if (body.includes(text)) return performance.now() - since;
        while (checked >= count) {
          await new Promise<void>((resolve) => {
            const wake = () => {
              waiters.delete(wake);
              resolve();
            };
            waiters.add(wake);
          });
        }
        checked = count;
      }
    },
    close: () => abort.abort(),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: { posts: { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' }, keep: { type: 'boolean', default: false }, 'cpu-prof': { type: 'string' } },
  });
  const result = await measureServeLatency({
    posts: values.posts ? Number(values.posts) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
    seed: values.seed ? Number(values.seed) : undefined,
    keep: values.keep,
    cpuProfDir: values['cpu-prof'],
    log: (line) => console.log(line),
  });
  console.log(
    `${result.posts} posts: start-up ${(result.startupMs / 1000).toFixed(1)} s; ` +
      `edited page served after ${result.pageMedianMs.toFixed(0)} ms (median of ${result.pageMs.length}), feed after ${result.feedMedianMs.toFixed(0)} ms; ` +
      `load average ${result.load.map((load) => load.toFixed(1)).join(' -> ')} on ${os.availableParallelism()} cores`,
  );
}
