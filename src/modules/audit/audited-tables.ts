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

/** Every table whose rows the audit chain vouches for; credit records and list entries join later. */
export const AUDITED_TABLES: readonly AuditedTable[] = [SUBJECTS_AUDITED];
