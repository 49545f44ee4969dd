import { toJson } from '../../platform/db/engine.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { POLICY_VERSIONS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Store } from '../database.ts';
import { type Policy, policyFingerprint } from './index.ts';

/**
 * Registers the policy the platform starts with. Decisions record (policy id, version); this table
 * keeps the exact content behind each pair, so a version can always be shown later. Changing a
 * policy's numbers without raising its version is refused: the same (id, version) must always mean
 * the same content. A new version's row is recorded on the audit chain in the same transaction
 * (`writer`; issue 14 §3), so the content behind a version cannot be edited unseen.
 */
export async function registerPolicyVersion(
  store: Store,
  policy: Policy,
  now: string,
  writer: RowsWrittenMeta,
) {
  const digest = policyFingerprint(policy);
  const existing = await store.db
    .selectFrom('policy_versions')
    .select(['digest', 'first_loaded_at'])
    .where('policy_id', '=', policy.id)
    .where('version', '=', policy.version)
    .executeTakeFirst();
  if (existing) {
    if (existing.digest !== digest) {
      throw new AppError(
        'POLICY_VERSION_CONFLICT',
        500,
        `政策 ${policy.id} 版本 ${policy.version} 的内容与 ${existing.first_loaded_at} 首次加载时不同；修改政策数值必须提高版本号`,
        `Policy ${policy.id} version ${policy.version} differs from the content first loaded at ${existing.first_loaded_at}; raise the version when changing policy numbers`,
        { policyId: policy.id, version: policy.version, storedDigest: existing.digest, fileDigest: digest },
      );
    }
    return { digest, firstLoadedAt: existing.first_loaded_at, registered: false };
  }
  await inTransaction(store.db, async (trx) => {
    const rows = await trx
      .insertInto('policy_versions')
      .values({
        id: uuidv7(),
        policy_id: policy.id,
        version: policy.version,
        digest,
        content: toJson(policy),
        first_loaded_at: now,
      })
      .returningAll()
      .execute();
    await recordStoredRows(trx, POLICY_VERSIONS_AUDITED, rows, writer);
  });
  return { digest, firstLoadedAt: now, registered: true };
}
