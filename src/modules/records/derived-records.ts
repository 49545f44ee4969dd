/**
 * B26 (issue 15 W5, decision 0028): a severe dishonest organization's negative record is also written
 * into the credit records of the persons who answer for it. Each person gets a record of their own —
 * written by the platform, never pushed — that carries its source's content and follows it version by
 * version: the source's item, provider (谁提供谁负责, B4: the person's objection to the content goes to
 * the provider), severity, dates, validity and fields; the person as subject; where it comes from
 * (`derived_*`). Pure: the lists module decides who answers for a record, this file builds the rows.
 */
import type { Insertable } from '../database.ts';
import type { RecordTable } from './records.tables.ts';

/**
 * Provider record ids of B26 records start with this: intake refuses it on a pushed row
 * (`RECORD_ID_RESERVED`), so a provider can never reach, version or collide with one.
 */
export const DERIVED_RECORD_ID_PREFIX = 'B26:';

/** One person's B26 record of one source: `B26:<source record key>:<person's subject id>` (no code in it). */
export const derivedRecordId = (sourceKey: string, personId: string) =>
  `${DERIVED_RECORD_ID_PREFIX}${sourceKey}:${personId}`;

/** The source version a B26 record is written from, as stored (or as just written by intake). */
export type SourceVersion = Pick<
  RecordTable,
  | 'id'
  | 'record_key'
  | 'version'
  | 'item_code'
  | 'item_version'
  | 'provider_department'
  | 'severity'
  | 'identified_on'
  | 'validity_ends_on'
  | 'policy_id'
  | 'policy_version'
  | 'fields'
  | 'content_digest'
  | 'batch_id'
>;

/** The latest version of a person's B26 record of a source. */
export type DerivedLatest = {
  id: string;
  recordKey: string;
  version: number;
  subjectId: string;
  sourceKey: string;
  /** the source version it follows */
  derivedFrom: string;
  role: string;
  ended: boolean;
};

export type DerivedWrite = {
  source: SourceVersion;
  person: { id: string; name: string };
  role: string;
  /** true: the person no longer answers for the source (or the source is no longer severe) */
  ended: boolean;
  /** why this version is written (Chinese, no personal data): kept as the version's reason */
  reason: string;
};

/**
 * The next version of a person's B26 record, or null when the latest one already says the same: it
 * follows the same source version with the same role and state (a source re-pushed unchanged, a
 * relation registered twice), or there is nothing to end.
 */
export function derivedVersion(
  write: DerivedWrite,
  latest: DerivedLatest | undefined,
  at: string,
  newId: () => string,
): Insertable<RecordTable> | null {
  const { source, person, role, ended } = write;
  if (!latest && ended) return null;
  if (
    latest &&
    latest.ended === ended &&
    (ended || (latest.derivedFrom === source.id && latest.role === role))
  )
    return null;
  const id = newId();
  return {
    id,
    record_key: latest?.recordKey ?? id,
    version: (latest?.version ?? 0) + 1,
    item_code: source.item_code,
    item_version: source.item_version,
    provider_department: source.provider_department,
    provider_record_id: derivedRecordId(source.record_key, person.id),
    subject_id: person.id,
    // the person's registered name: the provider wrote the organization's
    subject_name: person.name,
    subject_ground: null,
    severity: source.severity,
    identified_on: source.identified_on,
    received_at: at,
    // B27 validity and the policy that counted it are the source's: the person's record ends with it.
    validity_ends_on: source.validity_ends_on,
    policy_id: source.policy_id,
    policy_version: source.policy_version,
    fields: typeof source.fields === 'string' ? source.fields : JSON.stringify(source.fields),
    content_digest: source.content_digest,
    reason: write.reason,
    // not a push: A9 timeliness and the intake figures (A22, B35) count the source alone
    push_workdays: 0,
    push_late: 0,
    push_provisional: 0,
    batch_id: source.batch_id,
    derived_from: source.id,
    derived_from_key: source.record_key,
    derived_basis: 'B26',
    derived_role: role,
    derived_ended: ended ? 1 : 0,
    // it follows its source (derived_from), which names the decision a weakening rested on (W3)
    change_basis_kind: null,
    change_basis_id: null,
    // a withdrawn source ends the person's record (`ended`): the person's record is never withdrawn itself
    withdrawn: 0,
  };
}
