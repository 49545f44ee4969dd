/**
 * Pure rules of the red and black lists (A3–A12, B26, B27): when an entry counts, what a listed record
 * says about its ground and end date, and who must be told. No I/O: the hooks and the check read them.
 */
import type { CatalogPeriod, FieldValue } from '../catalog/index.ts';
import { addPolicyDuration } from '../policy/index.ts';
import type { ListPolarity } from './lists.tables.ts';

/** The moments an entry stops counting; each is a plain date (YYYY-MM-DD) or null for "not set". */
export type EntryDates = {
  status: 'active' | 'removed';
  /** A12: publication period / removal date set by the identifying unit */
  valid_until: string | null;
  /** B27: validity of the underlying negative record */
  validity_ends_on: string | null;
};

/**
 * An entry counts on `today` (a China date) while it is active and neither its removal date (A12) nor
 * its record's validity (B27) has passed. Expiry is read from the dates, never written: nothing needs
 * to run at midnight for an entry to stop counting, and the entry stays as an archive.
 */
export function isEffective(entry: EntryDates, today: string): boolean {
  if (entry.status !== 'active') return false;
  if (entry.valid_until !== null && entry.valid_until < today) return false;
  if (entry.validity_ends_on !== null && entry.validity_ends_on < today) return false;
  return true;
}

/**
 * The last day an entry may be used (issue 15 W10): its record's B27 validity, or, where the item
 * declares a usage period (B8 使用期限, counted from identification as B27 is), the earlier of the two.
 * Kept as the entry's `validity_ends_on`, so checks, list views and searches all stop at it.
 */
export function entryLastDay(
  validityEndsOn: string | null,
  identifiedOn: string,
  usagePeriod: CatalogPeriod | null,
): string | null {
  if (usagePeriod === null) return validityEndsOn;
  const usageEnds = addPolicyDuration(identifiedOn, usagePeriod);
  return validityEndsOn === null || usageEnds < validityEndsOn ? usageEnds : validityEndsOn;
}

/** Why an entry does not count (for views): removed, past its removal date, or past B27 validity. */
export function entryState(entry: EntryDates, today: string): 'effective' | 'removed' | 'expired' {
  if (entry.status !== 'active') return 'removed';
  return isEffective(entry, today) ? 'effective' : 'expired';
}

/** The ground (A5/A6) and removal date (A12) of a list row: read by the catalog's one reading. */
export { groundOf, validUntilOf } from '../catalog/index.ts';

/** Natures of organizations whose superior is told when they are black-listed (A11). */
export const PUBLIC_UNIT_NATURES = ['国家机关', '事业单位', '国有企业'] as const;
const PUBLIC_UNIT_KINDS = ['state_organ', 'public_institution', 'state_owned_enterprise'];

export type SubjectFacts = {
  kind: 'person' | 'organization';
  attributes: Record<string, unknown>;
};

/**
 * A11: who the credit center must tell about a new black list entry.
 * - a person who is a state employee (the row says so) → the employer the row names, where the platform
 *   knows it; else the employer registered for the person;
 * - an organization that is a state organ, public institution or state-owned enterprise (the row's
 *   单位性质, or the registration) → its superior or competent department.
 * The recipient is a department code when the platform knows it; otherwise `null`, and the credit
 * center itself receives the notice to forward (nothing is dropped because a link is missing).
 */
export function a11Notice(
  subject: SubjectFacts,
  fields: Readonly<Record<string, FieldValue>>,
  departmentByName: (name: string) => string | undefined,
): { kind: 'state_employee' | 'public_unit'; recipient: string | null } | null {
  if (subject.kind === 'person') {
    if (fields.stateEmployee !== true) return null;
    // The decision's own 工作单位 first: a registration can be stale, and a correction naming another
    // employer must reach that employer (issue 15 W6); the registered one where the row names none the
    // platform knows.
    const named = typeof fields.employer === 'string' ? departmentByName(fields.employer) : undefined;
    if (named !== undefined) return { kind: 'state_employee', recipient: named };
    const known = subject.attributes.employerDepartmentCode;
    return { kind: 'state_employee', recipient: typeof known === 'string' ? known : null };
  }
  const nature = fields.unitNature;
  const isPublicUnit =
    (typeof nature === 'string' && (PUBLIC_UNIT_NATURES as readonly string[]).includes(nature)) ||
    PUBLIC_UNIT_KINDS.includes(String(subject.attributes.organizationKind));
  if (!isPublicUnit) return null;
  const superior = subject.attributes.superiorDepartmentCode;
  return { kind: 'public_unit', recipient: typeof superior === 'string' ? superior : null };
}

/** B26: a severe organization's black entry is written to the persons who answer for it. */
export function propagatesToResponsiblePersons(
  polarity: ListPolarity,
  subjectKind: 'person' | 'organization',
  severity: string | null,
): boolean {
  return polarity === 'black' && subjectKind === 'organization' && severity === '严重';
}
