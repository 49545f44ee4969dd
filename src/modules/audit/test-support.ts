/** Test support for the audit suites (not a test file itself). */
import type { AuditEntryInput } from './audit.repository.ts';
import { systemWriter } from './row-digests.service.ts';

/** The writer repositories record rows as in suites without an app context (the shipped policy's id). */
export const TEST_WRITER = systemWriter({ id: 'huaian-2018', version: '1.0.0' });

export const sampleEntry = (n: number, extra: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  actorId: `staff-${n % 3}`,
  actorRole: 'department_staff',
  actorDepartment: 'HA-FGW',
  purpose: '行政许可审查 / licensing review',
  action: 'subject.read',
  targetType: 'subject',
  targetId: `subject-${n}`,
  result: 'ok',
  detail: { fields: ['name', 'records'], n },
  policyId: 'huaian-2018',
  policyVersion: '1.0.0',
  requestId: `req-${n}`,
  ...extra,
});
