import { inChunks } from '../../platform/chunks.ts';
import { AppError } from '../../platform/errors.ts';
import type { Store } from '../database.ts';
import type { AuditRecord } from './audit.chain.ts';
import {
  type AuditEntryInput,
  type AuditWriter,
  appendAuditMany,
  readAuditEntries,
} from './audit.repository.ts';
import { actualColumns, countAuditedRows, scanAuditedTable } from './audited-rows.repository.ts';
import { AUDITED_TABLES } from './audited-tables.ts';
import {
  type AuditedTable,
  canonicalRow,
  digestColumns,
  partitionOf,
  ROWS_WRITTEN,
  type RowsWrittenDetail,
  rowDigest,
  rowId,
} from './row-digest.ts';

/** Who wrote the rows and why; the action, target and detail are filled in here. */
export type RowsWrittenMeta = Omit<
  AuditEntryInput,
  'action' | 'targetType' | 'targetId' | 'result' | 'detail'
> & {
  /** extra context merged into the entry's detail (e.g. the intake batch id) */
  detail?: Record<string, unknown>;
};

// A chain entry per 5,000 rows: bulk intake stays one cheap entry per batch, and no entry's detail
// grows beyond about half a megabyte.
const ROWS_PER_ENTRY = 5000;

/**
 * Records the digests of rows just written to an immutable table (A20, B33), in the caller's
 * transaction when given, so the rows and their record commit together. `rows` are the rows as
 * inserted (every registered column present).
 */
export async function recordRowsWritten(
  target: AuditWriter,
  written: { table: AuditedTable | string; rows: readonly Record<string, unknown>[] },
  meta: RowsWrittenMeta,
): Promise<AuditRecord[]> {
  return appendAuditMany(target, rowsWrittenEntries(written, meta));
}

/**
 * The writer of rows the platform writes on its own account — reference data, accounts, sessions, keys,
 * the outbox: `system`, under the policy in force. The entry that records a change names no person;
 * the service's own audit entry for the act does (who created the account, who revoked the key).
 */
export function systemWriter(policy: { id: string; version: string }): RowsWrittenMeta {
  return { actorRole: 'system', policyId: policy.id, policyVersion: policy.version };
}

/**
 * Records rows of an audited table as they are stored now — the rows the writing statement returned
 * (`returningAll()`) — in the writer's transaction. Every insert and every update of a mutable audited
 * table records this way, so verification holds each row to the latest digest recorded for it
 * (decision 0022). No rows, no entry.
 */
export async function recordStoredRows(
  trx: AuditWriter,
  table: AuditedTable,
  rows: readonly Record<string, unknown>[],
  meta: RowsWrittenMeta,
): Promise<void> {
  if (rows.length > 0) await recordRowsWritten(trx, { table, rows }, meta);
}

/**
 * Records rows of several audited tables as stored, under one head update (e.g. a catalog item's head
 * row and its new version), followed by `also`: the entries of the act that wrote them, so rows and
 * act are one contiguous run of the chain. Tables without rows are left out; nothing at all, no entry.
 */
export async function recordStoredTables(
  trx: AuditWriter,
  written: readonly { table: AuditedTable; rows: readonly Record<string, unknown>[] }[],
  meta: RowsWrittenMeta,
  also: readonly AuditEntryInput[] = [],
): Promise<void> {
  const entries = written.filter((w) => w.rows.length > 0).flatMap((w) => rowsWrittenEntries(w, meta));
  await appendAuditMany(trx, [...entries, ...also]);
}

/**
 * The chain entries that record rows just written (what `recordRowsWritten` appends), for a writer
 * that appends them together with entries of its own or of other tables, under one head update.
 * `digests`, when given, are the SM3 of `rowDigestTexts(table, rows)` in order, hashed elsewhere
 * (platform/crypto/sm3-thread.ts); otherwise they are computed here.
 */
