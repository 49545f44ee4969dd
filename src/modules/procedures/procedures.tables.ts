/**
 * Tables of the procedures module (migrations 0017-change-bases, 0019-objections, 0021-repairs,
 * 0023-subject-notices, 0024-objection-evidence, 0025-repair-evidence, 0027-repair-notice-submissions).
 */
export type ProceduresTables = {
  subject_notices: SubjectNoticeTable;
  external_decisions: ExternalDecisionTable;
  objections: ObjectionTable;
  objection_events: ObjectionEventTable;
  procedure_firings: ProcedureFiringTable;
  repairs: RepairTable;
  repair_events: RepairEventTable;
  objection_evidence: ObjectionEvidenceTable;
  repair_evidence: RepairEvidenceTable;
  repair_notice_submissions: RepairNoticeSubmissionTable;
};

/**
 * A notice to an information subject (issue 16; migration 0023, decision 0032): what a procedure's
 * step means for it, in Chinese and English, with the article. Written in the step's transaction;
 * read only by the subject's own accounts; `read_at` / `read_by` set once. Under row digests.
 */
export type SubjectNoticeTable = {
  id: string;
  subject_id: string;
  /** e.g. `objection.filed`, `objection.rejected` */
  kind: string;
  article: string;
  /** the procedure it is about: `objection`, `repair` (null: none) */
  procedure_kind: string | null;
  procedure_id: string | null;
  /** the subject's record it concerns */
  record_id: string | null;
  title: string;
  title_en: string;
  message: string;
  message_en: string;
  /** JSON: the facts told (deadline, outcome, reasons, where to appeal) */
  detail: unknown;
  created_at: string;
  read_at: string | null;
  /** the account that marked it read */
  read_by: string | null;
};

/** What kind of decision outside the platform it is (A17, B30: review and litigation beyond appeal). */
export const EXTERNAL_DECISION_KINDS = ['administrative_review', 'court_judgment', 'revocation'] as const;
export type ExternalDecisionKind = (typeof EXTERNAL_DECISION_KINDS)[number];

/**
 * A decision taken outside the platform — an administrative review decision (行政复议决定), a court
 * judgment or ruling (判决、裁定), or the deciding body's own revocation or change of its decision
 * (撤销、变更决定) — recorded by the credit office against one record with its document number.
 * It allows the record's provider one new version that may weaken the record (issue 15 W3, A20,
 * B33). Written once, never updated; under row digests.
 */
export type ExternalDecisionTable = {
  id: string;
  /** the record it concerns (every version of it) */
  record_key: string;
  /** the version current when it was recorded */
  record_id: string;
  subject_id: string;
  /** the record's provider: the department that may act on it (B4) */
  provider_department: string;
  kind: ExternalDecisionKind;
  /** 文号, e.g. 淮政复决〔2026〕15号 */
  document_number: string;
  /** the body that decided, e.g. 淮安市人民政府 */
  authority: string;
  decided_on: string;
  /** what it decided, in the office's words */
  summary: string;
  recorded_by: string;
  recorded_role: string;
  recorded_at: string;
};

/** An objection (异议, A15–A16, B28–B29), written once at filing (migration 0019). */
export type ObjectionTable = {
  id: string;
  subject_id: string;
  record_key: string;
  /** the version objected to */
  record_id: string;
  /** the record's list entry, if it has one (its `procedure` says `objection` while open) */
  entry_id: string | null;
  provider_department: string;
  /** procedures/objection-procedure.ts OBJECTION_GROUNDS */
  ground: string;
  explanation: string;
  /** 'subject' (own account) or 'center' (at a service window, on the subject's behalf) */
  filed_via: 'subject' | 'center';
  filed_by: string;
  filed_role: string;
  /** the center's stated purpose when it files on the subject's behalf (B33) */
  purpose: string | null;
  filed_at: string;
  policy_id: string;
  policy_version: string;
};

/** One step of an objection, in order (`seq` from 1, the filing); never updated. */
export type ObjectionEventTable = {
  id: string;
  objection_id: string;
  seq: number;
  kind: string;
  /** the China date the step was taken: deadlines count from it */
  on_date: string;
  at: string;
  actor_id: string | null;
  actor_role: string;
  actor_department: string | null;
  /** JSON: the step's own facts (ground; confirmed and reasons; outcome and reasons; record id and version) */
  detail: unknown;
};

/**
 * A reminder or escalation the scheduler sent for a procedure's step (migration 0022, decision 0031):
 * one row per (procedure, procedure id, step, kind), ever — the unique key is what makes several
 * processes fire each once. Written with its notices in one transaction; never updated.
 */
