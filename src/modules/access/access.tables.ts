/** Tables of the access module (migrations 0003-access, 0013-account-bindings, 0028-consent-counterparties). */
export type AccessTables = {
  accounts: AccountTable;
  account_bindings: AccountBindingTable;
  login_attempts: LoginAttemptTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  consents: ConsentTable;
  consent_reads: ConsentReadTable;
};

export type AccountTable = {
  id: string;
  login: string;
  display_name: string;
  role: string;
  department_code: string | null;
  region_code: string | null;
  /** for subject accounts: the subject acted for (the person, or the organization represented) */
  subject_id: string | null;
  password_hash: string;
  totp_secret_sealed: string | null;
  /** bigint: PostgreSQL hands it back as a string */
  totp_last_step: number | string | null;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
};

export type LoginAttemptTable = {
  id: string;
  login: string;
  at: string;
  ok: number;
  /** the client's address (null for attempts stored before 0013) */
  source: string | null;
};

/** Issue 14 §1: how a subject account came to act for its subject, shown to the subject. */
export type AccountBindingTable = {
  account_id: string;
  subject_id: string;
  /** 'self_registration' | 'center' | 'subject' | 'operator' | 'before_record' */
  via: string;
  /** self-registration: the verifier's id and its reference for the check */
  verifier: string | null;
  reference: string | null;
  /** the stated purpose (required of the center) */
  purpose: string | null;
  actor_id: string | null;
  actor_role: string;
  actor_department: string | null;
  request_id: string | null;
  bound_at: string;
};

export type SessionTable = {
  id: string;
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
};

export type ApiKeyTable = {
  id: string;
  secret_hash: string;
  label: string;
  department_code: string;
  /** JSON array of permissions */
  permissions: unknown;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  /** the key this one replaced on rotation */
  replaces_id: string | null;
  last_used_at: string | null;
};

/** B21: another party reads 授权查询 data only under the subject's consent, kept as evidence. */
export type ConsentTable = {
  id: string;
  subject_id: string;
  /** the party allowed to query: a department code … (0028: exactly one of the two is set) */
  grantee_department: string | null;
  /** … or a subject on the platform, a counterparty reading through its own account (B21, B24; 0028) */
  grantee_subject: string | null;
  /** JSON array of catalog item codes, or ["*"] for every 授权查询 item */
  scope: unknown;
  purpose: string;
  granted_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** JSON: how the consent was given (online confirmation by the signed-in subject, signed paper form …) */
  evidence: unknown;
  granted_by: string;
};

/**
 * A read of a subject's records under one of its consents (migration 0028; decision 0040): written in
 * the transaction of the read's audit entry, which names it; one row per read and consent.
 */
export type ConsentReadTable = {
  id: string;
  consent_id: string;
  /** the granter, whose records were read */
  subject_id: string;
  at: string;
  /** who read: a department (its staff or its system) … */
  reader_department: string | null;
  /** … or the counterparty subject, through one of its own accounts */
  reader_subject: string | null;
  /** the account or API key, and its role (for the center; the granter is shown the party, not the person) */
  actor_id: string | null;
  actor_role: string;
  purpose: string | null;
  /** JSON: the records read under this consent, `[{ id, item }]` (the version read, its catalog item) */
  records: unknown;
  request_id: string | null;
};