export function rowsWrittenEntries(
  written: {
    table: AuditedTable | string;
    rows: readonly Record<string, unknown>[];
    digests?: readonly string[];
  },
  meta: RowsWrittenMeta,
): AuditEntryInput[] {
  const table = resolveTable(written.table);
  const columns = digestColumns(table);
  const { digests } = written;
  if (digests && digests.length !== written.rows.length) {
    throw new Error(
      `rowsWrittenEntries ${table.table}: ${digests.length} digests for ${written.rows.length} rows`,
    );
  }
  // Digests given were hashed from `rowDigestTexts`, which required every column of these rows.
  const pairs = written.rows.map((row, i): [string, string] => {
    if (digests) return [rowId(table, row), digests[i]!];
    requireColumns(table, columns, row);
    return [rowId(table, row), rowDigest(table, row, columns)];
  });
  const { detail: extra, ...who } = meta;
  const entries: AuditEntryInput[] = [];
  for (const rows of inChunks(pairs, ROWS_PER_ENTRY)) {
    const detail: RowsWrittenDetail = { table: table.table, columns, rows };
    entries.push({
      ...who,
      action: ROWS_WRITTEN,
      targetType: table.table,
      targetId: null,
      result: 'ok',
      detail: { ...extra, ...detail },
    });
  }
  return entries;
}

/**
 * What `rowDigest` hashes for each row (its canonical text), for a writer that has the digests
 * computed elsewhere and hands them to `rowsWrittenEntries`.
 */
export function rowDigestTexts(
  table: AuditedTable | string,
  rows: readonly Record<string, unknown>[],
): string[] {
  const t = resolveTable(table);
  const columns = digestColumns(t);
  return rows.map((row) => {
    requireColumns(t, columns, row);
    return canonicalRow(t, row, columns);
  });
}

function requireColumns(table: AuditedTable, columns: readonly string[], row: Record<string, unknown>) {
  for (const c of columns) {
    if (row[c] !== undefined) continue;
    const missing = columns.filter((m) => row[m] === undefined);
    throw new AppError(
      'AUDIT_ROW_INCOMPLETE',
      500,
      `登记 ${table.table} 行摘要时缺少列：${missing.join(', ')}`,
      `Row of ${table.table} recorded without column(s): ${missing.join(', ')}`,
      { table: table.table, missing },
    );
  }
}

function resolveTable(table: AuditedTable | string): AuditedTable {
  if (typeof table !== 'string') return table;
  const found = AUDITED_TABLES.find((t) => t.table === table);
  if (!found) {
    throw new AppError(
      'AUDIT_TABLE_UNREGISTERED',
      500,
      `表 ${table} 未登记为审计表`,
      `Table ${table} is not registered for row digests`,
      { table },
    );
  }
  return found;
}

export type RowProblemReason =
  | 'row_digest_mismatch'
  | 'row_missing'
  | 'row_unrecorded'
  | 'column_unregistered'
  | 'table_missing';
export type RowProblem = {
  table: string;
  id: string | null;
  reason: RowProblemReason;
  /** the chain entry that recorded the row, where there is one */
  seq?: number;
  detail: string;
};
export type RowsVerdict = { checked: number; problems: RowProblem[]; problemCount: number };

type Recorded = { digest: string; columns: readonly string[]; seq: number };

/**
 * Recomputes every registered table's row digests and compares them with what the chain recorded:
 * an edited row, a recorded row that is gone, a row the chain never recorded. Recorded digests are
 * held in memory per pass; a table larger than `maxRowsInMemory` is checked in several passes over
 * disjoint id partitions. `untilSeq` (the head when verification began) keeps entries appended
 * meanwhile from being half-seen; rows written meanwhile are looked up in the entries after it.
 */
