import type { Kysely } from 'kysely';

/**
 * Issue 15 W8, B2: the platform collects information on persons of full civil capacity. A record
 * about a person of 16 or 17 on the identification date is accepted only where the provider states
 * the person lives mainly on the income of their own labour; `subject_ground` keeps that ground
 * ('B2') with the record, under its row digests. Null for every other record, and for every record
 * stored before (their row digests were recorded with the columns of their time).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('records').addColumn('subject_ground', 'text').execute();
}
