/**
 * The worker pool (worker-pool.ts) and the thread lifecycle under it (lazy-worker.ts): chunks come
 * back in the order asked for whatever the thread, a thread that dies fails what is in flight and the
 * next chunk starts a new one, and a closed pool fails what is left instead of leaving it waiting.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workerPool } from './worker-pool.ts';

const pool = (size: number) =>
  workerPool<{ numbers: number[]; exit?: boolean }, number[]>({
    url: new URL('./worker-pool.fixture.ts', import.meta.url),
    size,
  });

describe('worker pool', () => {
  it('answers each chunk with its own result, spread over the threads', async () => {
    const p = pool(2);
    try {
      const results = await Promise.all([1, 2, 3, 4, 5].map((n) => p.run({ numbers: [n, n + 10] })));
      assert.deepEqual(results, [
        [2, 22],
        [4, 24],
        [6, 26],
        [8, 28],
        [10, 30],
      ]);
      assert.equal(p.sent(), 5);
    } finally {
      await p.close();
    }
  });

  it('a thread that dies fails the chunks in flight; the next chunk starts a new thread', async () => {
    const p = pool(1);
    try {
      const dying = p.run({ numbers: [], exit: true });
      await assert.rejects(dying, /exited/);
      assert.deepEqual(await p.run({ numbers: [21] }), [42]);
    } finally {
      await p.close();
    }
  });

  it('closing fails what is still in flight and refuses more', async () => {
    const p = pool(1);
    const inFlight = p.run({ numbers: Array.from({ length: 1000 }, (_, i) => i) });
    await p.close();
    const settled = await Promise.allSettled([inFlight]);
    assert.ok(settled[0]!.status === 'rejected' || settled[0]!.value.length === 1000);
    await assert.rejects(p.run({ numbers: [1] }), /closed/);
  });
});
