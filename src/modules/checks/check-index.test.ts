/**
 * The in-memory check index stays coherent with the database (decision 0011): a check never answers
 * from a state older than the last commit before it arrived — this process's commits or another's —
 * and a missed or pruned feed makes it reload rather than guess. Without this, a subject black-listed
 * a moment ago by another server or by `xinyong import` would pass a check (A4, B19, C §5(2)).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrateToLatest } from '../../migrations/index.ts';
import { createSealer } from '../../platform/crypto/sealing.ts';
import { openStore } from '../../platform/db/database.ts';
import { openSqlite } from '../../platform/db/sqlite.ts';
import type { TestApp } from '../../testing/app.ts';
import { type AppContext, createAppContext } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import type { Actor } from '../access/actor.ts';
import { ORGANIZATION_CODE } from '../catalog/test-support.ts';
import type { Store } from '../database.ts';
import {
  blackOrg,
  clock,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  redOrg,
  setClock,
  systemOf,
} from '../lists/test-support.ts';
import { subjectsRepository } from '../subjects/subjects.repository.ts';
import { checkIndex } from './check-index.service.ts';

const checker: Actor = {
  kind: 'system',
  apiKeyId: 'test-check-index',
  departmentCode: 'HA-CZJ',
  regionCode: null,
  permissions: ['checks.run'],
};

describeEachEngine('check index: coherent with every writer (decision 0011)', (getStore) => {
  let t: TestApp;
  /** a second connection and context on the same database: another server process, or the CLI */
  let otherStore: Store;
  let other: AppContext;
  let companies: DemoSubject[];

  const decision = async (s: DemoSubject, ctx: AppContext = t.ctx) =>
    (
      await ctx.checks.run({
        actor: checker,
        scenario: 'public_resource_trading',
        purpose: '投标资格审查',
        subjects: [{ code: s.code, name: s.name }],
      })
    ).results[0]!.decision;

  const pushVia = (ctx: AppContext, department: string, rows: unknown[]) =>
    ctx.intake.submit({
      actor: systemOf(department),
      providerDepartment: department,
      channel: 'api',
      mode: 'all_or_nothing',
      rows,
    });

  before(async () => {
    setClock('2026-11-26T02:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 10, organizations: 30 });
    companies = await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise');
    otherStore = openStore(getStore().url);
    other = await createAppContext(t.ctx.config, {
      store: otherStore,
      now: () => new Date(clock.now).toISOString(),
      policy: t.ctx.policy,
    });
  });
  after(async () => {
    await otherStore.close();
    await t.close();
  });

  it('a black entry committed in this process counts for the very next check (A14)', async () => {
    const co = companies[0]!;
    assert.equal(await decision(co), 'none');
    const result = await pushVia(t.ctx, 'HA-GSJ', [blackOrg('IDX-1', co)]);
    assert.equal(result.summary.created, 1, JSON.stringify(result));
    assert.equal(await decision(co), 'block');
  });

  it('a black entry committed by another connection (another server, the CLI) counts for the next check', async () => {
    const co = companies[1]!;
    assert.equal(await decision(co), 'none');
    const before = t.ctx.checks.stats().index;
    await pushVia(other, 'HA-GSJ', [blackOrg('IDX-2', co)]);
    assert.equal(await decision(co), 'block', 'seen by this process without any signal but the database');
    const afterStats = t.ctx.checks.stats().index;
    assert.equal(
      afterStats.fullLoads,
      before.fullLoads,
      'applied from the feed, not by reloading everything',
    );
    assert.ok(afterStats.incrementalSyncs > before.incrementalSyncs);
  });

  it('A4 across connections: a red entry removed by another connection’s black entry stops counting', async () => {
    const co = companies[2]!;
    await pushVia(t.ctx, 'HA-FGW', [redOrg('IDX-R3', co)]);
    assert.equal(await decision(co), 'favor');
    await pushVia(other, 'HA-GSJ', [blackOrg('IDX-3', co)]);
    const result = await t.ctx.checks.run({
      actor: checker,
      scenario: 'public_resource_trading',
      purpose: '投标资格审查',
      subjects: [{ code: co.code }],
    });
    assert.equal(result.results[0]!.decision, 'block');
    assert.deepEqual(
      result.results[0]!.entries.map((e) => e.listType),
      ['black'],
      'the removed red entry is gone (A4)',
    );
  });

  it('a procedure set on an entry by another connection is reported (A15, A19)', async () => {
    const co = companies[1]!;
    await otherStore.db
      .updateTable('list_entries')
      .set({ procedure: 'objection' })
      .where('subject_id', '=', co.id)
      .where('status', '=', 'active')
      .execute();
    const result = await t.ctx.checks.run({
      actor: checker,
      scenario: 'public_resource_trading',
      purpose: '投标资格审查',
      subjects: [{ code: co.code }],
    });
    assert.equal(result.results[0]!.entries[0]!.procedure, 'objection');
  });

  it('a subject registered by another connection is known (registered, kind, name) at once', async () => {
    const code = ORGANIZATION_CODE;
    const check = (ctx: AppContext) =>
      ctx.checks.run({
        actor: checker,
        scenario: 'public_resource_trading',
        purpose: '投标资格审查',
        subjects: [{ code, name: '淮安市新登记商贸有限公司' }],
      });
    const unknown = (await check(t.ctx)).results[0]!;
    if (unknown.error) assert.fail(`test code invalid: ${JSON.stringify(unknown.error)}`);
    assert.equal(unknown.registered, false);
    await pushVia(other, 'HA-GSJ', [blackOrg('IDX-NEW', { code, name: '淮安市新登记商贸有限公司' })]);
    const known = (await check(t.ctx)).results[0]!;
    assert.equal(known.registered, true);
    assert.equal(known.subjectKind, 'organization');
    assert.equal(known.decision, 'block');
    assert.deepEqual(known.warnings, []);
  });

  it('a write that rolls back changes nothing', async () => {
    const co = companies[4]!;
    assert.equal(await decision(co), 'none');
    await assert.rejects(
      otherStore.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('list_entries')
          .set({ subject_id: co.id })
          .where('subject_id', '=', companies[0]!.id)
          .execute();
        throw new Error('rolled back on purpose');
      }),
      /rolled back on purpose/,
    );
    assert.equal(await decision(co), 'none');
    assert.equal(await decision(companies[0]!), 'block');
  });

  it('a feed pruned past what the index applied makes it reload everything, and stay right', async () => {
    const co = companies[5]!;
    const before = t.ctx.checks.stats().index;
    await pushVia(other, 'HA-GSJ', [blackOrg('IDX-6', co)]);
    // prune everything, including the change this index has not applied yet
    await other.checks.pruneFeed('9999-12-31T00:00:00.000Z');
    assert.equal(await decision(co), 'block');
    assert.equal(t.ctx.checks.stats().index.fullLoads, before.fullLoads + 1);
    // and the next changes are applied from the feed again
    await pushVia(other, 'HA-GSJ', [blackOrg('IDX-7', companies[6]!)]);
    assert.equal(await decision(companies[6]!), 'block');
    assert.equal(t.ctx.checks.stats().index.fullLoads, before.fullLoads + 1);
  });

  it('a measure retired by another connection no longer applies at the next check (A14, versioned catalog)', async () => {
    const co = companies[0]!; // black-listed in the first test
    const measuresOf = async (scenario: string) =>
      (
        await t.ctx.checks.run({
          actor: checker,
          scenario,
          purpose: '投标资格审查',
          subjects: [{ code: co.code }],
        })
      ).results[0]!.measures.map((m) => m.code);
    const trading = await measuresOf('public_resource_trading');
    const before = await measuresOf('fiscal_funds');
    // one that later tests (public resource trading) do not rely on
    const retired = before.find((code) => !trading.includes(code))!;
    assert.ok(retired, `a fiscal-funds measure outside public resource trading: ${before}`);
    await other.measures.retire(retired, {
      actor: {
        kind: 'system',
        apiKeyId: 'test',
        departmentCode: 'HA-XYB',
        regionCode: null,
        permissions: [],
      },
      reason: '政策调整（测试）',
    });
    const afterRetiring = await measuresOf('fiscal_funds');
    assert.deepEqual(
      afterRetiring,
      before.filter((code) => code !== retired),
      `${retired}, retired by another process, is gone`,
    );
  });

  it('SQLite: checks with nothing else committed read no feed head; any other commit makes the next one read it', async () => {
    const co = companies[8]!;
    await decision(co);
    await t.ctx.checks.flush();
    await decision(co); // the recorder's commit above is applied as feed-free
    const before = t.ctx.checks.stats().index;
    for (let i = 0; i < 5; i++) await decision(co);
    const quiet = t.ctx.checks.stats().index;
    if (t.ctx.store.changeCounter) {
      assert.equal(quiet.headReads, before.headReads, 'the commit counter shows only the recorder’s commits');
    } else {
      assert.equal(quiet.headReads, before.headReads + 5, 'PostgreSQL reads the head for every check');
    }
    // A commit elsewhere that writes no feed row still makes the next check look. (A new value: an
    // update to the same value writes no page, so SQLite commits nothing.)
    const touched = await otherStore.db
      .updateTable('departments')
      .set({ updated_at: new Date(clock.now + 1234).toISOString() })
      .executeTakeFirst();
    assert.ok(Number(touched.numUpdatedRows) > 0);
    await decision(co);
    assert.equal(t.ctx.checks.stats().index.headReads, quiet.headReads + 1);
  });

  it('concurrent checks share one catch-up and all see the change', async () => {
    const co = companies[7]!;
    await pushVia(other, 'HA-GSJ', [blackOrg('IDX-8', co)]);
    const decisions = await Promise.all(Array.from({ length: 20 }, () => decision(co)));
    assert.deepEqual(new Set(decisions), new Set(['block']));
  });

  it('feed numbers follow commit order, even when transactions commit in the reverse order they began', async () => {
    // Two writers: the first to begin commits last. A reader that had applied the second's number must
    // still find the first's change after it — so the first's number must be the higher one.
    const [a, b] = [companies[8]!, companies[9]!];
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => {
      releaseA = resolve;
    });
    let aWrote!: () => void;
    const aHasWritten = new Promise<void>((resolve) => {
      aWrote = resolve;
    });
    const touch = (db: Store['db'], id: string) =>
      db
        .updateTable('subjects')
        .set({ updated_at: new Date(clock.now).toISOString() })
        .where('id', '=', id)
        .execute();
    const first = otherStore.db.transaction().execute(async (trx) => {
      await touch(trx, a.id);
      aWrote();
      await aMayCommit;
    });
    await aHasWritten;
    if (getStore().capabilities.concurrentWriters) {
      await t.ctx.store.db.transaction().execute(async (trx) => {
        await touch(trx, b.id);
      });
    }
    releaseA();
    await first;
    if (!getStore().capabilities.concurrentWriters) {
      // SQLite: one writer at a time, so B begins after A commits
      await touch(t.ctx.store.db, b.id);
    }
    const rows = await t.ctx.store.db
      .selectFrom('check_feed')
      .select(['seq', 'subject_id'])
      .where('subject_id', 'in', [a.id, b.id])
      .orderBy('seq', 'desc')
      .execute();
    const last = (id: string) => Number(rows.find((r) => r.subject_id === id)!.seq);
    if (getStore().capabilities.concurrentWriters) assert.ok(last(a.id) > last(b.id), JSON.stringify(rows));
    else assert.ok(last(b.id) > last(a.id), JSON.stringify(rows));
  });
});

