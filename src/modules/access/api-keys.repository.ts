import { fromJson, toJson } from '../../platform/db/engine.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { API_KEYS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db, Store } from '../database.ts';
import type { ApiKeyTable } from './access.tables.ts';
import type { Permission } from './roles.ts';

export type ApiKey = {
  id: string;
  label: string;
  departmentCode: string;
  permissions: Permission[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  replacesId: string | null;
  lastUsedAt: string | null;
};

type Row = ApiKeyTable;

const toApiKey = (r: Row): ApiKey => ({
  id: r.id,
  label: r.label,
  departmentCode: r.department_code,
  permissions: fromJson<Permission[]>(r.permissions),
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  replacesId: r.replaces_id,
  lastUsedAt: r.last_used_at,
});

/** API keys of department systems: stored as a hash of the secret; shown once at creation. */
export type ApiKeyWithHash = ApiKey & { secretHash: string };

/**
 * Every write of a key records its digest on the audit chain in the same transaction (`writer`; issue
 * 14 §3), except `last_used_at`, which is outside the digest (see API_KEYS_AUDITED).
 */
export function apiKeysRepository(store: Store, writer: RowsWrittenMeta) {
  const { db } = store;
  const write = (run: (trx: Db) => Promise<Record<string, unknown>[]>) =>
    inTransaction(db, async (trx) => {
      const rows = await run(trx);
      await recordStoredRows(trx, API_KEYS_AUDITED, rows, writer);
      return rows;
    });
  return {
    async create(key: Omit<ApiKey, 'revokedAt' | 'lastUsedAt'> & { secretHash: string }): Promise<void> {
      await write((trx) =>
        trx
          .insertInto('api_keys')
          .values({
            id: key.id,
            secret_hash: key.secretHash,
            label: key.label,
            department_code: key.departmentCode,
            permissions: toJson(key.permissions),
            created_by: key.createdBy,
            created_at: key.createdAt,
            expires_at: key.expiresAt,
            revoked_at: null,
            replaces_id: key.replacesId,
            last_used_at: null,
          })
          .returningAll()
          .execute(),
      );
    },

    async findWithHash(id: string): Promise<(ApiKey & { secretHash: string }) | undefined> {
      const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { ...toApiKey(row), secretHash: row.secret_hash } : undefined;
    },

    async list(departmentCode?: string): Promise<ApiKey[]> {
      let query = db.selectFrom('api_keys').selectAll().orderBy('created_at');
      if (departmentCode) query = query.where('department_code', '=', departmentCode);
      return (await query.execute()).map(toApiKey);
    },

    async revoke(id: string, now: string): Promise<boolean> {
      const rows = await write((trx) =>
        trx
          .updateTable('api_keys')
          .set({ revoked_at: now })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .returningAll()
          .execute(),
      );
      return rows.length === 1;
    },

    /** "Last used": outside the key's digest, so not recorded (see API_KEYS_AUDITED). */
    async markUsed(id: string, now: string): Promise<void> {
      await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
    },
  };
}

export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>;
