/**
 * Covering runs (covering-run.ts): a caller needs a run that began after its moment; callers of one
 * turn share one run, a run in flight that began after a caller's moment serves it, a failed run fails
 * its callers and the next call starts afresh. The check index relies on this (decision 0011).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveringRun } from './covering-run.ts';

describe('covering run', () => {
  it('the calls of one turn share one run', async () => {
    let runs = 0;
    const sync = coveringRun(async () => {
      runs++;
    });
    await Promise.all([sync(), sync(), sync()]);
    assert.equal(runs, 1);
  });

  it('a moment before the last run began needs no new run; a later one does', async () => {
    let now = 0;
    let runs = 0;
    const sync = coveringRun(
      async () => {
        runs++;
      },
      () => now,
    );
    now = 10;
    await sync(5);
    assert.equal(runs, 1);
    await sync(9);
    assert.equal(runs, 1, 'the run that began at 10 covers a moment at 9');
    now = 20;
    await sync(15);
    assert.equal(runs, 2);
  });

  it('a caller arriving while a run is in flight that began before it waits for a new run', async () => {
    let now = 0;
    const started: number[] = [];
    let release: (() => void) | undefined;
    const sync = coveringRun(
      () => {
        started.push(now);
        return started.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
      () => now,
    );
    now = 1;
    const first = sync(1);
    await new Promise((resolve) => setImmediate(resolve));
    now = 2;
    const second = sync(2);
    await new Promise((resolve) => setImmediate(resolve));
    release!();
    await Promise.all([first, second]);
    assert.deepEqual(started, [1, 2], 'the second caller needed a run that began after its moment');
  });

  it('a failed run fails its callers; the next call runs again', async () => {
    let fail = true;
    let runs = 0;
    const sync = coveringRun(async () => {
      runs++;
      if (fail) throw new Error('database gone');
    });
    await assert.rejects(Promise.all([sync(), sync()]), /database gone/);
    fail = false;
    await sync();
    assert.equal(runs, 2);
  });
});
