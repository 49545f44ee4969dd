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
    subject_ground: 'text',
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
    change_basis_kind: 'text',
    change_basis_id: 'uuid',
    derived_from: 'uuid',
    derived_from_key: 'uuid',
    derived_basis: 'text',
    derived_role: 'text',
    derived_ended: 'integer',
    withdrawn: 'integer',
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

// ---------------------------------------------------------------------------------------------------
// Tables that decide an outcome or grant access (issue 14 §3, decision 0022). Several are mutable (a
// list entry's status, a revoked key or consent, a delivered notice, a catalog item's current version):
// every insert and update records the row's new digest in a `rows.written` entry in the same
// transaction, and verification holds each row to the latest digest recorded for it. Columns left out
// of a digest are listed in `excluded`, each with its reason.

/** Accounts of people (A7, B33): who may sign in, with which role, for which department or subject. */
export const ACCOUNTS_AUDITED: AuditedTable = {
  table: 'accounts',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    login: 'text',
    display_name: 'text',
    role: 'text',
    department_code: 'text',
    region_code: 'text',
    subject_id: 'uuid',
    password_hash: 'text',
    totp_secret_sealed: 'text',
    status: 'text',
    created_at: 'instant',
    updated_at: 'instant',
  },
  // totp_last_step: the replay guard of the one-time code, moved on every sign-in with TOTP. Setting it
  // back re-opens only a code already used, within its own 30-second step, and the password is still
  // needed (and covered); recording it would put a chain entry on every such sign-in for nothing that
  // grants access.
  excluded: ['totp_last_step'],
};

/**
 * Which subject a subject account acts for, and how it came to (issue 14 §1): a forged binding is an
 * account reading a subject's whole file. Written once with the account, never updated.
 */
export const ACCOUNT_BINDINGS_AUDITED: AuditedTable = {
  table: 'account_bindings',
  idColumn: 'account_id',
  columns: {
    account_id: 'uuid',
    subject_id: 'uuid',
    via: 'text',
    verifier: 'text',
    reference: 'text',
    purpose: 'text',
    actor_id: 'text',
    actor_role: 'text',
    actor_department: 'text',
    request_id: 'text',
    bound_at: 'instant',
  },
};

/** Web sessions: a forged or revived session is a signed-in account. */
export const SESSIONS_AUDITED: AuditedTable = {
  table: 'sessions',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    token_hash: 'text',
    account_id: 'uuid',
    created_at: 'instant',
    expires_at: 'instant',
    revoked_at: 'instant',
  },
};

/** API keys of department systems (B19, B22): their department, permissions, expiry and revocation. */
export const API_KEYS_AUDITED: AuditedTable = {
  table: 'api_keys',
  idColumn: 'id',
  columns: {
    id: 'text',
    secret_hash: 'text',
    label: 'text',
    department_code: 'text',
    permissions: 'json',
    created_by: 'text',
    created_at: 'instant',
    expires_at: 'instant',
    revoked_at: 'instant',
    replaces_id: 'text',
  },
  // last_used_at: informational ("last seen"), marked at most once a minute per key on the check path;
  // it decides nothing, and recording it would put a chain entry on the hottest path.
  excluded: ['last_used_at'],
};

/**
 * B21: a subject's consent to another party reading 授权查询 items: a department, or (0028, B24) a
 * counterparty subject. Rows stored before 0028 were recorded without `grantee_subject`; its check
 * (exactly one grantee) keeps it from being set on them without a digested column changing.
 */
export const CONSENTS_AUDITED: AuditedTable = {
  table: 'consents',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    subject_id: 'uuid',
    grantee_department: 'text',
    grantee_subject: 'uuid',
    scope: 'json',
    purpose: 'text',
    granted_at: 'instant',
    expires_at: 'instant',
    revoked_at: 'instant',
    evidence: 'json',
    granted_by: 'text',
  },
};

/**
 * Reads under a consent (0028; decision 0040): what the granter is shown of who read what under it.
 * A row deleted would hide a read from the subject; one slipped in would blame a party for one.
 */
export const CONSENT_READS_AUDITED: AuditedTable = {
  table: 'consent_reads',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    consent_id: 'uuid',
    subject_id: 'uuid',
    at: 'instant',
    reader_department: 'text',
    reader_subject: 'uuid',
    actor_id: 'text',
    actor_role: 'text',
    purpose: 'text',
    records: 'json',
    request_id: 'text',
  },
};

