import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 16: the subject's inbox (decision 0032). "The subject is told the outcome with reasons, in
 * their inbox and by the API": a notice addressed to an information subject (a person or an
 * organization), written in the transaction of the procedure's step that causes it (an objection
 * filed, verification asked, decided, corrected, appealed, the appeal decided; a repair's steps).
 *
 * A table of its own, not a column on `notifications`: a department's notices pass an outbox to their
 * channels and are read by department staff; a subject's are read only by the subject's own accounts,
 * so no query of the one inbox can ever return a row of the other.
 *
 * - `subject_id`: the recipient; every account bound to the subject reads them (an organization's
 *   agents alike), including an account registered after the notice was written.
 * - `kind`, `article`: what happened and the article it rests on; `procedure_kind` / `procedure_id`:
 *   the procedure the notice is about (an objection, a repair), `record_id` the subject's record.
 * - `title`, `title_en`, `message`, `message_en`: what the subject is told, in Chinese with the English
 *   alongside; `detail` (JSON): the same facts for a program (deadline, outcome, reasons, where to
 *   appeal).
 * - `read_at`, `read_by`: set once, when an account of the subject marks it read.
 *
 * Under row digests: inserts and the read mark are recorded on the audit chain with the row.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;
  await db.schema
    .createTable('subject_notices')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('procedure_kind', 'text')
    .addColumn('procedure_id', uuidType)
    .addColumn('record_id', uuidType)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('message_en', 'text', (c) => c.notNull())
    .addColumn('detail', jsonType, (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('read_at', timestampType)
    .addColumn('read_by', 'text')
    .execute();
  // the inbox is read newest first by id (time-ordered UUIDv7)
  await db.schema
    .createIndex('subject_notices_subject_idx')
    .on('subject_notices')
    .columns(['subject_id', 'id'])
    .execute();
}
