/**
 * Code checks and blind indexes of large batches on other cores (decision 0017). For a batch of
 * thousands, checking each code by its standard and computing its HMAC was a large part of the work,
 * all on the one thread that also looks subjects up and records the check. Chunks go to worker threads and come back in
 * order while the main thread works on the chunks already back, so the two overlap.
 *
 * Only the plain case comes back from a worker (a valid code without warnings, with its blind index);
 * the main thread checks anything else again itself, so messages, warnings and registered exceptions
 * have one source. Single-subject checks never use the pool: a message costs more than the work.
 */

import { availableParallelism } from 'node:os';
import { inChunks } from '../../platform/chunks.ts';
import { workerPool } from '../../platform/concurrency/worker-pool.ts';

export const CHUNK = 1000;
/** Batches below this size are checked in the calling thread. */
export const POOL_MIN = 2000;

export type CheckedChunk = {
  /** per code: the normalized (upgraded) code when valid and without warnings, else '' */
  checked: string[];
  /** 64 hex characters per code (blank where `checked` is '') */
  blindIndexes: string;
};

export type CodePool = {
  /**
   * The share of a batch to hand to the threads; the calling thread checks the rest itself meanwhile.
   * A thread checks a code in about two thirds of the time the caller spends on a code it checks and
   * looks up, three times what it spends on one it only looks up (docs/PERFORMANCE.md). Balanced:
   * 1.5n / (1 + n) of the codes for n threads, at most all.
   */
  share: number;
  /** Chunks of `codes` (CHUNK each), each promise resolving as its chunk is done. */
  check(codes: readonly string[], today: string): Promise<CheckedChunk>[];
  close(): Promise<void>;
  /** chunks handed to threads so far */
  chunks(): number;
};

/** Threads for large batches (platform/concurrency/worker-pool.ts); none on a single core. */
export function codePool(
  indexKey: () => Buffer,
  size = Math.min(4, availableParallelism() - 1),
): CodePool | undefined {
  if (size < 1) return undefined;
  const pool = workerPool<{ codes: string[]; today: string }, CheckedChunk>({
    url: new URL('./code-pool.worker.ts', import.meta.url),
    size,
    workerData: () => ({ indexKey: indexKey() }),
  });
  return {
    share: Math.min(1, (1.5 * size) / (1 + size)),
    check(codes, today) {
      const out: Promise<CheckedChunk>[] = [];
      for (const part of inChunks(codes, CHUNK)) out.push(pool.run({ codes: part, today }));
      return out;
    },
    chunks: () => pool.sent(),
    close: () => pool.close(),
  };
}
