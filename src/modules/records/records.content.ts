/**
 * Pure rules of a record's stored content: sealing identity codes in fields, the content fingerprint that
 * makes a retried push `unchanged`, the validity end (B27) and push timeliness (A9). No database here.
 */
import { hash } from 'node:crypto';
import type { Sealer } from '../../platform/crypto/sealing.ts';
import { canonicalJson } from '../audit/index.ts';
import type { WorkdayCalendar } from '../calendar/index.ts';
import type { CatalogItemVersion, FieldValue, ValidRow } from '../catalog/index.ts';
import { addPolicyDuration, type Policy, validityOf } from '../policy/index.ts';

/**
 * A `code` field as stored: the authenticated ciphertext and the blind index (decision 0003), never
 * the plaintext. Every `code` field is sealed, a person's ID number and an organization's USCC alike:
 * one code path, as for subjects, and a field documented as "USCC" may in practice hold an ID number.
 */
export type SealedCode = { sealed: string; index: string };
export type StoredFieldValue = FieldValue | SealedCode;

/** Keys of the item's `code` fields (cached per item version object, like compiled validators). */
const codeKeysCache = new WeakMap<CatalogItemVersion, readonly string[]>();
export function codeFieldKeys(item: CatalogItemVersion): readonly string[] {
  let keys = codeKeysCache.get(item);
  if (!keys) {
    keys = item.fields.filter((f) => f.type === 'code').map((f) => f.key);
    codeKeysCache.set(item, keys);
  }
  return keys;
}

/** The fields to store: `code` values sealed with their blind index, everything else as validated. */
export function storedFields(
  item: CatalogItemVersion,
  fields: Record<string, FieldValue>,
  sealer: Pick<Sealer, 'seal' | 'blindIndex'>,
): Record<string, StoredFieldValue> {
  const keys = codeFieldKeys(item);
  if (keys.length === 0) return fields;
  const out: Record<string, StoredFieldValue> = { ...fields };
  for (const key of keys) {
    const value = fields[key];
    if (typeof value === 'string') out[key] = { sealed: sealer.seal(value), index: sealer.blindIndex(value) };
  }
  return out;
}

/**
 * SHA-256 of the canonical content a provider is responsible for: item, subject, severity,
 * identification date and fields — not the item version, the reason or the receipt time, so the same
 * record pushed again is `unchanged`. Identity codes enter as their keyed blind index: the fingerprint of
 * low-entropy content such as an ID number must not be reversible by trying candidates.
 */
export function contentFingerprint(
  item: CatalogItemVersion,
  row: ValidRow,
  blindIndex: (code: string) => string,
): string {
  return fingerprintContent(item, row, blindIndex).fingerprint;
}

/**
 * `contentFingerprint`, with the canonical JSON of the fields it hashed when the row holds no code
 * (the item has no code field, or the row left its optional ones blank, as most rows leave the legal
 * representative's ID number): the fields are then stored as they are, and that text is also their
 * canonical form in the record's row digest (A20), which need not write it again.
 */
export function fingerprintContent(
  item: CatalogItemVersion,
  row: ValidRow,
  blindIndex: (code: string) => string,
): { fingerprint: string; storedFieldsText: string | null } {
  const keys = codeFieldKeys(item).filter((key) => typeof row.fields[key] === 'string');
  let fields = row.fields;
  if (keys.length > 0) {
    fields = { ...row.fields };
    for (const key of keys) fields[key] = blindIndex(fields[key] as string);
  }
  const fieldsText = canonicalJson(fields, { fractions: true });
  const content = canonicalContent(row, fieldsText, blindIndex(row.subject.code));
  return {
    fingerprint: hash('sha256', content, 'hex'),
    storedFieldsText: keys.length > 0 ? null : fieldsText,
  };
}

/**
 * `canonicalJson({ item, subject: { code, name }, severity, identifiedOn, fields }, { fractions: true })`
 * written out for this fixed shape (members in sorted order; every value but `fields` a string or, for
 * severity, possibly null), `fieldsText` being the fields' canonical JSON: the content fingerprint is
 * computed for every submitted row. A B2 ground (issue 15 W8) is `subject.ground`, and a withdrawal
 * (issue 15 W3) is `withdrawn: true`, each present only when stated, so every fingerprint made before
 * they existed is unchanged.
 */
export function canonicalContent(
  row: Pick<ValidRow, 'item' | 'subject' | 'severity' | 'identifiedOn'> & {
    subjectGround?: ValidRow['subjectGround'];
    withdrawn?: boolean;
  },
  fieldsText: string,
  subjectIndex: string,
): string {
  const { item, subject, severity, identifiedOn } = row;
  const ground = row.subjectGround ?? null;
  if (
    typeof item !== 'string' ||
    typeof identifiedOn !== 'string' ||
    typeof subject.name !== 'string' ||
    (severity !== null && typeof severity !== 'string') ||
    (ground !== null && typeof ground !== 'string')
  ) {
    // not the shape validation produces: the general form decides
    const content = {
      item,
      subject: { code: subjectIndex, ...(ground === null ? {} : { ground }), name: subject.name },
      severity,
      identifiedOn,
      fields: JSON.parse(fieldsText),
      ...(row.withdrawn === true ? { withdrawn: true } : {}),
    };
    return canonicalJson(content, { fractions: true });
  }
  const s = JSON.stringify;
  const groundText = ground === null ? '' : `"ground":${s(ground)},`;
  const withdrawnText = row.withdrawn === true ? ',"withdrawn":true' : '';
  return `{"fields":${fieldsText},"identifiedOn":${s(identifiedOn)},"item":${s(item)},"severity":${severity === null ? 'null' : s(severity)},"subject":{"code":${s(subjectIndex)},${groundText}"name":${s(subject.name)}}${withdrawnText}}`;
}

/**
 * B27: negative information is valid 1 year (一般) or 3 years (严重, unmarked; 较重 as the policy
 * decides), counted from the date the act was identified — not from the push. Other categories have
 * no validity end here (their usage period is the catalog's, B8). Returns the last valid day.
 */
export function validityEndsOn(policy: Policy, item: CatalogItemVersion, row: ValidRow): string | null {
  if (item.category !== 'negative') return null;
  return addPolicyDuration(row.identifiedOn, validityOf(policy, row.severity));
}

export type PushTimeliness = { workdays: number; late: boolean; provisional: boolean };

/**
 * A9: working days from identification to receipt (the China date the platform received the row;
 * the identification day itself is not counted). Only list decisions (red and black lists) have the
 * policy's push limit, so only they are flagged late; for other items the figure is kept for A22
 * and B35 reports without a verdict.
 */
export function pushTimeliness(
  calendar: WorkdayCalendar,
  policy: Policy,
  item: CatalogItemVersion,
  identifiedOn: string,
  receivedOn: string,
): PushTimeliness {
  const { workdays, provisional } = calendar.workdaysBetween(identifiedOn, receivedOn);
  const late = item.listType !== null && workdays > policy.lists.pushDeadline.workdays;
  return { workdays, late, provisional };
}

/**
 * A person's ID number named in a record's fields, as shown to readers other than its provider (B4):
 * the region and the last four characters, the birth date and the rest hidden (A7; decision 0028).
 */
export function maskedCode(code: string): string {
  if (code.length <= 10) return '*'.repeat(code.length);
  return `${code.slice(0, 6)}${'*'.repeat(code.length - 10)}${code.slice(-4)}`;
}
