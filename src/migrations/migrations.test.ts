import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../testing/engines.ts';
import { knownMigrations, migrateToLatest } from './index.ts';

describeEachEngine('migrations', (getStore) => {
  it('creates every foundation table', async () => {
    const { db } = getStore();
    for (const table of [
      'regions',
      'departments',
      'subjects',
      'code_exceptions',
      'calendar_years',
      'policy_versions',
    ]) {
      const rows = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
      assert.equal(Number(rows.rows[0]?.n), 0, table);
    }
  });

  it('is idempotent: running again applies nothing', async () => {
    const result = await migrateToLatest(getStore());
    assert.deepEqual(result.applied, []);
  });

  it('records every known migration as applied', async () => {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      getStore().db,
    );
    assert.deepEqual(
      rows.rows.map((r) => r.name),
      knownMigrations(),
    );
  });

  it('stores JSON and instants the same way on both engines', async () => {
    const { db } = getStore();
    await db
      .insertInto('calendar_years')
      .values({
        year: 2099,
        source: 't',
        schedule: JSON.stringify({ a: [1, '二'] }),
        digest: 'x',
        imported_by: 'test',
        imported_at: '2026-11-26T06:00:00.000Z',
      })
      .execute();
    const row = await db
      .selectFrom('calendar_years')
      .selectAll()
      .where('year', '=', 2099)
      .executeTakeFirstOrThrow();
    const schedule = typeof row.schedule === 'string' ? JSON.parse(row.schedule) : row.schedule;
    assert.deepEqual(schedule, { a: [1, '二'] });
    assert.equal(row.imported_at, '2026-11-26T06:00:00.000Z');
  });
});
