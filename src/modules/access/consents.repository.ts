import { fromJson, toJson } from '../../platform/db/engine.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { CONSENTS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db, Store } from '../database.ts';
import type { ConsentTable } from './access.tables.ts';
import type { Consent } from './scope.ts';

type Row = ConsentTable;

export type StoredConsent = Consent & { evidence: Record<string, unknown>; grantedBy: string };

const toConsent = (r: Row): StoredConsent => ({
  id: r.id,
  subjectId: r.subject_id,
  granteeDepartment: r.grantee_department,
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
 * consent forged, widened or revived in the database is named by `audit verify`.
 */
export function consentsRepository(store: Store, writer: RowsWrittenMeta) {
  const { db } = store;
  const write = (run: (trx: Db) => Promise<Record<string, unknown>[]>) =>
    inTransaction(db, async (trx) => {
      const rows = await run(trx);
      await recordStoredRows(trx, CONSENTS_AUDITED, rows, writer);
      return rows;
    });
  return {
    async grant(consent: Omit<StoredConsent, 'id' | 'revokedAt'>): Promise<StoredConsent> {
      const id = uuidv7();
      await write((trx) =>
        trx
          .insertInto('consents')
          .values({
            id,
            subject_id: consent.subjectId,
            grantee_department: consent.granteeDepartment,
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
      );
      return { ...consent, id, revokedAt: null };
    },

    async revoke(id: string, subjectId: string, now: string): Promise<boolean> {
      const rows = await write((trx) =>
        trx
          .updateTable('consents')
          .set({ revoked_at: now })
          .where('id', '=', id)
          .where('subject_id', '=', subjectId)
          .where('revoked_at', 'is', null)
          .returningAll()
          .execute(),
      );
      return rows.length === 1;
    },

    async listForSubject(subjectId: string): Promise<StoredConsent[]> {
      const rows = await db
        .selectFrom('consents')
        .selectAll()
        .where('subject_id', '=', subjectId)
        .orderBy('granted_at')
        .execute();
      return rows.map(toConsent);
    },

    /** Consents of a subject that name a department (live or not: the caller decides with `consentCovers`). */
    async forSubjectAndDepartment(subjectId: string, department: string): Promise<StoredConsent[]> {
      const rows = await db
        .selectFrom('consents')
        .selectAll()
        .where('subject_id', '=', subjectId)
        .where('grantee_department', '=', department)
        .execute();
      return rows.map(toConsent);
    },
  };
}
export type ConsentsRepository = ReturnType<typeof consentsRepository>;
