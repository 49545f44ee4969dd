/** The SQL a credit check reads: subjects by blind index with their active list entries, in one statement. */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

/** One subject and one of its active entries (entry columns null when it has none). */
export type CheckedRow = {
  subject_id: string;
  kind: 'person' | 'organization';
  name: string;
  code_digest: string;
  entry_id: string | null;
  list_type: string | null;
  polarity: 'red' | 'black' | 'watch' | null;
  item_code: string | null;
  origin: 'listed' | 'associated' | null;
  relation_role: string | null;
  ground: string | null;
  severity: string | null;
  identified_on: string | null;
  valid_until: string | null;
  validity_ends_on: string | null;
  provider_department: string | null;
  procedure: 'objection' | 'repair_notice' | null;
};

/**
 * A check asks about one subject or thousands; each part is one statement (not a subject lookup then an
 * entries lookup): statements, not rows, are what a check at hundreds per second pays for. Expiry
 * (A12, B27) is the caller's rule, read from the dates returned.
 */
export async function subjectsWithActiveEntries(
  db: Kysely<Database>,
  digests: readonly string[],
): Promise<CheckedRow[]> {
  if (digests.length === 0) return [];
  return db
    .selectFrom('subjects as s')
    .leftJoin('list_entries as e', (join) =>
      join.onRef('e.subject_id', '=', 's.id').on('e.status', '=', 'active'),
    )
    .leftJoin('list_types as t', 't.code', 'e.list_type')
    .select([
      's.id as subject_id',
      's.kind',
      's.name',
      's.code_digest',
      'e.id as entry_id',
      'e.list_type',
      't.polarity',
      'e.item_code',
      'e.origin',
      'e.relation_role',
      'e.ground',
      'e.severity',
      'e.identified_on',
      'e.valid_until',
      'e.validity_ends_on',
      'e.provider_department',
      'e.procedure',
    ])
    .where('s.code_digest', 'in', digests)
    .execute();
}
