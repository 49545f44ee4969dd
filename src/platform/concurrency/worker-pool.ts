/**
 * Chunks of work spread over a few threads, each chunk's promise resolving as its chunk comes back, so
 * the caller works on the chunks already back while the others are computed. Threads start at first
 * use and are referenced only while chunks are in flight. A thread that fails fails every chunk in
 * flight (their callers answer with an error); the next chunk starts the pool afresh.
 *
 * The worker script calls `servePool(compute)`.
 */
import { parentPort } from 'node:worker_threads';
import { type LazyWorker, lazyWorker } from './lazy-worker.ts';

export type WorkerPool<I, R> = {
  /** One chunk, on the next thread in turn. */
  run(input: I): Promise<R>;
  /** chunks handed to threads so far */
  sent(): number;
  close(): Promise<void>;
};

type Pending<R> = { resolve: (result: R) => void; reject: (error: Error) => void };

export function workerPool<I, R>(options: {
  url: URL;
  size: number;
  workerData?: () => unknown;
}): WorkerPool<I, R> {
  const pending = new Map<number, Pending<R>>();
  let next = 0;
  let turn = 0;
  let closed = false;

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    for (const t of threads) t.release();
  };
  const threads: LazyWorker[] = Array.from({ length: options.size }, () =>
    lazyWorker({
      url: options.url,
      init: () => ({ workerData: options.workerData?.() }),
      onMessage: (message) => {
        const reply = message as { id: number; output: R };
        const p = pending.get(reply.id);
        pending.delete(reply.id);
        p?.resolve(reply.output);
        if (pending.size === 0) for (const t of threads) t.release();
      },
      // Whatever was in flight fails; the next chunk starts a new thread.
      onGone: failAll,
    }),
  );

  return {
    run(input) {
      if (closed) return Promise.reject(new Error('worker pool closed'));
      const thread = threads[turn++ % threads.length]!;
      const worker = thread.thread();
      thread.hold();
      const id = ++next;
      const result = new Promise<R>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, input });
      });
      // Awaited in order by the caller: a later chunk's failure must not count as unhandled meanwhile.
      result.catch(() => {});
      return result;
    },
    sent: () => next,
    async close() {
      closed = true;
      await Promise.all(threads.map((t) => t.close()));
      failAll(new Error('worker pool closed'));
    },
  };
}

/** The worker side: computes each chunk it is sent and replies with its id. */
export function servePool<I, R>(compute: (input: I) => R): void {
  if (!parentPort) throw new Error('servePool runs in a worker thread');
  const port = parentPort;
  port.on('message', (message: { id: number; input: I }) => {
    port.postMessage({ id: message.id, output: compute(message.input) });
  });
}
