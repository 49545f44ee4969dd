/**
 * Row digests for immutable, versioned tables (A20, B33): a correction is a new row with a new id,
 * never an UPDATE, so the digest of a row written once must hold for ever. The chain records the
 * digests of the rows each write produced; an edited, deleted or smuggled-in row is then named.
 * Pure: no database here.
 */
import { sm3, sm3Bytes } from '../../platform/crypto/sm3.ts';
import { wellFormed } from '../../platform/well-formed.ts';
import { canonicalJson } from './canonical.ts';

/**
 * How a column's value is brought to one form on both engines before hashing: PostgreSQL returns
 * jsonb parsed and SQLite as text, uuids are lowercase, instants ISO 8601 UTC (see engine.ts).
 * Digests therefore cover values, not encodings: re-encoding the same value is not a change. Text is
 * taken as both engines store it, well-formed (a lone surrogate is stored as U+FFFD; issue 14 §2); a
 * json column keeps it as a `\ud800` escape (SQLite) or refuses it (PostgreSQL), so its parsed value
 * hashes the same written or read back. A `bytes` column (a file: both drivers hand back a Buffer) is
 * taken as the SM3 of its bytes, so a digest covers the file without holding it twice; text where
 * bytes belong (SQLite keeps what was written) is taken as its UTF-8 bytes.
 */
export type ColumnKind = 'text' | 'uuid' | 'integer' | 'instant' | 'date' | 'json' | 'bytes';

/** A table whose rows are chained. Every column must be listed in `columns` or in `excluded`. */
export type AuditedTable = {
  table: string;
  idColumn: string;
  /**
   * A key of several columns (idColumn first): the row's id in the chain is their normalized values
   * joined by "/" (e.g. a check's part: `<check id>/<part number>`).
   */
  keyColumns?: readonly string[];
  columns: Readonly<Record<string, ColumnKind>>;
  /** columns deliberately left out of the digest, each with its reason in a comment where defined */
  excluded?: readonly string[];
  /** rows read at a time when verifying (default 1000): fewer for rows that hold files */
  pageSize?: number;
};

/** The action of the chain entry that records row digests; its detail is a `RowsWrittenDetail`. */
export const ROWS_WRITTEN = 'rows.written';

export type RowsWrittenDetail = {
  table: string;
  /** the columns the digests cover, sorted: a later column added to the table leaves old digests valid */
  columns: readonly string[];
  rows: Array<[id: string, digest: string]>;
};

/**
 * A json column's value handed over as its canonical text — exactly what `canonicalJson(value,
 * { fractions: true })` returns for the value stored — by a writer that has just computed it, so it
 * is not parsed and written again. Only rows being recorded carry one; verification digests the
 * stored rows, so a text that does not match what was stored is reported there.
 */
export class CanonicalJsonText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export function normalizeValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'uuid':
      return wellFormed(String(value).toLowerCase());
    case 'integer':
      return Number(value);
    case 'instant':
      return instantValue(value);
    case 'json':
      if (value instanceof CanonicalJsonText) return JSON.parse(value.text);
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'bytes':
      return bytesDigest(value);
    default:
      return wellFormed(String(value));
  }
}

/** A `bytes` column's value as digested: the SM3 of its bytes. */
function bytesDigest(value: unknown): string {
  return sm3Bytes(value instanceof Uint8Array ? value : Buffer.from(String(value), 'utf8'));
}

/**
 * An instant in ISO 8601 UTC form; text that is no instant (SQLite keeps whatever was written, e.g. an
 * expiry typed by hand) is hashed as the text it is, so it is still vouched for as stored.
 */
function instantValue(value: unknown): string {
  const date = new Date(value instanceof Date ? value : String(value));
  return Number.isNaN(date.getTime()) ? wellFormed(String(value)) : date.toISOString();
}

const sortedColumns = new WeakMap<AuditedTable, readonly string[]>();
/** The table's registered columns, sorted: one array per table (row digests look it up per write). */
export function digestColumns(table: AuditedTable): readonly string[] {
  let columns = sortedColumns.get(table);
  if (!columns) {
    columns = Object.freeze(Object.keys(table.columns).sort());
    sortedColumns.set(table, columns);
  }
  return columns;
}

