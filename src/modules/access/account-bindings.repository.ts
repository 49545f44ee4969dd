import { ACCOUNT_BINDINGS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db, Store } from '../database.ts';

/** How a subject account came to act for its subject (issue 14 §1). */
export type BindingVia = 'self_registration' | 'center' | 'subject' | 'operator' | 'before_record';

export type AccountBinding = {
  accountId: string;
  subjectId: string;
  via: BindingVia;
  verifier: string | null;
  reference: string | null;
  purpose: string | null;
  actorId: string | null;
  actorRole: string;
  actorDepartment: string | null;
  requestId: string | null;
  boundAt: string;
};

/** A binding with the account it binds, as the subject sees it. */
export type BoundAccount = AccountBinding & {
  login: string;
  displayName: string;
  status: 'active' | 'disabled';
};

/**
 * Writes a binding; called by the accounts repository in the transaction that creates the account.
 * Its digest goes on the audit chain in that transaction (issue 14 §3).
 */
export async function insertBinding(db: Db, binding: AccountBinding, writer: RowsWrittenMeta): Promise<void> {
  const rows = await db
    .insertInto('account_bindings')
    .values({
      account_id: binding.accountId,
      subject_id: binding.subjectId,
      via: binding.via,
      verifier: binding.verifier,
      reference: binding.reference,
      purpose: binding.purpose,
      actor_id: binding.actorId,
      actor_role: binding.actorRole,
      actor_department: binding.actorDepartment,
      request_id: binding.requestId,
      bound_at: binding.boundAt,
    })
    .returningAll()
    .execute();
  await recordStoredRows(db, ACCOUNT_BINDINGS_AUDITED, rows, writer);
}

export function accountBindingsRepository(store: Store) {
  const { db } = store;
  return {
    /** Every account bound to a subject, oldest first. */
    async listForSubject(subjectId: string): Promise<BoundAccount[]> {
      const rows = await db
        .selectFrom('account_bindings as b')
        .innerJoin('accounts as a', 'a.id', 'b.account_id')
        .selectAll('b')
        .select(['a.login', 'a.display_name', 'a.status'])
        .where('b.subject_id', '=', subjectId)
        .orderBy('b.bound_at')
        .orderBy('b.account_id')
        .execute();
      return rows.map((r) => ({
        accountId: r.account_id,
        subjectId: r.subject_id,
        via: r.via as BindingVia,
        verifier: r.verifier,
        reference: r.reference,
        purpose: r.purpose,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        actorDepartment: r.actor_department,
        requestId: r.request_id,
        boundAt: r.bound_at,
        login: r.login,
        displayName: r.display_name,
        status: r.status,
      }));
    },

    /** Whether any account (of any status) is bound to the subject. */
    async anyForSubject(subjectId: string): Promise<boolean> {
      const row = await db
        .selectFrom('account_bindings')
        .select('account_id')
        .where('subject_id', '=', subjectId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type AccountBindingsRepository = ReturnType<typeof accountBindingsRepository>;
