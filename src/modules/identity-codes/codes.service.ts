import type { Sealer } from '../../platform/crypto/sealing.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import type { Store } from '../database.ts';
import { codeExceptionsRepository } from './code-exceptions.repository.ts';
import {
  type CodeCheck,
  type CodeException,
  type CodeKind,
  checkCode,
  EXCUSABLE_CODE_ERRORS,
  normalizeCode,
} from './index.ts';

/**
 * Code checks with the registry of exceptions: codes issued before the standards settled that fail
 * their check character yet are real. The registry is consulted only when a code fails that way, so
 * the common path is pure computation; an accepted exception always carries a warning.
 */
export function codesService(
  store: Store,
  sealer: Sealer,
  today: () => string,
  /** who a registered exception's row is recorded as on the audit chain (issue 14 §3) */
  writer: RowsWrittenMeta,
) {
  const { db } = store;

  /** Registered exceptions among normalized codes, by code: one query per 500 codes. */
  async function findExceptions(normalized: readonly string[]): Promise<Map<string, CodeException>> {
    const byIndex = new Map(normalized.map((code) => [sealer.blindIndex(code), code]));
    const found = new Map<string, CodeException>();
    for (const row of await codeExceptionsRepository.findByIndexes(db, [...byIndex.keys()])) {
      const code = byIndex.get(row.code_digest)!;
      found.set(code, { code, kind: row.kind as CodeKind, reason: row.reason });
    }
    return found;
  }

  async function findException(normalized: string): Promise<CodeException | undefined> {
    return (await findExceptions([normalized])).get(normalized);
  }

  /**
   * Codes checked by their standards; those failing only their check character are looked up in the
   * registry, all at once (a batch may hold hundreds), and accepted with a warning when registered.
   */
  async function checkMany(inputs: readonly string[], on: string = today()): Promise<CodeCheck[]> {
    const options = { today: on };
    const checks = inputs.map((input) => checkCode(input, options));
    const excusable = checks.flatMap((c, i) =>
      !c.valid && c.error && EXCUSABLE_CODE_ERRORS.has(c.error.code) ? [i] : [],
    );
    if (excusable.length === 0) return checks;
    const found = await findExceptions(excusable.map((i) => checks[i]!.normalized));
    for (const i of excusable) {
      const exception = found.get(checks[i]!.normalized);
      if (exception) checks[i] = checkCode(inputs[i]!, { ...options, exception: () => exception });
    }
    return checks;
  }

  return {
    normalize: normalizeCode,

    async check(input: string, on?: string): Promise<CodeCheck> {
      return (await checkMany([input], on))[0]!;
    },

    checkMany,

    async registerException(input: { code: string; reason: string; registeredBy: string; now: string }) {
      const normalized = normalizeCode(input.code);
      const result = checkCode(normalized, { today: today() });
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
      await codeExceptionsRepository.insert(
        db,
        {
          id: uuidv7(),
          code_digest: sealer.blindIndex(normalized),
          code_sealed: sealer.seal(normalized),
          kind: result.kind,
          reason: input.reason.trim(),
          registered_by: input.registeredBy,
          created_at: input.now,
        },
        writer,
      );
      return { code: normalized, kind: result.kind, reason: input.reason.trim() };
    },

    async listExceptions() {
      const rows = await codeExceptionsRepository.list(db);
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
