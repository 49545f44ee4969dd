import { type Actor, actorDepartment } from './actor.ts';
import { hasPermission } from './roles-check.ts';

/** B18: each catalog item's usage scope. */
export const USAGE_SCOPES = ['public', 'government', 'authorized'] as const;
export type UsageScope = (typeof USAGE_SCOPES)[number];
export const USAGE_SCOPE_LABELS: Record<UsageScope, string> = {
  public: '社会公开',
  government: '政府共享',
  authorized: '授权查询',
};

export type Consent = {
  id: string;
  subjectId: string;
  granteeDepartment: string;
  /** catalog item codes, or ['*'] for every 授权查询 item */
  scope: string[];
  purpose: string;
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
};

/** One piece of credit information someone wants to read. */
export type ReadTarget = {
  subjectId: string;
  itemCode: string;
  scope: UsageScope;
  providerDepartment: string;
};

export type ReadDecision =
  | {
      allowed: true;
      basis: 'public' | 'own_subject' | 'own_provider' | 'government_duty' | 'consent';
      consentId?: string;
    }
  | { allowed: false; code: 'SCOPE_DENIED' | 'CONSENT_REQUIRED'; message: string; messageEn: string };

export function consentCovers(
  consent: Consent,
  target: ReadTarget,
  department: string,
  now: string,
): boolean {
  return (
    consent.subjectId === target.subjectId &&
    consent.granteeDepartment === department &&
    consent.revokedAt === null &&
    consent.grantedAt <= now &&
    now < consent.expiresAt &&
    (consent.scope.includes('*') || consent.scope.includes(target.itemCode))
  );
}

/**
 * Who may read a piece of credit information (B18–B21):
 * - 社会公开: anyone;
 * - the subject itself reads all of its own information (B20);
 * - the providing department reads what it provided (B4 谁提供谁负责);
 * - 政府共享: government staff and systems whose role allows subject queries (their purpose is
 *   required and audited at the route, B33);
 * - 授权查询: another party only under a live consent of the subject that names its department and
 *   covers the item (B21) — expired or revoked consents count for nothing.
 */
export function canRead(
  actor: Actor,
  target: ReadTarget,
  consents: readonly Consent[],
  now: string,
): ReadDecision {
  if (actor.kind === 'account' && actor.role === 'subject' && actor.subjectId === target.subjectId) {
    return { allowed: true, basis: 'own_subject' };
  }
  const department = actorDepartment(actor);
  if (department !== null && department === target.providerDepartment) {
    return { allowed: true, basis: 'own_provider' };
  }
  // Ownership is decided first: it also governs what happens after validity ends (B27 archives).
  if (target.scope === 'public') return { allowed: true, basis: 'public' };
  const governmentReader = hasPermission(actor, 'subjects.read');
  if (target.scope === 'government' && governmentReader) return { allowed: true, basis: 'government_duty' };
  if (target.scope === 'authorized' && department !== null) {
    const consent = consents.find((c) => consentCovers(c, target, department, now));
    if (consent) return { allowed: true, basis: 'consent', consentId: consent.id };
    return {
      allowed: false,
      code: 'CONSENT_REQUIRED',
      message: '该信息属于授权查询范围，须取得信息主体的有效书面授权（B21）',
      messageEn: 'This information may be read only under a live consent of the subject (B21)',
    };
  }
  return {
    allowed: false,
    code: 'SCOPE_DENIED',
    message: `该信息的使用范围为“${USAGE_SCOPE_LABELS[target.scope]}”，当前身份无权查看（B18）`,
    messageEn: `This information's usage scope is ${target.scope}; your role may not read it (B18)`,
  };
}
