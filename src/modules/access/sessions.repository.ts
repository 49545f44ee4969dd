import { inTransaction } from '../../platform/db/transaction.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type RowsWrittenMeta, SESSIONS_AUDITED } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db, Store } from '../database.ts';

/**
 * Web sessions; only a hash of the token is stored, so a database reader cannot take a session over.
 * Every write of a session records its digest on the audit chain in the same transaction (`writer`;
 * issue 14 §3), so a session forged or revived in the database is named by `audit verify`.
 */
export function sessionsRepository(store: Store, writer: RowsWrittenMeta) {
  const { db } = store;
  const write = (run: (trx: Db) => Promise<Record<string, unknown>[]>) =>
    inTransaction(db, async (trx) => {
      const rows = await run(trx);
      await recordStoredRows(trx, SESSIONS_AUDITED, rows, writer);
      return rows;
    });
  return {
    async create(input: {
      tokenHash: string;
      accountId: string;
      now: string;
      expiresAt: string;
    }): Promise<string> {
      const id = uuidv7();
      await write((trx) =>
        trx
          .insertInto('sessions')
          .values({
            id,
            token_hash: input.tokenHash,
            account_id: input.accountId,
            created_at: input.now,
            expires_at: input.expiresAt,
            revoked_at: null,
          })
          .returningAll()
          .execute(),
      );
      return id;
    },

    /** The live session for a token hash: not revoked, not expired, account active. */
    async findLive(tokenHash: string, now: string) {
      return db
        .selectFrom('sessions')
        .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
        .select(['sessions.id as sessionId', 'sessions.expires_at as expiresAt', 'accounts.id as accountId'])
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.revoked_at', 'is', null)
        .where('sessions.expires_at', '>', now)
        .where('accounts.status', '=', 'active')
        .executeTakeFirst();
    },

    async revoke(id: string, now: string): Promise<void> {
      await write((trx) =>
        trx
          .updateTable('sessions')
          .set({ revoked_at: now })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .returningAll()
          .execute(),
      );
    },

    /** Ends every live session of the account but the one given (issue 14 §4: after a credential change). */
    async revokeOthers(accountId: string, keepSessionId: string, now: string): Promise<number> {
      const rows = await write((trx) =>
        trx
          .updateTable('sessions')
          .set({ revoked_at: now })
          .where('account_id', '=', accountId)
          .where('id', '!=', keepSessionId)
          .where('revoked_at', 'is', null)
          .returningAll()
          .execute(),
      );
      return rows.length;
    },

    async revokeAllOf(accountId: string, now: string): Promise<void> {
      await write((trx) =>
        trx
          .updateTable('sessions')
          .set({ revoked_at: now })
          .where('account_id', '=', accountId)
          .where('revoked_at', 'is', null)
          .returningAll()
          .execute(),
      );
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
