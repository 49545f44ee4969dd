/**
 * The subject's inbox (issue 16, decision 0032): notices addressed to an information subject, written
 * in the transaction of the procedure's step that causes them and read only by the subject's own
 * accounts. Every insert and the read mark are recorded under row digests in the same transaction.
 *
 * Other procedures tell a subject with `tellSubject(trx, notices, writer)` inside their step's
 * transaction; a writer that records its rows together (objections.repository.ts) builds the rows
 * with `subjectNoticeRow` and inserts them with `subjectNoticesRepository.insert`.
 */
import type { Insertable, Selectable } from 'kysely';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type RowsWrittenMeta, SUBJECT_NOTICES_AUDITED } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import type { SubjectNoticeTable } from './procedures.tables.ts';

export type SubjectNoticeRow = Selectable<SubjectNoticeTable>;

/** What a procedure tells a subject: in Chinese with the English alongside, citing the article. */
export type SubjectNoticeInput = {
  subjectId: string;
  /** stable, dotted: `objection.filed`, `repair.adopted`, … */
  kind: string;
  /** the article(s) the step rests on, e.g. `A16, B29` */
  article: string;
  /** the procedure the notice is about, for the subject to open it */
  procedure: { kind: string; id: string } | null;
  /** the subject's record it concerns */
  recordId: string | null;
  title: { zh: string; en: string };
  message: { zh: string; en: string };
  /**
   * The facts told, for a program (deadline, outcome, reasons, where to appeal). Nothing about
   * anyone but the subject: no other person's name or identity code.
   */
  detail: Record<string, unknown>;
};

/** The notice as the subject reads it. */
export type SubjectNoticeView = {
  id: string;
  kind: string;
  article: string;
  procedure: { kind: string; id: string } | null;
  recordId: string | null;
  title: string;
  titleEn: string;
  message: string;
  messageEn: string;
  detail: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
};

/** The row of a notice written at `at` (a fresh, time-ordered id). */
export function subjectNoticeRow(notice: SubjectNoticeInput, at: string): Insertable<SubjectNoticeTable> {
  return {
    id: uuidv7(),
    subject_id: notice.subjectId,
    kind: notice.kind,
    article: notice.article,
    procedure_kind: notice.procedure?.kind ?? null,
    procedure_id: notice.procedure?.id ?? null,
    record_id: notice.recordId,
    title: notice.title.zh,
    title_en: notice.title.en,
    message: notice.message.zh,
    message_en: notice.message.en,
    detail: toJson(notice.detail),
    created_at: at,
    read_at: null,
    read_by: null,
  };
}

export function subjectNoticeView(row: SubjectNoticeRow): SubjectNoticeView {
  return {
    id: row.id,
    kind: row.kind,
    article: row.article,
    procedure:
      row.procedure_kind !== null && row.procedure_id !== null
        ? { kind: row.procedure_kind, id: row.procedure_id }
        : null,
    recordId: row.record_id,
    title: row.title,
    titleEn: row.title_en,
    message: row.message,
    messageEn: row.message_en,
    detail: fromJson(row.detail),
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

export const subjectNoticesRepository = {
  /** Inserts the rows in the caller's transaction and returns them as stored (for their row digests). */
  async insert(trx: Db, rows: readonly Insertable<SubjectNoticeTable>[]): Promise<SubjectNoticeRow[]> {
    if (rows.length === 0) return [];
    return trx
      .insertInto('subject_notices')
      .values([...rows])
      .returningAll()
      .execute();
  },

  /** A subject's notices, newest first; `before`: the id of the last notice of the previous page. */
  async page(
    db: Db,
    subjectId: string,
    options: { unreadOnly: boolean; before?: string | undefined; limit: number },
  ): Promise<SubjectNoticeRow[]> {
    let query = db.selectFrom('subject_notices').selectAll().where('subject_id', '=', subjectId);
    if (options.unreadOnly) query = query.where('read_at', 'is', null);
    if (options.before !== undefined) query = query.where('id', '<', options.before);
    return query.orderBy('id', 'desc').limit(options.limit).execute();
  },

  async unreadCount(db: Db, subjectId: string): Promise<number> {
    const row = await db
      .selectFrom('subject_notices')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('subject_id', '=', subjectId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /**
   * Marks the subject's notice read (once: a second mark changes nothing); false when the subject has
   * no such notice. The new row's digest is recorded in the same transaction.
   */
  async markRead(
    db: Db,
    id: string,
    subjectId: string,
    reader: string,
    at: string,
    writer: RowsWrittenMeta,
  ): Promise<boolean> {
    return inTransaction(db, async (trx) => {
      const found = await trx
        .selectFrom('subject_notices')
        .select(['id', 'read_at'])
        .where('id', '=', id)
        .where('subject_id', '=', subjectId)
        .executeTakeFirst();
      if (!found) return false;
      if (found.read_at === null) {
        const rows = await trx
          .updateTable('subject_notices')
          .set({ read_at: at, read_by: reader })
          .where('id', '=', id)
          .where('read_at', 'is', null)
          .returningAll()
          .execute();
        await recordStoredRows(trx, SUBJECT_NOTICES_AUDITED, rows, writer);
      }
      return true;
    });
  },
};

/**
 * Tells subjects of a procedure's step: writes the notices and records their row digests, in the
 * caller's transaction `trx` — so a step that fails (and rolls back) has told no one, and a step that
 * commits has told its subject. `writer` is the step's (who took it, at which instant). Returns the
 * notices' ids. For the repair procedure and any later one (the objection procedure records its
 * notices with its own rows, objections.repository.ts).
 */
export async function tellSubject(
  trx: Db,
  notices: readonly SubjectNoticeInput[],
  writer: RowsWrittenMeta & { at: string },
): Promise<string[]> {
  const stored = await subjectNoticesRepository.insert(
    trx,
    notices.map((n) => subjectNoticeRow(n, writer.at)),
  );
  await recordStoredRows(trx, SUBJECT_NOTICES_AUDITED, stored, writer);
  return stored.map((r) => r.id);
}
