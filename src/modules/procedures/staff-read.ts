import type { AuditTrail } from '../audit/audit-trail.service.ts';

/** A request as a staff read registers it: who, with which stated purpose, which request. */
export type ReadRequest = {
  actor: Parameters<AuditTrail['record']>[0]['actor'];
  purpose?: string | undefined;
  id: string;
};

/**
 * B33, C §4(1): every staff read of procedures is registered with its stated purpose — what was read
 * (`targetType`, one `targetId` or a count), as `procedures.read`.
 */
export function staffRead(audit: Pick<AuditTrail, 'record'>) {
  return (request: ReadRequest, targetType: string, count: number, targetId: string | null = null) =>
    audit.record({
      actor: request.actor,
      purpose: request.purpose,
      action: 'procedures.read',
      targetType,
      targetId,
      result: 'ok',
      detail: { count },
      requestId: request.id,
    });
}