export type ProcedureFiringTable = {
  id: string;
  /** the step source's procedure kind: 'objection', 'repair', … */
  procedure: string;
  procedure_id: string;
  /** the step within the procedure (procedure-steps.ts stepKeys: 'verification', 'verification#2') */
  step: string;
  /** 'due_soon' or 'overdue' */
  kind: string;
  party: string;
  /** the department that must act (the provider, the center's, the credit office's) */
  party_department: string;
  due_on: string;
  /** working days late (overdue) or left (due_soon) on the day it fired */
  workdays: number;
  provisional: number;
  /** the China date it fired */
  fired_on: string;
  fired_at: string;
};

/** A credit repair application (信用修复, A18–A19, B31–B32), written once at filing (migration 0021). */
export type RepairTable = {
  id: string;
  subject_id: string;
  record_key: string;
  /** the version to repair */
  record_id: string;
  /** the record's list entry (a black-list repair, A18), if it has one */
  entry_id: string | null;
  provider_department: string;
  /** 'black_list_entry' (A18) or 'negative_record' (B31) */
  target_kind: string;
  /** the rule path at filing: A18(1), A18(2), A18(3), B31 (or a second policy's) */
  path: string;
  /** JSON: what the subject stated, with dates (procedures/repair-eligibility.ts StatedFacts) */
  stated: unknown;
  /** the proof of performance, in the applicant's words */
  proof: string;
  /** the 信用承诺书 the account signed, as generated, and its SM3 digest */
  commitment_text: string;
  commitment_digest: string;
  filed_via: 'subject' | 'center';
  filed_by: string;
  filed_role: string;
  purpose: string | null;
  filed_at: string;
  policy_id: string;
  policy_version: string;
};

/** One step of a repair, in order (`seq` from 1, the application); never updated. */
export type RepairEventTable = {
  id: string;
  repair_id: string;
  seq: number;
  kind: string;
  on_date: string;
  at: string;
  actor_id: string | null;
  actor_role: string;
  actor_department: string | null;
  detail: unknown;
};

/**
 * An evidence file of a procedure (objections: migration 0024, decision 0033; repairs: migration 0025):
 * the bytes as received, their SM3 and size, the type read from the bytes, the name normalised
 * (procedures/evidence-files.ts). Written once, never updated or deleted; a wrong file is superseded
 * by another that names it, with a note. Under row digests, the bytes included (their SM3: audit
 * `bytes` columns). The two tables differ only in the column naming their procedure.
 */
export type EvidenceColumns = {
  id: string;
  /** the name as normalised: no path parts, at most 100 characters, extension matching the type */
  name: string;
  /** procedures/evidence-files.ts EVIDENCE_TYPES: pdf, jpeg, png, ofd */
  file_type: string;
  media_type: string;
  size: number;
  /** SM3 of `content`, lowercase hex */
  sm3: string;
  content: Uint8Array;
  /** the evidence this one replaces (same procedure); that one stays stored */
  supersedes: string | null;
  /** why: required when it supersedes another */
  note: string | null;
  /** 'subject' (own account) or 'center' (at a service window, on the subject's behalf) */
  added_via: 'subject' | 'center';
  added_by: string;
  added_role: string;
  /** the center's stated purpose (B33) */
  purpose: string | null;
  added_at: string;
};

/** An objection's evidence (A15, B28). */
export type ObjectionEvidenceTable = EvidenceColumns & { objection_id: string };

/** A repair application's proof of performance as files (A18–A19, B31–B32, 国办发〔2025〕22号). */
export type RepairEvidenceTable = EvidenceColumns & { repair_id: string };

export const SUBMISSION_STATUSES = ['received', 'recorded', 'dismissed'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * An objection the public submitted on the portal to a repair under notice (issue 17; A19, B32;
 * migration 0027). Name and contact sealed under the data key; the grounds as written. `received`
 * until the credit center records it as the repair's `notice_objected` step (`recorded`, `step_seq`)
 * or dismisses it with a reason (`dismissed`). Under row digests.
 */
export type RepairNoticeSubmissionTable = {
  id: string;
  repair_id: string;
  name_sealed: string | null;
  contact_sealed: string | null;
  grounds: string;
  /** the China date it arrived: what the notice period is checked against */
  submitted_on: string;
  submitted_at: string;
  status: SubmissionStatus;
  handled_at: string | null;
  handled_by: string | null;
  handled_role: string | null;
  /** the repair step (`repair_events.seq`) that recorded it */
  step_seq: number | null;
  dismissal_reason: string | null;
  /** a keyed digest of the client address it came from (migration 0029; null before): a few per address */
  client_digest: string | null;
};
