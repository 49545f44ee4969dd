/**
 * The write side of name search (the SQL that keeps the index): index entries written in the transaction that writes the subject
 * (subjects.repository.ts `ensure`), replaced on a rename, and built for subjects already stored.
 */
import { inChunks } from '../../platform/chunks.ts';
import type { Capabilities } from '../../platform/db/engine.ts';
import type { Db } from '../database.ts';
import { nameGrams, type SearchEntry, type SearchKind, searchEntry } from './search-text.ts';

export type IndexedSubject = { id: string; kind: SearchKind; name: string };

const rowsPerStatement = (caps: Capabilities, columns: number) =>
  Math.max(1, Math.floor(caps.maxBindParameters / columns));

async function insertEntries(db: Db, caps: Capabilities, entries: readonly SearchEntry[]): Promise<void> {
  const rows = entries.map((e) => ({
    subject_id: e.subjectId,
    kind: e.kind,
    name_norm: e.nameNorm,
    name_length: e.nameLength,
    traditional: e.traditional ? 1 : 0,
    pinyin: e.pinyin,
    initials: e.initials,
  }));
  const grams = entries.flatMap((e) =>
    e.grams.map((g) => ({
      gram: g.gram,
      kind: e.kind,
      at_start: g.atStart,
      name_length: e.nameLength,
      subject_id: e.subjectId,
    })),
  );
  const rowChunk = rowsPerStatement(caps, 7);
  for (const part of inChunks(rows, rowChunk)) {
    await db.insertInto('subject_search').values(part).execute();
  }
  const gramChunk = rowsPerStatement(caps, 5);
  for (const part of inChunks(grams, gramChunk)) {
    await db.insertInto('subject_search_grams').values(part).execute();
  }
}

/** Indexes subjects just registered; call it with the transaction that inserted them. */
export async function indexSubjects(db: Db, caps: Capabilities, subjects: readonly IndexedSubject[]) {
  if (subjects.length > 0) await insertEntries(db, caps, subjects.map(searchEntry));
}

/**
 * Replaces the entries of subjects whose registered name changed (the reviewed rename path), in the
 * transaction that changes the name. Old grams are deleted by their full key, recomputed from the
 * stored searchable name, so no posting list is scanned.
 */
export async function reindexSubjects(db: Db, caps: Capabilities, subjects: readonly IndexedSubject[]) {
  for (const subject of subjects) {
    const old = await db
      .selectFrom('subject_search')
      .select(['kind', 'name_norm', 'name_length'])
      .where('subject_id', '=', subject.id)
      .executeTakeFirst();
    if (!old) continue;
    const grams = [...new Set(nameGrams(old.name_norm).map((g) => g.gram))];
    if (grams.length > 0) {
      await db
        .deleteFrom('subject_search_grams')
        .where('gram', 'in', grams)
        .where('kind', '=', old.kind)
        .where('at_start', 'in', [0, 1])
        .where('name_length', '=', old.name_length)
        .where('subject_id', '=', subject.id)
        .execute();
    }
    await db.deleteFrom('subject_search').where('subject_id', '=', subject.id).execute();
  }
  await indexSubjects(db, caps, subjects);
}

/**
 * Indexes every stored subject, in batches by id (keyset, so each batch is one index range). For an
 * empty index: migration 0008 calls it before creating the search indexes, which is the fast order
 * for a large table. Transactions are the caller's (a migration already runs in one on PostgreSQL).
 */
export async function backfillSubjectSearch(
  db: Db,
  caps: Capabilities,
  options: { batchSize?: number; onBatch?: (indexed: number) => void } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 5000;
  let indexed = 0;
  let after: string | undefined;
  for (;;) {
    let query = db.selectFrom('subjects').select(['id', 'kind', 'name']).orderBy('id').limit(batchSize);
    if (after !== undefined) query = query.where('id', '>', after);
    const subjects = await query.execute();
    if (subjects.length === 0) break;
    await indexSubjects(db, caps, subjects);
    indexed += subjects.length;
    after = subjects[subjects.length - 1]!.id;
    options.onBatch?.(indexed);
  }
  return indexed;
}
