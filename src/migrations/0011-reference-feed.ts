import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Reference data on the check change feed (decision 0011): a change to the measures catalog (A13, A14,
 * D §5), to list types or to catalog items writes a `reference` row, so every process drops its cached
 * copies at its next check instead of serving the old measures until restart (or for up to a minute).
 */
const TABLES = ['measures', 'measure_versions', 'list_types', 'catalog_items', 'catalog_item_versions'];

export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  if (!caps.concurrentWriters) {
    for (const table of TABLES) {
      for (const event of ['insert', 'update']) {
        await sql
          .raw(
            `create trigger ${table}_${event}_feed after ${event} on ${table} for each row
             begin insert into check_feed (subject_id, topic) values (null, 'reference'); end`,
          )
          .execute(db);
      }
    }
    return;
  }
  await sql`create function check_feed_reference() returns trigger language plpgsql as $$
    begin
      insert into check_feed (seq, subject_id, topic) values (check_feed_seq(), null, 'reference');
      return null;
    end $$`.execute(db);
  for (const table of TABLES) {
    await sql
      .raw(
        `create constraint trigger ${table}_feed after insert or update on ${table}
         deferrable initially deferred for each row execute function check_feed_reference()`,
      )
      .execute(db);
  }
}
