/**
 * Migration 0014's own copy of the audit code it runs to record the digests of the rows already stored
 * in the tables that decide an outcome or grant access (issue 14 §3, decision 0022), frozen as it was
 * when the migration shipped: the tables' registry (the live one is the audit module's
 * audited-tables.ts), row digests (row-digest.ts: text as stored, well-formed; an instant that is no
 * instant hashed as its text), the paged scan (audited-rows.repository.ts), canonical JSON and SM3
 * (canonical.ts), the entry hash (audit.chain.ts) and the append under the head lock
 * (audit.repository.ts). A later change to the live audit code cannot change what this migration
 * writes. Never edit it to follow the live code: the chain format is defined in the audit module's
 * README.md, and `0014-decision-digests.audit.test.ts` holds the entries written here to today's live
 * verifier.
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
// The decision tables as registered for row digests (audited-tables.ts, decision 0022)

type ColumnKind = 'text' | 'uuid' | 'integer' | 'instant' | 'date' | 'json';

type AuditedTable = {
  table: string;
  idColumn: string;
  /** the digested columns; a column left out (accounts.totp_last_step, api_keys.last_used_at) is not here */
  columns: Readonly<Record<string, ColumnKind>>;
};

const INSTANT = 'instant' as const;

export const DECISION_TABLES_0014: readonly AuditedTable[] = [
  {
    table: 'accounts',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      login: 'text',
      display_name: 'text',
      role: 'text',
      department_code: 'text',
      region_code: 'text',
      subject_id: 'uuid',
      password_hash: 'text',
      totp_secret_sealed: 'text',
      status: 'text',
      created_at: INSTANT,
      updated_at: INSTANT,
    },
  },
  {
    table: 'account_bindings',
    idColumn: 'account_id',
    columns: {
      account_id: 'uuid',
      subject_id: 'uuid',
      via: 'text',
      verifier: 'text',
      reference: 'text',
      purpose: 'text',
      actor_id: 'text',
      actor_role: 'text',
      actor_department: 'text',
      request_id: 'text',
      bound_at: INSTANT,
    },
  },
  {
    table: 'sessions',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      token_hash: 'text',
      account_id: 'uuid',
      created_at: INSTANT,
      expires_at: INSTANT,
      revoked_at: INSTANT,
    },
  },
  {
    table: 'api_keys',
    idColumn: 'id',
    columns: {
      id: 'text',
      secret_hash: 'text',
      label: 'text',
      department_code: 'text',
      permissions: 'json',
      created_by: 'text',
      created_at: INSTANT,
      expires_at: INSTANT,
      revoked_at: INSTANT,
      replaces_id: 'text',
    },
  },
  {
    table: 'consents',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      subject_id: 'uuid',
      grantee_department: 'text',
      scope: 'json',
      purpose: 'text',
      granted_at: INSTANT,
      expires_at: INSTANT,
      revoked_at: INSTANT,
      evidence: 'json',
      granted_by: 'text',
    },
  },
  {
    table: 'list_types',
    idColumn: 'code',
    columns: {
      code: 'text',
      name: 'text',
      name_en: 'text',
      polarity: 'text',
      description: 'text',
      created_at: INSTANT,
      updated_at: INSTANT,
    },
  },
  {
    table: 'list_entries',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      list_type: 'text',
      record_key: 'uuid',
      record_id: 'uuid',
      item_code: 'text',
      provider_department: 'text',
      subject_id: 'uuid',
      origin: 'text',
      source_entry_id: 'uuid',
      relation_role: 'text',
      ground: 'text',
      severity: 'text',
      identified_on: 'date',
      valid_until: 'date',
      validity_ends_on: 'date',
      status: 'text',
      status_reason: 'text',
      removed_at: INSTANT,
      removed_by_entry: 'uuid',
      procedure: 'text',
      created_at: INSTANT,
      updated_at: INSTANT,
    },
  },
  {
    table: 'list_entry_events',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      entry_id: 'uuid',
      at: INSTANT,
      kind: 'text',
      article: 'text',
      detail: 'json',
      record_id: 'uuid',
      batch_id: 'uuid',
      actor_id: 'text',
    },
  },
  {
    table: 'subject_relations',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      organization_id: 'uuid',
      person_id: 'uuid',
      role: 'text',
      source: 'text',
      created_at: INSTANT,
      created_by: 'text',
      ended_at: INSTANT,
    },
  },
  {
    table: 'notifications',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      kind: 'text',
      article: 'text',
      recipient_department: 'text',
      subject_id: 'uuid',
      entry_id: 'uuid',
      title: 'text',
      body: 'json',
      created_at: INSTANT,
      status: 'text',
      attempts: 'integer',
      delivered_at: INSTANT,
      read_at: INSTANT,
      read_by: 'text',
    },
  },
  {
    table: 'catalog_items',
    idColumn: 'code',
    columns: { code: 'text', current_version: 'integer', created_at: INSTANT, updated_at: INSTANT },
  },
  {
    table: 'catalog_item_versions',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      item_code: 'text',
      version: 'integer',
      name: 'text',
      category: 'text',
      usage_scope: 'text',
      list_type: 'text',
      severity_required: 'integer',
      definition: 'json',
      digest: 'text',
      published_at: INSTANT,
    },
  },
  {
    table: 'measures',
    idColumn: 'code',
    columns: { code: 'text', current_version: 'integer', created_at: INSTANT, updated_at: INSTANT },
  },
  {
    table: 'measure_versions',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      measure_code: 'text',
      version: 'integer',
      title: 'text',
      article: 'text',
      effect: 'text',
      active: 'integer',
      definition: 'json',
      digest: 'text',
      published_at: INSTANT,
      published_by: 'text',
      reason: 'text',
    },
  },
  {
    table: 'policy_versions',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      policy_id: 'text',
      version: 'text',
      digest: 'text',
      content: 'json',
      first_loaded_at: INSTANT,
    },
  },
  {
    table: 'code_exceptions',
    idColumn: 'id',
    columns: {
      id: 'uuid',
      code_digest: 'text',
      code_sealed: 'text',
      kind: 'text',
      reason: 'text',
      registered_by: 'text',
      created_at: INSTANT,
    },
  },
  {
    table: 'calendar_years',
    idColumn: 'year',
    columns: {
      year: 'integer',
      source: 'text',
      schedule: 'json',
      digest: 'text',
      imported_by: 'text',
      imported_at: INSTANT,
    },
  },
];

