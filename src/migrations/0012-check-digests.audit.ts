/**
 * Migration 0012's own copy of the audit code it runs to record the digests of the check rows already
 * stored, frozen as it was when the migration shipped (the audit module: the check tables' registry
 * in audited-tables.ts, row digests in row-digest.ts and row-digests.service.ts, the paged scan in
 * audited-rows.repository.ts, canonical JSON and SM3 in canonical.ts, the entry hash in audit.chain.ts
 * and the append under the head lock in audit.repository.ts; the backfill itself was the checks
 * module's check-recorder.ts `backfillCheckDigests`). A later change to the live audit code cannot
 * change what this migration writes. Never edit it to follow the live code: the chain format is
 * defined in the audit module's README.md, and `0012-check-digests.audit.test.ts` holds the entries
 * written here to today's live verifier.
 *
 * Where the live code has a second path producing the same bytes (canonicalRow's per-column plan,
 * canonicalJson's reference implementation that names the path of an unhashable value, insertRows,
 * executeCached), one path is copied: the same bytes, plainer errors.
 */
import { hash } from 'node:crypto';
import type { Kysely, RawBuilder } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../platform/errors.ts';
import { uuidv7 } from '../platform/ids.ts';

// ---------------------------------------------------------------------------------------------------
// Canonical JSON and SM3 (canonical.ts)

/** SM3 (GB/T 32905) of a UTF-8 string, lowercase hex. */
function sm3(text: string): string {
  return hash('sm3', text, 'hex');
}

/**
 * Canonical JSON: keys sorted by UTF-16 code unit, no whitespace, explicit nulls, `undefined` members
 * dropped. Audit entries allow safe integers only; row digests (`fractions`) any finite number.
 */
function canonicalJson(value: unknown, fractions: boolean, path = '$'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (fractions ? !Number.isFinite(value) : !Number.isSafeInteger(value)) {
        throw new Error(
          `${path}: ${fractions ? 'only finite numbers' : 'only safe integers'} may be hashed, got ${value}`,
        );
      }
      return String(value); // String(-0) is "0"
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const v: unknown = value[i];
          // a hole stays empty, as Array.prototype.map and join leave it
          if (v === undefined) out += i in value ? 'null' : '';
          else out += canonicalJson(v, fractions, `${path}[${i}]`);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new Error(`${path}: a ${proto?.constructor?.name ?? 'non-plain'} object cannot be hashed`);
      }
      const keys = Object.keys(value);
      // default sort: by UTF-16 code units
      if (keys.length > 1) keys.sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const v: unknown = (value as Record<string, unknown>)[key];
        if (v === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v, fractions, `${path}.${key}`)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new Error(`${path}: a ${typeof value} cannot be hashed`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The check tables as registered for row digests (audited-tables.ts, decision 0012)

type ColumnKind = 'text' | 'uuid' | 'integer' | 'instant' | 'date' | 'json';

type AuditedTable = {
  table: string;
  idColumn: string;
  /** a key of several columns (idColumn first): the row's id is their normalized values joined by "/" */
  keyColumns?: readonly string[];
  columns: Readonly<Record<string, ColumnKind>>;
};

export const CHECKS_0012: AuditedTable = {
  table: 'checks',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    at: 'instant',
    check_day: 'date',
    actor_id: 'text',
    actor_role: 'text',
    department: 'text',
    api_key_id: 'text',
    purpose: 'text',
    scenario: 'text',
    channel: 'text',
    subject_count: 'integer',
    block_count: 'integer',
    warn_count: 'integer',
    favor_count: 'integer',
    none_count: 'integer',
    error_count: 'integer',
    policy_id: 'text',
    policy_version: 'text',
    request_id: 'text',
    results: 'json',
  },
};

export const CHECK_PARTS_0012: AuditedTable = {
  table: 'check_parts',
  idColumn: 'check_id',
  keyColumns: ['check_id', 'part'],
  columns: { check_id: 'uuid', part: 'integer', first_position: 'integer', results: 'json' },
};

export const CHECK_HITS_0012: AuditedTable = {
  table: 'check_hits',
  idColumn: 'id',
  columns: {
    id: 'uuid',
    check_id: 'uuid',
    position: 'integer',
    subject_id: 'uuid',
    decision: 'text',
    entry_ids: 'json',
    measures: 'json',
    department: 'text',
    check_day: 'date',
  },
};

// ---------------------------------------------------------------------------------------------------
// Row digests (row-digest.ts, row-digests.service.ts)

