import { uuidv7 } from '../../platform/ids.ts';
import type { Store } from '../database.ts';

/** Web sessions; only a hash of the token is stored, so a database reader cannot take a session over. */
export function sessionsRepository(store: Store) {
  const { db } = store;
  return {
    async create(input: {
      tokenHash: string;
      accountId: string;
      now: string;
      expiresAt: string;
    }): Promise<string> {
      const id = uuidv7();
      await db
        .insertInto('sessions')
        .values({
          id,
          token_hash: input.tokenHash,
          account_id: input.accountId,
          created_at: input.now,
          expires_at: input.expiresAt,
          revoked_at: null,
        })
        .execute();
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
      await db
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },

    /** Ends every live session of the account but the one given (issue 14 §4: after a credential change). */
    async revokeOthers(accountId: string, keepSessionId: string, now: string): Promise<number> {
      const result = await db
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('account_id', '=', accountId)
        .where('id', '!=', keepSessionId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async revokeAllOf(accountId: string, now: string): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
