/**
 * Statements compiled once and run with new parameters (cached-query.ts): the same rows as the
 * query built anew, on both engines, and a build whose values do not bind in the stated order is
 * refused rather than cached.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { executeCached } from './cached-query.ts';
import { describeEachEngine } from './test-engines.ts';

/** A table of this suite's own: the platform knows none of the application's. */
type Counters = { counters: { chain: string; seq: number; hash: string } };

describeEachEngine<Counters>(
  'executeCached',
  (getStore) => {
    const advance = (by: number) =>
      executeCached(
        getStore().db,
        'test.counters.advance',
        (db) =>
          db
            .updateTable('counters')
            .set((eb) => ({ seq: eb('seq', '+', by) }))
            .where('chain', '=', 'main')
            .returning(['seq']),
        [by, 'main'],
      );

    it('runs the statement compiled at the first call with each call’s parameters', async () => {
      const start = await getStore()
        .db.selectFrom('counters')
        .select('seq')
        .where('chain', '=', 'main')
        .executeTakeFirstOrThrow();
      const first = (await advance(3)).rows[0]!;
      const second = (await advance(4)).rows[0]!;
      assert.equal(Number(first.seq), Number(start.seq) + 3);
      assert.equal(Number(second.seq), Number(start.seq) + 7, 'the second call bound its own value');
      await advance(-7);
    });

    it('refuses parameters that are not the ones the query binds, in order', async () => {
      await assert.rejects(
        executeCached(
          getStore().db,
          'test.misordered',
          (db) => db.updateTable('counters').set({ hash: 'x' }).where('chain', '=', 'main'),
          ['main', 'x'],
        ),
        /binds \["x","main"\], not \["main","x"\]/,
      );
    });
  },
  {
    prepare: async (store) => {
      await store.db.schema
        .createTable('counters')
        .addColumn('chain', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await store.db.insertInto('counters').values({ chain: 'main', seq: 0, hash: '' }).execute();
    },
  },
);
