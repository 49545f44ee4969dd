/**
 * Every check is recorded (B33, C §4(1)): its header (who, which system, why, the scenario, the counts,
 * the policy version and, for a check of one part, its results), the parts of a streamed check, and
 * its hits. The audit chain vouches for these rows by their digests (decision 0012): one `rows.written`
 * entry per table per group, and `audit verify` names any check row edited, deleted or slipped in.
 *
 * Checks arrive many at a time from many systems, so the recorder commits them in groups: a check waits
 * (at most a few milliseconds) for the group's transaction and only then is answered, so an answered
 * check is always on record, and a thousand concurrent checks cost a handful of transactions and one
 * audit head update each, not a thousand.
 */
import type { Insertable, Kysely } from 'kysely';
import { insertRows } from '../../platform/db/insert-rows.ts';
import {
  type AuditEntryInput,
  type AuditedTable,
  appendAuditMany,
  CanonicalJsonText,
  CHECK_HITS_AUDITED,
  CHECK_PARTS_AUDITED,
  CHECKS_AUDITED,
  type Digester,
  INLINE_DIGESTER,
  recordRowsWritten,
  rowDigestTexts,
  rowsWrittenEntries,
  scanAuditedTable,
} from '../audit/index.ts';
import type { Database, Store } from '../database.ts';
import type { CheckHitTable, CheckPartTable, CheckTable } from './checks.tables.ts';

export type CheckRecord = {
  /** every column given (null where empty): the row is digested as written */
  header: Insertable<CheckTable>;
  parts: Insertable<CheckPartTable>[];
  hits: Insertable<CheckHitTable>[];
};

type Pending = CheckRecord & { resolve: () => void; reject: (error: unknown) => void };

// 11 columns (hits) × 500 rows stays inside both engines' bind limits.
const ROWS_PER_INSERT = 500;
const GROUP_LIMIT = 256;
/** Subjects in a check that is written at once rather than after the grouping delay. */
const LARGE_CHECK = 1000;
/** Parts of one INSERT: up to ROWS_PER_INSERT rows and about this many characters of results. */
const PART_CHARS_PER_INSERT = 4 * 1024 * 1024;

