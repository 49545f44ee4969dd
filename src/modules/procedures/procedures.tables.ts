/** Tables of the procedures module (migration 0017-change-bases). */
export type ProceduresTables = {
  external_decisions: ExternalDecisionTable;
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
