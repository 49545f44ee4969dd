/**
 * Publishing versioned reference data (catalog items, measures): a head table with one row per code
 * pointing at its current version, and a versions table whose rows are never updated or deleted.
 * Publishing never edits: content that differs from the current version (by its fingerprint) becomes the
 * next version, identical content changes nothing, and every version stays readable.
 *
 * Two publishers of one code at once: the second waits for the first where writers run concurrently
 * (the head row is locked, PostgreSQL); SQLite has one writer anyway; the versions table's unique
 * (code, version) index is the last guard, and a violation comes back as the caller's conflict error.
 */
import type { Kysely } from 'kysely';
import type { Store } from './engine.ts';
import { isUniqueViolation } from './unique-violation.ts';

export type PublishOutcome = 'created' | 'new_version' | 'unchanged';

export type VersionedTables = {
  /** the head table: `code`, `current_version`, `created_at`, `updated_at` */
  heads: string;
  /** the versions table: its code column, `version`, `digest` (the fingerprint), and the columns `row` gives */
  versions: string;
  /** the versions table's column naming the code (e.g. `item_code`) */
  codeColumn: string;
  /** columns read back from the current version when nothing changed */
  readColumns: readonly string[];
};

export type Publication<R> = {
  code: string;
  /** the content's fingerprint (stored in the `digest` column): equal content, equal fingerprint */
  fingerprint: string;
  now: string;
  /** the new version's row, without its code, version and fingerprint columns */
  row: (version: number) => Record<string, unknown>;
  /** the current version as read back (`readColumns`), when the content is unchanged */
  unchanged: (current: Record<string, unknown>) => R;
  /** the version just published */
  published: (version: number) => R;
  /** the error to throw when another publisher won the race */
  conflict: () => Error;
  /**
   * Called in the publishing transaction with the rows written, as stored: the head row and the new
   * version's row (the caller records them, e.g. on an audit chain). Not called when nothing changed.
   */
  written: (
    trx: Kysely<unknown>,
    rows: { head: Record<string, unknown>; version: Record<string, unknown> },
  ) => Promise<void>;
};

export async function publishVersion<DB, R>(
  store: Store<DB>,
  tables: VersionedTables,
  publication: Publication<R>,
): Promise<{ value: R; outcome: PublishOutcome }> {
  // The table names are the caller's; this helper is the same for every versioned table.
  const db = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const { code, fingerprint, now } = publication;
  try {
    return await db.transaction().execute(async (trx) => {
      let query = trx.selectFrom(tables.heads).select('current_version').where('code', '=', code);
      if (store.capabilities.concurrentWriters) query = query.forUpdate();
      const head = (await query.executeTakeFirst()) as { current_version: number } | undefined;
      if (head) {
        const current = await trx
          .selectFrom(tables.versions)
          .select([...tables.readColumns, 'digest'])
          .where(tables.codeColumn, '=', code)
          .where('version', '=', head.current_version)
          .executeTakeFirstOrThrow();
        if (current.digest === fingerprint)
          return { value: publication.unchanged(current), outcome: 'unchanged' as const };
      } else {
        await trx
          .insertInto(tables.heads)
          .values({ code, current_version: 0, created_at: now, updated_at: now })
          .execute();
      }
      const version = Number(head?.current_version ?? 0) + 1;
      const versionRow = await trx
        .insertInto(tables.versions)
        .values({ ...publication.row(version), [tables.codeColumn]: code, version, digest: fingerprint })
        .returningAll()
        .executeTakeFirstOrThrow();
      const headRow = await trx
        .updateTable(tables.heads)
        .set({ current_version: version, updated_at: now })
        .where('code', '=', code)
        .returningAll()
        .executeTakeFirstOrThrow();
      await publication.written(trx as unknown as Kysely<unknown>, { head: headRow, version: versionRow });
      return {
        value: publication.published(version),
        outcome: head ? ('new_version' as const) : ('created' as const),
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw publication.conflict();
    throw error;
  }
}
