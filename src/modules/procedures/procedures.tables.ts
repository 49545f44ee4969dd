/** Tables of the procedures module (migration 0017-change-bases). */
export type ProceduresTables = {
  external_decisions: ExternalDecisionTable;
  objections: ObjectionTable;
  objection_events: ObjectionEventTable;
  procedure_firings: ProcedureFiringTable;
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
