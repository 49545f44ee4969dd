/**
 * The in-memory index a credit check reads (decision 0011): every registered subject by blind index,
 * with its active list entries. A check at thousands per second cannot afford a database read per
 * subject (on a city-sized file that read was the largest part of a check's cost), so each process
 * holds the index and keeps it coherent with the change feed (migration 0010): before answering, a
 * check makes sure every change committed before it arrived — by this process or any other — is
 * applied. Nothing is served from a stale index: when the database cannot be asked, the check fails.
 *
 * Memory: a subject without active entries is its name (and a byte for its kind) under its blind index
 * (32 bytes in one array); a subject with entries is an object with its id and entries (repeated texts
 * interned). At a million subjects (bench city, after a full collection): 108 MB of heap and 41 MB of
 * typed arrays, loaded in 3.3 s; the digests as strings were 194 MB of heap.
 */
import { sql } from 'kysely';
import type { Store } from '../database.ts';
import type { ListEntryTable } from '../lists/lists.tables.ts';

export type IndexedEntry = {
  id: string;
  listType: string;
  polarity: 'red' | 'black' | 'watch';
  itemCode: string;
  origin: 'listed' | 'associated';
  relationRole: string | null;
  ground: string | null;
  severity: string | null;
  identifiedOn: string;
  validUntil: string | null;
  validityEndsOn: string | null;
  providerDepartment: string;
  /** 'objection' | 'repair_notice' while such a procedure runs on the entry */
  procedure: 'objection' | 'repair_notice' | null;
};

export type IndexedSubject = {
  id: string | null;
  kind: 'person' | 'organization';
  name: string;
  entries: readonly IndexedEntry[];
};

type ListedSlot = IndexedSubject & { id: string };
/** The name alone for a subject without active entries (its kind is kept beside it); the object otherwise. */
type Slot = string | ListedSlot;

const NO_ENTRIES: readonly IndexedEntry[] = Object.freeze([]);
const PERSON = 1;
const ORGANIZATION = 2;

/** Hex digit values by character code (lowercase only, as the sealer writes blind indexes); 255 elsewhere. */
const HEX_VALUE = (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < 16; i++) table['0123456789abcdef'.charCodeAt(i)] = i;
  return table;
})();
const DIGEST_BYTES = 32;

/**
 * Blind index → slot, by open addressing over a typed array: the hash is the digest's first 32 bits
 * (an HMAC output, so uniform), the probe compares full digests. A Map of a million 64-character keys
 * cost about a microsecond a lookup (a batch of 10,000 codes spent 13% of its time there); this is a
 * few hundred nanoseconds, and the table itself is 4 bytes a place. The digests are kept as bytes, 32
 * an entry in one array: as a million strings they were about 88 MB of heap for the collector to walk,
 * and a comparison reached the array of strings and then the string, two cache misses. Nothing is ever
 * deleted: a subject's slot is replaced, and a full reload builds a new table.
 */
export class DigestTable {
  private bytes = new Uint8Array(1024 * DIGEST_BYTES);
  private count = 0;
  slots: Slot[] = [];
  /** PERSON or ORGANIZATION per entry: a byte, where a kind letter on each name cost a string each */
  kinds = new Uint8Array(1024);
  places: Int32Array;
  mask: number;

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.places = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** True when entry `index` holds `digest` (64 lowercase hex characters; anything else holds nowhere). */
  private holds(index: number, digest: string): boolean {
    if (digest.length !== 2 * DIGEST_BYTES) return false;
    const bytes = this.bytes;
    const base = index * DIGEST_BYTES;
    for (let j = 0; j < DIGEST_BYTES; j++) {
      const hi = digest.charCodeAt(2 * j);
      const lo = digest.charCodeAt(2 * j + 1);
      if (hi >= 128 || lo >= 128) return false;
      // An invalid character is 255: its value never equals a byte.
      if (HEX_VALUE[hi]! * 16 + HEX_VALUE[lo]! !== bytes[base + j]) return false;
    }
    return true;
  }

  /** The place of `digest`: its entry's index + 1 there, or 0 where it would go. */
  private probe(digest: string): number {
    let place = Number.parseInt(digest.slice(0, 8), 16) & this.mask;
    for (;;) {
      const at = this.places[place]!;
      if (at === 0 || this.holds(at - 1, digest)) return place;
      place = (place + 1) & this.mask;
    }
  }

