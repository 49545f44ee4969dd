import type { Kysely } from 'kysely';
import { inChunks } from '../../platform/chunks.ts';
import { executeCached } from '../../platform/db/cached-query.ts';
import { insertRows } from '../../platform/db/insert-rows.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { wellFormed, wellFormedDeep } from '../../platform/well-formed.ts';
import type { Database, Store } from '../database.ts';
import type {
  AuditContent,
  AuditRecord,
  AuditResult,
  ChainHead,
  DayAnchor,
  StoredRecord,
} from './audit.chain.ts';
import { entryHash } from './audit.chain.ts';
import { CanonicalFormError, canonicalJson, GENESIS_HASH } from './canonical.ts';

/** What a caller says about an event; seq, id, hashes (and `at`, unless given) are assigned here. */
export type AuditEntryInput = {
  at?: string;
  actorId?: string | null;
  actorRole: string;
  actorDepartment?: string | null;
  purpose?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  result: AuditResult;
  detail?: Record<string, unknown>;
  policyId: string;
  policyVersion: string;
  requestId?: string | null;
};

/** A store (a transaction is opened) or the caller's transaction (the entry commits with its work). */
export type AuditWriter = Store | Kysely<Database>;

const CHAIN = 'main';
const RESULTS: readonly AuditResult[] = ['ok', 'denied', 'error'];
// 17 columns a row: 500 rows stay far inside either engine's bind-parameter limit.
const ROWS_PER_INSERT = 500;

export async function appendAudit(target: AuditWriter, entry: AuditEntryInput): Promise<AuditRecord> {
  const [record] = await appendAuditMany(target, [entry]);
  return record!;
}

/**
 * Appends entries as one contiguous run of the chain (A20, C §4(1)). The head row is UPDATEd first:
 * on PostgreSQL its row lock makes every other appender wait until this transaction ends; on SQLite
 * that first write takes the database write lock. So seq stays contiguous and each prev_hash is the
 * hash that really precedes it, across processes. Append late in a long transaction: the lock is held
 * until it commits.
 */