/** A column's value in one form on both engines (jsonb parsed or text, uuids lowercase, ISO instants). */
function normalizeValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'uuid':
      return String(value).toLowerCase();
    case 'integer':
      return Number(value);
    case 'instant':
      return new Date(value instanceof Date ? value : String(value)).toISOString();
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    default:
      return String(value);
  }
}

/** The registered columns, sorted: what the digests cover and what the entry's detail names. */
const digestColumns = (table: AuditedTable): string[] => Object.keys(table.columns).sort();

const keyColumnsOf = (table: AuditedTable): readonly string[] => table.keyColumns ?? [table.idColumn];

/** The row's id as the chain records it. */
function rowId(table: AuditedTable, row: Record<string, unknown>): string {
  const one = (column: string) => String(normalizeValue(table.columns[column] ?? 'text', row[column]));
  return table.keyColumns ? table.keyColumns.map(one).join('/') : one(table.idColumn);
}

/** SM3 of the canonical JSON `{"row":{column: value, …},"table":name}` over the normalized columns. */
function rowDigest(table: AuditedTable, row: Record<string, unknown>, columns: readonly string[]): string {
  const values: Record<string, unknown> = {};
  for (const column of columns) {
    values[column] = normalizeValue(table.columns[column] ?? 'text', row[column]);
  }
  return sm3(canonicalJson({ table: table.table, row: values }, true));
}

function requireColumns(table: AuditedTable, columns: readonly string[], row: Record<string, unknown>) {
  const missing = columns.filter((c) => row[c] === undefined);
  if (missing.length > 0) {
    throw new AppError(
      'AUDIT_ROW_INCOMPLETE',
      500,
      `登记 ${table.table} 行摘要时缺少列：${missing.join(', ')}`,
      `Row of ${table.table} recorded without column(s): ${missing.join(', ')}`,
      { table: table.table, missing },
    );
  }
}

type EntryInput = {
  actorRole: string;
  purpose: string;
  action: string;
  targetType: string;
  result: 'ok';
  detail: Record<string, unknown>;
  policyId: string;
  policyVersion: string;
};

type RowsWrittenMeta = { actorRole: string; purpose: string; policyId: string; policyVersion: string };

// A chain entry per 5,000 rows at most.
const ROWS_PER_ENTRY = 5000;

