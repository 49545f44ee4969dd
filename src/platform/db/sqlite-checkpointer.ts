/**
 * WAL checkpoints on a thread of their own. SQLite's automatic checkpoint runs inside the commit that
 * crosses its threshold, on the thread that committed: under check load (bench:check) that was a
 * stall of several milliseconds every few hundred group commits and about 40% of the time spent
 * committing. Here the writing connections have the automatic checkpoint pushed far out (a safety
 * valve if this thread falls behind), and one thread per process checkpoints every registered file
 * passively every 100 ms.
 *
 * The thread is unreferenced: it never keeps a process alive, except while a closing store waits
 * for the thread to close its connection to that file.
 */
import { Worker } from 'node:worker_threads';

const INTERVAL_MS = 100;
/** The writing connection's own checkpoint threshold, in pages (4 KB): only if this thread falls far behind. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_384;

let worker: Worker | undefined;
let nextId = 0;
const removals = new Map<number, () => void>();

function thread(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./sqlite-checkpointer.worker.ts', import.meta.url), {
    workerData: { intervalMs: INTERVAL_MS },
  });
  started.unref();
  started.on('message', (message: { removed?: number; failed?: number }) => {
    if (message.removed !== undefined) {
      removals.get(message.removed)?.();
      removals.delete(message.removed);
      if (removals.size === 0) started.unref();
    }
  });
  const gone = () => {
    if (worker === started) worker = undefined;
    // A store closing meanwhile must not wait for an answer that will never come.
    for (const done of removals.values()) done();
    removals.clear();
  };
  started.on('error', gone);
  started.on('exit', gone);
  worker = started;
  return started;
}

/** Checkpoints `file` on the checkpoint thread until the returned function is called (and awaited). */
export function checkpointElsewhere(file: string): () => Promise<void> {
  const id = ++nextId;
  const w = thread();
  w.postMessage({ add: id, file });
  return () =>
    new Promise<void>((resolve) => {
      if (worker !== w) return resolve();
      removals.set(id, resolve);
      // Held while a store waits for its answer: an unreferenced thread would let the process end first.
      w.ref();
      w.postMessage({ remove: id });
    });
}
