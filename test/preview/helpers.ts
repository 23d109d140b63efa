import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { buildSite } from '../../src/site/build.ts';
import { hashTree } from '../cli/helpers.ts';

/** A running `weeklog serve` started in this process through the CLI, on a port the system chose. */
export interface Serving {
  url: string;
  output: { stdout: string; stderr: string };
  exit: Promise<number>;
  events: ReloadEvents;
  stop(): Promise<number>;
}

/** Starts `weeklog serve --port 0 <args>` with `cwd` as the CLI's working directory; resolves once it prints its URL. */
export async function startServe(cwd: string, args: string[] = []): Promise<Serving> {
  const stop = new AbortController();
  const output = { stdout: '', stderr: '' };
  let announced!: (url: string) => void;
  const url = new Promise<string>((resolve) => (announced = resolve));
  const exit = main({
    cwd,
    argv: ['serve', '--port', '0', ...args],
    stdout: {
      write: (chunk: string) => {
        output.stdout += chunk;
        const match = /Serving the site with drafts at (\S+)/u.exec(output.stdout);
        if (match) announced(match[1]!);
      },
    },
    stderr: { write: (chunk: string) => (output.stderr += chunk) },
    env: {},
    isTTY: false,
    signal: stop.signal,
  });
  const served = await Promise.race([url, exit.then((code) => assert.fail(`serve exited ${code}: ${output.stderr}`))]);
  const events = await listen(served);
  return {
    url: served,
    output,
    exit,
    events,
    stop: async () => {
      events.close();
      stop.abort();
      return exit;
    },
  };
}

export interface ReloadEvents {
  /** Every `reload` event's data so far. */
  seen: { urls: string[] | 'all' }[];
  /**
   * Resolves with the page at `pagePath` once, after some reload event naming it
   * (or `all`), `accept` says yes; fails after `ms` with the last body seen.
   */
  page(pagePath: string, accept: (html: string, status: number) => boolean, ms?: number): Promise<string>;
  close(): void;
}

/** Subscribes to the server's reload events the way an open page does. */
async function listen(baseUrl: string): Promise<ReloadEvents> {
  const abort = new AbortController();
  const response = await fetch(new URL('/_weeklog/events', baseUrl), { signal: abort.signal });
  const seen: { urls: string[] | 'all' }[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/mu.exec(message)?.[1];
          if (/^event: reload$/mu.test(message) && data) {
            seen.push(JSON.parse(data) as { urls: string[] | 'all' });
            for (const wake of waiters) wake();
          }
        }
      }
    } catch {
      // Closed by the test.
    }
  })();

  const page: ReloadEvents['page'] = async (pagePath, accept, ms = 180_000) => {
    const until = Date.now() + ms;
    let checked = 0;
    let last = '';
    for (;;) {
      // Each event that names the page (or every page) is a moment to look at it again.
      while (checked < seen.length) {
        const urls = seen[checked++]!.urls;
        if (urls !== 'all' && !urls.includes(decodeURI(pagePath))) continue;
        const response = await fetch(new URL(pagePath, baseUrl));
        last = await response.text();
        if (accept(last, response.status)) return last;
      }
      const left = until - Date.now();
      if (left <= 0) assert.fail(`${pagePath} never showed the expected change in ${ms} ms; events: ${JSON.stringify(seen)}\nlast body:\n${last.slice(0, 3000)}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        waiters.add(wake);
      });
    }
  };
  return { seen, page, close: () => abort.abort() };
}

/** Files of a site folder and their hashes, leaving out weeklog's folder marker (a preview and a build each write their own). */
export async function siteFiles(dir: string): Promise<Map<string, string>> {
  const files = await hashTree(dir);
  files.delete('.weeklog-output');
  return files;
}

/** Files that differ between a preview folder and a cold build of `project` (with no cache), sorted. */
export async function differingFromColdBuild(t: TestContext, project: string, servedRoot: string): Promise<{ differing: string[]; built: string }> {
  const built = await mkdtemp(path.join(os.tmpdir(), 'weeklog-preview-cold-'));
  t.after(() => rm(built, { recursive: true, force: true }));
  await buildSite({ projectDir: project, outputDir: built, cacheDir: null });
  const served = await siteFiles(servedRoot);
  const cold = await siteFiles(built);
  const differing = [...new Set([...served.keys(), ...cold.keys()])].filter((file) => served.get(file) !== cold.get(file)).sort();
  return { differing, built };
}
