import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextTurn, waitingTurns } from './loop-turns.ts';

describe('turns of the event loop shared by long work (issue 14 §6)', () => {
  it('issue 14 §6: resumes one waiting slice per turn of the loop, in the order they asked', async () => {
    const order: string[] = [];
    const waits = ['a', 'b', 'c'].map((name) => nextTurn().then(() => order.push(name)));
    assert.equal(waitingTurns(), 3);
    // A callback of each turn, queued after the first release: it runs after that turn's slice.
    let turn = 0;
    const marker = () => {
      order.push(`turn ${++turn}`);
      if (turn < 3) setImmediate(marker);
    };
    setImmediate(marker);
    await Promise.all(waits);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, ['a', 'turn 1', 'b', 'turn 2', 'c', 'turn 3']);
    assert.equal(waitingTurns(), 0);
  });
});
