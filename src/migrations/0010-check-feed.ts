import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * The change feed that keeps every process's in-memory check index coherent (decision 0011): one row
 * per change of a subject or of a list entry, written by triggers — so no writer, present or future,
 * can forget it — and numbered in commit order, so a reader that has applied everything up to `seq`
 * knows exactly what it has not seen.
 *
 * - SQLite has one writer at a time: an AUTOINCREMENT key is commit order.
 * - PostgreSQL commits concurrently, and sequence values are taken before commit, so they are not in
 *   commit order. The triggers are deferred constraint triggers: they run at commit, and the first of a
 *   transaction takes the next number from `check_feed_head` (a row lock held only for the commit);
 *   every row of that transaction shares it. Numbers are therefore in commit order and without gaps.
 *
 * Trigger bodies are engine SQL (plpgsql has no SQLite counterpart), hence the branch on the engine.
 * Old rows are pruned by age; a reader that finds its place pruned reloads everything.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  if (!caps.concurrentWriters) {
    await sql`create table check_feed (
      seq integer primary key autoincrement,
      subject_id text,
      topic text not null,
      at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )`.execute(db);
    await sql`create index check_feed_at_idx on check_feed (at)`.execute(db);
    for (const [table, events] of [
      ['subjects', 'insert'],
      ['subjects', 'update'],
      ['list_entries', 'insert'],
      ['list_entries', 'update'],
    ] as const) {
      const column = table === 'subjects' ? 'id' : 'subject_id';
      await sql
        .raw(
          `create trigger ${table}_${events}_feed after ${events} on ${table} for each row
           begin insert into check_feed (subject_id, topic) values (new.${column}, 'subject'); end`,
        )
        .execute(db);
    }
    // A deleted row cannot say what the index held for it: readers reload everything.
    for (const table of ['subjects', 'list_entries']) {
      await sql
        .raw(
          `create trigger ${table}_delete_feed after delete on ${table} for each row
           begin insert into check_feed (subject_id, topic) values (null, 'reload'); end`,
        )
        .execute(db);
    }
    return;
  }

  await sql`create table check_feed (
    seq bigint not null,
    subject_id uuid,
    topic text not null,
    at timestamptz not null default now()
  )`.execute(db);
  await sql`create index check_feed_seq_idx on check_feed (seq)`.execute(db);
  await sql`create index check_feed_at_idx on check_feed (at)`.execute(db);
  await sql`create table check_feed_head (id integer primary key, seq bigint not null)`.execute(db);
  await sql`insert into check_feed_head (id, seq) values (1, 0)`.execute(db);
  await sql`create function check_feed_seq() returns bigint language plpgsql as $$
    declare s text := current_setting('xinyong.check_feed_seq', true);
    declare n bigint;
    begin
      -- one number per transaction (the setting is transaction-local), taken at commit (deferred
      -- triggers), so numbers follow commit order
      if s is not null and s <> '' then
        return s::bigint;
      end if;
      update check_feed_head set seq = seq + 1 where id = 1 returning seq into n;
      perform set_config('xinyong.check_feed_seq', n::text, true);
      return n;
    end $$`.execute(db);
  await sql`create function check_feed_subject() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        insert into check_feed (seq, subject_id, topic) values (check_feed_seq(), null, 'reload');
      elsif tg_table_name = 'subjects' then
        insert into check_feed (seq, subject_id, topic) values (check_feed_seq(), new.id, 'subject');
      else
        insert into check_feed (seq, subject_id, topic) values (check_feed_seq(), new.subject_id, 'subject');
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ['subjects', 'list_entries']) {
    await sql
      .raw(
        `create constraint trigger ${table}_feed after insert or update or delete on ${table}
         deferrable initially deferred for each row execute function check_feed_subject()`,
      )
      .execute(db);
  }
}
