/**
 * How the check recorder groups checks into commits (B33: a check is answered only once it is on
 * record). Decision 0014: where the write holds the answering thread, a group is written as soon as a
 * turn of the event loop reads no further check, instead of waiting out its delay while nothing
 * arrives; the delay still bounds how long checks that keep arriving are held.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { uuidv7 } from '../../platform/ids.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { verifyRows } from '../audit/row-digests.service.ts';
import { type CheckRecord, checkRecorder } from './check-recorder.service.ts';
import { checkHeaderRow } from './test-support.ts';

/** A recorded single-subject check with no hit (every column given, as the service writes it). */
const aCheck = (): CheckRecord => ({
  header: checkHeaderRow(uuidv7(), {
    results: JSON.stringify([[0, 'a'.repeat(64), 'none', null, [], [], []]]),
  }),
  parts: [],
  hits: [],
});

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describeEachEngine('check recorder: groups and when they are written', (getStore) => {
  it('decision 0014: checks queued in one turn are one group, written without waiting out the delay', {
    timeout: 5000,
  }, async () => {
    const recorder = checkRecorder(getStore(), { maxDelayMs: 60_000, flushWhenQuiet: true });
    const recorded = Array.from({ length: 10 }, () => recorder.record(aCheck()));
    let done = false;
    void Promise.all(recorded).then(() => {
      done = true;
    });
    // A few turns, far less than the minute of delay: the group is written once a turn brings nothing.
    for (let i = 0; i < 20 && !done; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(done, 'the checks were answered long before their delay was up');
    assert.deepEqual(
      { groups: recorder.stats().groups, checks: recorder.stats().checks },
      { groups: 1, checks: 10 },
    );
    await recorder.close();
  });

  it('decision 0014: checks that keep arriving turn after turn join the group being held', {
    timeout: 5000,
  }, async () => {
    const recorder = checkRecorder(getStore(), { maxDelayMs: 60_000, flushWhenQuiet: true });
    const recorded: Promise<void>[] = [];
    // One more check in each of the next three turns (this immediate runs before the recorder's look).
    let more = 3;
    const arrive = () => {
      recorded.push(recorder.record(aCheck()));
      if (--more > 0) setImmediate(arrive);
    };
    setImmediate(arrive);
    recorded.push(recorder.record(aCheck()));
    await recorded[0]; // resolves only when its group is written: after the third turn's arrival
    await Promise.all(recorded);
    assert.equal(recorded.length, 4);
    assert.deepEqual(
      { groups: recorder.stats().groups, checks: recorder.stats().checks },
      { groups: 1, checks: 4 },
    );
    await recorder.close();
  });

  it('without it, a lone check waits for its delay (the grouping PostgreSQL keeps by default)', async () => {
    const recorder = checkRecorder(getStore(), { maxDelayMs: 300, flushWhenQuiet: false });
    let done = false;
    const recorded = recorder.record(aCheck()).then(() => {
      done = true;
    });
    for (let i = 0; i < 5; i++) await turn();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(done, false, 'still held for others to join');
    await recorded;
    assert.equal(recorder.stats().groups, 1);
    await recorder.close();
  });

  it('every check written by either grouping is vouched for by the audit chain (decision 0012)', async () => {
    const problems = (await verifyRows(getStore())).problems;
    assert.deepEqual(problems, []);
    const count = await getStore()
      .db.selectFrom('checks')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 15);
  });

  it('issue 14 §6: a large check is written on its own, beside the groups: never in one transaction with another check', async () => {
    const recorder = checkRecorder(getStore(), { maxDelayMs: 60_000, flushWhenQuiet: true });
    const large = (): CheckRecord => ({
      header: checkHeaderRow(uuidv7(), {
        subject_count: 5000,
        none_count: 5000,
        results: JSON.stringify(
          Array.from({ length: 5000 }, (_, i) => [i, 'a'.repeat(64), 'none', null, [], [], []]),
        ),
      }),
      parts: [],
      hits: [],
    });
    // Two large checks and three single ones arriving in one turn: the singles are one group, and each
    // large check its own transaction (queued together, large checks had been one transaction).
    await Promise.all([
      recorder.record(large()),
      recorder.record(aCheck()),
      recorder.record(large()),
      recorder.record(aCheck()),
      recorder.record(aCheck()),
    ]);
    assert.deepEqual(
      { groups: recorder.stats().groups, checks: recorder.stats().checks },
      { groups: 3, checks: 5 },
    );
    // close waits for a large check still being written
    const last = recorder.record(large());
    await recorder.close();
    assert.equal(recorder.stats().groups, 4, 'written before close resolved');
    await last;
    assert.deepEqual((await verifyRows(getStore())).problems, []);
  });

  it('issue 14 §6: large checks open their transactions one at a time, so a group of single checks waits for one at most', async () => {
    // The store as the recorder sees it, but the first transaction asked for waits at a gate: how many
    // transactions are asked for meanwhile is what the test reads (turns of the loop, not time).
    const store = getStore();
    let asked = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const db = new Proxy(store.db, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver);
        return () => {
          const builder = target.transaction();
          return {
            async execute<T>(run: (trx: Parameters<Parameters<typeof builder.execute>[0]>[0]) => Promise<T>) {
              asked++;
              if (asked === 1) await gate;
              return builder.execute(run);
            },
          };
        };
      },
    });
    const recorder = checkRecorder({ ...store, db }, { maxDelayMs: 60_000, flushWhenQuiet: true });
    const large = (): CheckRecord => ({
      header: checkHeaderRow(uuidv7(), { subject_count: 2000, none_count: 2000, results: '[]' }),
      parts: [],
      hits: [],
    });
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    // Four large checks in one turn: the first one's transaction is held at the gate, and no other
    // large one asks for its own meanwhile.
    const all = [large(), large(), large(), large()].map((check) => recorder.record(check));
    await turns(50);
    assert.equal(asked, 1, 'one large check at a time');
    // A single check arriving meanwhile is written in its group at once, not behind three large ones.
    all.push(recorder.record(aCheck()));
    await turns(50);
    assert.equal(asked, 2, 'the group of the single check');
    open();
    await Promise.all(all);
    assert.equal(asked, 5);
    assert.deepEqual(
      { groups: recorder.stats().groups, checks: recorder.stats().checks },
      { groups: 5, checks: 5 },
    );
    await recorder.close();
    assert.deepEqual((await verifyRows(store)).problems, []);
  });
});
