import type { Kysely } from 'kysely';
import { backfillCheckDigests } from '../modules/checks/check-recorder.ts';
import type { Database } from '../modules/database.ts';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Checks under row digests (decision 0012): the answer of a check recorded in one part moves into its
 * header row (`checks.results`), and the check tables join the audited tables. Check rows already
 * stored were vouched for by one `checks.run` entry each; their digests are recorded here, as they
 * stand, so `audit verify` covers them from now on.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  await db.schema.alterTable('checks').addColumn('results', caps.jsonType).execute();
  await backfillCheckDigests(db as unknown as Kysely<Database>);
}
