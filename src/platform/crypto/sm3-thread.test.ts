/**
 * The digest thread (decision 0013): the digests of the texts it is given, exactly as `sm3` computes
 * them here, whether hashed on the thread or inline, in any order of taking, and never lost with the
 * thread.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sm3 } from './sm3.ts';
import { digestThread, INLINE_DIGESTER } from './sm3-thread.ts';

const texts = (n: number, seed: string) =>
  Array.from({ length: n }, (_, i) =>
    `{"row":{"id":"${seed}-${i}","name":"淮安市清江浦区𠀀${i}"}}`.repeat(1 + (i % 7)),
  );

describe('digest thread (decision 0013)', () => {
  it('gives exactly the inline digests, for jobs taken in any order and one dropped', async () => {
    const digester = digestThread({ minChars: 1 });
    try {
      const a = texts(300, 'a');
      const b = texts(5, 'b');
      const c = [...texts(50, 'c'), '', 'x'.repeat(1_000_000)];
      const ja = digester.start(a);
      const jb = digester.start(b);
      const dropped = digester.start(texts(40, 'd'));
      const jc = digester.start(c);
      dropped.drop();
      assert.deepEqual(jc.take(), c.map(sm3));
      assert.deepEqual(jb.take(), b.map(sm3));
      assert.deepEqual(ja.take(), a.map(sm3));
      assert.deepEqual(digester.stats(), { offloaded: 4, fellBack: 0 }, 'every job hashed on the thread');
      assert.throws(() => ja.take(), /taken twice/);
      // The dropped job's reply, whenever it comes, is not handed to a later job.
      const e = texts(10, 'e');
      assert.deepEqual(digester.start(e).take(), e.map(sm3));
    } finally {
      await digester.close();
    }
  });

  it('issue 14 §6: ready() waits for a job through the event loop, so that take() then has its digests', async () => {
    const digester = digestThread({ minChars: 1 });
    try {
      const big = [...texts(20, 'r'), 'y'.repeat(2_000_000)];
      const job = digester.start(big);
      let turns = 0;
      let waiting = true;
      const tick = () => {
        turns++;
        if (waiting) setImmediate(tick);
      };
      setImmediate(tick);
      await job.ready();
      waiting = false;
      assert.ok(turns > 0, 'the loop turned while the thread hashed');
      assert.deepEqual(job.take(), big.map(sm3));
      // Inline jobs, and jobs already taken or dropped, are ready at once.
      await INLINE_DIGESTER.start(['a']).ready();
      const dropped = digester.start(texts(3, 'q'));
      dropped.drop();
      await dropped.ready();
    } finally {
      await digester.close();
    }
  });

  it('hashes small jobs inline: a message would cost more than the hashing', async () => {
    const digester = digestThread({ minChars: 4096 });
    try {
      const small = texts(3, 's');
      assert.ok(small.join('').length < 4096);
      assert.deepEqual(digester.start(small).take(), small.map(sm3));
      assert.equal(digester.stats().offloaded, 0);
      const large = texts(200, 'l');
      assert.deepEqual(digester.start(large).take(), large.map(sm3));
      assert.deepEqual(digester.stats(), { offloaded: 1, fellBack: 0 });
    } finally {
      await digester.close();
    }
  });

  it('a job outstanding when the thread goes is hashed inline, and so is every job after', async () => {
    const digester = digestThread({ minChars: 1 });
    const outstanding = texts(100, 'o');
    const job = digester.start(outstanding);
    await digester.close();
    assert.deepEqual(job.take(), outstanding.map(sm3));
    const later = texts(100, 'p');
    assert.deepEqual(digester.start(later).take(), later.map(sm3));
    assert.deepEqual(
      digester.stats(),
      { offloaded: 1, fellBack: 1 },
      'nothing was sent after the thread closed',
    );
  });

  it('a reply not back in time is hashed inline and the thread retired: a slow thread never holds a write', async () => {
    const digester = digestThread({ minChars: 1, giveUpMs: 5 });
    try {
      // About 40 MB: SM3 takes the thread far longer than 5 ms.
      const slow = ['x'.repeat(40_000_000)];
      assert.deepEqual(digester.start(slow).take(), slow.map(sm3));
      assert.deepEqual(digester.stats(), { offloaded: 1, fellBack: 1 });
      const after = texts(50, 'q');
      assert.deepEqual(digester.start(after).take(), after.map(sm3));
      assert.deepEqual(
        digester.stats(),
        { offloaded: 1, fellBack: 1 },
        'nothing more sent to a retired thread',
      );
    } finally {
      await digester.close();
    }
  });

  it('the inline digester hashes where it is asked', () => {
    const some = texts(4, 'i');
    assert.deepEqual(INLINE_DIGESTER.start(some).take(), some.map(sm3));
  });
});
