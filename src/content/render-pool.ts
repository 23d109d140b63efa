import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../compiled.ts';
import { RenderError } from '../errors.ts';
import type { RenderRequest, RenderResult } from './render-cache.ts';
import type { StoreTarget } from './render-entry.ts';

export interface RenderPoolOptions {
  /** Threads to render in at most (default: `os.availableParallelism()`, none on one core); 0 renders in-process. */
  threads?: number | null | undefined;
  /**
   * Fewer posts to render than this are rendered in-process: each thread loads its own parser,
   * shiki and grammars, which costs more than a few posts take (default: `48`).
   */
  minPosts?: number | null | undefined;
  /**
   * Old-generation heap of each render thread, in MB (default: `96`). V8 collects by how close the
   * heap is to its limit: under Node's default (~4 GB) each thread's heap grew by ~250 MB over 500
   * posts whose live data stays near 30 MB. A post that needs more is rendered again, alone, in a
   * fresh thread without this bound, which is closed once no such post is left.
   */
  oldGenerationMb?: number | null | undefined;
}

/** A post sent to a render thread. */
export interface PoolTask {
  id: number;
  request: RenderRequest;
  /** Where the thread stores the result itself rather than sending it (see renderToStore). */
  store?: StoreTarget | undefined;
}

/** What an Error keeps when it crosses threads. */
export interface ErrorDescription {
  name: string;
  message: string;
  stack?: string;
  cause?: ErrorDescription;
}

/** A render thread's answer: the result, word that it was stored, or the error renderPost threw. */
export interface PoolReply {
  id: number;
  result?: RenderResult;
  stored?: true;
  error?: ErrorDescription;
}

const DEFAULT_MIN_POSTS = 48;
/** Posts handed to a thread at once, so it never waits for the main thread between two. */
const PER_THREAD = 2;
/**
 * Rendering makes short-lived trees by the megabyte; a young generation this large (V8's default
 * is 16 MB) cut a thread's CPU time by about 12 % in a 300-post run, for 48 MB more per thread.
 */
const YOUNG_GENERATION_MB = 64;
/** A 1 MB post of Chinese prose renders within it; the bench's posts (5–10 KB) leave it mostly free. */
const DEFAULT_OLD_GENERATION_MB = 96;

/** How many threads `count` posts are worth: 0 means render them in-process. */
export function threadsFor(count: number, options: RenderPoolOptions): number {
  // One core gains nothing from a thread but its start-up.
  const most = options.threads ?? (availableParallelism() > 1 ? availableParallelism() : 0);
  if (most < 1 || count === 0 || count < (options.minPosts ?? DEFAULT_MIN_POSTS)) return 0;
  return Math.min(most, count);
}

interface Thread {
  worker: Worker;
  /** Posts sent to it and not answered yet, by task id. */
  running: Map<number, Pending>;
  /** Under the old-generation bound; the thread without it renders only posts that outgrew it. */
  bounded: boolean;
}

interface Pending {
  task: PoolTask;
  resolve: (result: RenderResult | null) => void;
  reject: (error: Error) => void;
}

/**
 * Render threads (render.worker.ts), each with its own processor and highlighter; nothing
 * mutable is shared, requests and results are copied across. Made for one batch of posts and
 * closed after it, so a finished build keeps no threads alive. A thread that runs out of its
 * bounded heap is replaced, and the posts it had are rendered again one at a time in a thread
 * without the bound: the output is the same, only memory differs.
 */
export class RenderPool {
  readonly #threads: Thread[] = [];
  readonly #queue: Pending[] = [];
  /** Posts whose bounded thread ran out of memory, waiting for the unbounded thread. */
  readonly #outgrown: Pending[] = [];
  #unbounded: Thread | undefined;
  readonly #oldGenerationMb: number;
  #nextId = 0;
  #retried = 0;
  #broken: Error | null = null;
  /** Whether the threads keep the process alive (see `standBy`). */
  #held = true;

  /**
   * `standBy`: the threads are started ahead of their posts and, until `hold`, do not keep the process alive, so a
   * pool that is never given a post cannot keep it from exiting (default: `false`).
   */
  constructor(threads: number, options: Pick<RenderPoolOptions, 'oldGenerationMb'> & { standBy?: boolean | undefined } = {}) {
    this.#oldGenerationMb = options.oldGenerationMb ?? DEFAULT_OLD_GENERATION_MB;
    this.#held = !options.standBy;
    for (let i = 0; i < threads; i++) this.#threads.push(this.#start(true));
  }

