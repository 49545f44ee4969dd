import type { RowError } from '../catalog/index.ts';
import type { IntakeSummary, RowOutcome } from '../records/intake.types.ts';

export type { RowOutcome };

/** One uploaded row's result: the intake's row result, keyed by the spreadsheet row number. */
export type UploadRowResult = {
  /** row number as the spreadsheet program shows it (header = row 1 in the template) */
  row: number;
  providerRecordId?: string;
  outcome: RowOutcome;
  recordId?: string;
  version?: number;
  errors?: RowError[];
  warnings?: RowError[];
};

export type UploadResult = {
  item: { code: string; version: number };
  format: 'xlsx' | 'csv';
  mode: 'all_or_nothing' | 'accept_valid';
  /** one intake batch per 10,000 rows */
  batchIds: string[];
  summary: IntakeSummary;
  results: UploadRowResult[];
};

/** A valid row withheld because another row of an all-or-nothing batch was refused. */
export const isWithheld = (result: { errors?: readonly { code: string }[] }) =>
  result.errors?.length === 1 && result.errors[0]!.code === 'RECORD_BATCH_ABORTED';

export const emptySummary = (): IntakeSummary => ({
  total: 0,
  created: 0,
  unchanged: 0,
  newVersion: 0,
  refused: 0,
  aborted: 0,
});

export function addSummary(into: IntakeSummary, add: IntakeSummary): void {
  into.total += add.total;
  into.created += add.created;
  into.unchanged += add.unchanged;
  into.newVersion += add.newVersion;
  into.refused += add.refused;
  into.aborted += add.aborted;
}
