import { fromJson, toJson } from '../../platform/db/engine.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { AuditEntryInput } from '../audit/audit.repository.ts';
import { CONSENTS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Db, Store } from '../database.ts';
import type { ConsentTable } from './access.tables.ts';
import type { Consent, ConsentReader } from './scope.ts';

type Row = ConsentTable;

export type StoredConsent = Consent & { evidence: Record<string, unknown>; grantedBy: string };

/** Who writes a consent and the act's own audit entry, committed with the row in one chain run. */
export type ConsentAct = { writer: RowsWrittenMeta; entry: AuditEntryInput };

const toConsent = (r: Row): StoredConsent => ({
  id: r.id,
  subjectId: r.subject_id,
  granteeDepartment: r.grantee_department ?? null,
  granteeSubjectId: r.grantee_subject ?? null,
  scope: fromJson<string[]>(r.scope),
  purpose: r.purpose,
  grantedAt: r.granted_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  evidence: fromJson<Record<string, unknown>>(r.evidence),
  grantedBy: r.granted_by,
});

/**
 * Consents are never deleted: a revoked or expired consent stays as evidence (B21). Every write of a
 * consent records its digest on the audit chain in the same transaction (`writer`; issue 14 §3), so a
 * consent forged, widened or revived in the database is named by `audit verify`. Given an act, its
 * entry (`consent.grant`, `consent.revoke`) commits with the row, recorded as the act's writer.
 */
export function consentsRepository(store: Store, writer: RowsWrittenMeta) {
  const { db } = store;
  const write = (run: (trx: Db) => Promise<Record<string, unknown>[]>, act: ConsentAct | undefined) =>
    inTransaction(db, async (trx) => {
      const rows = await run(trx);
      if (rows.length === 0) return rows;
      await recordStoredTables(
        trx,
        [{ table: CONSENTS_AUDITED, rows }],
        act?.writer ?? writer,
        act ? [act.entry] : [],
      );
      return rows;
    });
  return {
    /** `act(id)`: the act's entry, given the new consent's id. */
    async grant(
      consent: Omit<StoredConsent, 'id' | 'revokedAt'>,
      act?: (id: string) => ConsentAct,
    ): Promise<StoredConsent> {
      const id = uuidv7();
      await write(
        (trx) =>
          trx
            .insertInto('consents')
            .values({
              id,
              subject_id: consent.subjectId,
              grantee_department: consent.granteeDepartment,
              grantee_subject: consent.granteeSubjectId,
              scope: toJson(consent.scope),
              purpose: consent.purpose,
              granted_at: consent.grantedAt,
              expires_at: consent.expiresAt,
              revoked_at: null,
              evidence: toJson(consent.evidence),
              granted_by: consent.grantedBy,
            })
            .returningAll()
            .execute(),
        act?.(id),
      );
      return { ...consent, id, revokedAt: null };
    },

    async revoke(id: string, subjectId: string, now: string, act?: ConsentAct): Promise<boolean> {
      const rows = await write(
        (trx) =>
          trx
            .updateTable('consents')
            .set({ revoked_at: now })
            .where('id', '=', id)
            .where('subject_id', '=', subjectId)
            .where('revoked_at', 'is', null)
            .returningAll()
            .execute(),
        act,
      );
      return rows.length === 1;
    },

    async listForSubject(subjectId: string): Promise<StoredConsent[]> {
      const rows = await db
        .selectFrom('consents')
        .selectAll()
        .where('subject_id', '=', subjectId)
        .orderBy('granted_at')
        .orderBy('id')
        .execute();
      return rows.map(toConsent);
    },

    /** One of a subject's own consents (undefined for another subject's: it is not theirs to see). */
    async ofSubject(subjectId: string, id: string): Promise<StoredConsent | undefined> {
      const row = await db
        .selectFrom('consents')
        .selectAll()
        .where('id', '=', id)
        .where('subject_id', '=', subjectId)
        .executeTakeFirst();
      return row ? toConsent(row) : undefined;
    },

    /**
     * Consents of a subject that name this reader — a department or a counterparty subject (live or not:
     * the caller decides with `consentCovers`).
     */
    async grantedTo(subjectId: string, reader: ConsentReader): Promise<StoredConsent[]> {
      let query = db.selectFrom('consents').selectAll().where('subject_id', '=', subjectId);
      query =
        reader.department !== undefined
          ? query.where('grantee_department', '=', reader.department)
          : query.where('grantee_subject', '=', reader.subjectId);
      return (await query.orderBy('granted_at').orderBy('id').execute()).map(toConsent);
    },

    /** The consents other subjects gave this subject as a counterparty (B24), newest first. */
    async receivedBy(granteeSubjectId: string): Promise<StoredConsent[]> {
      const rows = await db
        .selectFrom('consents')
        .selectAll()
        .where('grantee_subject', '=', granteeSubjectId)
        .orderBy('granted_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toConsent);
    },
  };
}
export type ConsentsRepository = ReturnType<typeof consentsRepository>;
