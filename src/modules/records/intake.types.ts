import type { Sealer } from '../../platform/crypto/sealing.ts';
import type { Actor } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { CatalogRepository, RowError } from '../catalog/index.ts';
import type { Db, Insertable, Store } from '../database.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import type { Policy } from '../policy/index.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';
import type { ScreenedRow } from './intake-rows.ts';
import type { ChangeBasisFound } from './record-change.ts';
import type { RecordTable } from './records.tables.ts';

export const INTAKE_CHANNELS = ['api', 'spreadsheet', 'cli', 'form'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
export const INTAKE_MODES = ['all_or_nothing', 'accept_valid'] as const;
export type IntakeMode = (typeof INTAKE_MODES)[number];
export const MAX_ROWS_PER_CALL = 10_000;

export type IntakeRequest = {
  actor: Actor;
  /** 谁提供谁负责 (B4): the department the rows are pushed for; the route takes the caller's */
  providerDepartment: string;
  channel: IntakeChannel;
  mode: IntakeMode;
  rows: readonly unknown[];
  requestId?: string | undefined;
};

export type RowOutcome = 'created' | 'unchanged' | 'new_version' | 'refused';

export type RowResult = {
  index: number;
  providerRecordId?: string;
  outcome: RowOutcome;
  recordId?: string;
  version?: number;
  errors?: RowError[];
  warnings?: RowError[];
};

export type IntakeSummary = {
  total: number;
  created: number;
  unchanged: number;
  newVersion: number;
  /** rows not written: refused for their own errors or, in all-or-nothing mode, withheld */
  refused: number;
  /** of the refused, valid rows withheld because another row of an all-or-nothing batch failed */
  aborted: number;
};

export type IntakeResult = { batchId: string; summary: IntakeSummary; results: RowResult[] };

export type IntakeDeps = {
  store: Store;
  sealer: Pick<Sealer, 'blindIndex' | 'seal'>;
  policy: Policy;
  calendar: Pick<CalendarService, 'current'>;
  subjects: Pick<SubjectsRepository, 'ensure'>;
  audit: Pick<AuditTrail, 'writer'>;
  codes: Pick<CodesService, 'listExceptions'>;
  catalog: Pick<CatalogRepository, 'current'>;
  now: () => string;
  /** what other modules add inside a batch's transaction (the lists module's, in the app) */
  hooks?: IntakeHooks;
  /**
   * Issue 15 W3: the change bases (procedures that allow a change) with these ids, as the module
   * that keeps them finds them; absent, none exists and a named one is refused as unknown.
   */
  changeBases?: (trx: Db, ids: readonly string[]) => Promise<Map<string, ChangeBasisFound>>;
};

/** A row about to be written (created or new version), with the subject it is about. */
export type RowToWrite = { accepted: AcceptedRow; subjectIndex: string };

/** A record just inserted, with the accepted row it was built from. */
export type WrittenRecord = { accepted: AcceptedRow; record: Insertable<RecordTable> };

export type BatchInfo = {
  batchId: string;
  providerDepartment: string;
  at: string;
  writer: RowsWrittenMeta;
};

/**
 * What other modules add to intake, inside the batch's transaction (the lists module: A4 refusal of a
 * red list row for a black-listed subject; list entries, cross-check and notifications after write).
 */
export type IntakeHooks = {
  /** per-row refusals (row index → errors) among the rows planned to be written */
  refuse?(trx: Db, rows: readonly RowToWrite[], today: string): Promise<Map<number, RowError[]>>;
  /**
   * After the batch's records are inserted, before the batch commits; may return warnings per row
   * index (B26: a legal representative named without an ID number), added to the row results.
   */
  written?(
    trx: Db,
    written: readonly WrittenRecord[],
    batch: BatchInfo,
  ): Promise<ReadonlyMap<number, readonly RowError[]> | undefined>;
};

/** A row that passed screening, with its content fingerprint and its subject's blind index. */
export type AcceptedRow = Extract<ScreenedRow, { valid: true }> & {
  fingerprint: string;
  subjectIndex: string;
  /** the canonical JSON of the fields as they will be stored, when known already (records.content.ts) */
  storedFieldsText: string | null;
};
