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
import { groupCommit } from '../../platform/concurrency/group-commit.ts';
import { nextTurn } from '../../platform/concurrency/loop-turns.ts';
import { type Digester, INLINE_DIGESTER } from '../../platform/crypto/sm3-thread.ts';
import { appendAuditMany } from '../audit/audit.repository.ts';
import {
  type AuditEntryInput,
  type AuditedTable,
  CanonicalJsonText,
  CHECK_HITS_AUDITED,
  CHECK_PARTS_AUDITED,
  CHECKS_AUDITED,
} from '../audit/index.ts';
import { rowDigestTexts, rowsWrittenEntries } from '../audit/row-digests.service.ts';
import type { Db, Insertable, Store } from '../database.ts';
import { checksRepository } from './checks.repository.ts';
import type { CheckHitTable, CheckPartTable, CheckTable } from './checks.tables.ts';

export type CheckRecord = {
  /** every column given (null where empty): the row is digested as written */
  header: Insertable<CheckTable>;
  parts: Insertable<CheckPartTable>[];
  hits: Insertable<CheckHitTable>[];
};

const GROUP_LIMIT = 256;
/** Rows whose digest texts are built between two turns of the event loop (issue 14 §6). */
const TEXT_SLICE = 1000;
/** Subjects in a check that is written on its own, beside the groups of smaller ones. */
const LARGE_CHECK = 1000;

/**
 * The digests vouching for check rows about to be written, started (on the digest thread when the
 * rows are large enough, decision 0013) before the rows are inserted; `entries` takes them and builds
 * the chain entries: one per table with rows. The recorder writes for many callers at once, so the
 * entries name the platform as their writer; who checked, and why, is in the rows they vouch for.
 */
async function startDigests(
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
  // A large check's hits are thousands of rows: their texts are built a slice at a time.
  const texts: string[] = [];
  for (const [table, rows] of tables) {
    for (let i = 0; i < rows.length; i += TEXT_SLICE) {
      if (i > 0) await nextTurn();
      for (const text of rowDigestTexts(table, rows.slice(i, i + TEXT_SLICE))) texts.push(text);
    }
  }
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
    /** Resolves when taking the digests would not block (see OffloadJob.ready). */
    ready: () => job.ready(),
  };
}

/** A JSON column as written by `toJson` (a string), or as given when it is not one. */
const canonicalText = (value: unknown) => (typeof value === 'string' ? new CanonicalJsonText(value) : value);

const policyOf = (header: Insertable<CheckTable>) => ({
  policyId: header.policy_id,
  policyVersion: header.policy_version,
});

type WriteOptions = {
  beforeCommit?: () => void;
  digester?: Digester;
  /** Runs the transaction when its turn comes (large checks: one at a time; see checkRecorder). */
  opening?: (transaction: () => Promise<void>) => Promise<void>;
};

/**
 * Rows of checks in one transaction: headers, parts, hits, then the chain entries vouching for them.
 * `beforeCommit` runs last inside the transaction (the write lock is held: nobody else commits).
 */
async function writeRows(
  db: Db,
  rows: {
    headers: Insertable<CheckTable>[];
    parts: Insertable<CheckPartTable>[];
    hits: Insertable<CheckHitTable>[];
  },
  policy: { policyId: string; policyVersion: string },
  options: WriteOptions,
): Promise<void> {
  // Hashed (on the digest thread, when large) while the rows are inserted.
  const digesting = await startDigests(rows, options.digester ?? INLINE_DIGESTER);
  try {
    // The digests are waited for through the event loop before the transaction opens, not blocked for
    // inside it (issue 14 §6): a large check's (a megabyte of results), or a small group's queued on
    // the digest thread behind one, held the answering thread for hundreds of milliseconds. What is
    // overlapped now is the hashing with other requests rather than with this group's inserts.
    await digesting.ready();
    const transaction = () =>
      db.transaction().execute(async (trx) => {
        await checksRepository.insertChecks(trx, rows);
        // Last: the audit head lock is held until commit (decision 0008).
        await appendAuditMany(trx, digesting.entries(policy));
        options.beforeCommit?.();
      });
    await (options.opening ? options.opening(transaction) : transaction());
  } finally {
    digesting.drop();
  }
}

