import type { Selectable } from 'kysely';
import { fromJson, toCount, toJson } from '../../platform/db/engine.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type AuditEntryInput, appendAudit } from '../audit/audit.repository.ts';
import { CONSENT_READS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Store } from '../database.ts';
import type { ConsentReadTable } from './access.tables.ts';
import type { ConsentReader } from './scope.ts';

/** A record read under a consent: the version read and its catalog item. */
export type ConsentReadRecord = { id: string; item: string };

/** What one read under one consent was (decision 0040). */
export type ConsentRead = {
  id: string;
  consentId: string;
  /** the granter, whose records were read */
  subjectId: string;
  at: string;
  reader: ConsentReader;
  actorId: string | null;
  actorRole: string;
  purpose: string | null;
  records: ConsentReadRecord[];
  requestId: string | null;
};

const toRead = (r: Selectable<ConsentReadTable>): ConsentRead => ({
  id: r.id,
  consentId: r.consent_id,
  subjectId: r.subject_id,
  at: r.at,
  reader:
    r.reader_subject !== null && r.reader_subject !== undefined
      ? { subjectId: r.reader_subject }
      : { department: r.reader_department ?? '' },
  actorId: r.actor_id,
  actorRole: r.actor_role,
  purpose: r.purpose,
  records: fromJson<ConsentReadRecord[]>(r.records),
  requestId: r.request_id,
});

/**
 * Reads under a consent (B21; issue 17 "who read what under each consent"): a row per read and consent,
 * written with the read's audit entry so the granter lists them by consent without the audit table
 * being scanned. Append-only, under row digests.
 */
export function consentReadsRepository(store: Store) {
  const { db } = store;
  return {
    /**
     * Records a read of a subject's records: its audit entry (`entry`) and, for each consent it read
     * under, a `consent_reads` row — one transaction, one run of the chain (the rows' digests as
     * `writer`, then the entry, whose detail names them: `consents: [[consent id, read id], …]`). A
     * read under no consent is the entry alone.
     */
    async record(read: {
      entry: AuditEntryInput;
      writer: RowsWrittenMeta;
      under: readonly Omit<ConsentRead, 'id'>[];
    }): Promise<ConsentRead[]> {
      if (read.under.length === 0) {
        await appendAudit(store, read.entry);
        return [];
      }
      const reads = read.under.map((r) => ({ ...r, id: uuidv7() }));
      await inTransaction(db, async (trx) => {
        const rows = await trx
          .insertInto('consent_reads')
          .values(
            reads.map((r) => ({
              id: r.id,
              consent_id: r.consentId,
              subject_id: r.subjectId,
              at: r.at,
              reader_department: r.reader.department ?? null,
              reader_subject: r.reader.subjectId ?? null,
              actor_id: r.actorId,
              actor_role: r.actorRole,
              purpose: r.purpose,
              records: toJson(r.records),
              request_id: r.requestId,
            })),
          )
          .returningAll()
          .execute();
        const consents = reads.map((r) => [r.consentId, r.id]);
        await recordStoredTables(trx, [{ table: CONSENT_READS_AUDITED, rows }], read.writer, [
          { ...read.entry, detail: { ...read.entry.detail, consents } },
        ]);
      });
      return reads;
    },

    /** The reads under a consent, newest first, a page at a time (`before`: the previous page's last id). */
    async ofConsent(consentId: string, page: { before?: string | undefined; limit: number }) {
      let query = db.selectFrom('consent_reads').selectAll().where('consent_id', '=', consentId);
      if (page.before !== undefined) query = query.where('id', '<', page.before);
      const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
      return rows.map(toRead);
    },

    /** How many reads each consent had, and the last one's time. */
    async countsOf(consentIds: readonly string[]): Promise<Map<string, { count: number; lastAt: string }>> {
      const out = new Map<string, { count: number; lastAt: string }>();
      if (consentIds.length === 0) return out;
      const rows = await db
        .selectFrom('consent_reads')
        .select((eb) => ['consent_id', eb.fn.countAll().as('n'), eb.fn.max('at').as('last_at')])
        .where('consent_id', 'in', [...consentIds])
        .groupBy('consent_id')
        .execute();
      for (const r of rows) out.set(r.consent_id, { count: toCount(r.n), lastAt: String(r.last_at) });
      return out;
    },
  };
}
export type ConsentReadsRepository = ReturnType<typeof consentReadsRepository>;
