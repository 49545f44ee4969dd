import type { Kysely } from 'kysely';

/**
 * Issue 15 W3 (A20, B33; review): a record can be withdrawn (撤销) — as when a court annuls the
 * decision behind it, or an objection finds the record should never have been made. A withdrawal is
 * the record's next version, `withdrawn` = 1, resting on that decision like every weakening; it ends
 * the record (currency `withdrawn`, A20), its list entry and its B26 records, and takes no further
 * version. Records stored before carry null (never withdrawn); their row digests were recorded with the
 * columns of their time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('records').addColumn('withdrawn', 'integer').execute();
}
