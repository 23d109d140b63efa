import { createHash } from 'node:crypto';
import { DiskStore } from '../build/disk-store.ts';
import { fingerprintOf, rendererInputs } from '../build/fingerprint.ts';
import type { MarkdownProcessor } from '../markdown/processor.ts';
import type { ImageDirs, LinkItemShape, RenderedMarkdown } from '../markdown/types.ts';
import { mapLimited } from '../map-limited.ts';
import type { Problem } from '../problems.ts';
import type { HtmlSpool, SpooledText } from './html-spool.ts';
import type { ReadingTime } from './post.ts';
import { FORMAT, isStoredEntry, storedEntry, type StoredEntry } from './render-entry.ts';
import type { RenderPool, RenderPoolOptions } from './render-pool.ts';

export interface RenderRequest {
  /** Absolute source path: one cache slot per file, so edits replace, not pile up. */
  sourceFile: string;
  /** SHA-1 of the raw file. */
  hash: string;
  /** Shown in the renderer's problems. */
  file: string;
  body: string;
  lineOffset: number;
  extractTitle: boolean;
  excerptLength: number;
  /** Link item shapes the site recognises (`settings.linkItemShapes`). */
  linkItemShapes: readonly LinkItemShape[];
  /** Front-matter description to render inline, if any. */
  description?: string | undefined;
  /** The body comes from a Hexo `source/`: convert its tag plugins first. */
  hexoTags: boolean;
  /** Folders to read local images from for their sizes. */
  imageDirs?: ImageDirs | undefined;
}

/** The rendered body and everything derived from it alone, so cache hits cost nothing more. */
export interface RenderResult {
  rendered: RenderedMarkdown;
  /** `<!-- more -->` part, else the rendered description, else the automatic excerpt. */
  excerptHtml: string;
  /** Plain text of the excerpt, about 160 characters. */
  summary: string;
  readingTime: ReadingTime;
}

/** A post's render as `renderAll` gives it: found in the cache or not, and with its HTML in a spool if asked for. */
export type RenderOutcome = RenderResult & {
  fromCache: boolean;
  /** Where the HTML is when `renderAll` was given a spool: `rendered.html` is then empty. */
  htmlAt?: SpooledText | undefined;
};

interface Entry {
  key: string;
  result: RenderResult;
}

export interface RenderCacheOptions {
  /** The processor posts are rendered with (default: the process-wide one). */
  processor?: (() => Promise<MarkdownProcessor>) | null | undefined;
  /** Folder to keep rendered posts in between runs; `null` keeps them in memory only (default: `null`). */
  dir?: string | null | undefined;
  /**
   * Everything besides the post and the settings that shapes its HTML: weeklog's code and the
   * versions of the parser, shiki, its grammars and themes (default: this installation's, see
   * build/fingerprint.ts).
   */
  fingerprint?: string | null | undefined;
  /**
   * Render batches of posts (`renderAll`) in worker threads, each with the standard processor;
   * `null` renders in-process with `processor` (default: `null`).
   */
  threads?: RenderPoolOptions | null | undefined;
  /**
   * Keep every rendered post in memory, so a later render of the same file finds it there (`serve`'s rebuilds); a
   * build renders each post once, and the results would stand beside the posts made of them (default: `true`).
   */
  inMemory?: boolean | undefined;
}

/**
 * Rendered posts, owned by a BuildContext. In memory, one slot per source file, so the dev
 * server's rebuilds re-render only edited files; on disk (`.cache/weeklog/render/`), one entry
 * per content key, so a new run renders only what changed since any earlier one. The key covers
 * the file's bytes, every setting, weeklog's code and the renderer's package versions: a stale
 * entry is never found, and an unreadable one is reported and rendered again.
 */
export class RenderCache {
  readonly #entries = new Map<string, Entry>();
  readonly #processor: (() => Promise<MarkdownProcessor>) | undefined;
  readonly #store: DiskStore<StoredEntry> | undefined;
  readonly #fingerprint: string;
  readonly #threads: RenderPoolOptions | null;
  readonly #inMemory: boolean;
  readonly #used = new Set<string>();
  #threadsUsed = 0;
  /** The render threads of the last batch, ending (see `threadsEnded`). */
  #ending: Promise<void> = Promise.resolve();
  #warnings: Problem[] = [];
  /** Render threads started ahead of the next batch (see `expectPosts`); null when none were worth it. */
  #standingBy: Promise<RenderPool | null> | null = null;