// ---------------------------------------------------------------------------------------------------
// Row digests (row-digest.ts, row-digests.service.ts)

/** Text as both engines store it: a lone surrogate is U+FFFD. */
const wellFormed = (text: string) => (text.isWellFormed() ? text : text.toWellFormed());

/** A column's value in one form on both engines (jsonb parsed or text, uuids lowercase, ISO instants). */
function normalizeValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'uuid':
      return wellFormed(String(value).toLowerCase());
    case 'integer':
      return Number(value);
    case 'instant': {
      // text that is no instant (SQLite keeps what was written) is hashed as the text it is
      const date = new Date(value instanceof Date ? value : String(value));
      return Number.isNaN(date.getTime()) ? wellFormed(String(value)) : date.toISOString();
    }
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    default:
      return wellFormed(String(value));
  }
}

/** The registered columns, sorted: what the digests cover and what the entry's detail names. */
const digestColumns = (table: AuditedTable): string[] => Object.keys(table.columns).sort();

/** The row's id as the chain records it. */
const rowId = (table: AuditedTable, row: Record<string, unknown>): string =>
  String(normalizeValue(table.columns[table.idColumn] ?? 'text', row[table.idColumn]));

/** SM3 of the canonical JSON `{"row":{column: value, …},"table":name}` over the normalized columns. */
function rowDigest(table: AuditedTable, row: Record<string, unknown>, columns: readonly string[]): string {
  const values: Record<string, unknown> = {};
  for (const column of columns) {
    values[column] = normalizeValue(table.columns[column] ?? 'text', row[column]);
  }
  return sm3(canonicalJson({ table: table.table, row: values }, true));
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
  const missing = columns.filter((c) => rows.length > 0 && rows[0]![c] === undefined);
  if (missing.length > 0) {
    throw new AppError(
      'AUDIT_ROW_INCOMPLETE',
      500,
      `登记 ${table.table} 行摘要时缺少列：${missing.join(', ')}`,
      `Row of ${table.table} recorded without column(s): ${missing.join(', ')}`,
      { table: table.table, missing },
    );
  }
  const pairs = rows.map((row): [string, string] => [rowId(table, row), rowDigest(table, row, columns)]);
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
// The backfill (audited-rows.repository.ts scanAuditedTable)

/** Every row of a table, in pages by key, through constant memory. */
async function* scanTable(
  db: Kysely<unknown>,
  table: AuditedTable,
  pageSize: number,
): AsyncGenerator<Record<string, unknown>> {
  let last: Record<string, unknown> | undefined;
  for (;;) {
    const after: RawBuilder<unknown> =
      last === undefined ? sql`` : sql`where ${sql.ref(table.idColumn)} > ${last[table.idColumn]}`;
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${sql.table(table.table)} ${after} order by ${sql.ref(table.idColumn)} limit ${pageSize}`.execute(
      db,
    );
    yield* rows;
    if (rows.length < pageSize) return;
    last = rows.at(-1)!;
  }
}

/**
 * Records the digests of the decision tables' rows stored before migration 0014, as they stand, 5,000
 * rows to an entry, table by table. From then on every write of these tables records its rows.
 */
export async function backfillDecisionDigests0014(db: Kysely<unknown>): Promise<void> {
  const meta: RowsWrittenMeta = {
    actorRole: 'system',
    purpose: '迁移 0014：决定结果或授予权限的数据表纳入行摘要 / migration 0014: decision tables digested',
    policyId: 'migration-0014',
    policyVersion: '0014-decision-digests',
  };
  for (const table of DECISION_TABLES_0014) {
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
