import { formatProblems } from '../problems.ts';
import { startServerThread, type ServerThread } from '../preview/server-thread.ts';
import { PreviewSession, type UpdateResult } from '../preview/session.ts';
import { watchProject } from '../preview/watch.ts';

export interface DevServerOptions {
  projectDir: string;
  contentDir?: string;
  configFile?: string;
  /** default: `127.0.0.1` */
  host: string;
  /** `0` lets the system choose; the returned URL has the real one (default: `8080`). */
  port: number;
  /** Where preview pages are written (default: `.cache/serve` in the project, never the real output). */
  outputDir?: string;
  /** Called after every (re)build with the problems found, or the error that stopped it. */
  onBuild?: (report: string) => void;
}

export interface DevServer {
  /** The server's root. */
  url: string;
  /** The site's home page at start: under the path of the settings' `url` (`/blog/`), where the site is served. */
  siteUrl: string;
  /** Called after each update has been written and announced to open pages (tests, benchmarks). */
  onUpdate(listener: (result: UpdateResult) => void): void;
  /** The folder being served now (a full rebuild switches to a new one). */
  root(): string;
  /**
   * Resolves once no update runs or waits: one save can reach the watcher as two events, and the
   * update the first one started then stops early and leaves the rest to the next (tests).
   */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the site into the preview folder, serves it with live reload, and
 * brings it up to date when a post, the settings, the templates or a public
 * file change. Drafts are shown; content problems are listed in every page.
 */
export async function createDevServer(options: DevServerOptions): Promise<DevServer> {
  let server: ServerThread | null = null;
  const served = () => ({ root: session.root(), pathPrefix: session.pathPrefix(), errorPage: session.errorPage() });
  const session: PreviewSession = new PreviewSession({
    projectDir: options.projectDir,
    contentDir: options.contentDir,
    configFile: options.configFile,
    previewDir: options.outputDir,
    onSwitch: () => server?.show(served()),
  });
  const listeners: ((result: UpdateResult) => void)[] = [];
  const report = (result: UpdateResult) => {
    if (result.error) options.onBuild?.(`The rebuild failed; every page shows the error until it is fixed.\n${result.error.message}`);
    else options.onBuild?.(formatProblems(result.problems));
  };
  // The Markdown processor and highlighter load while the first build's threads render the posts,
  // when this thread mostly waits on them; then the newest post is rendered once more, before
  // serving starts: the first edit would otherwise wait on both (0.4 s at 1000 posts) or share the
  // machine with them, and come several times slower than the next ones.
  const loading = session.context.processor().catch(() => {});
  report(await session.rebuild());
  await loading;
  await session.warm();

  // In a thread of its own: an update's synchronous steps on this one never hold a request.
  server = await startServerThread({ host: options.host, port: options.port, state: served() });
  const serving = server;

  // Changes are applied one batch at a time; what arrives meanwhile waits for the next batch.
  let queued = new Set<string>();
  let running: Promise<void> | null = null;
  const drain = async () => {
    while (queued.size > 0) {
      const batch = queued;
      queued = new Set();
      const prefix = session.pathPrefix();
      // The edited post's page is announced as soon as it is written, before listings and feeds.
      const early = (urls: string[]) => serving.broadcast('reload', { urls: urls.map((url) => prefix + url.slice(1)) });
      // A save that arrives meanwhile stops the update between pages: its own edited page comes sooner.
      // Asked of the watcher too: a save whose events are still settling stops the update as well.
      const result = await session.update(batch, early, () => queued.size > 0 || watcher.pending());
      report(result);
      const urls = result.changed === 'all' || result.error ? 'all' : result.changed.map((url) => prefix + url.slice(1));
      serving.broadcast('reload', { urls });
      for (const listener of listeners) listener(result);
    }
    running = null;
  };
  const watcher = watchProject({
    ...session.watched(),
    onChange: (paths) => {
      for (const file of paths) queued.add(file);
      running ??= drain();
    },
  });

  return {
    url: serving.url,
    siteUrl: new URL(session.pathPrefix().slice(1), serving.url).href,
    onUpdate: (listener) => void listeners.push(listener),
    root: () => session.root(),
    idle: async () => {
      while (running) await running;
      await session.settled();
    },
    close: async () => {
      watcher.close();
      await running;
      await serving.close();
      await session.settled();
      await session.folder.prune(null);
    },
  };
}
