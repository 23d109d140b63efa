import { startWorker } from '../compiled.ts';

/** Short-lived strings by the megabyte (tokens, trees): V8's default 16 MB young generation spent a quarter of such a thread in GC. */
const YOUNG_GENERATION_MB = 32;

/**
 * Runs `script` (a `src/…/<name>.worker.ts` that posts one message and ends) on `input` in a
 * thread of its own and gives its message back, or null when the thread could not start, failed
 * or ended without answering: every caller then does the work itself, so a thread is only ever a
 * head start. The thread never keeps a finished build's process alive.
 */
export function answerInThread<Answer>(script: URL, input: unknown): Promise<Answer | null> {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = startWorker(script, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    } catch {
      return resolve(null);
    }
    worker.unref();
    worker.once('message', (answer: Answer) => resolve(answer));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}
