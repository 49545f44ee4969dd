/**
 * The checks of a submitted row that need no database, in the order intake applies them: forbidden
 * data first (B14: the row is refused naming the field only, before anything else can echo a value),
 * then the catalog item (B8), the provider's right to push it (B4, B8), the item's own validation, an
 * id not reserved for the platform's B26 records, and one occurrence per record in a batch. Pure: items are looked up by the caller beforehand.
 */

import {
  type CatalogItemVersion,
  detectForbidden,
  type RowError,
  type ValidRow,
  validateRecordRow,
} from '../catalog/index.ts';
import type { CodeException } from '../identity-codes/index.ts';
import { DERIVED_RECORD_ID_PREFIX } from './derived-records.ts';
import * as E from './records.errors.ts';

export type ScreenedRow =
  | { index: number; valid: false; providerRecordId?: string; errors: RowError[] }
  | { index: number; valid: true; item: CatalogItemVersion; row: ValidRow };

export type ScreenOptions = {
  department: string;
  /** current catalog item versions by code (absent: unknown item) */
  items: ReadonlyMap<string, CatalogItemVersion>;
  /** YYYY-MM-DD in China: identification dates after it are refused */
  today: string;
  codeException?: (normalized: string) => CodeException | undefined;
};

const asObject = (raw: unknown): Record<string, unknown> | undefined =>
  raw !== null && typeof raw === 'object' && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : undefined;

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The distinct item codes named by the rows, to load their current versions once per batch. */
export function itemCodesOf(rows: readonly unknown[]): string[] {
  const codes = new Set<string>();
  for (const raw of rows) {
    const code = textOf(asObject(raw)?.item);
    if (code) codes.add(code);
  }
  return [...codes];
}

/** A refused row, naming the provider's record id when it has a usable one. */
function refused(
  index: number,
  object: Record<string, unknown> | undefined,
  errors: RowError[],
): ScreenedRow {
  const id = textOf(object?.providerRecordId);
  return {
    index,
    valid: false,
    ...(id !== undefined && id.length <= 100 ? { providerRecordId: id } : {}),
    errors,
  };
}

export function screenRows(rows: readonly unknown[], options: ScreenOptions): ScreenedRow[] {
  const firstIndex = new Map<string, number>();
  const validation = {
    today: options.today,
    // every row is scanned below before anything else, so validation need not scan it again
    forbiddenScanned: true,
    // one check per distinct code of the batch (same today and exceptions for every row)
    codeChecks: new Map(),
    ...(options.codeException ? { codeException: options.codeException } : {}),
  };
  return rows.map((raw, index): ScreenedRow => {
    const hit = detectForbidden(raw);
    // Not even the provider's own record id is echoed: the forbidden value could be in it.
    if (hit) return { index, valid: false, errors: [E.forbiddenData(hit.field)] };
    const object = asObject(raw);
    if (!object) return refused(index, object, [E.rowNotObject()]);
    const code = textOf(object.item);
    const item = code === undefined ? undefined : options.items.get(code);
    if (!item) return refused(index, object, [E.itemUnknown()]);
    if (!item.providerDepartments.includes(options.department)) {
      return refused(index, object, [E.providerNotAllowed(options.department)]);
    }
    const result = validateRecordRow(item, object, validation);
    if (!result.ok) return refused(index, object, result.errors);
    if (result.row.providerRecordId.startsWith(DERIVED_RECORD_ID_PREFIX)) {
      return refused(index, object, [E.recordIdReserved(DERIVED_RECORD_ID_PREFIX)]);
    }
    const seen = firstIndex.get(result.row.providerRecordId);
    if (seen !== undefined) return refused(index, object, [E.duplicateInBatch(seen)]);
    firstIndex.set(result.row.providerRecordId, index);
    return { index, valid: true, item, row: result.row };
  });
}
