import { inTransaction } from '../../platform/db/transaction.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ACCOUNTS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db, Store } from '../database.ts';
import type { AccountTable } from './access.tables.ts';
import { type AccountBinding, insertBinding } from './account-bindings.repository.ts';
import type { Role } from './roles.ts';

export type Account = {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  departmentCode: string | null;
  regionCode: string | null;
  subjectId: string | null;
  passwordHash: string;
  totpSecretSealed: string | null;
  totpLastStep: number | null;
  status: 'active' | 'disabled';
};

type Row = AccountTable;

const toAccount = (r: Row): Account => ({
  id: r.id,
  login: r.login,
  displayName: r.display_name,
  role: r.role as Role,
  departmentCode: r.department_code,
  regionCode: r.region_code,
  subjectId: r.subject_id,
  passwordHash: r.password_hash,
  totpSecretSealed: r.totp_secret_sealed,
  totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
  status: r.status,
});

/**
 * Accounts of people (staff and subjects) and their login attempts. Every write of an account records
 * its digest on the audit chain in the same transaction (`writer`; issue 14 §3, decision 0022).
 */
export function accountsRepository(store: Store, writer: RowsWrittenMeta) {
  const { db } = store;
  /** Runs a write that returns the rows it wrote (as stored) and records them. */
  const write = (run: (trx: Db) => Promise<Record<string, unknown>[]>) =>
    inTransaction(db, async (trx) => {
      const rows = await run(trx);
      await recordStoredRows(trx, ACCOUNTS_AUDITED, rows, writer);
      return rows;
    });
  return {
    /**
     * Creates an account; a subject account only with its binding (who bound it, how), written in the
     * same transaction, so no subject account exists without the record its subject is shown.
     */
    async create(
      account: Omit<Account, 'id' | 'totpLastStep' | 'status'>,
      now: string,
      binding?: Omit<AccountBinding, 'accountId' | 'subjectId' | 'boundAt'>,
    ): Promise<Account> {
      if (account.subjectId !== null && !binding) {
        throw new Error('a subject account is created with its binding (account_bindings)');
      }
      const id = uuidv7();
      await write(async (trx) => {
        const rows = await trx
          .insertInto('accounts')
          .values({
            id,
            login: account.login,
            display_name: account.displayName,
            role: account.role,
            department_code: account.departmentCode,
            region_code: account.regionCode,
            subject_id: account.subjectId,
            password_hash: account.passwordHash,
            totp_secret_sealed: account.totpSecretSealed,
            totp_last_step: null,
            status: 'active',
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .execute();
        if (account.subjectId !== null && binding) {
          await insertBinding(
            trx,
            { ...binding, accountId: id, subjectId: account.subjectId, boundAt: now },
            writer,
          );
        }
        return rows;
      });
      return { ...account, id, totpLastStep: null, status: 'active' };
    },

    async findByLogin(login: string): Promise<Account | undefined> {
      const row = await db.selectFrom('accounts').selectAll().where('login', '=', login).executeTakeFirst();
      return row ? toAccount(row) : undefined;
    },

    async findById(id: string): Promise<Account | undefined> {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAccount(row) : undefined;
    },

    async list(): Promise<Account[]> {
      return (await db.selectFrom('accounts').selectAll().orderBy('login').execute()).map(toAccount);
    },

    async setPassword(id: string, passwordHash: string, now: string): Promise<void> {
      await write((trx) =>
        trx
          .updateTable('accounts')
          .set({ password_hash: passwordHash, updated_at: now })
          .where('id', '=', id)
          .returningAll()
          .execute(),
      );
    },

    async setTotp(id: string, secretSealed: string | null, now: string): Promise<void> {
      await write((trx) =>
        trx
          .updateTable('accounts')
          .set({ totp_secret_sealed: secretSealed, totp_last_step: null, updated_at: now })
          .where('id', '=', id)
          .returningAll()
          .execute(),
      );
    },

    /**
     * Records the TOTP time step used, refusing a replay of the same or an older step atomically. The
     * step is outside the account's digest (see ACCOUNTS_AUDITED), so nothing is recorded.
     */
    async claimTotpStep(id: string, step: number): Promise<boolean> {
      const result = await db
        .updateTable('accounts')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async setStatus(id: string, status: 'active' | 'disabled', now: string): Promise<void> {
      await write((trx) =>
        trx
          .updateTable('accounts')
          .set({ status, updated_at: now })
          .where('id', '=', id)
          .returningAll()
          .execute(),
      );
    },

    /** A sign-in (or password confirmation) attempt of a login from a client address. */
    async recordAttempt(login: string, source: string, ok: boolean, at: string): Promise<void> {
      await db
        .insertInto('login_attempts')
        .values({ id: uuidv7(), login, source, at, ok: ok ? 1 : 0 })
        .execute();
    },

    /** Failed attempts of a login from one source since its last success there, within `since` (newest last). */
    async recentFailures(login: string, source: string, since: string): Promise<string[]> {
      const rows = await db
        .selectFrom('login_attempts')
        .select(['at', 'ok'])
        .where('login', '=', login)
        .where('source', '=', source)
        .where('at', '>=', since)
        .orderBy('at')
        .execute();
      const failures: string[] = [];
      for (const row of rows) {
        if (row.ok === 1) failures.length = 0;
        else failures.push(row.at);
      }
      return failures;
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;
