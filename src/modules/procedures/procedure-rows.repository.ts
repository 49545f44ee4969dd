/**
 * What the objection and repair repositories share: a page of a procedure's rows, the steps of some
 * procedures in order, and the notices written with a step. The two procedures' tables have the same
 * shape (one row written at filing, numbered steps); only their names differ.
 */
import type { Insertable } from 'kysely';
import { NOTIFICATIONS_AUDITED, SUBJECT_NOTICES_AUDITED } from '../audit/index.ts';
import type { AuditedTable } from '../audit/row-digest.ts';
import type { Db } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import type { SubjectNoticeTable } from './procedures.tables.ts';
import { subjectNoticesRepository } from './subject-notices.repository.ts';

type ProcedureTable = 'objections' | 'repairs';
type StepsTable =
  | { table: 'objection_events'; of: 'objection_id' }
  | { table: 'repair_events'; of: 'repair_id' };

export type PageFilter = {
  subjectId?: string | undefined;
  department?: string | undefined;
  before?: string | undefined;
  limit: number;
};

/**
 * Newest first; each filter narrows (subject: its own; department: those about its records); `before`:
 * the id of the last row of the previous page (ids are time-ordered UUIDv7).
 */
async function pageOf<Row>(db: Db, table: ProcedureTable, filter: PageFilter): Promise<Row[]> {
  // one shape for both tables: the query is typed on the objections' columns, which the repairs share
  let query = db.selectFrom(table as 'objections').selectAll();
  if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.department !== undefined) query = query.where('provider_department', '=', filter.department);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return (await query.orderBy('id', 'desc').limit(filter.limit).execute()) as Row[];
}

/** The steps of these procedures, in order, by procedure id. */
export async function stepsOf<Row extends { seq: number }>(
  db: Db,
  steps: StepsTable,
  ids: readonly string[],
): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const of = steps.of as 'objection_id';
  const rows = await db
    .selectFrom(steps.table as 'objection_events')
    .selectAll()
    .where(of, 'in', [...ids])
    .orderBy(of)
    .orderBy('seq')
    .execute();
  for (const row of rows) out.get(row[of])?.push({ ...row, seq: Number(row.seq) } as unknown as Row);
  return out;
}

/** The departments' and the subject's notices of a step, written and added to what it records. */
export async function writeStepNotices(
  trx: Db,
  notices: readonly Insertable<NotificationTable>[] | undefined,
  subjectNotices: readonly Insertable<SubjectNoticeTable>[] | undefined,
  recorded: { table: AuditedTable; rows: Record<string, unknown>[] }[],
): Promise<void> {
  if (notices && notices.length > 0) {
    const stored = await trx
      .insertInto('notifications')
      .values([...notices])
      .returningAll()
      .execute();
    recorded.push({ table: NOTIFICATIONS_AUDITED, rows: stored });
  }
  if (subjectNotices && subjectNotices.length > 0) {
    const stored = await subjectNoticesRepository.insert(trx, [...subjectNotices]);
    recorded.push({ table: SUBJECT_NOTICES_AUDITED, rows: stored });
  }
}

/** A procedure's rows in `scope`, newest first, one page of `size` at a time (the id is the cursor). */
export async function* pagesOf<Row extends { id: string }>(
  db: Db,
  table: ProcedureTable,
  scope: Omit<PageFilter, 'before' | 'limit'>,
  size: number,
): AsyncGenerator<Row[]> {
  let before: string | undefined;
  for (;;) {
    const rows = await pageOf<Row>(db, table, { ...scope, before, limit: size });
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    before = rows.at(-1)!.id;
  }
}

/** A procedure's steps as they stood on `day`: those taken on or before it (the steps are in order). */
export function stepsTakenBy<Step extends { on_date: string }>(steps: readonly Step[], day: string): Step[] {
  const later = steps.findIndex((e) => e.on_date > day);
  return later === -1 ? [...steps] : steps.slice(0, later);
}