  /** Threads now keep the process alive while they work, as a pool not started on stand-by does. */
  hold(): this {
    if (this.#held) return this;
    this.#held = true;
    for (const { worker } of this.#threads) worker.ref();
    return this;
  }

  /** Renders one post in whichever thread is free first. */
  async render(request: RenderRequest): Promise<RenderResult> {
    return (await this.#enqueue({ id: this.#nextId++, request }))!;
  }

  /**
   * Renders one post and has the thread write it to the render cache's folder under `target.key`:
   * null once it is there, so the result never crosses to this thread; the result itself when the
   * thread could not write it (a full disk, a read-only folder).
   */
  renderToStore(request: RenderRequest, target: StoreTarget): Promise<RenderResult | null> {
    return this.#enqueue({ id: this.#nextId++, request, store: target });
  }

  #enqueue(task: PoolTask): Promise<RenderResult | null> {
    return new Promise((resolve, reject) => {
      if (this.#broken) return reject(this.#broken);
      this.#queue.push({ task, resolve, reject });
      this.#dispatch();
    });
  }

  /** Threads rendering (the unbounded one aside). */
  get size(): number {
    return this.#threads.length;
  }

  /** Posts rendered again without the heap bound because their thread ran out of memory. */
  get retried(): number {
    return this.#retried;
  }

  /** Stops every thread; posts not rendered yet are rejected. */
  async close(): Promise<void> {
    this.#broken ??= new Error('The render threads were closed.');
    for (const pending of [...this.#queue.splice(0), ...this.#outgrown.splice(0)]) pending.reject(this.#broken);
    const unbounded = this.#unbounded;
    this.#unbounded = undefined;
    await Promise.all([...this.#threads, ...(unbounded ? [unbounded] : [])].map(({ worker }) => worker.terminate()));
  }

  #start(bounded: boolean): Thread {
    const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...(bounded ? { maxOldGenerationSizeMb: this.#oldGenerationMb } : {}) };
    const worker = startWorker(new URL('./render.worker.ts', import.meta.url), { resourceLimits });
    const thread: Thread = { worker, running: new Map(), bounded };
    worker.on('message', (reply: PoolReply) => this.#settle(thread, reply));
    worker.on('error', (error: Error) => {
      if (bounded && isOutOfMemory(error) && thread.running.size > 0) this.#replace(thread);
      else this.#fail(thread, error);
    });
    worker.on('exit', (code) => this.#fail(thread, new Error(`The render thread exited with code ${code}.`)));
    // After the listeners: adding a 'message' listener refs the worker again.
    if (!this.#held) worker.unref();
    return thread;
  }

  #dispatch(): void {
    for (const thread of this.#threads) {
      while (thread.running.size < PER_THREAD && this.#queue.length > 0) this.#send(thread, this.#queue.shift()!);
    }
    if (this.#outgrown.length > 0) {
      this.#unbounded ??= this.#start(false);
      // One at a time: these are the posts that need the most memory.
      if (this.#unbounded.running.size === 0) this.#send(this.#unbounded, this.#outgrown.shift()!);
    } else if (this.#unbounded && this.#unbounded.running.size === 0) {
      const idle = this.#unbounded;
      this.#unbounded = undefined;
      void idle.worker.terminate();
    }
  }

  #send(thread: Thread, pending: Pending): void {
    thread.running.set(pending.task.id, pending);
    thread.worker.postMessage(pending.task);
  }

  /** A bounded thread ran out of memory on one of its posts: they all go to the unbounded thread, and a fresh thread takes its place. */
  #replace(thread: Thread): void {
    const index = this.#threads.indexOf(thread);
    if (index === -1) return;
    if (this.#broken) return this.#fail(thread, new Error('The render thread ran out of memory while the pool was closing.'));
    this.#outgrown.push(...thread.running.values());
    this.#retried += thread.running.size;
    thread.running.clear();
    this.#threads.splice(index, 1, this.#start(true));
    this.#dispatch();
  }

  #settle(thread: Thread, reply: PoolReply): void {
    const pending = thread.running.get(reply.id);
    if (!pending) return;
    thread.running.delete(reply.id);
    if (reply.result) pending.resolve(reply.result);
    else if (reply.stored) pending.resolve(null);
    else pending.reject(reviveError(reply.error, pending.task.request.file));
    this.#dispatch();
  }

  /** A thread that died takes its posts with it; the build cannot go on without them. */
  #fail(thread: Thread, cause: Error): void {
    if (thread === this.#unbounded) {
      this.#unbounded = undefined;
      this.#rejectRunning(thread, cause);
      // Posts still waiting for it get a thread of their own.
      this.#dispatch();
      return;
    }
    const index = this.#threads.indexOf(thread);
    if (index === -1) return;
    this.#threads.splice(index, 1);
    this.#rejectRunning(thread, cause);
    if (this.#threads.length === 0 && !this.#broken) {
      this.#broken = new RenderError('Every render thread stopped, so the remaining posts cannot be rendered.', { cause });
      for (const pending of this.#queue.splice(0)) pending.reject(this.#broken);
    }
  }

  #rejectRunning(thread: Thread, cause: Error): void {
    for (const pending of thread.running.values()) {
      const file = pending.task.request.file;
      const message = isOutOfMemory(cause)
        ? `Rendering ${file} ran out of memory even in a thread of its own. Split the post into smaller ones.`
        : `Rendering ${file} failed unexpectedly: its render thread stopped.`;
      pending.reject(new RenderError(message, { cause }));
    }
    thread.running.clear();
  }
}

function isOutOfMemory(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** The error as renderPost threw it in the thread: a RenderError naming the post, with the cause's stack. */
function reviveError(description: ErrorDescription | undefined, file: string): Error {
  const cause = description?.cause ? plainError(description.cause) : undefined;
  if (description?.name === 'RenderError') return new RenderError(description.message, { cause });
  return new RenderError(`Rendering ${file} failed unexpectedly.`, { cause: description ? plainError(description) : undefined });
}

function plainError(description: ErrorDescription): Error {
  const error = new Error(description.message, description.cause ? { cause: plainError(description.cause) } : undefined);
  error.name = description.name;
  if (description.stack !== undefined) error.stack = description.stack;
  return error;
}