/** The `rows.written` entries recording rows as they stand: `{ table, columns, rows: [[id, digest], …] }`. */
function rowsWrittenEntries(
  table: AuditedTable,
  rows: readonly Record<string, unknown>[],
  meta: RowsWrittenMeta,
): EntryInput[] {
  const columns = digestColumns(table);
  const pairs = rows.map((row): [string, string] => {
    requireColumns(table, columns, row);
    return [rowId(table, row), rowDigest(table, row, columns)];
  });
  const entries: EntryInput[] = [];
  for (let i = 0; i < pairs.length; i += ROWS_PER_ENTRY) {
    entries.push({
      ...meta,
      action: 'rows.written',
      targetType: table.table,
      result: 'ok',
      detail: { table: table.table, columns, rows: pairs.slice(i, i + ROWS_PER_ENTRY) },
    });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------------
// Appending to the chain (audit.chain.ts, audit.repository.ts; README: the entry hash)

type AuditTables = {
  audit_head: { chain: string; seq: number; hash: string; updated_at: string };
  audit_entries: {
    seq: number;
    id: string;
    at: string;
    actor_id: string | null;
    actor_role: string;
    actor_department: string | null;
    purpose: string | null;
    action: string;
    target_type: string;
    target_id: string | null;
    result: string;
    detail: string;
    policy_id: string;
    policy_version: string;
    request_id: string | null;
    prev_hash: string;
    hash: string;
  };
};
type AuditEntryRow = AuditTables['audit_entries'];

const CHAIN = 'main';
const ENTRIES_PER_INSERT = 500;

/**
 * The bytes an entry's hash covers: canonical JSON (keys sorted, explicit nulls) of every column but
 * the two hashes, with `detail` embedded as its canonical text.
 */
function canonicalEntry(row: Omit<AuditEntryRow, 'prev_hash' | 'hash'>): string {
  const members = HASHED_COLUMNS.map((column): [string, string] => [
    column,
    column === 'detail' ? row.detail : canonicalJson(row[column], false),
  ]);
  members.sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

const HASHED_COLUMNS = [
  'seq',
  'id',
  'at',
  'actor_id',
  'actor_role',
  'actor_department',
  'purpose',
  'action',
  'target_type',
  'target_id',
  'result',
  'detail',
  'policy_id',
  'policy_version',
  'request_id',
] as const satisfies readonly (keyof AuditEntryRow)[];

/**
 * Appends entries as one contiguous run of the chain: the head row is UPDATEd first (its row lock on
 * PostgreSQL, the write lock on SQLite, serializes appenders), each entry's hash is
 * SM3(previous hash ‖ canonical entry), and the head is moved to the last one. In the caller's
 * transaction when given one, else in a transaction of its own.
 */
async function appendEntries(db: Kysely<unknown>, entries: readonly EntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  const run = async (trx: Kysely<AuditTables>) => {
    const head = await trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', entries.length) }))
      .where('chain', '=', CHAIN)
      .returning(['seq', 'hash'])
      .executeTakeFirst();
    if (!head) {
      throw new AppError(
        'AUDIT_HEAD_MISSING',
        500,
        '审计链头记录缺失（数据库未迁移或被篡改）',
        'The audit chain head row is missing (database not migrated, or tampered with)',
      );
    }
    const now = new Date().toISOString();
    let seq = Number(head.seq) - entries.length;
    let prevHash = head.hash;
    const rows = entries.map((entry): AuditEntryRow => {
      seq++;
      const content = {
        seq,
        id: uuidv7(),
        at: now,
        actor_id: null,
        actor_role: entry.actorRole,
        actor_department: null,
        purpose: entry.purpose,
        action: entry.action,
        target_type: entry.targetType,
        target_id: null,
        result: entry.result,
        // Canonical text: SQLite keeps it byte for byte, and it is exactly what the hash covers.
        detail: canonicalJson(entry.detail, false),
        policy_id: entry.policyId,
        policy_version: entry.policyVersion,
        request_id: null,
      };
      const hash = sm3(prevHash + canonicalEntry(content));
      const row = { ...content, prev_hash: prevHash, hash };
      prevHash = hash;
      return row;
    });
    for (let i = 0; i < rows.length; i += ENTRIES_PER_INSERT) {
      await trx
        .insertInto('audit_entries')
        .values(rows.slice(i, i + ENTRIES_PER_INSERT))
        .execute();
    }
    await trx
      .updateTable('audit_head')
      .set({ hash: prevHash, updated_at: now })
      .where('chain', '=', CHAIN)
      .execute();
  };
  const tables = db as Kysely<AuditTables>;
  await (tables.isTransaction ? run(tables) : tables.transaction().execute(run));
}

// ---------------------------------------------------------------------------------------------------
// The backfill (audited-rows.repository.ts scanAuditedTable, check-recorder.ts backfillCheckDigests)

/** Every row of a registered table, in pages by key, through constant memory. */
async function* scanTable(
  db: Kysely<unknown>,
  table: AuditedTable,
  pageSize: number,
): AsyncGenerator<Record<string, unknown>> {
  const keys = keyColumnsOf(table);
  const order = sql.join(keys.map((k) => sql.ref(k)));
  let last: Record<string, unknown> | undefined;
  for (;;) {
    const after = last === undefined ? sql`` : sql`where ${keyAfter(keys, last)}`;
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${sql.table(table.table)} ${after} order by ${order} limit ${pageSize}`.execute(db);
    yield* rows;
    if (rows.length < pageSize) return;
    last = rows.at(-1)!;
  }
}

/** `key > last`; for a key of several columns the row-value comparison `(a, b) > (x, y)`. */
function keyAfter(keys: readonly string[], last: Record<string, unknown>): RawBuilder<unknown> {
  if (keys.length === 1) return sql`${sql.ref(keys[0]!)} > ${last[keys[0]!]}`;
  const columns = sql.join(keys.map((k) => sql.ref(k)));
  const values = sql.join(keys.map((k) => sql`${last[k]}`));
  return sql`(${columns}) > (${values})`;
}

/**
 * Records the digests of check rows stored before migration 0012 (vouched for then by one `checks.run`
 * entry per check), as they stand, 5,000 rows to an entry: `checks`, then `check_parts`, then
 * `check_hits`.
 */
export async function backfillCheckDigests0012(db: Kysely<unknown>): Promise<void> {
  const meta: RowsWrittenMeta = {
    actorRole: 'system',
    purpose: '迁移 0012：核查记录纳入行摘要 / migration 0012: check rows digested',
    policyId: 'migration-0012',
    policyVersion: '0012-check-digests',
  };
  for (const table of [CHECKS_0012, CHECK_PARTS_0012, CHECK_HITS_0012]) {
    let rows: Record<string, unknown>[] = [];
    const flush = async () => {
      if (rows.length > 0) await appendEntries(db, rowsWrittenEntries(table, rows, meta));
      rows = [];
    };
    for await (const row of scanTable(db, table, ROWS_PER_ENTRY)) {
      rows.push(row);
      if (rows.length >= ROWS_PER_ENTRY) await flush();
    }
    await flush();
  }
}
