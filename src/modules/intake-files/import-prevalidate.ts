import { type CatalogItemVersion, type RowError, validateRecordRow } from '../catalog/index.ts';
import type { CodeException } from '../identity-codes/index.ts';
import type { UploadRowResult } from './upload-result.ts';
import { duplicateRefusal, type SheetSubmission } from './uploaded-sheet.ts';

/**
 * The check before an all-or-nothing CLI import writes anything. Intake batches hold at most 10,000
 * rows and each commits on its own, so "nothing if any row is wrong" for a file of millions needs the
 * whole file checked first: the catalog's validation (the same `validateRecordRow` intake runs, so
 * B14 forbidden data too), the template's example row, and a record id used twice in the file.
 *
 * What only the database can tell (a change without a reason, an id used for another item) is found
 * when a batch commits; the import then stops at that batch, with every earlier batch committed and
 * the checkpoint saying so — said plainly in the summary.
 */
export type PrevalidationOptions = {
  today: string;
  codeException?: (normalized: string) => CodeException | undefined;
};

export type Prevalidator = {
  /** the row's refusal, or undefined when it would be accepted by its content */
  check(submission: SheetSubmission): UploadRowResult | undefined;
};

export function prevalidator(version: CatalogItemVersion, options: PrevalidationOptions): Prevalidator {
  // Record id → first row; a few million short strings fit in memory comfortably.
  const firstRow = new Map<string, number>();
  return {
    check(submission) {
      const refuse = (errors: RowError[], providerRecordId?: string): UploadRowResult => ({
        row: submission.rowNumber,
        outcome: 'refused',
        ...(providerRecordId === undefined ? {} : { providerRecordId }),
        errors,
      });
      if (submission.refusal) return refuse([submission.refusal]);
      const result = validateRecordRow(version, submission.input, options);
      const id =
        typeof submission.input.providerRecordId === 'string' ? submission.input.providerRecordId : '';
      if (!result.ok) {
        // As intake does: a row with forbidden data does not even echo its record id.
        const forbidden = result.errors.some((e) => e.code === 'FORBIDDEN_DATA');
        return refuse(result.errors, forbidden || id.length > 100 ? undefined : id.trim());
      }
      const seen = firstRow.get(result.row.providerRecordId);
      if (seen !== undefined) return refuse([duplicateRefusal(seen)], result.row.providerRecordId);
      firstRow.set(result.row.providerRecordId, submission.rowNumber);
      return undefined;
    },
  };
}
