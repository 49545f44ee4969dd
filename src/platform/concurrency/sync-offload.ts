/**
 * Work handed to a thread of its own and taken back synchronously. The caller starts a job before it
 * does something else (inserts rows) and takes the result when it needs it, waiting on an Atomics
 * signal when it is not back yet: a caller inside a transaction must not wait through the event loop,
 * or the transaction would stay open while other requests ran.
 *
 * With an inline fallback: a job too small to be worth a message is done on the calling thread, and so
 * is every job once the thread has failed or not answered within `giveUpMs` (the thread is then
 * retired for good). A result is never lost with a thread.
 *
 * The worker script calls `serveSyncOffload(compute)`.
 */
import {
  MessageChannel,
  type MessagePort,
  parentPort,
  receiveMessageOnPort,
  workerData,
} from 'node:worker_threads';
import { lazyWorker } from './lazy-worker.ts';

const WAIT_SLICE_MS = 50;

export type OffloadJob<R> = {
  /** The result; blocks until the thread has it (or computes it inline). Once per job. */
  take(): R;
  /**
   * Resolves once `take` would not block on the thread (the reply is back, or the thread is gone),
   * waiting through the event loop: for a caller that is not yet inside a transaction and would
   * rather serve other requests than block while a large job is computed (issue 14 §6).
   */
  ready(): Promise<void>;
  /** The caller no longer wants the result (its write failed): the reply is dropped when it comes. */
  drop(): void;
};

export type SyncOffload<I, R> = {
  /** Starts a job; take its result when it is needed. */
  start(input: I): OffloadJob<R>;
  close(): Promise<void>;
  /** jobs handed to the thread so far, and those of them computed inline after all (thread gone) */
  stats(): { offloaded: number; fellBack: number };
};

export type SyncOffloadOptions<I, R, W> = {
  /** the worker script; it calls `serveSyncOffload` */
  url: URL;
  /** the job done on the calling thread: the fallback, and the whole job when it is small */
  inline: (input: I) => R;
  /** whether a job is large enough to be worth a message */
  worthSending: (input: I) => boolean;
  /** the worker's reply (W) turned into the result; identity by default */
  decode?: (reply: W, input: I) => R;
  /** a reply not back after this long: computed inline, the thread retired */
  giveUpMs: number;
};

/** The job done on the calling thread, as a job. */
export const inlineJob = <R>(compute: () => R): OffloadJob<R> => {
  let taken = false;
  return {
    take: () => {
      if (taken) throw new Error('offloaded job taken twice');
      taken = true;
      return compute();
    },
    drop: () => {},
    ready: async () => {},
  };
};

export function syncOffload<I, R, W = R>(options: SyncOffloadOptions<I, R, W>): SyncOffload<I, R> {
  const decode = options.decode ?? ((reply: W) => reply as unknown as R);
  let channel: { port: MessagePort; signal: Int32Array } | undefined;
  let retired = false;
  let next = 0;
  let fellBack = 0;
  /** replies received for jobs not yet taken */
  const arrived = new Map<number, W>();
  const dropped = new Set<number>();
  // Never waited for through the event loop (replies are taken synchronously): it stays unreferenced.
  const thread = lazyWorker({
    url: options.url,
    init: () => {
      const { port1, port2 } = new MessageChannel();
      const signal = new Int32Array(new SharedArrayBuffer(4));
      channel = { port: port1, signal };
      return { workerData: { port: port2, signal }, transferList: [port2] };
    },
    onGone: () => void retire(),
  });

  /** No more jobs go to the thread; it is stopped, and no reply of it is awaited any more. */
  function retire(): Promise<void> {
    retired = true;
    dropped.clear();
    channel?.port.close();
    channel = undefined;
    return thread.close();
  }

  /** Moves every reply already sent into `arrived`. */
  function drain(port: MessagePort) {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const reply = m.message as { id: number; output: W };
      if (dropped.delete(reply.id)) continue;
      arrived.set(reply.id, reply.output);
    }
  }

  return {
    start(input) {
      if (retired || !options.worthSending(input)) return inlineJob(() => options.inline(input));
      thread.thread();
      const sentOn = channel!;
      const id = ++next;
      sentOn.port.postMessage({ id, input });
      let settled = false;
      return {
        take() {
          if (settled) throw new Error('offloaded job taken twice');
          settled = true;
          const deadline = performance.now() + options.giveUpMs;
          for (;;) {
            const output = arrived.get(id);
            if (output !== undefined) {
              arrived.delete(id);
              return decode(output, input);
            }
            if (channel !== sentOn || performance.now() > deadline) {
              if (channel === sentOn) void retire();
              fellBack++;
              return options.inline(input);
            }
            const seen = Atomics.load(sentOn.signal, 0);
            drain(sentOn.port);
            if (!arrived.has(id)) {
              Atomics.wait(sentOn.signal, 0, seen, Math.min(WAIT_SLICE_MS, options.giveUpMs));
            }
          }
        },
        drop() {
          if (settled) return;
          settled = true;
          if (!arrived.delete(id)) dropped.add(id);
        },
        async ready() {
          const deadline = performance.now() + options.giveUpMs;
          while (!settled && channel === sentOn && performance.now() <= deadline) {
            const seen = Atomics.load(sentOn.signal, 0);
            drain(sentOn.port);
            if (arrived.has(id)) return;
            const wait = Atomics.waitAsync(sentOn.signal, 0, seen, WAIT_SLICE_MS);
            if (wait.async) await wait.value;
          }
        },
      };
    },
    stats: () => ({ offloaded: next, fellBack }),
    async close() {
      arrived.clear();
      await retire();
    },
  };
}

/** The worker side: computes each job it is sent, replies on the port, then signals a waiting caller. */
export function serveSyncOffload<I, W>(compute: (input: I) => W): void {
  if (!parentPort || !workerData) throw new Error('serveSyncOffload runs in a worker thread');
  const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
  port.on('message', (message: { id: number; input: I }) => {
    port.postMessage({ id: message.id, output: compute(message.input) });
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}
