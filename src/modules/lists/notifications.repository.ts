/**
 * The notification outbox (A4, A11, B26). Notices are written in the transaction of the change that
 * causes them (`status: 'pending'`), so a crash never loses one; the dispatcher then delivers them —
 * into the recipient department's in-app inbox today, to its webhook later — and marks them delivered.
 * A dispatcher that dies mid-way leaves the rest pending for the next run.
 */
import type { Kysely } from 'kysely';
import { fromJson } from '../../platform/db/engine.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { NOTIFICATIONS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Database } from '../database.ts';

export type Notification = {
  id: string;
  kind: string;
  article: string;
  recipientDepartment: string;
  subjectId: string | null;
  entryId: string | null;
  title: string;
  body: Record<string, unknown>;
  createdAt: string;
  deliveredAt: string | null;
  readAt: string | null;
};

const DISPATCH_BATCH = 500;

/**
 * Delivers pending notices in creation order; returns how many were delivered. Each batch is one
 * transaction that records the delivered notices' digests on the audit chain (`writer`; issue 14 §3).
 */
export async function dispatchNotifications(
  db: Kysely<Database>,
  now: () => string,
  writer: RowsWrittenMeta,
): Promise<number> {
  let delivered = 0;
  for (;;) {
    const batch = await inTransaction(db, async (trx) => {
      const pending = await trx
        .selectFrom('notifications')
        .select(['id', 'attempts'])
        .where('status', '=', 'pending')
        .orderBy('created_at')
        .orderBy('id')
        .limit(DISPATCH_BATCH)
        .execute();
      if (pending.length === 0) return { pending: 0, delivered: 0 };
      // The in-app inbox is the only channel so far: delivery is making the notice visible there.
      const at = now();
      const rows = await trx
        .updateTable('notifications')
        .set((eb) => ({ status: 'delivered', delivered_at: at, attempts: eb('attempts', '+', 1) }))
        .where(
          'id',
          'in',
          pending.map((p) => p.id),
        )
        .where('status', '=', 'pending')
        .returningAll()
        .execute();
      await recordStoredRows(trx, NOTIFICATIONS_AUDITED, rows, writer);
      return { pending: pending.length, delivered: rows.length };
    });
    delivered += batch.delivered;
    if (batch.pending < DISPATCH_BATCH) return delivered;
  }
}

export async function pendingCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A department's inbox: delivered notices, newest first. */
export async function inboxOf(
  db: Kysely<Database>,
  department: string,
  options: { unreadOnly?: boolean; limit: number; before?: string | undefined },
): Promise<Notification[]> {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('recipient_department', '=', department)
    .where('status', '=', 'delivered');
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  if (options.before) query = query.where('created_at', '<', options.before);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    article: r.article,
    recipientDepartment: r.recipient_department,
    subjectId: r.subject_id,
    entryId: r.entry_id,
    title: r.title,
    body: fromJson(r.body),
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    readAt: r.read_at,
  }));
}

/**
 * Marks a delivered notice of this department read; false when there is no such notice. The notice's
 * new digest is recorded on the audit chain in the same transaction (`writer`; issue 14 §3).
 */
export async function markRead(
  db: Kysely<Database>,
  id: string,
  department: string,
  reader: string,
  at: string,
  writer: RowsWrittenMeta,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('notifications')
      .select(['id', 'read_at'])
      .where('id', '=', id)
      .where('recipient_department', '=', department)
      .where('status', '=', 'delivered')
      .executeTakeFirst();
    if (!found) return false;
    if (found.read_at === null) {
      const rows = await trx
        .updateTable('notifications')
        .set({ read_at: at, read_by: reader })
        .where('id', '=', id)
        .returningAll()
        .execute();
      await recordStoredRows(trx, NOTIFICATIONS_AUDITED, rows, writer);
    }
    return true;
  });
}
