/**
 * A worker for the pool's tests: doubles numbers and says which thread did it; exits when asked to (a
 * thread that dies); holds its thread for `holdMs` when asked to (a chunk still in flight).
 */
import { threadId } from 'node:worker_threads';
import { servePool } from './worker-pool.ts';

servePool((input: { numbers: number[]; exit?: boolean; holdMs?: number }) => {
  if (input.exit) process.exit(3);
  if (input.holdMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, input.holdMs);
  return { doubled: input.numbers.map((n) => n * 2), thread: threadId };
});
