/**
 * Every check is recorded (B33, C §4(1)): its header, its results and its hits, with one audit chain
 * entry per check naming who, which system, why, the scenario, the counts and the policy version.
 *
 * Checks arrive many at a time from many systems, so the recorder commits them in groups: a check waits
 * (at most a few milliseconds) for the group's transaction and only then is answered, so an answered
 * check is always on record, and a thousand concurrent checks cost a handful of transactions and one
 * audit head update each, not a thousand.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Store } from '../../platform/db/engine.ts';
import { insertRows } from '../../platform/db/insert-rows.ts';
import type { Database } from '../../platform/db/schema.ts';
import { type AuditEntryInput, appendAuditMany } from '../audit/index.ts';
import type { CheckHitTable, CheckPartTable, CheckTable } from './checks.schema.ts';

export type CheckRecord = {
  header: Insertable<CheckTable>;
  parts: Insertable<CheckPartTable>[];
  hits: Insertable<CheckHitTable>[];
  audit: AuditEntryInput;
};

type Pending = CheckRecord & { resolve: () => void; reject: (error: unknown) => void };

// 11 columns (hits) × 500 rows stays inside both engines' bind limits.
const ROWS_PER_INSERT = 500;
const GROUP_LIMIT = 256;
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
 * One group of checks in one transaction: headers, parts, hits, then their audit entries.
 * `beforeCommit` runs last inside the transaction (the write lock is held: nobody else commits).
 */
export async function writeGroup(
  db: Kysely<Database>,
  group: readonly CheckRecord[],
  beforeCommit?: () => void,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const headers = group.map((g) => g.header);
    for (let i = 0; i < headers.length; i += ROWS_PER_INSERT) {
      await insertRows(trx, 'checks', HEADER_COLUMNS, headers.slice(i, i + ROWS_PER_INSERT).map(headerRow));
    }
    for (const parts of statementsOf(group.flatMap((g) => g.parts))) {
      await insertRows(trx, 'check_parts', PART_COLUMNS, parts.map(partRow));
    }
    await writeHits(
      trx,
      group.flatMap((g) => g.hits),
    );
    // Last: the audit head lock is held until commit (decision 0008).
    await appendAuditMany(
      trx,
      group.map((g) => g.audit),
    );
    beforeCommit?.();
  });
}

export function checkRecorder(
  store: Store,
  options: {
    maxDelayMs?: number;
    /**
     * After each group's commit, with the store's commit counter as read inside its transaction
     * (Store.commitCounter): these commits write checks and audit entries only, never the change feed.
     */
    committed?: (counterBefore: number | undefined) => void;
  } = {},
) {
  const maxDelay = options.maxDelayMs ?? 2;
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;

  const write = async (group: Pending[]) => {
    let counter: number | undefined;
    await writeGroup(store.db, group, () => {
      counter = store.commitCounter?.();
    });
    options.committed?.(counter);
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
        if (queue.length >= GROUP_LIMIT) void flush();
        else timer ??= setTimeout(() => void flush(), maxDelay);
      });
    },
    /** Writes a large check's part now (streams), outside the grouping. */
    async writePart(
      header: Insertable<CheckTable>,
      part: Insertable<CheckPartTable>,
      hits: Insertable<CheckHitTable>[],
      first: boolean,
    ) {
      await store.db.transaction().execute(async (trx) => {
        if (first) await insertRows(trx, 'checks', HEADER_COLUMNS, [headerRow(header)]);
        await insertRows(trx, 'check_parts', PART_COLUMNS, [partRow(part)]);
        await writeHits(trx, hits);
      });
    },
    /** Closes a streamed check: its final counts and its audit entry, in one transaction. */
    async finishStream(header: Insertable<CheckTable>, audit: AuditEntryInput, started: boolean) {
      await store.db.transaction().execute(async (trx) => {
        if (started) {
          const { id, ...counts } = header;
          await trx.updateTable('checks').set(counts).where('id', '=', id!).execute();
        } else {
          await trx.insertInto('checks').values(header).execute();
        }
        await appendAuditMany(trx, [audit]);
      });
    },
    flush,
    /** Writes what is queued (before the store closes). */
    close: flush,
  };
}

export type CheckRecorder = ReturnType<typeof checkRecorder>;
