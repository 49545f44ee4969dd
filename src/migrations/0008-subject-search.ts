import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';
import { backfillSubjectSearch0008 } from './0008-subject-search.backfill.ts';

/**
 * Name search (subject-search module): one row per subject with its searchable name and pinyin keys,
 * and the bigram posting lists. Subjects already stored are indexed here, before the indexes are
 * created, so a large table is loaded once and sorted once. The indexing code is the migration's own
 * frozen copy (0008-subject-search.backfill.ts), not the live search module's.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType } = caps;

  await db.schema
    .createTable('subject_search')
    .addColumn('subject_id', uuidType, (c) => c.primaryKey().references('subjects.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_norm', 'text', (c) => c.notNull())
    .addColumn('name_length', 'integer', (c) => c.notNull())
    .addColumn('traditional', 'integer', (c) => c.notNull())
    .addColumn('pinyin', 'text', (c) => c.notNull())
    .addColumn('initials', 'text', (c) => c.notNull())
    .execute();

  // Derived rows only, rebuilt from subject_search; no foreign key, so a bulk build checks nothing twice.
  await db.schema
    .createTable('subject_search_grams')
    .addColumn('gram', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at_start', 'integer', (c) => c.notNull())
    .addColumn('name_length', 'integer', (c) => c.notNull())
    .addColumn('subject_id', uuidType, (c) => c.notNull())
    .execute();

  await backfillSubjectSearch0008(db, caps);

  // One range per (gram, kind, at_start) already in ranking order (shorter names first); covering.
  await db.schema
    .createIndex('subject_search_grams_key_idx')
    .on('subject_search_grams')
    .columns(['gram', 'kind', 'at_start', 'name_length', 'subject_id'])
    .unique()
    .execute();
  // Pinyin and initials prefixes, searched length by length so shorter names come first.
  await db.schema
    .createIndex('subject_search_pinyin_idx')
    .on('subject_search')
    .columns(['kind', 'name_length', 'pinyin'])
    .execute();
  await db.schema
    .createIndex('subject_search_initials_idx')
    .on('subject_search')
    .columns(['kind', 'name_length', 'initials'])
    .execute();
}