export type CheckRecorderOptions = {
  /** the longest a check waits for others to join its group */
  maxDelayMs?: number;
  /**
   * Write the group as soon as a turn of the event loop brings no further check, rather than only
   * when the delay is up. By default where the write holds the answering thread (SQLite).
   */
  flushWhenQuiet?: boolean;
  /**
   * After each group's commit, with the store's change counter as read inside its transaction
   * (Store.changeCounter): these commits write checks and audit entries only, never the change feed.
   */
  committed?: (counterBefore: number | undefined) => void;
  /** where the rows' digests are computed (decision 0013); inline by default */
  digester?: Digester;
};

export function checkRecorder(store: Store, options: CheckRecorderOptions = {}) {
  const digester = options.digester ?? INLINE_DIGESTER;
  /** groups committed, the checks in them and the milliseconds spent writing them (bench:check) */
  const totals = { groups: 0, checks: 0, writeMs: 0 };

  /** Writes checks in one transaction: a group of small ones, or one large check. */
  async function write(group: CheckRecord[], opening?: WriteOptions['opening']) {
    let counter: number | undefined;
    const started = performance.now();
    await writeRows(
      store.db,
      {
        headers: group.map((g) => g.header),
        parts: group.flatMap((g) => g.parts),
        hits: group.flatMap((g) => g.hits),
      },
      policyOf(group[0]!.header),
      {
        beforeCommit: () => {
          counter = store.changeCounter?.();
        },
        digester,
        opening,
      },
    );
    totals.writeMs += performance.now() - started;
    totals.groups++;
    totals.checks += group.length;
    options.committed?.(counter);
  }

  const groups = groupCommit<CheckRecord>({
    // A group waits at most 1 ms on SQLite, 2 ms on PostgreSQL, where a commit is a round trip and a
    // flush on the server (figures: docs/PERFORMANCE.md, decision 0010).
    maxDelayMs: options.maxDelayMs ?? (store.capabilities.concurrentWriters ? 2 : 1),
    maxGroup: GROUP_LIMIT,
    // Decision 0014: on SQLite the write runs on the answering thread; a group is written once a turn
    // of the loop has read no further check.
    flushWhenQuiet: options.flushWhenQuiet ?? !store.capabilities.concurrentWriters,
    write,
  });
  /** Large checks being written, each on its own (see record). */
  const large = new Set<Promise<void>>();
  /** The transaction of the large check before (settled), which the next one waits for. */
  let lastLarge: Promise<unknown> = Promise.resolve();
  /**
   * Large checks' transactions open one at a time, each in a turn of the loop of its own
   * (loop-turns.ts). The store serves transactions in the order they asked (on SQLite, one
   * connection): eight large ones asking at once put a group of single checks behind all eight, and
   * two whose digests were ready in the same turn ran back to back, holding the thread for both. Now a
   * group waits for one large transaction at most; their digests are still prepared side by side.
   */
  function oneLargeAtATime(transaction: () => Promise<void>): Promise<void> {
    const mine = lastLarge.then(async () => {
      await nextTurn();
      await transaction();
    });
    lastLarge = mine.catch(() => undefined);
    return mine;
  }

  /** Writes the groups queued and waits for the large checks being written. */
  async function flush(): Promise<void> {
    await groups.flush();
    await Promise.allSettled([...large]);
  }

  return {
    /**
     * Resolves once the check is committed; a failed commit rejects (the caller answers with an error).
     * A large check is written on its own, beside the groups, not through them (issue 14 §6): nothing
     * is gained by grouping it, and its digests are prepared a slice at a time over many turns of the
     * loop before its transaction opens; in the group queue, every single check arriving meanwhile
     * waited behind that preparation, and large checks queued together became one transaction of
     * several megabytes.
     */
    record(record: CheckRecord): Promise<void> {
      if (Number(record.header.subject_count) < LARGE_CHECK) return groups.add(record);
      const writing = write([record], oneLargeAtATime);
      large.add(writing);
      const done = () => void large.delete(writing);
      writing.then(done, done);
      return writing;
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
      const digesting = await startDigests({ headers: [header], parts: [], hits: [] }, INLINE_DIGESTER);
      await store.db.transaction().execute(async (trx) => {
        if (started) await checksRepository.updateHeaderCounts(trx, header);
        else await checksRepository.insertChecks(trx, { headers: [header], parts: [], hits: [] });
        await appendAuditMany(trx, digesting.entries(policyOf(header)));
      });
    },
    flush,
    stats: () => ({ ...totals }),
    /** Writes what is queued (before the store closes). */
    close: flush,
  };
}

export type CheckRecorder = ReturnType<typeof checkRecorder>;
