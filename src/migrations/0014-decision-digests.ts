import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';
import { backfillDecisionDigests0014 } from './0014-decision-digests.audit.ts';

/**
 * The tables that decide an outcome or grant access join the audited tables (issue 14 §3, decision
 * 0022): accounts, sessions, API keys, consents, list types, list entries and their events, subject
 * relations, notifications, catalog items and measures with their versions, policy versions, code
 * exceptions and calendar years. Their rows already stored had no digest; they are recorded here, as
 * they stand, so `audit verify` covers them from now on (and every later write records its rows). The
 * audit code it runs is the migration's own frozen copy (0014-decision-digests.audit.ts).
 */
export async function up(db: Kysely<unknown>, _caps: Capabilities): Promise<void> {
  await backfillDecisionDigests0014(db);
}
