import { availableParallelism } from 'node:os';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { startWorker } from '../compiled.ts';
import { RenderError } from '../errors.ts';
import type { RenderRequest, RenderResult } from './render-cache.ts';

export interface RenderPoolOptions {
  /** Threads to render in at most (default: `os.availableParallelism()`, none on one core); 0 renders in-process. */
  threads?: number | null | undefined;
  /**
   * Fewer posts to render than this are rendered in-process: each thread loads its own parser,
   * shiki and grammars, which costs more than a few posts take (default: `48`).
   */
  minPosts?: number | null | undefined;
}

/** A post sent to a render thread. */
export interface PoolTask {
  id: number;
  request: RenderRequest;
}

/** What an Error keeps when it crosses threads. */
export interface ErrorDescription {
  name: string;
  message: string;
  stack?: string;
  cause?: ErrorDescription;
}

/** A render thread's answer: the result, or the error renderPost threw. */
export interface PoolReply {
  id: number;
  result?: RenderResult;
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
}

interface Pending {
  task: PoolTask;
  resolve: (result: RenderResult) => void;
  reject: (error: Error) => void;
}

/**
 * Render threads (render.worker.ts), each with its own processor and highlighter; nothing
 * mutable is shared, requests and results are copied across. Made for one batch of posts and
 * closed after it, so a finished build keeps no threads alive.
 */
export class RenderPool {
  readonly #threads: Thread[] = [];
  readonly #queue: Pending[] = [];
  #nextId = 0;
  #broken: Error | null = null;

  constructor(threads: number, workerOptions: WorkerOptions = { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }) {
    for (let i = 0; i < threads; i++) {
      const worker = startWorker(new URL('./render.worker.ts', import.meta.url), workerOptions);
      const thread: Thread = { worker, running: new Map() };
      worker.on('message', (reply: PoolReply) => this.#settle(thread, reply));
      worker.on('error', (error: Error) => this.#fail(thread, error));
      worker.on('exit', (code) => this.#fail(thread, new Error(`The render thread exited with code ${code}.`)));
      this.#threads.push(thread);
    }
  }

  /** Renders one post in whichever thread is free first. */
  render(request: RenderRequest): Promise<RenderResult> {
    return new Promise((resolve, reject) => {
      if (this.#broken) return reject(this.#broken);
      this.#queue.push({ task: { id: this.#nextId++, request }, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops every thread; posts not rendered yet are rejected. */
  async close(): Promise<void> {
    this.#broken ??= new Error('The render threads were closed.');
    for (const pending of this.#queue.splice(0)) pending.reject(this.#broken);
    await Promise.all(this.#threads.map(({ worker }) => worker.terminate()));
  }

  #dispatch(): void {
    for (const thread of this.#threads) {
      while (thread.running.size < PER_THREAD && this.#queue.length > 0) {
        const pending = this.#queue.shift()!;
        thread.running.set(pending.task.id, pending);
        thread.worker.postMessage(pending.task);
      }
    }
  }

  #settle(thread: Thread, reply: PoolReply): void {
    const pending = thread.running.get(reply.id);
    if (!pending) return;
    thread.running.delete(reply.id);
    if (reply.result) pending.resolve(reply.result);
    else pending.reject(reviveError(reply.error, pending.task.request.file));
    this.#dispatch();
  }

  /** A thread that died takes its posts with it; the build cannot go on without them. */
  #fail(thread: Thread, cause: Error): void {
    const index = this.#threads.indexOf(thread);
    if (index === -1) return;
    this.#threads.splice(index, 1);
    for (const pending of thread.running.values()) {
      pending.reject(new RenderError(`Rendering ${pending.task.request.file} failed unexpectedly: its render thread stopped.`, { cause }));
    }
    thread.running.clear();
    if (this.#threads.length === 0 && !this.#broken) {
      this.#broken = new RenderError('Every render thread stopped, so the remaining posts cannot be rendered.', { cause });
      for (const pending of this.#queue.splice(0)) pending.reject(this.#broken);
    }
  }
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
