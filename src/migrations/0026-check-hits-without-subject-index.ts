import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Drops `check_hits_subject_day_idx` (created by 0021 for the departments an adopted repair tells):
 * every hit a check records paid for it in a random-order B-tree insert, and the batch benchmark fell by
 * a third. An adoption is a clerk's rare act; it finds the departments that checked the subject
 * recently through the (department, day) index instead (procedures/repairs.repository.ts).
 */
export async function up(db: Kysely<unknown>, _caps: Capabilities): Promise<void> {
  await sql`drop index if exists check_hits_subject_day_idx`.execute(db);
}