/** The city's list types (A3): a type's polarity decides whether its entries punish or reward. */
export const LIST_TYPES_AUDITED: AuditedTable = {
  table: 'list_types',
  idColumn: 'code',
  columns: {
    code: 'text',
    name: 'text',
    name_en: 'text',
    polarity: 'text',
    description: 'text',
    created_at: 'instant',
    updated_at: 'instant',
  },
};

/** Red and black list entries (A3–A12, B26): a check's block, warn or favor comes from these. */
export const LIST_ENTRIES_AUDITED: AuditedTable = {
  table: 'list_entries',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    list_type: 'text',
    record_key: 'uuid',
    record_id: 'uuid',
    item_code: 'text',
    provider_department: 'text',
    subject_id: 'uuid',
    origin: 'text',
    source_entry_id: 'uuid',
    relation_role: 'text',
    ground: 'text',
    severity: 'text',
    identified_on: 'date',
    valid_until: 'date',
    validity_ends_on: 'date',
    status: 'text',
    status_reason: 'text',
    removed_at: 'instant',
    removed_by_entry: 'uuid',
    procedure: 'text',
    created_at: 'instant',
    updated_at: 'instant',
  },
};

/** Each change of a list entry, with its article (append-only). */
export const LIST_ENTRY_EVENTS_AUDITED: AuditedTable = {
  table: 'list_entry_events',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    entry_id: 'uuid',
    at: 'instant',
    kind: 'text',
    article: 'text',
    detail: 'json',
    record_id: 'uuid',
    batch_id: 'uuid',
    actor_id: 'text',
  },
};

/** B26: who answers for an organization, to whom its severe black entry is written. */
export const SUBJECT_RELATIONS_AUDITED: AuditedTable = {
  table: 'subject_relations',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    organization_id: 'uuid',
    person_id: 'uuid',
    role: 'text',
    source: 'text',
    created_at: 'instant',
    created_by: 'text',
    ended_at: 'instant',
  },
};

/** The notification outbox (A4, A11, B26): that a notice was written, to whom, delivered and read. */
export const NOTIFICATIONS_AUDITED: AuditedTable = {
  table: 'notifications',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    kind: 'text',
    article: 'text',
    recipient_department: 'text',
    subject_id: 'uuid',
    entry_id: 'uuid',
    title: 'text',
    body: 'json',
    created_at: 'instant',
    status: 'text',
    attempts: 'integer',
    delivered_at: 'instant',
    read_at: 'instant',
    read_by: 'text',
  },
};

/**
 * Notices to information subjects (issue 16, decision 0032): what the subject was told of its
 * procedures, and when it read it. An edited outcome or deadline, or a notice slipped in or removed,
 * is named.
 */
export const SUBJECT_NOTICES_AUDITED: AuditedTable = {
  table: 'subject_notices',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    subject_id: 'uuid',
    kind: 'text',
    article: 'text',
    procedure_kind: 'text',
    procedure_id: 'uuid',
    record_id: 'uuid',
    title: 'text',
    title_en: 'text',
    message: 'text',
    message_en: 'text',
    detail: 'json',
    created_at: 'instant',
    read_at: 'instant',
    read_by: 'text',
  },
};

/** The catalog (B8–B13): which version of each item is current. */
export const CATALOG_ITEMS_AUDITED: AuditedTable = {
  table: 'catalog_items',
  idColumn: 'code',
  columns: { code: 'text', current_version: 'integer', created_at: 'instant', updated_at: 'instant' },
};

/** Catalog item versions: usage scope (public, 授权查询), list type, fields (B8–B14). */
export const CATALOG_ITEM_VERSIONS_AUDITED: AuditedTable = {
  table: 'catalog_item_versions',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    item_code: 'text',
    version: 'integer',
    name: 'text',
    category: 'text',
    usage_scope: 'text',
    list_type: 'text',
    severity_required: 'integer',
    definition: 'json',
    digest: 'text',
    published_at: 'instant',
  },
};

/** The measures (A13, A14, D §5): which version of each measure is current. */
export const MEASURES_AUDITED: AuditedTable = {
  table: 'measures',
  idColumn: 'code',
  columns: { code: 'text', current_version: 'integer', created_at: 'instant', updated_at: 'instant' },
};

/** Measure versions: a measure's effect and scenarios decide what a check answers. */
export const MEASURE_VERSIONS_AUDITED: AuditedTable = {
  table: 'measure_versions',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    measure_code: 'text',
    version: 'integer',
    title: 'text',
    article: 'text',
    effect: 'text',
    active: 'integer',
    definition: 'json',
    digest: 'text',
    published_at: 'instant',
    published_by: 'text',
    reason: 'text',
  },
};

