import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 14 §1 and §4: who bound each account to a subject, and where sign-in failures came from.
 *
 * - `account_bindings`: one row per subject account, written with the account: how it was bound
 *   (`self_registration` with the verifier's reference, `center` with the stated purpose, `subject`
 *   when the subject added it, `operator` at the command line), by whom, when. The subject reads its
 *   own (`GET /api/v1/me/accounts`). A subject has at most one self-registered account (partial
 *   unique index). Subject accounts stored before are recorded as `before_record`, bound when created.
 * - `login_attempts.source`: the client address of an attempt; lockout keys on login and source, so a
 *   stranger elsewhere cannot lock a known login. Attempts stored before have no source and no longer
 *   count (they are at most a lock period old when it matters).
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType } = caps;

  await db.schema.alterTable('login_attempts').addColumn('source', 'text').execute();
  await db.schema
    .createIndex('login_attempts_login_source_at_idx')
    .on('login_attempts')
    .columns(['login', 'source', 'at'])
    .execute();

  await db.schema
    .createTable('account_bindings')
    .addColumn('account_id', uuidType, (c) => c.primaryKey().references('accounts.id'))
    .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('verifier', 'text')
    .addColumn('reference', 'text')
    .addColumn('purpose', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_department', 'text')
    .addColumn('request_id', 'text')
    .addColumn('bound_at', timestampType, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('account_bindings_subject_idx')
    .on('account_bindings')
    .columns(['subject_id', 'bound_at'])
    .execute();
  await sql`create unique index account_bindings_one_self_registration
    on account_bindings (subject_id) where via = 'self_registration'`.execute(db);

  await sql`insert into account_bindings (account_id, subject_id, via, actor_role, bound_at)
    select id, subject_id, 'before_record', 'unknown', created_at from accounts
    where subject_id is not null`.execute(db);
}
