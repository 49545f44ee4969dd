/**
 * The lifecycle every worker thread of the platform shares: started at first use; unreferenced while
 * nothing is in flight, so it never keeps a process alive, and referenced while a caller awaits it;
 * forgotten when it fails or exits (`onGone` lets its owner settle what was in flight, and the next use
 * starts a new thread); terminated by `close`.
 */
import { type Transferable, Worker } from 'node:worker_threads';

export type LazyWorkerOptions = {
  url: URL;
  /** what a new thread is started with (called at each start: ports cannot be sent twice) */
  init?: () => { workerData?: unknown; transferList?: readonly Transferable[] };
  onMessage?: (message: unknown) => void;
  /** the thread failed or exited (not after `close`) */
  onGone?: (error: Error) => void;
};

export type LazyWorker = {
  /** The running thread, started now if there is none. */
  thread(): Worker;
  /** The running thread, if any. */
  current(): Worker | undefined;
  /** Callers are waiting on the thread: keep the process alive for it. */
  hold(): void;
  /** Nothing is waiting on the thread any more. */
  release(): void;
  close(): Promise<void>;
};

export function lazyWorker(options: LazyWorkerOptions): LazyWorker {
  let worker: Worker | undefined;
  let closed = false;

  function start(): Worker {
    const init = options.init?.() ?? {};
    const started = new Worker(options.url, {
      workerData: init.workerData,
      ...(init.transferList ? { transferList: [...init.transferList] } : {}),
    });
    started.unref();
    if (options.onMessage) started.on('message', options.onMessage);
    const gone = (error: Error) => {
      if (worker !== started) return;
      worker = undefined;
      if (!closed) options.onGone?.(error);
    };
    started.on('error', gone);
    started.on('exit', (code) => gone(new Error(`worker thread ${options.url.pathname} exited (${code})`)));
    worker = started;
    return started;
  }

  return {
    thread: () => {
      if (closed) throw new Error('worker thread closed');
      return worker ?? start();
    },
    current: () => worker,
    hold: () => void worker?.ref(),
    release: () => void worker?.unref(),
    async close() {
      closed = true;
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
