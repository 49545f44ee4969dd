import type { Sealer } from '../../platform/crypto/sealing.ts';
import type { Store } from '../../platform/db/engine.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type CodeCheck, type CodeException, type CodeKind, checkCode, normalizeCode } from './index.ts';

/** Check-character failures are the only ones a registered exception may excuse. */
/** Errors a registered exception can excuse: a check character, and nothing else. */
export const EXCUSABLE_CODE_ERRORS: ReadonlySet<string> = new Set([
  'CODE_CHECKSUM',
  'CODE_ORGANIZATION_CHECKSUM',
]);

/**
 * Code checks with the registry of exceptions: codes issued before the standards settled that fail
 * their check character yet are real. The registry is consulted only when a code fails that way, so
 * the common path is pure computation; an accepted exception always carries a warning.
 */
export function codesService(store: Store, sealer: Sealer) {
  const { db } = store;

  async function findException(normalized: string): Promise<CodeException | undefined> {
    const row = await db
      .selectFrom('code_exceptions')
      .select(['kind', 'reason'])
      .where('code_digest', '=', sealer.digest(normalized))
      .executeTakeFirst();
    return row ? { code: normalized, kind: row.kind as CodeKind, reason: row.reason } : undefined;
  }

  return {
    normalize: normalizeCode,

    async check(input: string, today?: string): Promise<CodeCheck> {
      const first = checkCode(input, today ? { today } : {});
      if (first.valid || !first.error || !EXCUSABLE_CODE_ERRORS.has(first.error.code)) return first;
      const exception = await findException(first.normalized);
      if (!exception) return first;
      return checkCode(input, { ...(today ? { today } : {}), exception: () => exception });
    },

    /**
     * Codes that failed only their check character, checked again against the registry in one query
     * (a batch check may hold hundreds): each comes back as `check` would return it.
     */
    async checkExcusable(normalized: readonly string[], today?: string): Promise<CodeCheck[]> {
      const digests = [...new Set(normalized.map((code) => sealer.digest(code)))];
      const found = new Map<string, { kind: string; reason: string }>();
      for (let i = 0; i < digests.length; i += 500) {
        const rows = await db
          .selectFrom('code_exceptions')
          .select(['code_digest', 'kind', 'reason'])
          .where('code_digest', 'in', digests.slice(i, i + 500))
          .execute();
        for (const row of rows) found.set(row.code_digest, row);
      }
      return normalized.map((code) => {
        const row = found.get(sealer.digest(code));
        return checkCode(code, {
          ...(today ? { today } : {}),
          ...(row ? { exception: () => ({ code, kind: row.kind as CodeKind, reason: row.reason }) } : {}),
        });
      });
    },

    async registerException(input: { code: string; reason: string; registeredBy: string; now: string }) {
      const normalized = normalizeCode(input.code);
      const result = checkCode(normalized);
      if (result.valid) {
        throw badRequest(
          'CODE_EXCEPTION_NOT_NEEDED',
          `代码 ${normalized} 本身校验通过，无需登记为例外`,
          `Code ${normalized} is valid as it is; it needs no exception`,
        );
      }
      if (!result.error || !EXCUSABLE_CODE_ERRORS.has(result.error.code) || !result.kind) {
        throw badRequest(
          'CODE_EXCEPTION_NOT_APPLICABLE',
          `只有仅校验位不符的代码可登记为例外；${normalized}：${result.error?.message ?? ''}`,
          `Only codes that fail nothing but their check character can be exceptions; ${normalized}: ${result.error?.messageEn ?? ''}`,
          { error: result.error },
        );
      }
      if (input.reason.trim().length < 4) {
        throw badRequest(
          'CODE_EXCEPTION_REASON_REQUIRED',
          '请说明登记例外的理由（如发证机关、核实文书）',
          'State why the code is registered as an exception (issuing authority, verification document)',
        );
      }
      if (await findException(normalized)) {
        throw conflict(
          'CODE_EXCEPTION_EXISTS',
          `代码 ${normalized} 已登记为例外`,
          `Code ${normalized} is already registered`,
        );
      }
      await db
        .insertInto('code_exceptions')
        .values({
          id: uuidv7(),
          code_digest: sealer.digest(normalized),
          code_sealed: sealer.seal(normalized),
          kind: result.kind,
          reason: input.reason.trim(),
          registered_by: input.registeredBy,
          created_at: input.now,
        })
        .execute();
      return { code: normalized, kind: result.kind, reason: input.reason.trim() };
    },

    async listExceptions() {
      const rows = await db.selectFrom('code_exceptions').selectAll().orderBy('created_at').execute();
      return rows.map((r) => ({
        code: sealer.open(r.code_sealed),
        kind: r.kind,
        reason: r.reason,
        registeredBy: r.registered_by,
        createdAt: r.created_at,
      }));
    },
  };
}

export type CodesService = ReturnType<typeof codesService>;