/** Parts in INSERTs of several rows: a group of single-subject checks is one statement, not hundreds. */
function statementsOf(parts: Insertable<CheckPartTable>[]): Insertable<CheckPartTable>[][] {
  const out: Insertable<CheckPartTable>[][] = [];
  let current: Insertable<CheckPartTable>[] = [];
  let chars = 0;
  for (const part of parts) {
    const size = String(part.results).length;
    if (current.length > 0 && (current.length >= ROWS_PER_INSERT || chars + size > PART_CHARS_PER_INSERT)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(part);
    chars += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

const HEADER_COLUMNS = [
  'id',
  'at',
  'check_day',
  'actor_id',
  'actor_role',
  'department',
  'api_key_id',
  'purpose',
  'scenario',
  'channel',
  'subject_count',
  'block_count',
  'warn_count',
  'favor_count',
  'none_count',
  'error_count',
  'policy_id',
  'policy_version',
  'request_id',
  'results',
] as const satisfies readonly (keyof CheckTable)[];
const PART_COLUMNS = [
  'check_id',
  'part',
  'first_position',
  'results',
] as const satisfies readonly (keyof CheckPartTable)[];
const HIT_COLUMNS = [
  'id',
  'check_id',
  'position',
  'subject_id',
  'decision',
  'entry_ids',
  'measures',
  'department',
  'check_day',
] as const satisfies readonly (keyof CheckHitTable)[];

const rowOf =
  <T>(columns: readonly (keyof T)[]) =>
  (value: T): unknown[] =>
    columns.map((c) => value[c] ?? null);
const headerRow = rowOf<Insertable<CheckTable>>(HEADER_COLUMNS);
const partRow = rowOf<Insertable<CheckPartTable>>(PART_COLUMNS);
const hitRow = rowOf<Insertable<CheckHitTable>>(HIT_COLUMNS);

async function writeHits(trx: Kysely<Database>, hits: Insertable<CheckHitTable>[]) {
  for (let i = 0; i < hits.length; i += ROWS_PER_INSERT) {
    await insertRows(trx, 'check_hits', HIT_COLUMNS, hits.slice(i, i + ROWS_PER_INSERT).map(hitRow));
  }
}

/**
 * The digests vouching for check rows about to be written, started (on the digest thread when the
 * rows are large enough, decision 0013) before the rows are inserted; `entries` takes them and builds
 * the chain entries: one per table with rows. The recorder writes for many callers at once, so the
 * entries name the platform as their writer; who checked, and why, is in the rows they vouch for.
 */
function startDigests(
  written: {
    headers: readonly Insertable<CheckTable>[];
    parts: readonly Insertable<CheckPartTable>[];
    hits: readonly Insertable<CheckHitTable>[];
  },
  digester: Digester,
) {
  // The JSON columns are handed over as the text just written: JSON.stringify of arrays of strings,
  // safe integers and nulls, which is their canonical form. A 10,000-subject check's results are not
  // parsed and written again to be digested (verification digests the stored rows).
  const tables: [AuditedTable, Record<string, unknown>[]][] = [
    [
      CHECKS_AUDITED,
      written.headers.map((h) => ({ ...h, results: h.results == null ? null : canonicalText(h.results) })),
    ],
    [CHECK_PARTS_AUDITED, written.parts.map((p) => ({ ...p, results: canonicalText(p.results) }))],
    [
      CHECK_HITS_AUDITED,
      written.hits.map((h) => ({
        ...h,
        entry_ids: canonicalText(h.entry_ids),
        measures: canonicalText(h.measures),
      })),
    ],
  ];
  const texts: string[] = [];
  for (const [table, rows] of tables) for (const text of rowDigestTexts(table, rows)) texts.push(text);
  const job = digester.start(texts);
  return {
    entries(policy: { policyId: string; policyVersion: string }): AuditEntryInput[] {
      const digests = job.take();
      const meta = { actorRole: 'system', purpose: '核查留痕 / check log (B33, C §4(1))', ...policy };
      const entries: AuditEntryInput[] = [];
      let at = 0;
      for (const [table, rows] of tables) {
        if (rows.length === 0) continue;
        const mine = digests.slice(at, at + rows.length);
        at += rows.length;
        entries.push(...rowsWrittenEntries({ table, rows, digests: mine }, meta));
      }
      return entries;
    },
    /** The write failed before taking the digests. */
    drop: () => job.drop(),
  };
}

/** A JSON column as written by `toJson` (a string), or as given when it is not one. */
const canonicalText = (value: unknown) => (typeof value === 'string' ? new CanonicalJsonText(value) : value);

const policyOf = (header: Insertable<CheckTable>) => ({
  policyId: header.policy_id,
  policyVersion: header.policy_version,
});

type WriteOptions = { beforeCommit?: () => void; digester?: Digester };

/**
 * One group of checks in one transaction: headers, parts, hits, then the chain entries vouching for
 * them. `beforeCommit` runs last inside the transaction (the write lock is held: nobody else commits).
 */
export async function writeGroup(
  db: Kysely<Database>,
  group: readonly CheckRecord[],
  options: WriteOptions = {},
): Promise<void> {
  if (group.length === 0) return;
  await writeRows(
    db,
    {
      headers: group.map((g) => g.header),
      parts: group.flatMap((g) => g.parts),
      hits: group.flatMap((g) => g.hits),
    },
    policyOf(group[0]!.header),
    options,
  );
}

async function writeRows(
  db: Kysely<Database>,
  rows: {
    headers: Insertable<CheckTable>[];
    parts: Insertable<CheckPartTable>[];
    hits: Insertable<CheckHitTable>[];
  },
  policy: { policyId: string; policyVersion: string },
  options: WriteOptions,
): Promise<void> {
  const { headers, parts, hits } = rows;
  // Hashed (on the digest thread, when large) while the rows are inserted.
  const digesting = startDigests(rows, options.digester ?? INLINE_DIGESTER);
  try {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < headers.length; i += ROWS_PER_INSERT) {
        await insertRows(trx, 'checks', HEADER_COLUMNS, headers.slice(i, i + ROWS_PER_INSERT).map(headerRow));
      }
      for (const statement of statementsOf(parts)) {
        await insertRows(trx, 'check_parts', PART_COLUMNS, statement.map(partRow));
      }
      await writeHits(trx, hits);
      // Last: the audit head lock is held until commit (decision 0008).
      await appendAuditMany(trx, digesting.entries(policy));
      options.beforeCommit?.();
    });
  } finally {
    digesting.drop();
  }
}

/**
 * Records the digests of check rows stored before migration 0012 (vouched for then by one `checks.run`
 * entry per check), as they stand, 5,000 rows to an entry.
 */
export async function backfillCheckDigests(db: Kysely<Database>): Promise<void> {
  const policy = { policyId: 'migration-0012', policyVersion: '0012-check-digests' };
  const meta = {
    actorRole: 'system',
    purpose: '迁移 0012：核查记录纳入行摘要 / migration 0012: check rows digested',
    ...policy,
  };
  for (const table of [CHECKS_AUDITED, CHECK_PARTS_AUDITED, CHECK_HITS_AUDITED]) {
    let rows: Record<string, unknown>[] = [];
    const flush = async () => {
      if (rows.length > 0) await recordRowsWritten(db, { table, rows }, meta);
      rows = [];
    };
    for await (const row of scanAuditedTable(db, table, 5000)) {
      rows.push(row);
      if (rows.length >= 5000) await flush();
    }
    await flush();
  }
}

