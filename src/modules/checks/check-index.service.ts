/**
 * The in-memory index a credit check reads (decision 0011): every registered subject by blind index,
 * with its active list entries. A check at thousands per second cannot afford a database read per
 * subject (on a city-sized file that read was the largest part of a check's cost), so each process
 * holds the index and keeps it coherent with the change feed (migration 0010): before answering, a
 * check makes sure every change committed before it arrived — by this process or any other — is
 * applied. Nothing is served from a stale index: when the database cannot be asked, the check fails.
 *
 * The table itself is blind-index-table.ts; its memory at a million subjects is in docs/PERFORMANCE.md.
 */
import { inChunks } from '../../platform/chunks.ts';
import { type CoveringRun, coveringRun } from '../../platform/concurrency/covering-run.ts';
import type { Store } from '../database.ts';
import { BlindIndexTable, type IndexedEntry, type IndexedSubject, type Slot } from './blind-index-table.ts';
import { checksRepository, type IndexEntryRow } from './checks.repository.ts';

export type { IndexedEntry, IndexedSubject } from './blind-index-table.ts';

const LOAD_PAGE = 50_000;
const IDS_PER_QUERY = 500;
/** More changed subjects than this since the last sync: reloading everything is cheaper. */
const MAX_INCREMENTAL = 50_000;

const entryOf = (r: IndexEntryRow, same: ReturnType<typeof interner>): IndexedEntry => ({
  id: r.id,
  listType: same(r.list_type),
  polarity: same(r.polarity),
  itemCode: same(r.item_code),
  origin: same(r.origin),
  relationRole: same(r.relation_role),
  ground: same(r.ground),
  severity: same(r.severity),
  identifiedOn: same(r.identified_on),
  validUntil: same(r.valid_until),
  validityEndsOn: same(r.validity_ends_on),
  providerDepartment: same(r.provider_department),
  procedure: same(r.procedure),
});

const slotOf = (
  s: { id: string; kind: 'person' | 'organization'; name: string },
  entries: IndexedEntry[] | undefined,
): Slot => (entries && entries.length > 0 ? { id: s.id, kind: s.kind, name: s.name, entries } : s.name);

/**
 * The same text once: list types, grounds, departments and dates repeat across hundreds of thousands
 * of entries, and each row read brings its own copy. One table per load, dropped with it.
 */
function interner() {
  const seen = new Map<string, string>();
  return <T extends string | null>(value: T): T => {
    if (value === null) return value;
    const known = seen.get(value);
    if (known !== undefined) return known as T;
    seen.set(value, value);
    return value;
  };
}

export type CheckIndexStats = {
  subjects: number;
  listedSubjects: number;
  feedSeq: number;
  fullLoads: number;
  incrementalSyncs: number;
  /** reads of the feed head; skipped while the store's change counter shows no commit but the recorder's */
  headReads: number;
};

