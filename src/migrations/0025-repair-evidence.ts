import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 16: a repair application's proof of performance as files (A18–A19, B31–B32; 国办发〔2025〕22号:
 * "documents are only proof of performance and the commitment"), append-only. The columns are
 * `objection_evidence`'s (0024) with the repair in place of the objection, so one implementation
 * serves both (procedures/procedure-evidence.*); a table of its own keeps the foreign keys real: a
 * file belongs to a repair, and supersedes only another file of repairs.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, blobType } = caps;
  await db.schema
    .createTable('repair_evidence')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('repair_id', uuidType, (c) => c.notNull().references('repairs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sm3', 'text', (c) => c.notNull())
    .addColumn('content', blobType, (c) => c.notNull())
    .addColumn('supersedes', uuidType, (c) => c.references('repair_evidence.id'))
    .addColumn('note', 'text')
    .addColumn('added_via', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_role', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('added_at', timestampType, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('repair_evidence_repair_idx')
    .on('repair_evidence')
    .columns(['repair_id', 'added_at'])
    .execute();
  // a file is superseded once: two replacements of one file racing leave one
  await db.schema
    .createIndex('repair_evidence_supersedes_idx')
    .on('repair_evidence')
    .column('supersedes')
    .unique()
    .execute();
}
