/**
 * The worker pool (worker-pool.ts) and the thread lifecycle under it (lazy-worker.ts): chunks come
 * back with their own results, spread over the threads in turn; a thread that dies fails what is in
 * flight and the next chunk starts a new one; a closed pool fails what is left instead of leaving it
 * waiting, and refuses more.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workerPool } from './worker-pool.ts';

type Input = { numbers: number[]; exit?: boolean; holdMs?: number };
type Output = { doubled: number[]; thread: number };

const pool = (size: number) =>
  workerPool<Input, Output>({ url: new URL('./worker-pool.fixture.ts', import.meta.url), size });

describe('worker pool', () => {
  it('answers each chunk with its own result, the chunks spread over the threads in turn', async () => {
    const p = pool(2);
    try {
      const results = await Promise.all([1, 2, 3, 4, 5].map((n) => p.run({ numbers: [n, n + 10] })));
      assert.deepEqual(
        results.map((r) => r.doubled),
        [
          [2, 22],
          [4, 24],
          [6, 26],
          [8, 28],
          [10, 30],
        ],
      );
      const threads = results.map((r) => r.thread);
      assert.equal(new Set(threads).size, 2, 'both threads worked');
      assert.deepEqual(threads.slice(2), [threads[0], threads[1], threads[0]], 'in turn');
      assert.equal(p.sent(), 5);
    } finally {
      await p.close();
    }
  });

  it('a thread that dies fails the chunks in flight; the next chunk starts a new thread', async () => {
    const p = pool(1);
    try {
      await assert.rejects(p.run({ numbers: [], exit: true }), /exited/);
      assert.deepEqual((await p.run({ numbers: [21] })).doubled, [42]);
    } finally {
      await p.close();
    }
  });

  it('closing fails a chunk still in flight at once, and refuses more', async () => {
    const p = pool(1);
    // The thread holds this chunk: had closing waited for it, it would have been answered instead.
    const inFlight = p.run({ numbers: [1], holdMs: 2_000 });
    await p.close();
    await assert.rejects(inFlight, /closed/);
    await assert.rejects(p.run({ numbers: [1] }), /closed/);
  });
});
