import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 16: evidence files of an objection (A15, B28; decision 0033), append-only.
 *
 * `objection_evidence`: one row per file, written once: the objection, the name as normalised, the
 * type read from the bytes (pdf, jpeg, png, ofd) and its media type, the size, the SM3 of the bytes
 * and the bytes themselves (`bytea` / `blob`), the evidence it supersedes with a note, who added it
 * (the subject, or the center at a window with a stated purpose) and when. Under row digests, the
 * bytes covered by their SM3, so an edited file is named by `audit verify`.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  await createEvidenceTable(db, caps, 'objection_evidence', 'objection');
}

/**
 * An evidence table of a procedure (`objection` here, `repair` in 0025): the columns above, the one
 * naming the procedure `<procedure>_id` referencing `<procedure>s.id`, its index, and a file superseded
 * once. Frozen: the tables 0024 and 0025 made are what this writes, so it is never to change.
 */
export async function createEvidenceTable(
  db: Kysely<unknown>,
  caps: Capabilities,
  table: string,
  procedure: string,
): Promise<void> {
  const { uuidType, timestampType, blobType } = caps;
  await db.schema
    .createTable(table)
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn(`${procedure}_id`, uuidType, (c) => c.notNull().references(`${procedure}s.id`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sm3', 'text', (c) => c.notNull())
    .addColumn('content', blobType, (c) => c.notNull())
    .addColumn('supersedes', uuidType, (c) => c.references(`${table}.id`))
    .addColumn('note', 'text')
    .addColumn('added_via', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_role', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('added_at', timestampType, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex(`${table}_${procedure}_idx`)
    .on(table)
    .columns([`${procedure}_id`, 'added_at'])
    .execute();
  // a file is superseded once: two replacements of one file racing leave one
  await db.schema.createIndex(`${table}_supersedes_idx`).on(table).column('supersedes').unique().execute();
}