export async function appendAuditMany(
  target: AuditWriter,
  entries: readonly AuditEntryInput[],
): Promise<AuditRecord[]> {
  if (entries.length === 0) return [];
  // The detail's canonical text is computed once: it is checked, hashed and stored as this very text.
  const detailTexts: string[] = [];
  const prepared = entries.map((entry) => prepare(entry, detailTexts));
  const db = 'capabilities' in target ? target.db : target;
  const run = async (trx: Kysely<Database>): Promise<AuditRecord[]> => {
    // Both head statements are compiled once (executeCached): they run for every group of checks.
    const [head] = (
      await executeCached(
        trx,
        'audit_head.advance',
        (db) =>
          db
            .updateTable('audit_head')
            .set((eb) => ({ seq: eb('seq', '+', prepared.length) }))
            .where('chain', '=', CHAIN)
            .returning(['seq', 'hash']),
        [prepared.length, CHAIN],
      )
    ).rows;
    if (!head) {
      throw new AppError(
        'AUDIT_HEAD_MISSING',
        500,
        '审计链头记录缺失（数据库未迁移或被篡改）',
        'The audit chain head row is missing (database not migrated, or tampered with)',
      );
    }
    const now = new Date().toISOString();
    let seq = Number(head.seq) - prepared.length;
    let prevHash = head.hash;
    const records = prepared.map((p, i): AuditRecord => {
      seq++;
      const content: AuditContent = { ...p, seq, at: p.at ?? now };
      const hash = entryHash(prevHash, { ...content, detailText: detailTexts[i]! });
      const record = { ...content, prevHash, hash };
      prevHash = hash;
      return record;
    });
    const rows = records.map((r, i) => {
      const row = toRow(r, detailTexts[i]!);
      return ENTRY_COLUMNS.map((c) => row[c]);
    });
    for (const part of inChunks(rows, ROWS_PER_INSERT))
      await insertRows(trx, 'audit_entries', ENTRY_COLUMNS, part);
    await executeCached(
      trx,
      'audit_head.hash',
      (db) =>
        db.updateTable('audit_head').set({ hash: prevHash, updated_at: now }).where('chain', '=', CHAIN),
      [prevHash, now, CHAIN],
    );
    return records;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

type Prepared = Omit<AuditContent, 'seq' | 'at'> & { at: string | undefined };

/**
 * Checks and completes an entry; pushes its detail's canonical text onto `detailTexts`. Every text is
 * made well-formed here (issue 14 §2): a lone surrogate is stored by both engines as U+FFFD, so it is
 * hashed as U+FFFD — the bytes hashed are the bytes stored, whatever a caller hands over. (The HTTP
 * edge and the CLI refuse such text before it gets this far; this is the last line.)
 */
function prepare(entry: AuditEntryInput, detailTexts: string[]): Prepared {
  const invalid = (field: string, why: string) =>
    new AppError(
      'AUDIT_ENTRY_INVALID',
      500,
      `审计记录字段 ${field} 无效：${why}`,
      `Audit entry field ${field} is invalid: ${why}`,
      { field, action: entry.action },
    );
  let at: string | undefined;
  if (entry.at !== undefined) {
    const ms = Date.parse(entry.at);
    if (Number.isNaN(ms)) throw invalid('at', `"${entry.at}" is not an instant`);
    at = new Date(ms).toISOString();
  }
  if (!RESULTS.includes(entry.result)) throw invalid('result', `"${entry.result}" is not ok|denied|error`);
  const detail = wellFormedDeep(entry.detail ?? {});
  let detailText: string;
  try {
    detailText = canonicalJson(detail);
  } catch (error) {
    if (error instanceof CanonicalFormError) throw invalid(`detail${error.path.slice(1)}`, error.message);
    throw error;
  }
  detailTexts.push(detailText);
  return {
    id: uuidv7(),
    at,
    actorId: textOrNull(entry.actorId),
    actorRole: wellFormed(entry.actorRole),
    actorDepartment: textOrNull(entry.actorDepartment),
    purpose: textOrNull(entry.purpose),
    action: wellFormed(entry.action),
    targetType: wellFormed(entry.targetType),
    targetId: textOrNull(entry.targetId),
    result: entry.result,
    detail,
    policyId: wellFormed(entry.policyId),
    policyVersion: wellFormed(entry.policyVersion),
    requestId: textOrNull(entry.requestId),
  };
}

const textOrNull = (text: string | null | undefined) =>
  text === null || text === undefined ? null : wellFormed(text);

/** `detailText`: canonicalJson(r.detail), as computed when the entry was prepared. */
function toRow(r: AuditRecord, detailText: string) {
  return {
    seq: r.seq,
    id: r.id,
    at: r.at,
    actor_id: r.actorId,
    actor_role: r.actorRole,
    actor_department: r.actorDepartment,
    purpose: r.purpose,
    action: r.action,
    target_type: r.targetType,
    target_id: r.targetId,
    result: r.result,
    // Canonical text: SQLite keeps it byte for byte, and it is exactly what the hash covers.
    detail: detailText,
    policy_id: r.policyId,
    policy_version: r.policyVersion,
    request_id: r.requestId,
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}

type EntryRow = Omit<ReturnType<typeof toRow>, 'detail'> & { detail: unknown };

const ENTRY_COLUMNS = [
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
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof ReturnType<typeof toRow>)[];

/** As stored, without normalizing: a changed byte must stay visible to the verifier. */
function fromRow(row: EntryRow): StoredRecord {
  const text = typeof row.detail === 'string' ? row.detail : undefined;
  let detail: Record<string, unknown> = {};
  if (text !== undefined) {
    try {
      detail = JSON.parse(text);
    } catch {
      // Unparseable text is still hashed as stored, so the verifier reports the entry.
    }
  } else {
    detail = row.detail as Record<string, unknown>;
  }
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorDepartment: row.actor_department,
    purpose: row.purpose,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    result: row.result,
    detail,
    policyId: row.policy_id,
    policyVersion: row.policy_version,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
    ...(text === undefined ? {} : { detailText: text }),
  };
}

/**
 * Entries in seq order, read in pages by key (`seq > last`), so millions of entries stream through
 * constant memory. Filters select e.g. the row-digest entries of one table, or who read one subject.
 */
export async function* readAuditEntries(
  db: Kysely<Database>,
  options: {
    after?: number;
    until?: number;
    action?: string;
    targetType?: string;
    targetId?: string;
    pageSize?: number;
  } = {},
): AsyncGenerator<StoredRecord> {
  const pageSize = options.pageSize ?? 1000;
  let last = options.after ?? 0;
  for (;;) {
    let query = db.selectFrom('audit_entries').selectAll().where('seq', '>', last);
    if (options.until !== undefined) query = query.where('seq', '<=', options.until);
    if (options.action !== undefined) query = query.where('action', '=', options.action);
    if (options.targetType !== undefined) query = query.where('target_type', '=', options.targetType);
    if (options.targetId !== undefined) query = query.where('target_id', '=', options.targetId);
    const rows = await query.orderBy('seq').limit(pageSize).execute();
    for (const row of rows) yield fromRow(row);
    if (rows.length < pageSize) return;
    last = Number(rows.at(-1)!.seq);
  }
}

export async function readAuditHead(db: Kysely<Database>): Promise<ChainHead | undefined> {
  const row = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('chain', '=', CHAIN)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

/** The seq and hash of the entry at `seq`, undefined when there is none. */
export async function entryAt(db: Kysely<Database>, seq: number): Promise<ChainHead | undefined> {
  const row = await db
    .selectFrom('audit_entries')
    .select(['seq', 'hash'])
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

/** The last entry written before an instant, or the genesis when there is none. */
export async function lastEntryBefore(db: Kysely<Database>, instant: string): Promise<ChainHead> {
  const row = await db
    .selectFrom('audit_entries')
    .select(['seq', 'hash'])
    .where('at', '<', instant)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS_HASH };
}

export async function readAnchors(db: Kysely<Database>): Promise<DayAnchor[]> {
  const rows = await db.selectFrom('audit_anchors').select(['day', 'seq', 'hash']).orderBy('day').execute();
  return rows.map((r) => ({ day: r.day, seq: Number(r.seq), hash: r.hash, source: 'stored' as const }));
}

export async function insertAnchor(db: Kysely<Database>, anchor: DayAnchor, now: string): Promise<void> {
  await db
    .insertInto('audit_anchors')
    .values({ day: anchor.day, seq: anchor.seq, hash: anchor.hash, created_at: now })
    .execute();
}

/** The house-style handle (`ctx.audit.repository`): the functions above bound to one store. */
export function auditRepository(store: Store) {
  return {
    append: (entry: AuditEntryInput, trx?: Kysely<Database>) => appendAudit(trx ?? store, entry),
    appendMany: (entries: readonly AuditEntryInput[], trx?: Kysely<Database>) =>
      appendAuditMany(trx ?? store, entries),
    head: () => readAuditHead(store.db),
    entries: (options?: Parameters<typeof readAuditEntries>[1]) => readAuditEntries(store.db, options),
    anchors: () => readAnchors(store.db),
  };
}
