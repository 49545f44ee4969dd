import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';
import { createEvidenceTable } from './0024-objection-evidence.ts';

/**
 * Issue 16: a repair application's proof of performance as files (A18–A19, B31–B32; 国办发〔2025〕22号:
 * "documents are only proof of performance and the commitment"), append-only. The columns are
 * `objection_evidence`'s (0024) with the repair in place of the objection, so one implementation
 * serves both (procedures/procedure-evidence.*), and 0024's own function makes it; a table of its own
 * keeps the foreign keys real: a file belongs to a repair, and supersedes only another repair file.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  await createEvidenceTable(db, caps, 'repair_evidence', 'repair');
}
