/**
 * Gives the event loop a turn once `sliceMs` have passed since the last one. Work that awaits only
 * promises that are already settled (a generator whose files are made in memory, a write whose
 * digest says the file is current) runs in one macrotask however long it takes: a save's watcher
 * event and the timers waited behind thousands of search files (300 ms at 1000 posts), and the
 * update learnt of the save only when it was done.
 */
export function eventLoopTurns(sliceMs = 8): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
