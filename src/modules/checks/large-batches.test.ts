/**
 * Issue 14 §6: large batches do not starve other callers. Eight concurrent checks of 10,000 subjects
 * held `/api/health` for about two seconds: a batch was evaluated, recorded and serialised in one
 * go. Now the event loop gets a turn between slices (the figures: bench:check's phase beside batches).
 * These tests hold the slicing itself, not times: how much work runs between two turns of the loop,
 * and that the answer is the same text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSealer } from '../../platform/crypto/sealing.ts';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { citizenId } from '../catalog/test-support.ts';
import { listsTestApp, setClock } from '../lists/test-support.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from '../policy/policy.loader.ts';
import { checkEvaluator, SLICE } from './check-evaluator.service.ts';
import type { CheckIndex } from './check-index.service.ts';
import { checkResponseJson } from './checks.routes.ts';

/** Turns of the event loop while `run` runs, each with `progress()` as it was at that turn. */
async function turnsDuring<T>(progress: () => number, run: () => Promise<T>) {
  const seen: number[] = [];
  let running = true;
  const tick = () => {
    seen.push(progress());
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await run();
  running = false;
  const readings = [0, ...seen, progress()];
  let most = 0;
  for (let i = 1; i < readings.length; i++) most = Math.max(most, readings[i]! - readings[i - 1]!);
  return { result, mostBetweenTurns: most };
}

describe('large batches give the event loop turns (issue 14 §6)', () => {
  it('issue 14 §6: evaluating 10,000 subjects gives the event loop a turn at least every 1,000 subjects', async () => {
    let lookedUp = 0;
    const index = {
      sync: async () => {},
      get: () => {
        lookedUp++;
        return undefined;
      },
    } as unknown as CheckIndex;
    const evaluator = checkEvaluator({
      sealer: createSealer({ dataKey: Buffer.alloc(32, 1), indexKey: Buffer.alloc(32, 2) }),
      policy: await loadPolicyFile(DEFAULT_POLICY_PATH),
      catalog: { list: async () => [] },
      listTypes: { byCode: async () => new Map() },
      measures: async () => [],
      checkWithExceptions: async () => [],
      now: () => Date.now(),
      index,
      // no threads: every subject is checked on this one, where the loop waits for it
    });
    const subjects = Array.from({ length: 10_000 }, (_, i) => ({
      code: citizenId('19800101', String(i % 1000).padStart(3, '0')),
    }));
    const { result, mostBetweenTurns } = await turnsDuring(
      () => lookedUp,
      () => evaluator.evaluate(subjects, 'public_resource_trading', 0, '2026-11-26'),
    );
    assert.equal(result.length, 10_000);
    assert.equal(lookedUp, 10_000);
    assert.ok(mostBetweenTurns <= SLICE, `${mostBetweenTurns} subjects evaluated between two turns`);
    // A single check is not sliced: it never waits for the loop.
    const one = await turnsDuring(
      () => lookedUp,
      () => evaluator.evaluate(subjects.slice(0, 1), 'public_resource_trading', 0, '2026-11-26'),
    );
    assert.equal(one.result.length, 1);
  });

  it('issue 14 §6: the answer of a large check is written a slice at a time, the same text as JSON.stringify', async () => {
    for (const count of [1, SLICE, SLICE + 1, 2 * SLICE + 500]) {
      const response = {
        checkId: 'c',
        checkedAt: '2026-11-26T00:00:00.000Z',
        scenario: 's',
        policyVersion: '1',
        summary: { total: count },
        results: Array.from({ length: count }, (_, i) => ({ index: i, code: `C${i}`, entries: [] })),
      };
      const pieces: string[] = [];
      let written = 0;
      const { mostBetweenTurns } = await turnsDuring(
        () => written,
        async () => {
          for await (const piece of checkResponseJson(response)) {
            pieces.push(piece);
            written += (piece.match(/"index"/g) ?? []).length;
          }
        },
      );
      assert.equal(pieces.join(''), JSON.stringify(response), `${count} results`);
      assert.ok(mostBetweenTurns <= SLICE, `${count}: ${mostBetweenTurns} results between two turns`);
    }
  });
});

describeEachEngine('a large check over HTTP (issue 14 §6)', (getStore) => {
  let t: TestApp;
  let session: Record<string, string>;
  before(async () => {
    setClock('2026-11-26T02:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 10, organizations: 10 });
    session = await signIn(t.app, 'demo.user');
  });
  after(() => t.close());

  it('issue 14 §6: a check of 2,500 subjects is answered whole (streamed in slices) and on record', async () => {
    const subjects = Array.from({ length: 2500 }, (_, i) => ({
      code: citizenId('19800101', String(i % 1000).padStart(3, '0')),
    }));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: session,
      payload: { scenario: 'public_resource_trading', purpose: '投标资格审查', subjects },
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = res.json();
    assert.equal(body.results.length, 2500);
    assert.deepEqual(
      body.results.map((r: { index: number }) => r.index),
      subjects.map((_, i) => i),
    );
    assert.equal(body.summary.total, 2500);
    const stored = await t.ctx.store.db
      .selectFrom('checks')
      .select(['subject_count'])
      .where('id', '=', body.checkId)
      .executeTakeFirst();
    assert.equal(Number(stored?.subject_count), 2500);
  });
});