export async function verifyRows(
  store: Store,
  registry: readonly AuditedTable[] = AUDITED_TABLES,
  options: { maxRowsInMemory?: number; keep?: number; untilSeq?: number } = {},
): Promise<RowsVerdict> {
  const { db } = store;
  const keep = options.keep ?? 100;
  const problems: RowProblem[] = [];
  let problemCount = 0;
  let checked = 0;
  const report = (problem: RowProblem) => {
    problemCount++;
    if (problems.length < keep) problems.push(problem);
  };

  for (const table of registry) {
    const name = table.table;
    const present = await actualColumns(db, name);
    if (!present) {
      report({ table: name, id: null, reason: 'table_missing', detail: `table ${name} does not exist` });
      continue;
    }
    const covered = new Set([...Object.keys(table.columns), ...(table.excluded ?? [])]);
    for (const column of present.filter((c) => !covered.has(c))) {
      report({
        table: name,
        id: null,
        reason: 'column_unregistered',
        detail: `column ${name}.${column} is neither digested nor excluded: changes to it would go unseen`,
      });
    }
    const parts = Math.max(
      1,
      Math.ceil((await countAuditedRows(db, table)) / (options.maxRowsInMemory ?? 1e6)),
    );
    for (let part = 0; part < parts; part++) {
      const inPart = (id: string) => partitionOf(id, parts) === part;
      const expected = await recordedDigests(store, table, inPart, { until: options.untilSeq });
      const unrecorded = new Set<string>();
      for await (const row of scanAuditedTable(db, table)) {
        const id = rowId(table, row);
        if (!inPart(id)) continue;
        checked++;
        const recorded = expected.get(id);
        if (!recorded) {
          unrecorded.add(id);
          continue;
        }
        expected.delete(id);
        const actual = digestOrProblem(table, row, recorded.columns);
        if (actual !== recorded.digest) {
          report({
            table: name,
            id,
            reason: 'row_digest_mismatch',
            seq: recorded.seq,
            detail: `row ${name}/${id} was altered after it was written: digest ${actual}, recorded ${recorded.digest} at seq ${recorded.seq}`,
          });
        }
      }
      if (unrecorded.size > 0 && options.untilSeq !== undefined) {
        const later = await recordedDigests(store, table, (id) => unrecorded.has(id), {
          after: options.untilSeq,
        });
        for (const id of later.keys()) unrecorded.delete(id);
      }
      for (const id of unrecorded) {
        report({
          table: name,
          id,
          reason: 'row_unrecorded',
          detail: `row ${name}/${id} is in the table but no audit entry records writing it`,
        });
      }
      for (const [id, recorded] of expected) {
        report({
          table: name,
          id,
          reason: 'row_missing',
          seq: recorded.seq,
          detail: `row ${name}/${id}, recorded at seq ${recorded.seq}, is no longer in the table`,
        });
      }
    }
  }
  return { checked, problems, problemCount };
}

/** The row's digest, or what keeps it from having one (a value edited into something unhashable). */
function digestOrProblem(table: AuditedTable, row: Record<string, unknown>, columns: readonly string[]) {
  try {
    return rowDigest(table, row, columns);
  } catch (error) {
    return `(none: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** id → the digest the chain recorded last for it (a re-recorded row counts as its latest record). */
async function recordedDigests(
  store: Store,
  table: AuditedTable,
  wanted: (id: string) => boolean,
  range: { after?: number | undefined; until?: number | undefined },
): Promise<Map<string, Recorded>> {
  const expected = new Map<string, Recorded>();
  const interned = new Map<string, readonly string[]>();
  const entries = readAuditEntries(store.db, {
    action: ROWS_WRITTEN,
    targetType: table.table,
    pageSize: 20,
    ...(range.after === undefined ? {} : { after: range.after }),
    ...(range.until === undefined ? {} : { until: range.until }),
  });
  for await (const entry of entries) {
    const detail = entry.detail as Partial<RowsWrittenDetail>;
    if (detail.table !== table.table || !Array.isArray(detail.rows)) continue;
    const list = Array.isArray(detail.columns) ? detail.columns.map(String) : digestColumns(table);
    const key = list.join(',');
    const columns = interned.get(key) ?? list;
    interned.set(key, columns);
    for (const [id, digest] of detail.rows) {
      if (wanted(id)) expected.set(id, { digest, columns, seq: entry.seq });
    }
  }
  return expected;
}