/** The row's id as the chain records it. */
export function rowId(table: AuditedTable, row: Record<string, unknown>): string {
  const one = (column: string) => String(normalizeValue(table.columns[column] ?? 'text', row[column]));
  return table.keyColumns ? table.keyColumns.map(one).join('/') : one(table.idColumn);
}

/** The columns a table's rows are keyed (and scanned in order) by. */
export function keyColumnsOf(table: AuditedTable): readonly string[] {
  return table.keyColumns ?? [table.idColumn];
}

/**
 * SM3 of the canonical JSON `{ table, row: { column: value, … } }` over `columns` (by default every
 * registered column). The table name is inside so equal rows of two tables have different digests.
 */
export function rowDigest(
  table: AuditedTable,
  row: Record<string, unknown>,
  columns: readonly string[] = digestColumns(table),
): string {
  return sm3(canonicalRow(table, row, columns));
}

/**
 * The bytes `rowDigest` hashes: exactly `canonicalJson({ table, row: values }, { fractions: true })`
 * with `values` the normalized columns, written straight from the row (the members of the outer
 * object are in sorted order already: "row" < "table"). Anything out of the ordinary — a value that
 * cannot be hashed, a column list that is not sorted and distinct — takes the general path.
 */
export function canonicalRow(
  table: AuditedTable,
  row: Record<string, unknown>,
  columns: readonly string[],
): string {
  const plan = planFor(columns);
  if (plan) {
    try {
      let out = '{"row":{';
      for (let i = 0; i < plan.length; i++) {
        const column = columns[i]!;
        out += plan[i]! + valueText(table.columns[column] ?? 'text', row[column]);
      }
      return `${out}},"table":${JSON.stringify(table.table)}}`;
    } catch {
      // the general path below reports it as canonicalJson does
    }
  }
  const values: Record<string, unknown> = {};
  for (const column of columns) {
    values[column] = normalizeValue(table.columns[column] ?? 'text', row[column]);
  }
  return canonicalJson({ table: table.table, row: values }, { fractions: true });
}

/** Per column list: each member's `"column":` prefix, or null when the list needs the general path. */
const plans = new WeakMap<readonly string[], readonly string[] | null>();
function planFor(columns: readonly string[]): readonly string[] | null {
  let plan = plans.get(columns);
  if (plan === undefined) {
    plan = columns.map((c, i) => `${i === 0 ? '' : ','}${JSON.stringify(c)}:`);
    for (let i = 0; i < columns.length; i++) {
      // strictly ascending (sorted, no duplicate) and no key an object literal would not keep
      if ((i > 0 && !(columns[i - 1]! < columns[i]!)) || columns[i] === '__proto__') plan = null;
      if (plan === null) break;
    }
    plans.set(columns, plan);
  }
  return plan;
}

/** `canonicalJson(normalizeValue(kind, value), { fractions: true })`, without the detour. */
function valueText(kind: ColumnKind, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (kind) {
    case 'uuid':
      return JSON.stringify(wellFormed(String(value).toLowerCase()));
    case 'integer': {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error('not finite');
      return String(n);
    }
    case 'instant':
      return instantText(value);
    case 'json':
      if (value instanceof CanonicalJsonText) return value.text;
      return canonicalJson(typeof value === 'string' ? JSON.parse(value) : value, { fractions: true });
    case 'bytes':
      return JSON.stringify(bytesDigest(value));
    default:
      return JSON.stringify(wellFormed(String(value)));
  }
}

// The rows of one write mostly share their instants (a batch's receipt time): the last one is kept.
let lastInstant: unknown;
let lastInstantText = '';
function instantText(value: unknown): string {
  if (typeof value === 'string' && value === lastInstant) return lastInstantText;
  const text = JSON.stringify(instantValue(value));
  if (typeof value === 'string') {
    lastInstant = value;
    lastInstantText = text;
  }
  return text;
}

/**
 * Which of `parts` partitions an id falls in (FNV-1a), so a table larger than memory allows is
 * verified in several passes, each holding only its share of the recorded digests.
 */
export function partitionOf(id: string, parts: number): number {
  if (parts <= 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % parts;
}
