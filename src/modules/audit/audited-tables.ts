import type { AuditedTable } from './row-digest.ts';

/**
 * 信息主体 (subjects): the first chained table. Every column is covered; `updated_at` too, since a
 * subject's registered facts change only through a new, reviewed version (A20, B33), never in place.
 */
export const SUBJECTS_AUDITED: AuditedTable = {
  table: 'subjects',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    kind: 'text',
    code_kind: 'text',
    code_digest: 'text',
    code_sealed: 'text',
    name: 'text',
    region_code: 'text',
    attributes: 'json',
    created_at: 'instant',
    updated_at: 'instant',
  },
};

/**
 * Credit records (信用信息, intake issue): immutable versions, a change is a new row (A20, B33). Every
 * column is covered, so an edited severity, date, field or validity end is named by `audit verify`.
 */
export const RECORDS_AUDITED: AuditedTable = {
  table: 'records',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    record_key: 'uuid',
    version: 'integer',
    item_code: 'text',
    item_version: 'integer',
    provider_department: 'text',
    provider_record_id: 'text',
    subject_id: 'uuid',
    subject_name: 'text',
    severity: 'text',
    identified_on: 'date',
    received_at: 'instant',
    validity_ends_on: 'date',
    policy_id: 'text',
    policy_version: 'text',
    fields: 'json',
    content_digest: 'text',
    reason: 'text',
    push_workdays: 'integer',
    push_late: 'integer',
    push_provisional: 'integer',
    batch_id: 'uuid',
  },
};

/**
 * Credit checks (B19, B22, C §5(2); decision 0012): who checked, for what, and the answer. A check
 * is recorded once; a streamed check's header is written at its first part and recorded again with
 * its final counts (the latest record counts). `results` holds the answer of a check recorded in one
 * part (every API check); a streamed check keeps its parts in check_parts.
 */
export const CHECKS_AUDITED: AuditedTable = {
  table: 'checks',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    at: 'instant',
    check_day: 'date',
    actor_id: 'text',
    actor_role: 'text',
    department: 'text',
    api_key_id: 'text',
    purpose: 'text',
    scenario: 'text',
    channel: 'text',
    subject_count: 'integer',
    block_count: 'integer',
    warn_count: 'integer',
    favor_count: 'integer',
    none_count: 'integer',
    error_count: 'integer',
    policy_id: 'text',
    policy_version: 'text',
    request_id: 'text',
    results: 'json',
  },
};

/** The parts of a streamed check (and of API checks recorded before migration 0012): `<check id>/<part>`. */
export const CHECK_PARTS_AUDITED: AuditedTable = {
  table: 'check_parts',
  idColumn: 'check_id',
  keyColumns: ['check_id', 'part'],
  columns: { check_id: 'uuid', part: 'integer', first_position: 'integer', results: 'json' },
};

/** A check's hits (a subject with a decision other than none): what feedback and the A21 report count. */
export const CHECK_HITS_AUDITED: AuditedTable = {
  table: 'check_hits',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    check_id: 'uuid',
    position: 'integer',
    subject_id: 'uuid',
    decision: 'text',
    entry_ids: 'json',
    measures: 'json',
    department: 'text',
    check_day: 'date',
  },
};

/** Every table whose rows the audit chain vouches for; list entries join later. */
export const AUDITED_TABLES: readonly AuditedTable[] = [
  SUBJECTS_AUDITED,
  RECORDS_AUDITED,
  CHECKS_AUDITED,
  CHECK_PARTS_AUDITED,
  CHECK_HITS_AUDITED,
];