  constructor(options: RenderCacheOptions = {}) {
    this.#processor = options.processor ?? undefined;
    this.#threads = options.threads ?? null;
    this.#inMemory = options.inMemory ?? true;
    this.#fingerprint = options.fingerprint ?? fingerprintOf(rendererInputs());
    this.#store = options.dir
      ? new DiskStore<StoredEntry>(options.dir, {
          onCorrupt: (file, cause) => {
            this.#warnings.push({
              file,
              line: 0,
              column: 0,
              severity: 'warning',
              ruleId: 'render-cache',
              message: `This render cache entry cannot be read (${cause instanceof Error ? cause.message : String(cause)}) and was ignored; the post was rendered again. Delete the folder if this repeats.`,
            });
          },
        })
      : undefined;
  }

  /**
   * Says a batch of `count` posts is coming (loadPosts says it once it has listed the files, before it reads them).
   * When so many cannot all be cached (the cache holds fewer entries than that by the pool's minimum or more),
   * the render threads start now: each loads the parser, shiki and its grammars (~0.35 s of CPU) on a core that
   * would sit idle while this thread reads the posts, rather than after. Until the batch takes them, they do not keep
   * the process alive; a batch with too few posts to render closes them.
   */
  expectPosts(count: number): void {
    const threads = this.#threads;
    if (!threads || this.#standingBy) return;
    this.#standingBy = (async () => {
      const pooling = await import('./render-pool.ts');
      // The folder is listed only when the posts kept in memory (`serve`'s) leave enough to render.
      if (pooling.threadsFor(count - this.#entries.size, threads) === 0) return null;
      const started = pooling.threadsFor(count - this.#entries.size - ((await this.#store?.count()) ?? 0), threads);
      return started > 0 ? new pooling.RenderPool(started, { ...threads, standBy: true }) : null;
    })().catch(() => null);
  }

  /** Takes back `expectPosts`: no batch is coming, so the threads it started end now (`threadsEnded` waits for them). */
  forgetExpectedPosts(): void {
    const ending = this.#ending;
    this.#ending = this.#takeStandingBy()
      .then((pool) => Promise.all([ending, pool?.close()]))
      .then(() => {}, () => {});
  }

  /** How many render threads `expectPosts` started that no batch has taken yet. */
  async threadsStandingBy(): Promise<number> {
    return (await this.#standingBy)?.size ?? 0;
  }

  /** The threads `expectPosts` started, for this batch alone. */
  async #takeStandingBy(): Promise<RenderPool | null> {
    const pool = this.#standingBy ? await this.#standingBy : null;
    this.#standingBy = null;
    return pool;
  }

  /** Renders a post body (and its description) unless the same file content was rendered before with the same settings. */
  async render(request: RenderRequest, settings: object = {}): Promise<RenderOutcome> {
    return (await this.renderAll([request], settings))[0]!;
  }

  /**
   * Renders many posts, in input order: cache hits first, then the misses, in worker threads when
   * there are enough of them to pay for starting the threads (see `threads`), else one by one here. With `htmlTo`,
   * each post's HTML goes there as soon as it is found or rendered, so the batch's HTML is never all on the heap.
   */
  async renderAll(requests: readonly RenderRequest[], settings: object = {}, options: { htmlTo?: HtmlSpool | null | undefined } = {}): Promise<RenderOutcome[]> {
    const outcome = (result: RenderResult, fromCache: boolean): RenderOutcome => {
      // Where the spool takes no more, the post keeps its HTML in memory.
      const htmlAt = options.htmlTo?.tryPut(result.rendered.html);
      return htmlAt ? { ...result, rendered: { ...result.rendered, html: '' }, fromCache, htmlAt } : { ...result, fromCache };
    };
    // The settings' JSON once for every request (`serve` keys a thousand requests per edit): the same bytes as within the array.
    const head = `[${JSON.stringify(FORMAT)},${JSON.stringify(this.#fingerprint)},${JSON.stringify(settings)},`;
    const keys = requests.map((request) => this.#keyOf(request, head));
    const indices = requests.map((_, index) => index);
    const results = new Array<RenderOutcome>(requests.length);
    await mapLimited(indices, 16, async (index) => {
      const found = await this.#lookup(requests[index]!, keys[index]!);
      if (found) results[index] = outcome(found, true);
    });
    const misses = indices.filter((index) => !results[index]);
    const standingBy = await this.#takeStandingBy();
    const unused = () => void standingBy?.close().catch(() => {});
    if (misses.length === 0) {
      unused();
      return results;
    }

    const pooling = this.#threads ? await import('./render-pool.ts') : null;
    const threads = pooling && this.#threads ? pooling.threadsFor(misses.length, this.#threads) : 0;
    this.#threadsUsed = 0;
    if (!pooling || threads === 0) {
      unused();
      for (const index of misses) results[index] = outcome(await this.#keep(requests[index]!, keys[index]!, await this.#renderHere(requests[index]!)), false);
      return results;
    }
    const pool = standingBy?.hold() ?? new pooling.RenderPool(threads, this.#threads ?? {});
    this.#threadsUsed = pool.size;
    // With a folder, each thread writes its posts there and the results are read back once every
    // post is rendered: held here as they came, they stood beside both threads' heaps at the end
    // of the render, the build's highest memory (~190 MB of results at 4000 posts).
    const dir = this.#store?.dir;
    const stored: number[] = [];
    try {
      await Promise.all(
        misses.map(async (index) => {
          const request = requests[index]!;
          const result = dir === undefined ? await pool.render(request) : await pool.renderToStore(request, { dir, key: keys[index]! });
          if (result) results[index] = outcome(await this.#keep(request, keys[index]!, result), false);
          else stored.push(index);
        }),
      );
    } catch (error) {
      await pool.close();
      throw error;
    }
    // Ending the threads tears their heaps down (~0.1 s at 1000 posts), which this thread need not wait for: the
    // caller goes on with the results (the reading back first, which takes longer), and waits for `threadsEnded`
    // before it starts threads of its own.
    this.#ending = pool.close().catch(() => {});
    await mapLimited(stored, 16, async (index) => {
      const request = requests[index]!;
      const found = await this.#lookup(request, keys[index]!);
      // Gone or unreadable since the thread wrote it (another build's prune, say): rendered again here.
      results[index] = outcome(found ?? (await this.#keep(request, keys[index]!, await this.#renderHere(request))), false);
    });
    return results;
  }

  /** Renders in this thread. Loaded on the first miss: a run served from the cache never loads the parser or shiki. */
  async #renderHere(request: RenderRequest): Promise<RenderResult> {
    const { renderPost } = await import('./render-post.ts');
    return renderPost(request, this.#processor ? await this.#processor() : undefined);
  }

  /** Settles once the render threads of the last batch have ended. */
  threadsEnded(): Promise<void> {
    return this.#ending;
  }

  /** How many worker threads rendered the last batch that had posts to render (0: this thread). */
  get threadsUsed(): number {
    return this.#threadsUsed;
  }

  /** `head`: the JSON of `[FORMAT, fingerprint, settings,` as renderAll makes it. */
  #keyOf(request: RenderRequest, head: string): string {
    const key = createHash('sha256')
      // Every field of the request (the body is in `hash`), so a new one can never be left out.
      .update(`${head}${JSON.stringify({ ...request, body: '' })}]`)
      .digest('hex');
    this.#used.add(key);
    return key;
  }

  async #lookup(request: RenderRequest, key: string): Promise<RenderResult | undefined> {
    const entry = this.#entries.get(request.sourceFile);
    if (entry && entry.key === key) return entry.result;
    const stored = await this.#store?.get(key, (value): value is StoredEntry => isStoredEntry(value, key));
    if (!stored) return undefined;
    if (this.#inMemory) this.#entries.set(request.sourceFile, { key, result: stored.result });
    return stored.result;
  }

  async #keep(request: RenderRequest, key: string, result: RenderResult): Promise<RenderResult> {
    if (this.#inMemory) this.#entries.set(request.sourceFile, { key, result });
    await this.#store?.set(key, storedEntry(key, result));
    return result;
  }

  /** Problems met reading the disk cache since the last call (each entry once). */
  takeWarnings(): Problem[] {
    const warnings = this.#warnings;
    this.#warnings = [];
    return warnings;
  }

  /** Deletes the disk entries no render asked for since the last prune: files of deleted or edited posts. */
  async prune(): Promise<number> {
    const removed = (await this.#store?.prune(this.#used)) ?? 0;
    this.#used.clear();
    return removed;
  }
}