export function checkRecorder(
  store: Store,
  options: {
    /** the longest a check waits for others to join its group */
    maxDelayMs?: number;
    /**
     * Write the group as soon as a turn of the event loop brings no further check, rather than only
     * when the delay is up. By default where the write holds the answering thread (SQLite).
     */
    flushWhenQuiet?: boolean;
    /**
     * After each group's commit, with the store's commit counter as read inside its transaction
     * (Store.commitCounter): these commits write checks and audit entries only, never the change feed.
     */
    committed?: (counterBefore: number | undefined) => void;
    /** where the rows' digests are computed (decision 0013); inline by default */
    digester?: Digester;
  } = {},
) {
  // Measured under 50 concurrent callers (bench:check). SQLite, 1 ms: 9.4–11.6k checks/s, against
  // 8.8–9.0k at 0 (the next turn of the event loop) and 9.4k at 2 ms; shorter groups cost more commits,
  // longer ones left the thread idle while every caller waited. PostgreSQL, where a commit is a round
  // trip and a flush on the server, 2 ms: 3.8–4.5k, against 3.3k at 1 ms.
  const maxDelay = options.maxDelayMs ?? (store.capabilities.concurrentWriters ? 2 : 1);
  // Decision 0014: on SQLite the write runs on the answering thread, so a group held for its delay
  // while no request is pending is time that thread sits idle (bench:check: the event loop was idle
  // 8–16% of a check run). A group is written once a turn of the loop has read no further check.
  const flushWhenQuiet = options.flushWhenQuiet ?? !store.capabilities.concurrentWriters;
  const digester = options.digester ?? INLINE_DIGESTER;
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  /** checks queued so far, and as many as the quiet watch had seen at its last look (-1: no watch) */
  let arrivals = 0;
  let watchedAt = -1;
  /** groups committed, the checks in them and the milliseconds spent writing them (bench:check) */
  const totals = { groups: 0, checks: 0, writeMs: 0 };

  const write = async (group: Pending[]) => {
    let counter: number | undefined;
    const started = performance.now();
    await writeGroup(store.db, group, {
      beforeCommit: () => {
        counter = store.commitCounter?.();
      },
      digester,
    });
    totals.writeMs += performance.now() - started;
    totals.groups++;
    totals.checks += group.length;
    options.committed?.(counter);
  };

  /**
   * Runs after each turn's input has been read (setImmediate), while checks wait: another look next
   * turn while checks keep coming, the write once a turn brought none.
   */
  const watch = () => {
    if (queue.length === 0 || flushing) {
      watchedAt = -1; // written meanwhile (the delay, the limit), or a write is under way
      return;
    }
    if (arrivals !== watchedAt) {
      watchedAt = arrivals;
      setImmediate(watch);
      return;
    }
    watchedAt = -1;
    void flush();
  };

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (flushing) return flushing.then(() => (queue.length > 0 ? flush() : undefined));
    while (queue.length > 0) {
      const group = queue.slice(0, GROUP_LIMIT);
      queue = queue.slice(group.length);
      flushing = write(group).then(
        () => {
          for (const g of group) g.resolve();
        },
        (error) => {
          for (const g of group) g.reject(error);
        },
      );
      await flushing;
      flushing = undefined;
    }
  }

  return {
    /** Resolves once the check is committed; a failed commit rejects (the caller answers with an error). */
    record(record: CheckRecord): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ ...record, resolve, reject });
        // A large check is a group by itself: nothing is gained by holding it for others.
        if (queue.length >= GROUP_LIMIT || Number(record.header.subject_count) >= LARGE_CHECK) {
          void flush();
          return;
        }
        timer ??= setTimeout(() => void flush(), maxDelay);
        arrivals++;
        if (flushWhenQuiet && watchedAt < 0) {
          watchedAt = arrivals;
          setImmediate(watch);
        }
      });
    },
    /**
     * Writes a large check's part now (streams), outside the grouping; the header at the first part
     * (recorded again with its final counts by finishStream).
     */
    async writePart(
      header: Insertable<CheckTable>,
      part: Insertable<CheckPartTable>,
      hits: Insertable<CheckHitTable>[],
      first: boolean,
    ) {
      await writeRows(store.db, { headers: first ? [header] : [], parts: [part], hits }, policyOf(header), {
        digester,
      });
    },
    /** Closes a streamed check: its final counts, recorded again, in one transaction. */
    async finishStream(header: Insertable<CheckTable>, started: boolean) {
      await store.db.transaction().execute(async (trx) => {
        if (started) {
          const { id, ...counts } = header;
          await trx.updateTable('checks').set(counts).where('id', '=', id!).execute();
        } else {
          await insertRows(trx, 'checks', HEADER_COLUMNS, [headerRow(header)]);
        }
        await appendAuditMany(
          trx,
          startDigests({ headers: [header], parts: [], hits: [] }, INLINE_DIGESTER).entries(policyOf(header)),
        );
      });
    },
    flush,
    stats: () => ({ ...totals }),
    /** Writes what is queued (before the store closes). */
    close: flush,
  };
}

export type CheckRecorder = ReturnType<typeof checkRecorder>;
