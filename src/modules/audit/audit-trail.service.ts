/**
 * The audit trail as the rest of the platform uses it: `record()` is the one way application code
 * writes an audit entry — who (id, role, department), why (purpose), what, when, the result and the
 * policy in force, appended to the SM3 hash chain — and auditors verify, read and anchor it here.
 */

import { AppError } from '../../platform/errors.ts';
import { type Actor, actorDepartment, actorId, actorRole } from '../access/actor.ts';
import type { Store } from '../database.ts';
import type { Policy } from '../policy/index.ts';
import type { Anchor } from './audit.chain.ts';
import { type AuditEntryInput, auditRepository, readAnchors, readAuditEntries } from './audit.repository.ts';
import { anchorDay, anchorHead, verifyAudit } from './audit.service.ts';
import type { RowsWrittenMeta } from './row-digests.service.ts';

export type AuditInput = {
  actor: Actor;
  /** B33: the purpose the caller stated */
  purpose?: string | undefined;
  action: string;
  targetType: string;
  targetId?: string | null | undefined;
  result: 'ok' | 'denied' | 'error';
  detail?: Record<string, unknown> | undefined;
  requestId?: string | undefined;
};

export type AuditTrailDeps = {
  store: Store;
  policy: Policy;
  now: () => string;
  /** the external anchor log (anchor-log.file.ts); undefined: none is kept */
  anchorLog?: string | undefined;
};

export function auditTrail(deps: AuditTrailDeps) {
  const repository = auditRepository(deps.store);
  const entryOf = (input: AuditInput): AuditEntryInput => ({
    at: deps.now(),
    actorId: actorId(input.actor),
    actorRole: actorRole(input.actor),
    actorDepartment: actorDepartment(input.actor),
    purpose: input.purpose ?? null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    result: input.result,
    detail: input.detail ?? {},
    policyId: deps.policy.id,
    policyVersion: deps.policy.version,
    requestId: input.requestId ?? null,
  });
  return {
    repository,
    /** Who is writing, for `recordRowsWritten` entries that accompany rows written to audited tables. */
    writer(actor: Actor, requestId?: string, purpose?: string): RowsWrittenMeta {
      return {
        actorId: actorId(actor),
        actorRole: actorRole(actor),
        actorDepartment: actorDepartment(actor),
        purpose: purpose ?? null,
        policyId: deps.policy.id,
        policyVersion: deps.policy.version,
        requestId: requestId ?? null,
      };
    },
    async record(input: AuditInput): Promise<void> {
      await repository.append(entryOf(input));
    },
    /**
     * The entry `record` appends, for a writer that appends it itself in the transaction of the rows
     * the act wrote (`recordStoredTables(trx, written, writer, [entry])`).
     */
    entry: (input: AuditInput): AuditEntryInput => entryOf(input),
    /**
     * The whole trail verified: chain, head, anchors (stored, `published`, and those of the external
     * anchor log — `anchorLog` reads another copy, e.g. one shipped off the machine), row digests.
     */
    verify: (options: { published?: readonly Anchor[]; anchorLog?: string } = {}) =>
      verifyAudit(deps.store, undefined, {
        ...options,
        anchorLog: options.anchorLog ?? deps.anchorLog,
        now: deps.now,
      }),
    /** Entries by seq, filtered (who read whom, with what purpose). */
    entries: (options: Parameters<typeof readAuditEntries>[1] = {}) =>
      readAuditEntries(deps.store.db, options),
    /** The stored daily anchors. */
    anchors: () => readAnchors(deps.store.db),
    /** The chain head at the end of a China day, stored (and logged) and returned for publication. */
    anchorDay: (day: string) => anchorDay(deps.store, day, { now: deps.now(), anchorLog: deps.anchorLog }),
    /** The external anchor log, when one is kept. */
    anchorLog: deps.anchorLog,
    /** The chain head now, appended to the external anchor log and returned for publication. */
    anchorHead: () => {
      if (deps.anchorLog === undefined) {
        throw new AppError(
          'AUDIT_ANCHOR_LOG_OFF',
          400,
          '未配置外部锚点日志（XINYONG_AUDIT_ANCHOR_FILE=none），无法锚定链头',
          'No external anchor log is kept (XINYONG_AUDIT_ANCHOR_FILE=none); the head cannot be anchored',
        );
      }
      return anchorHead(deps.store, deps.anchorLog, { now: deps.now() });
    },
  };
}

export type AuditTrail = ReturnType<typeof auditTrail>;
