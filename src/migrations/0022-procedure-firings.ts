import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 16 (A16–A17, B29; decision 0031): the procedures scheduler's firings. `procedure_firings` holds
 * one row per reminder (`due_soon`) or escalation (`overdue`) sent for a procedure's step; the unique
 * index on (procedure, procedure_id, step, kind) is what lets several server processes tick over the
 * same steps and fire each once — the row is inserted with its notices in one transaction, and a
 * process that finds the key taken sends nothing. Written once, never updated; under row digests.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType } = caps;
  await db.schema
    .createTable('procedure_firings')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('procedure_id', uuidType, (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('party_department', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('workdays', 'integer', (c) => c.notNull())
    .addColumn('provisional', 'integer', (c) => c.notNull())
    .addColumn('fired_on', 'text', (c) => c.notNull())
    .addColumn('fired_at', timestampType, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('procedure_firings_once_idx')
    .on('procedure_firings')
    .columns(['procedure', 'procedure_id', 'step', 'kind'])
    .unique()
    .execute();
}