  get(digest: string): IndexedSubject | undefined {
    const at = this.places[this.probe(digest)]!;
    if (at === 0) return undefined;
    const slot = this.slots[at - 1]!;
    if (typeof slot !== 'string') return slot;
    return {
      id: null,
      kind: this.kinds[at - 1] === PERSON ? 'person' : 'organization',
      name: slot,
      entries: NO_ENTRIES,
    };
  }

  /**
   * Stores the subject's slot; the slot it replaces, if any. A digest that is not 64 lowercase hex
   * characters is not stored: no lookup could ever find it.
   */
  set(digest: string, kind: 'person' | 'organization', slot: Slot): Slot | undefined {
    if (!/^[0-9a-f]{64}$/.test(digest)) return undefined;
    const place = this.probe(digest);
    const at = this.places[place]!;
    if (at !== 0) {
      const before = this.slots[at - 1];
      this.slots[at - 1] = slot;
      this.kinds[at - 1] = kind === 'person' ? PERSON : ORGANIZATION;
      return before;
    }
    const index = this.count;
    if (index === this.kinds.length) {
      const kinds = new Uint8Array(this.kinds.length * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const bytes = new Uint8Array(this.bytes.length * 2);
      bytes.set(this.bytes);
      this.bytes = bytes;
    }
    const base = index * DIGEST_BYTES;
    for (let j = 0; j < DIGEST_BYTES; j++) {
      this.bytes[base + j] =
        HEX_VALUE[digest.charCodeAt(2 * j)]! * 16 + HEX_VALUE[digest.charCodeAt(2 * j + 1)]!;
    }
    this.count++;
    this.slots.push(slot);
    this.kinds[index] = kind === 'person' ? PERSON : ORGANIZATION;
    this.places[place] = index + 1;
    if (this.count * 2 > this.places.length) this.grow();
    return undefined;
  }

  private grow(): void {
    this.places = new Int32Array(this.places.length * 2);
    this.mask = this.places.length - 1;
    const bytes = this.bytes;
    for (let i = 0; i < this.count; i++) {
      const b = i * DIGEST_BYTES;
      // The digest's first 32 bits, as probe reads them from its first eight hex characters.
      let place =
        ((bytes[b]! << 24) | (bytes[b + 1]! << 16) | (bytes[b + 2]! << 8) | bytes[b + 3]!) & this.mask;
      while (this.places[place] !== 0) place = (place + 1) & this.mask;
      this.places[place] = i + 1;
    }
  }
}

const LOAD_PAGE = 50_000;
const IDS_PER_QUERY = 500;
/** More changed subjects than this since the last sync: reloading everything is cheaper. */
const MAX_INCREMENTAL = 50_000;

type EntryRow = Pick<
  ListEntryTable,
  | 'id'
  | 'subject_id'
  | 'list_type'
  | 'item_code'
  | 'origin'
  | 'relation_role'
  | 'ground'
  | 'severity'
  | 'identified_on'
  | 'valid_until'
  | 'validity_ends_on'
  | 'provider_department'
  | 'procedure'
> & { polarity: IndexedEntry['polarity'] };

const entryOf = (r: EntryRow, same: ReturnType<typeof interner>): IndexedEntry => ({
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
  /** reads of the feed head; skipped while the store's commit counter shows no commit but the recorder's */
  headReads: number;
};

export function checkIndex(store: Store) {
  const db = store.db;
  let slots: DigestTable | undefined;
  let listed = 0;
  /** the last feed number applied */
  let applied = 0;
  let fullLoads = 0;
  let incrementalSyncs = 0;
  let headReads = 0;
  /**
   * The store's commit counter (Store.commitCounter) as of which every feed row is applied: read
   * before the feed head, advanced past the recorder's own commits (which write no feed rows). While
   * the counter still shows it, nobody has committed anything the index could miss, and a check needs
   * no read at all (SQLite: the head read was about a tenth of a single check's time under load).
   */
  let caughtUpTo: number | undefined;
  let current: { startedAt: number; promise: Promise<void> } | undefined;
  const referenceListeners: (() => void)[] = [];

  /** The last feed number committed. */
  async function feedHead(): Promise<number> {
    headReads++;
    if (store.capabilities.concurrentWriters) {
      const row = await db
        .selectFrom('check_feed_head')
        .select('seq')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return Number(row.seq);
    }
    // AUTOINCREMENT's high-water mark: still right when pruning has emptied the table. Read on the
    // store's watcher connection when it has one: a few microseconds, and it sees every commit.
    const text = "select seq from sqlite_sequence where name = 'check_feed'";
    if (store.readValue) return Number(store.readValue(text) ?? 0);
    const row = await sql<{ seq: number }>`${sql.raw(text)}`.execute(db);
    return Number(row.rows[0]?.seq ?? 0);
  }

  async function activeEntries(subjectIds?: readonly string[]): Promise<Map<string, IndexedEntry[]>> {
    let query = db
      .selectFrom('list_entries as e')
      .innerJoin('list_types as t', 't.code', 'e.list_type')
      .select([
        'e.id',
        'e.subject_id',
        'e.list_type',
        't.polarity',
        'e.item_code',
        'e.origin',
        'e.relation_role',
        'e.ground',
        'e.severity',
        'e.identified_on',
        'e.valid_until',
        'e.validity_ends_on',
        'e.provider_department',
        'e.procedure',
      ])
      .where('e.status', '=', 'active');
    if (subjectIds) query = query.where('e.subject_id', 'in', subjectIds);
    const bySubject = new Map<string, IndexedEntry[]>();
    const same = interner();
    for (const row of (await query.execute()) as EntryRow[]) {
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
    const change = store.commitCounter?.();
    const head = await feedHead();
    const entries = await activeEntries();
    const next = new DigestTable(slots ? slots.size + 1024 : 1024);
    let count = 0;
    let after: string | undefined;
    for (;;) {
      let query = db
        .selectFrom('subjects')
        .select(['id', 'kind', 'name', 'code_digest'])
        .orderBy('id')
        .limit(LOAD_PAGE);
      if (after !== undefined) query = query.where('id', '>', after);
      const page = await query.execute();
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
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const chunk = ids.slice(i, i + IDS_PER_QUERY);
      const subjects = await db
        .selectFrom('subjects')
        .select(['id', 'kind', 'name', 'code_digest'])
        .where('id', 'in', chunk)
        .execute();
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
    const change = store.commitCounter?.();
    if (change !== undefined && change === caughtUpTo) return;
    const head = await feedHead();
    if (head === applied) {
      caughtUpTo = change;
      return;
    }
    if (head < applied || head - applied > MAX_INCREMENTAL) return loadAll();
    const rows = await db
      .selectFrom('check_feed')
      .select(['seq', 'subject_id', 'topic'])
      .where('seq', '>', applied)
      .where('seq', '<=', head)
      .orderBy('seq')
      .limit(MAX_INCREMENTAL + 1)
      .execute();
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

  /** when the last successful catch-up began (performance.now()) */
  let lastCaughtUp = Number.NEGATIVE_INFINITY;

  /** A catch-up due at the next turn of the event loop, and the latest arrival it must cover. */
  let due: Promise<void> | undefined;
  let dueCovers = Number.NEGATIVE_INFINITY;

  /**
   * Applies every change committed before `arrivedAt` (performance.now() of when the check arrived;
   * now, by default). A catch-up that begins after the check arrived covers it, so concurrent checks
   * share one: the checks parsed in one turn of the event loop wait for a single catch-up at its end
   * (setImmediate) instead of each reading the database or the commit counter. A failed catch-up
   * fails its callers (the check is not answered).
   */
  async function sync(arrivedAt: number = performance.now()): Promise<void> {
    if (lastCaughtUp >= arrivedAt) return;
    if (arrivedAt > dueCovers) dueCovers = arrivedAt;
    due ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const covers = dueCovers;
      due = undefined;
      dueCovers = Number.NEGATIVE_INFINITY;
      return syncNow(covers);
    });
    return due;
  }

  async function syncNow(arrivedAt: number): Promise<void> {
    for (;;) {
      if (lastCaughtUp >= arrivedAt) return;
      const running = current;
      if (!running) break;
      if (running.startedAt >= arrivedAt) return running.promise;
      await running.promise.catch(() => {});
    }
    const run = { startedAt: performance.now(), promise: catchUp() };
    current = run;
    try {
      await run.promise;
      if (run.startedAt > lastCaughtUp) lastCaughtUp = run.startedAt;
    } finally {
      if (current === run) current = undefined;
    }
  }

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
     * A commit that wrote no feed row (the check recorder's), with the commit counter read inside its
     * transaction: if the index was caught up to just before it, it is caught up to just after it.
     */
    feedFreeCommit(counterBefore: number | undefined): void {
      if (counterBefore !== undefined && counterBefore === caughtUpTo) caughtUpTo = (counterBefore + 1) >>> 0;
    },
    /** The subject under a blind index, as of the last sync; undefined: not registered. */
    get(digest: string): IndexedSubject | undefined {
      return slots?.get(digest);
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
    async prune(before: string): Promise<number> {
      const result = await db.deleteFrom('check_feed').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type CheckIndex = ReturnType<typeof checkIndex>;
