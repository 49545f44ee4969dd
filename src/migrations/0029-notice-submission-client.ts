import type { Kysely } from 'kysely';

/**
 * Issue 17 review: the public's objections to a repair notice are limited per client address (a
 * few per repair), so one sender cannot fill a notice's cap. The address itself is personal data and
 * is not kept: `client_digest` is a keyed digest of it (an HMAC under a key derived for this use), so
 * equal addresses compare equal and nothing else can be read from it. Rows stored before carry null;
 * their row digests were recorded with the columns of their time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('repair_notice_submissions').addColumn('client_digest', 'text').execute();
}
