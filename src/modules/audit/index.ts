/** The audit trail: SM3 hash chain, row digests for immutable tables, verification and anchors. */
export {
  type Anchor,
  type AuditRecord,
  type AuditResult,
  type BreakReason,
  type BrokenLink,
  type ChainHead,
  type ChainVerdict,
  canonicalEntry,
  createChainVerifier,
  type DayAnchor,
  entryHash,
  verifyChain,
} from './audit.chain.ts';
export type { AuditEntryInput, AuditWriter } from './audit.repository.ts';
export type { AuditReport } from './audit.service.ts';
export {
  AUDITED_TABLES,
  CHECK_HITS_AUDITED,
  CHECK_PARTS_AUDITED,
  CHECKS_AUDITED,
  RECORDS_AUDITED,
  SUBJECTS_AUDITED,
} from './audited-tables.ts';
export { canonicalJson, GENESIS_HASH } from './canonical.ts';
export {
  type AuditedTable,
  CanonicalJsonText,
  type ColumnKind,
  ROWS_WRITTEN,
  rowDigest,
} from './row-digest.ts';
export type { RowProblem, RowsWrittenMeta } from './row-digests.service.ts';
