import type { Transferable } from 'node:worker_threads';
import { startWorker } from '../compiled.ts';

/** Short-lived strings by the megabyte (tokens, trees): V8's default 16 MB young generation spent a quarter of such a thread in GC. */
const YOUNG_GENERATION_MB = 32;

/** The resource limits of every such thread. */
export const threadLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };

/** A thread started by `startAnswerThread`. */
export interface AnswerThread<Answer> {
  /** The thread's one message, or null when it could not start, failed or ended without answering. */
  answer: Promise<Answer | null>;
  /** Hands the thread a message: the rest of its input, when part of it was not known at the start. */
  send(message: unknown): void;
  /** Ends the thread, unanswered: its answer is no longer wanted. */
  stop(): void;
}

/**
 * Runs `script` (a `src/…/<name>.worker.ts` that posts one message and ends) on `input` in a
 * thread of its own and gives its message back, or null when the thread could not start, failed
 * or ended without answering: every caller then does the work itself, so a thread is only ever a
 * head start. The thread never keeps a finished build's process alive.
 */
export function answerInThread<Answer>(script: URL, input: unknown, transfer: readonly Transferable[] = []): Promise<Answer | null> {
  return startAnswerThread<Answer>(script, input, transfer).answer;
}

/**
 * `answerInThread`, for a thread that may be sent more input (`send`) once it has started on `input`.
 * `transfer` lists what `input` hands over rather than copies (a MessagePort to another thread).
 */
export function startAnswerThread<Answer>(script: URL, input: unknown, transfer: readonly Transferable[] = []): AnswerThread<Answer> {
  let worker: ReturnType<typeof startWorker> | undefined;
  const answer = new Promise<Answer | null>((resolve) => {
    try {
      worker = startWorker(script, { workerData: input, transferList: [...transfer], resourceLimits: threadLimits });
    } catch {
      return resolve(null);
    }
    worker.unref();
    worker.once('message', (message: Answer) => resolve(message));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  return {
    answer,
    send: (message) => worker?.postMessage(message),
    stop: () => void worker?.terminate(),
  };
}
