/**
 * WAL checkpoints on a thread of their own. SQLite's automatic checkpoint runs inside the commit that
 * crosses its threshold, on the thread that committed: under check load that was a stall every few
 * hundred group commits and a large share of the time spent committing (docs/PERFORMANCE.md). Here the writing connections have the automatic checkpoint pushed far out (a safety
 * valve if this thread falls behind), and one thread per process checkpoints every registered file
 * passively every 100 ms.
 *
 * The thread is unreferenced: it never keeps a process alive, except while a closing store waits
 * for the thread to close its connection to that file.
 */
import { lazyWorker } from '../concurrency/lazy-worker.ts';

const INTERVAL_MS = 100;
/** The writing connection's own checkpoint threshold, in pages (4 KB): only if this thread falls far behind. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_384;

let nextId = 0;
/** stores closing, each waiting for the thread to have closed its connection */
const removals = new Map<number, () => void>();

/** One thread per process (platform/concurrency/lazy-worker.ts), restarted by the next store if it dies. */
const checkpointer = lazyWorker({
  url: new URL('./sqlite-checkpointer.worker.ts', import.meta.url),
  init: () => ({ workerData: { intervalMs: INTERVAL_MS } }),
  onMessage: (message) => {
    const { removed } = message as { removed?: number; failed?: number };
    if (removed === undefined) return;
    removals.get(removed)?.();
    removals.delete(removed);
    if (removals.size === 0) checkpointer.release();
  },
  // A store closing meanwhile must not wait for an answer that will never come.
  onGone: () => {
    for (const done of removals.values()) done();
    removals.clear();
  },
});

/** Checkpoints `file` on the checkpoint thread until the returned function is called (and awaited). */
export function checkpointElsewhere(file: string): () => Promise<void> {
  const id = ++nextId;
  const w = checkpointer.thread();
  w.postMessage({ add: id, file });
  return () =>
    new Promise<void>((resolve) => {
      if (checkpointer.current() !== w) return resolve();
      removals.set(id, resolve);
      // Held while a store waits for its answer: an unreferenced thread would let the process end first.
      checkpointer.hold();
      w.postMessage({ remove: id });
    });
}
