import type { Actor } from '../access/actor.ts';
import type { IntakeService } from '../records/intake.service.ts';
import type { IntakeMode, IntakeSummary } from '../records/intake.types.ts';
import type { UploadRowResult } from './upload-result.ts';
import { duplicateRefusal, type SheetSubmission } from './uploaded-sheet.ts';

export type SheetBatchRequest = {
  actor: Actor;
  providerDepartment: string;
  channel: 'spreadsheet' | 'cli';
  mode: IntakeMode;
  requestId?: string | undefined;
};

/**
 * One intake batch of sheet rows (at most 10,000): the same `submit` as the API, with results keyed
 * by spreadsheet row number. The template's example row goes in as an empty row so the intake refuses
 * it (and, all-or-nothing, withholds the rest) in its own terms; its reason is then told plainly.
 */
export async function submitSheetBatch(
  intake: Pick<IntakeService, 'submit'>,
  request: SheetBatchRequest,
  rows: readonly SheetSubmission[],
): Promise<{ batchId: string; summary: IntakeSummary; results: UploadRowResult[] }> {
  const outcome = await intake.submit({
    ...request,
    rows: rows.map((r) => (r.refusal ? null : r.input)),
  });
  const firstRowOf = new Map<string, number>();
  for (const r of rows) {
    const id = typeof r.input.providerRecordId === 'string' ? r.input.providerRecordId.trim() : undefined;
    if (id && !r.refusal && !firstRowOf.has(id)) firstRowOf.set(id, r.rowNumber);
  }
  const results = outcome.results.map((result): UploadRowResult => {
    const { index, ...rest } = result;
    const submission = rows[index]!;
    const mapped: UploadRowResult = { row: submission.rowNumber, ...rest };
    if (submission.refusal) {
      mapped.errors = [submission.refusal];
      delete mapped.providerRecordId;
    } else if (result.errors?.[0]?.code === 'RECORD_DUPLICATE_IN_BATCH' && result.providerRecordId) {
      // The intake counts rows of its batch from 1; a clerk needs the spreadsheet row.
      const first = firstRowOf.get(result.providerRecordId);
      if (first !== undefined) mapped.errors = [duplicateRefusal(first)];
    }
    return mapped;
  });
  return { batchId: outcome.batchId, summary: outcome.summary, results };
}
