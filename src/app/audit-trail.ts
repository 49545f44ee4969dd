import { type Actor, actorDepartment, actorId, actorRole } from '../modules/access/actor.ts';
import { auditRepository, type RowsWrittenMeta } from '../modules/audit/index.ts';
import type { Store } from '../modules/database.ts';
import type { Policy } from '../modules/policy/index.ts';

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

/**
 * The one way application code writes to the audit trail: who (id, role, department), why (purpose),
 * what, when, the result, and the policy in force — appended to the SM3 hash chain.
 */
export function auditTrail(deps: { store: Store; policy: Policy; now: () => string }) {
  const repository = auditRepository(deps.store);
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
      await repository.append({
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
    },
  };
}

export type AuditTrail = ReturnType<typeof auditTrail>;
