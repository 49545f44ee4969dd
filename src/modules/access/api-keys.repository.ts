import { fromJson, toJson } from '../../platform/db/engine.ts';
import type { Store } from '../database.ts';
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

const KEY_CACHE_MS = 1000;
const KEY_CACHE_SIZE = 10_000;

/** API keys of department systems: stored as a hash of the secret; shown once at creation. */
export function apiKeysRepository(store: Store) {
  const cache = new Map<string, { until: number; key: ApiKey & { secretHash: string } }>();
  const { db } = store;
  return {
    async create(key: Omit<ApiKey, 'revokedAt' | 'lastUsedAt'> & { secretHash: string }): Promise<void> {
      await db
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
        .execute();
    },

    async findWithHash(id: string): Promise<(ApiKey & { secretHash: string }) | undefined> {
      const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { ...toApiKey(row), secretHash: row.secret_hash } : undefined;
    },

    /**
     * The key as read at most KEY_CACHE_MS ago: a department system calls thousands of times a
     * second, and a database read per call was 4% of a check's cost. A revocation or rotation in this
     * process takes effect at once (the entry is dropped); one by another process (the CLI, another
     * server) within KEY_CACHE_MS. Unknown ids are never cached.
     */
    async findWithHashCached(id: string): Promise<(ApiKey & { secretHash: string }) | undefined> {
      const now = Date.now();
      const hit = cache.get(id);
      if (hit && hit.until > now) return hit.key;
      const key = await this.findWithHash(id);
      if (key) {
        if (cache.size >= KEY_CACHE_SIZE) cache.clear();
        cache.set(id, { until: now + KEY_CACHE_MS, key });
      } else cache.delete(id);
      return key;
    },

    async list(departmentCode?: string): Promise<ApiKey[]> {
      let query = db.selectFrom('api_keys').selectAll().orderBy('created_at');
      if (departmentCode) query = query.where('department_code', '=', departmentCode);
      return (await query.execute()).map(toApiKey);
    },

    async revoke(id: string, now: string): Promise<boolean> {
      cache.delete(id);
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async markUsed(id: string, now: string): Promise<void> {
      await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
    },
  };
}
