/**
 * Group commit (group-commit.ts): items close together are written as one group, each caller answered
 * once its group is written; a failed write fails exactly its group's callers. The check recorder's
 * own tests (checks/check-recorder.test.ts) cover the same rules on both engines.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupCommit } from './group-commit.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function recording(options: { maxDelayMs?: number; maxGroup?: number; flushWhenQuiet?: boolean } = {}) {
  const groups: number[][] = [];
  let failNext = false;
  const commits = groupCommit<number>({
    maxDelayMs: options.maxDelayMs ?? 60_000,
    maxGroup: options.maxGroup ?? 100,
    flushWhenQuiet: options.flushWhenQuiet ?? true,
    async write(group) {
      await turn();
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      groups.push(group);
    },
  });
  return { commits, groups, failNextWrite: () => (failNext = true) };
}

describe('group commit', () => {
  // The delay is a minute: a group written in time was written by the quiet rule.
  it('writes the items of one turn as one group once a turn brings nothing more, not after the delay', {
    timeout: 1000,
  }, async () => {
    const { commits, groups } = recording();
    await Promise.all([commits.add(1), commits.add(2), commits.add(3)]);
    assert.deepEqual(groups, [[1, 2, 3]]);
  });

  it('holds the group while items keep arriving turn after turn', { timeout: 1000 }, async () => {
    const { commits, groups } = recording();
    const added: Promise<void>[] = [];
    let more = 3;
    const arrive = () => {
      added.push(commits.add(10 + more));
      if (--more > 0) setImmediate(arrive);
    };
    // Scheduled before the first item, so each arrival runs before the group's look in its turn.
    setImmediate(arrive);
    added.push(commits.add(1));
    await added[added.length - 1]; // answered only when its group is written: after the third arrival
    await Promise.all(added);
    assert.equal(added.length, 4);
    assert.deepEqual(groups, [[1, 13, 12, 11]], 'one group, in order of arrival');
  });

  it('without the quiet rule, a lone item waits for its delay', async () => {
    const { commits, groups } = recording({ maxDelayMs: 200, flushWhenQuiet: false });
    let done = false;
    const added = commits.add(1).then(() => {
      done = true;
    });
    for (let i = 0; i < 5; i++) await turn();
    assert.equal(done, false);
    await added;
    assert.deepEqual(groups, [[1]]);
  });

  it('a full queue is written at once; groups never exceed the limit', async () => {
    const { commits, groups } = recording({ maxGroup: 2, flushWhenQuiet: false });
    await Promise.all([commits.add(1), commits.add(2), commits.add(3)]);
    assert.deepEqual(groups, [[1, 2], [3]]);
  });

  it('a failed write rejects the callers of its group only; the next group is written', async () => {
    const { commits, groups, failNextWrite } = recording();
    failNextWrite();
    const first = [commits.add(1), commits.add(2)];
    const settled = await Promise.allSettled(first);
    assert.deepEqual(
      settled.map((s) => s.status),
      ['rejected', 'rejected'],
    );
    await commits.add(3);
    assert.deepEqual(groups, [[3]]);
  });

  it('flush writes whatever is queued', async () => {
    const { commits, groups } = recording({ flushWhenQuiet: false });
    const added = commits.add(7);
    await commits.flush();
    await added;
    assert.deepEqual(groups, [[7]]);
  });
});
