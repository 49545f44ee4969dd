import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';
import { backfillCheckDigests0012 } from './0012-check-digests.audit.ts';

/**
 * Checks under row digests (decision 0012): the answer of a check recorded in one part moves into its
 * header row (`checks.results`), and the check tables join the audited tables. Check rows already
 * stored were vouched for by one `checks.run` entry each; their digests are recorded here, as they
 * stand, so `audit verify` covers them from now on. The audit code it runs is the migration's own
 * frozen copy (0012-check-digests.audit.ts), not the live audit module's.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  await db.schema.alterTable('checks').addColumn('results', caps.jsonType).execute();
  await backfillCheckDigests0012(db);
}
