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
  /** the party allowed to query: a department (its code) … */
  granteeDepartment: string | null;
  /** … or a subject on the platform, a counterparty reading through its own account (B24); one is set */
  granteeSubjectId: string | null;
  /** catalog item codes, or ['*'] for every 授权查询 item */
  scope: string[];
  purpose: string;
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
};

/**
 * Who reads under a consent: a department (its staff or its business system), or a subject through its
 * own account — a counterparty such as a bank, an employer or a landlord (B21, B24).
 */
export type ConsentReader =
  | { department: string; subjectId?: undefined }
  | { subjectId: string; department?: undefined };

/** The party an actor reads for under a consent; null for the public and the command line. */
export function consentReaderOf(actor: Actor): ConsentReader | null {
  if (actor.kind === 'account' && actor.role === 'subject') {
    return actor.subjectId ? { subjectId: actor.subjectId } : null;
  }
  const department = actorDepartment(actor);
  return department === null ? null : { department };
}

/** Whether a consent names this reader as its grantee. */
export function consentNames(consent: Consent, reader: ConsentReader): boolean {
  return reader.department !== undefined
    ? consent.granteeDepartment === reader.department
    : consent.granteeSubjectId === reader.subjectId;
}

/** In force now: granted, not yet expired, not revoked (an expired or revoked consent counts for nothing). */
export function consentLive(consent: Consent, now: string): boolean {
  return consent.revokedAt === null && consent.grantedAt <= now && now < consent.expiresAt;
}

/** One piece of credit information someone wants to read. */
export type ReadTarget = {
  subjectId: string;
  /** a person's file is closed to counterparties beyond what their consent names (A7, B24) */
  subjectKind?: 'person' | 'organization' | undefined;
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
  reader: ConsentReader,
  now: string,
): boolean {
  return (
    consent.subjectId === target.subjectId &&
    consentNames(consent, reader) &&
    consentLive(consent, now) &&
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
 * - 授权查询: another party only under a live consent of the subject that names it — its department,
 *   or, for a counterparty reading through its own subject account, its subject (B21, B24) — and
 *   covers the item; expired or revoked consents count for nothing. A counterparty is no government
 *   reader: 政府共享 items stay closed to it whatever it was granted.
 * - A counterparty reading a **person** under a consent gets only the items the consent names: a
 *   person's 社会公开 items are not published (A7: a person is published through black-list entries
 *   only, decision 0038), so they are not "public" to a counterparty either. Reading an organization
 *   it gets its public items and the consent's (issue 17 review; decision 0040).
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
  const reader = consentReaderOf(actor);
  if (target.scope === 'public' && reader?.subjectId !== undefined && target.subjectKind === 'person') {
    const consent = consents.find((c) => consentCovers(c, target, reader, now));
    if (consent) return { allowed: true, basis: 'consent', consentId: consent.id };
    return {
      allowed: false,
      code: 'CONSENT_REQUIRED',
      message: '个人的信用信息只在其授权范围内提供给交易对方（A7、B24）',
      messageEn:
        'A person’s information is given to a counterparty only as far as their consent names it (A7, B24)',
    };
  }
  if (target.scope === 'public') return { allowed: true, basis: 'public' };
  const governmentReader = hasPermission(actor, 'subjects.read');
  if (target.scope === 'government' && governmentReader) return { allowed: true, basis: 'government_duty' };
  if (target.scope === 'authorized' && reader !== null) {
    const consent = consents.find((c) => consentCovers(c, target, reader, now));
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
