import { type Actor, actorDepartment, actorId, actorRole } from '../modules/access/actor.ts';
import { auditRepository } from '../modules/audit/audit.repository.ts';
import type { Policy } from '../modules/policy/index.ts';
import type { Store } from '../platform/db/engine.ts';

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