export function checkIndex(store: Store) {
  const db = store.db;
  let slots: BlindIndexTable | undefined;
  let listed = 0;
  /** the last feed number applied */
  let applied = 0;
  let fullLoads = 0;
  let incrementalSyncs = 0;
  let headReads = 0;
  /**
   * The store's change counter (Store.changeCounter) as of which every feed row is applied: read
   * before the feed head, advanced past the recorder's own commits (which write no feed rows). While
   * the counter still shows it, nobody has committed anything the index could miss, and a check needs
   * no read at all (SQLite: the head read was a noticeable part of a single check under load).
   */
  let caughtUpTo: number | undefined;
  const referenceListeners: (() => void)[] = [];

  /** The last feed number committed. */
  async function feedHead(): Promise<number> {
    headReads++;
    return checksRepository.feedHead(store);
  }

  async function activeEntries(subjectIds?: readonly string[]): Promise<Map<string, IndexedEntry[]>> {
    const bySubject = new Map<string, IndexedEntry[]>();
    const same = interner();
    for (const row of await checksRepository.activeEntries(db, subjectIds)) {
      const list = bySubject.get(row.subject_id);
      if (list) list.push(entryOf(row, same));
      else bySubject.set(row.subject_id, [entryOf(row, same)]);
    }
    return bySubject;
  }

  async function loadAll(): Promise<void> {
    // Whatever reference data changed while this process was not reading the feed is read again too.
    for (const listener of referenceListeners) listener();
    // The head first: whatever commits during the load is applied again by the next sync.
    const change = store.changeCounter?.();
    const head = await feedHead();
    const entries = await activeEntries();
    const next = new BlindIndexTable(slots ? slots.size + 1024 : 1024);
    let count = 0;
    let after: string | undefined;
    for (;;) {
      const page = await checksRepository.subjectsPage(db, after, LOAD_PAGE);
      for (const s of page) {
        const slot = slotOf(s, entries.get(s.id));
        if (typeof slot !== 'string') count++;
        next.set(s.code_digest, s.kind, slot);
      }
      if (page.length < LOAD_PAGE) break;
      after = page.at(-1)!.id;
    }
    slots = next;
    listed = count;
    applied = head;
    caughtUpTo = change;
    fullLoads++;
  }

  async function reloadSubjects(ids: readonly string[]): Promise<void> {
    for (const chunk of inChunks(ids, IDS_PER_QUERY)) {
      const subjects = await checksRepository.subjectsByIds(db, chunk);
      const entries = await activeEntries(chunk);
      for (const s of subjects) {
        const slot = slotOf(s, entries.get(s.id));
        const before = slots!.set(s.code_digest, s.kind, slot);
        if (before !== undefined && typeof before !== 'string') listed--;
        if (typeof slot !== 'string') listed++;
      }
    }
  }

  async function catchUp(): Promise<void> {
    if (!slots) return loadAll();
    const change = store.changeCounter?.();
    if (change !== undefined && change === caughtUpTo) return;
    const head = await feedHead();
    if (head === applied) {
      caughtUpTo = change;
      return;
    }
    if (head < applied || head - applied > MAX_INCREMENTAL) return loadAll();
    const rows = await checksRepository.feedRows(db, applied, head, MAX_INCREMENTAL + 1);
    // The feed is numbered without gaps: a first number past the next one means rows were pruned.
    const first = rows[0] ? Number(rows[0].seq) : undefined;
    if (first !== applied + 1 || rows.length > MAX_INCREMENTAL || rows.some((r) => r.topic === 'reload')) {
      return loadAll();
    }
    const ids = new Set<string>();
    let reference = false;
    for (const r of rows) {
      if (r.topic === 'reference') reference = true;
      else if (r.subject_id !== null) ids.add(r.subject_id);
    }
    await reloadSubjects([...ids]);
    applied = head;
    caughtUpTo = change;
    incrementalSyncs++;
    if (reference) for (const listener of referenceListeners) listener();
  }

  /**
   * Applies every change committed before `arrivedAt` (performance.now() of when the check arrived;
   * now, by default). A catch-up that begins after the check arrived covers it, so concurrent checks
   * share one (platform/concurrency/covering-run.ts): the checks parsed in one turn of the event loop
   * wait for a single catch-up at its end. A failed catch-up fails its callers (the check is not
   * answered).
   */
  const sync: CoveringRun = coveringRun(catchUp);

  return {
    sync,
    /**
     * Called when measures, list types or catalog items changed (feed topic 'reference'), in this
     * process or another, before the check that noticed continues: drop cached copies.
     */
    onReferenceChange(listener: () => void): void {
      referenceListeners.push(listener);
    },
    /**
     * A commit that wrote no feed row (the check recorder's), with the change counter read inside its
     * transaction: if the index was caught up to just before it, it is caught up to just after it.
     */
    feedFreeCommit(counterBefore: number | undefined): void {
      if (counterBefore !== undefined && counterBefore === caughtUpTo) caughtUpTo = (counterBefore + 1) >>> 0;
    },
    /** The subject under a blind index, as of the last sync; undefined: not registered. */
    get(blindIndex: string): IndexedSubject | undefined {
      return slots?.get(blindIndex);
    },
    stats(): CheckIndexStats {
      return {
        subjects: slots?.size ?? 0,
        listedSubjects: listed,
        feedSeq: applied,
        fullLoads,
        incrementalSyncs,
        headReads,
      };
    },
    /** Feed rows older than `before` (ISO instant) are deleted; readers behind them reload everything. */
    prune: (before: string): Promise<number> => checksRepository.pruneFeed(db, before),
  };
}

export type CheckIndex = ReturnType<typeof checkIndex>;