/** The content behind each (policy id, version) decisions record (decision 0004). */
export const POLICY_VERSIONS_AUDITED: AuditedTable = {
  table: 'policy_versions',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    policy_id: 'text',
    version: 'text',
    digest: 'text',
    content: 'json',
    first_loaded_at: 'instant',
  },
};

/** Real codes registered as exceptions to their check character: they decide a code's validity. */
export const CODE_EXCEPTIONS_AUDITED: AuditedTable = {
  table: 'code_exceptions',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    code_digest: 'text',
    code_sealed: 'text',
    kind: 'text',
    reason: 'text',
    registered_by: 'text',
    created_at: 'instant',
  },
};

/** Imported State Council schedules: they decide working-day deadlines (A9, B17). */
export const CALENDAR_YEARS_AUDITED: AuditedTable = {
  table: 'calendar_years',
  idColumn: 'year',
  columns: {
    year: 'integer',
    source: 'text',
    schedule: 'json',
    digest: 'text',
    imported_by: 'text',
    imported_at: 'instant',
  },
};

/**
 * The purposes (事项) a department registered for its queries (issue 14 §6, decision 0025): a caller
 * whose X-Purpose names none of them is refused, so an added or revived purpose admits queries. A
 * removal is an update (removed_by, removed_at); a purpose registered again is the same row, re-dated.
 */
export const DEPARTMENT_PURPOSES_AUDITED: AuditedTable = {
  table: 'department_purposes',
  idColumn: 'department_code',
  keyColumns: ['department_code', 'purpose'],
  columns: {
    department_code: 'text',
    purpose: 'text',
    registered_by: 'text',
    registered_at: 'instant',
    removed_by: 'text',
    removed_at: 'instant',
  },
};

/**
 * Decisions outside the platform the credit office recorded (issue 15 W3): each allows its record's
 * provider one version that weakens the record, so a smuggled-in or edited row would lift a listing.
 */
export const EXTERNAL_DECISIONS_AUDITED: AuditedTable = {
  table: 'external_decisions',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    record_key: 'uuid',
    record_id: 'uuid',
    subject_id: 'uuid',
    provider_department: 'text',
    kind: 'text',
    document_number: 'text',
    authority: 'text',
    decided_on: 'date',
    summary: 'text',
    recorded_by: 'text',
    recorded_role: 'text',
    recorded_at: 'instant',
  },
};

/** Objections (issue 16, A15–A16): filed once; their steps append-only. They decide a record's fate. */
export const OBJECTIONS_AUDITED: AuditedTable = {
  table: 'objections',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    subject_id: 'uuid',
    record_key: 'uuid',
    record_id: 'uuid',
    entry_id: 'uuid',
    provider_department: 'text',
    ground: 'text',
    explanation: 'text',
    filed_via: 'text',
    filed_by: 'text',
    filed_role: 'text',
    purpose: 'text',
    filed_at: 'instant',
    policy_id: 'text',
    policy_version: 'text',
  },
};

export const OBJECTION_EVENTS_AUDITED: AuditedTable = {
  table: 'objection_events',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    objection_id: 'uuid',
    seq: 'integer',
    kind: 'text',
    on_date: 'date',
    at: 'instant',
    actor_id: 'text',
    actor_role: 'text',
    actor_department: 'text',
    detail: 'json',
  },
};

/**
 * The scheduler's reminders and escalations of procedure steps (issue 16, decision 0031): a row slipped
 * in would silence an escalation that is due (the step counts as fired), one deleted would send it again.
 */
export const PROCEDURE_FIRINGS_AUDITED: AuditedTable = {
  table: 'procedure_firings',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    procedure: 'text',
    procedure_id: 'uuid',
    step: 'text',
    kind: 'text',
    party: 'text',
    party_department: 'text',
    due_on: 'date',
    workdays: 'integer',
    provisional: 'integer',
    fired_on: 'date',
    fired_at: 'instant',
  },
};

/** Repairs (issue 16, A18–A19, B31–B32): applied once; their steps append-only. They archive a record. */
export const REPAIRS_AUDITED: AuditedTable = {
  table: 'repairs',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    subject_id: 'uuid',
    record_key: 'uuid',
    record_id: 'uuid',
    entry_id: 'uuid',
    provider_department: 'text',
    target_kind: 'text',
    path: 'text',
    stated: 'json',
    proof: 'text',
    commitment_text: 'text',
    commitment_digest: 'text',
    filed_via: 'text',
    filed_by: 'text',
    filed_role: 'text',
    purpose: 'text',
    filed_at: 'instant',
    policy_id: 'text',
    policy_version: 'text',
  },
};

