import type { Kysely } from 'kysely';

/**
 * Runs `fn` in the caller's transaction when `db` is one, else in a transaction of its own: a write
 * and what must commit with it (its row digests on the audit chain) never commit apart. On SQLite the
 * one connection is busy for the whole transaction: never call a function bound to the store from
 * inside `fn`, hand it `trx`.
 */
export function inTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