describe('check index on an SQLite database in memory (no watcher connection)', () => {
  it('reads the feed head through the store itself and still sees a subject registered after loading', async () => {
    const store = openSqlite(':memory:');
    try {
      await migrateToLatest(store);
      assert.equal(store.changeCounter, undefined, 'an in-memory database has no shared-memory file');
      const sealer = createSealer({ dataKey: Buffer.alloc(32, 7), indexKey: Buffer.alloc(32, 8) });
      const index = checkIndex(store);
      await index.sync();
      assert.equal(index.stats().subjects, 0);
      const code = '11010519491231002X';
      await subjectsRepository(store, sealer).ensure(
        [
          {
            kind: 'person',
            code,
            codeKind: 'citizen_id',
            name: '王芳',
            regionCode: '110105',
            attributes: { gender: 'female', birthDate: '1949-12-31' },
          },
        ],
        '2026-11-26T08:00:00.000Z',
        { actorId: null, actorRole: 'test', policyId: 'huaian-2018', policyVersion: '1.0.0' },
      );
      await index.sync();
      assert.equal(index.get(sealer.blindIndex(code))?.name, '王芳');
      assert.equal(index.stats().incrementalSyncs, 1, 'from the feed, not a reload');
    } finally {
      await store.close();
    }
  });
});