export const REPAIR_EVENTS_AUDITED: AuditedTable = {
  table: 'repair_events',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    repair_id: 'uuid',
    seq: 'integer',
    kind: 'text',
    on_date: 'date',
    at: 'instant',
    actor_id: 'text',
    actor_role: 'text',
    actor_department: 'text',
    detail: 'json',
  },
};

/** The columns of an evidence table but the one naming its procedure (digests cover their sorted names). */
const EVIDENCE_COLUMNS = {
  id: 'uuid',
  name: 'text',
  file_type: 'text',
  media_type: 'text',
  size: 'integer',
  sm3: 'text',
  content: 'bytes',
  supersedes: 'uuid',
  note: 'text',
  added_via: 'text',
  added_by: 'text',
  added_role: 'text',
  purpose: 'text',
  added_at: 'instant',
} as const;

/**
 * An objection's evidence files (issue 16; decision 0033): what the center decides on. The bytes are
 * covered by their SM3 (`bytes`), so a file replaced in the database is named; read a few rows at a
 * time, each holding a file of up to 10 MiB.
 */
export const OBJECTION_EVIDENCE_AUDITED: AuditedTable = {
  table: 'objection_evidence',
  idColumn: 'id',
  pageSize: 8,
  columns: { ...EVIDENCE_COLUMNS, objection_id: 'uuid' },
};

/**
 * A repair's proof of performance as files (issue 16; A19, B32, 国办发〔2025〕22号): what the provider's
 * opinion and the center's adoption rest on. The same columns, the repair in place of the objection.
 */
export const REPAIR_EVIDENCE_AUDITED: AuditedTable = {
  table: 'repair_evidence',
  idColumn: 'id',
  pageSize: 8,
  columns: { ...EVIDENCE_COLUMNS, repair_id: 'uuid' },
};

/**
 * Objections the public submitted to a repair under notice (issue 17; A19, B32): what the center
 * records as the repair's step or dismisses with a reason. Mutable once (received → recorded or
 * dismissed): each write records the row's new digest. Name and contact are covered sealed.
 */
export const REPAIR_NOTICE_SUBMISSIONS_AUDITED: AuditedTable = {
  table: 'repair_notice_submissions',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    repair_id: 'uuid',
    name_sealed: 'text',
    contact_sealed: 'text',
    grounds: 'text',
    submitted_on: 'date',
    submitted_at: 'instant',
    status: 'text',
    handled_at: 'instant',
    handled_by: 'text',
    handled_role: 'text',
    step_seq: 'integer',
    dismissal_reason: 'text',
    client_digest: 'text',
  },
};

/** Every table whose rows the audit chain vouches for. */
export const AUDITED_TABLES: readonly AuditedTable[] = [
  SUBJECTS_AUDITED,
  RECORDS_AUDITED,
  CHECKS_AUDITED,
  CHECK_PARTS_AUDITED,
  CHECK_HITS_AUDITED,
  ACCOUNTS_AUDITED,
  ACCOUNT_BINDINGS_AUDITED,
  SESSIONS_AUDITED,
  API_KEYS_AUDITED,
  CONSENTS_AUDITED,
  LIST_TYPES_AUDITED,
  LIST_ENTRIES_AUDITED,
  LIST_ENTRY_EVENTS_AUDITED,
  SUBJECT_RELATIONS_AUDITED,
  NOTIFICATIONS_AUDITED,
  SUBJECT_NOTICES_AUDITED,
  CATALOG_ITEMS_AUDITED,
  CATALOG_ITEM_VERSIONS_AUDITED,
  MEASURES_AUDITED,
  MEASURE_VERSIONS_AUDITED,
  POLICY_VERSIONS_AUDITED,
  CODE_EXCEPTIONS_AUDITED,
  CALENDAR_YEARS_AUDITED,
  DEPARTMENT_PURPOSES_AUDITED,
  EXTERNAL_DECISIONS_AUDITED,
  OBJECTIONS_AUDITED,
  OBJECTION_EVENTS_AUDITED,
  PROCEDURE_FIRINGS_AUDITED,
  REPAIRS_AUDITED,
  REPAIR_EVENTS_AUDITED,
  OBJECTION_EVIDENCE_AUDITED,
  REPAIR_EVIDENCE_AUDITED,
  REPAIR_NOTICE_SUBMISSIONS_AUDITED,
  CONSENT_READS_AUDITED,
];
