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

/** Every table whose rows the audit chain vouches for; list entries join later. */
export const AUDITED_TABLES: readonly AuditedTable[] = [SUBJECTS_AUDITED, RECORDS_AUDITED];
