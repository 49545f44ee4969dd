/**
 * The SQL of credit checks: what the check index loads and catches up from (subjects, active list
 * entries, the change feed of migration 0010), what the recorder writes (headers, parts, hits), the
 * feedback departments report, and the A21 quarterly counts. Functions take the connection or the
 * transaction they run on.
 */

import type { Insertable } from 'kysely';
import { inChunks } from '../../platform/chunks.ts';
import { fromJson } from '../../platform/db/engine.ts';
import { insertRows } from '../../platform/db/insert-rows.ts';
import type { Db, Store } from '../database.ts';
import type { ListEntryTable } from '../lists/lists.tables.ts';
import type {
  CheckFeedbackTable,
  CheckFeedTable,
  CheckHitTable,
  CheckPartTable,
  CheckTable,
} from './checks.tables.ts';

/** 11 columns (hits) × 500 rows stays inside both engines' bind limits. */
export const ROWS_PER_INSERT = 500;
/** Parts of one INSERT: up to ROWS_PER_INSERT rows and about this many characters of results. */
const PART_CHARS_PER_INSERT = 4 * 1024 * 1024;

export const HEADER_COLUMNS = [
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
export const headerRow = rowOf<Insertable<CheckTable>>(HEADER_COLUMNS);
const partRow = rowOf<Insertable<CheckPartTable>>(PART_COLUMNS);
const hitRow = rowOf<Insertable<CheckHitTable>>(HIT_COLUMNS);

/** Parts in INSERTs of several rows: a group of single-subject checks is one statement, not hundreds. */
function statementsOf(parts: readonly Insertable<CheckPartTable>[]): Insertable<CheckPartTable>[][] {
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

/** A subject as the check index holds it. */
export type IndexSubjectRow = {
  id: string;
  kind: 'person' | 'organization';
  name: string;
  code_digest: string;
};

/** An active list entry with its list's polarity, as the check index holds it. */
export type IndexEntryRow = Pick<
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
> & { polarity: 'red' | 'black' | 'watch' };

export const checksRepository = {
  // --- the check index (decision 0011) ---------------------------------------------------------

  /**
   * The last feed number committed. The feed is numbered in commit order (migration 0010): on an
   * engine that hands out AUTOINCREMENT keys in commit order (one writer at a time) its high-water
   * mark, read without a query where the store can; elsewhere the head row the committing
   * transactions advance.
   */
  async feedHead(store: Store): Promise<number> {
    if (store.autoIncrementHead) return store.autoIncrementHead('check_feed');
    const row = await store.db
      .selectFrom('check_feed_head')
      .select('seq')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(row.seq);
  },

  /** Feed rows after `after` up to `upTo`, in order, at most `limit`. */
  async feedRows(
    db: Db,
    after: number,
    upTo: number,
    limit: number,
  ): Promise<Pick<CheckFeedTable, 'seq' | 'subject_id' | 'topic'>[]> {
    return db
      .selectFrom('check_feed')
      .select(['seq', 'subject_id', 'topic'])
      .where('seq', '>', after)
      .where('seq', '<=', upTo)
      .orderBy('seq')
      .limit(limit)
      .execute();
  },

  /** Feed rows older than `before` (ISO instant) deleted; how many. */
  async pruneFeed(db: Db, before: string): Promise<number> {
    const result = await db.deleteFrom('check_feed').where('at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Active list entries with their polarity, of the given subjects or of all. */
  async activeEntries(db: Db, subjectIds?: readonly string[]): Promise<IndexEntryRow[]> {
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
    return (await query.execute()) as IndexEntryRow[];
  },

  /** Subjects in id order, a page after `after`. */
  async subjectsPage(db: Db, after: string | undefined, limit: number): Promise<IndexSubjectRow[]> {
    let query = db
      .selectFrom('subjects')
      .select(['id', 'kind', 'name', 'code_digest'])
      .orderBy('id')
      .limit(limit);
    if (after !== undefined) query = query.where('id', '>', after);
    return query.execute();
  },

  async subjectsByIds(db: Db, ids: readonly string[]): Promise<IndexSubjectRow[]> {
    return db
      .selectFrom('subjects')
      .select(['id', 'kind', 'name', 'code_digest'])
      .where('id', 'in', ids)
      .execute();
  },

  // --- the record of checks (decision 0012) -----------------------------------------------------

  /** A group's rows, in its transaction: headers, parts, hits. */
  async insertChecks(
    trx: Db,
    rows: {
      headers: readonly Insertable<CheckTable>[];
      parts: readonly Insertable<CheckPartTable>[];
      hits: readonly Insertable<CheckHitTable>[];
    },
  ): Promise<void> {
    const { headers, parts, hits } = rows;
    for (const part of inChunks(headers, ROWS_PER_INSERT)) {
      await insertRows(trx, 'checks', HEADER_COLUMNS, part.map(headerRow));
    }
    for (const statement of statementsOf(parts)) {
      await insertRows(trx, 'check_parts', PART_COLUMNS, statement.map(partRow));
    }
    for (const part of inChunks(hits, ROWS_PER_INSERT)) {
      await insertRows(trx, 'check_hits', HIT_COLUMNS, part.map(hitRow));
    }
  },

  /** A streamed check's header recorded again with its final counts. */
  async updateHeaderCounts(trx: Db, header: Insertable<CheckTable>): Promise<void> {
    const { id, ...counts } = header;
    await trx.updateTable('checks').set(counts).where('id', '=', id!).execute();
  },

  // --- feedback (A21) --------------------------------------------------------------------------

  async checkOf(
    db: Db,
    checkId: string,
  ): Promise<Pick<CheckTable, 'id' | 'department' | 'check_day'> | undefined> {
    return db
      .selectFrom('checks')
      .select(['id', 'department', 'check_day'])
      .where('id', '=', checkId)
      .executeTakeFirst();
  },

  /**
   * The stored results that can hold a subject of a check: the header's (a check of one part, migration
   * 0012), else the parts — by position, only the part that starts at or before it (a stream has
   * thousands), else every part in order.
   */
  async resultsOf(db: Db, checkId: string, position: number | undefined): Promise<unknown[]> {
    const inHeader = await db
      .selectFrom('checks')
      .select('results')
      .where('id', '=', checkId)
      .executeTakeFirst();
    if (inHeader?.results != null) return [inHeader.results];
    let parts = db.selectFrom('check_parts').select(['results']).where('check_id', '=', checkId);
    parts =
      position !== undefined
        ? parts.where('first_position', '<=', position).orderBy('part', 'desc').limit(1)
        : parts.orderBy('part');
    return (await parts.execute()).map((p) => p.results);
  },

  async feedbackAt(db: Db, checkId: string, position: number): Promise<{ id: string } | undefined> {
    return db
      .selectFrom('check_feedback')
      .select('id')
      .where('check_id', '=', checkId)
      .where('position', '=', position)
      .executeTakeFirst();
  },

  async hitAt(db: Db, checkId: string, position: number): Promise<{ id: string } | undefined> {
    return db
      .selectFrom('check_hits')
      .select('id')
      .where('check_id', '=', checkId)
      .where('position', '=', position)
      .executeTakeFirst();
  },

  async insertFeedback(db: Db, feedback: Insertable<CheckFeedbackTable>): Promise<void> {
    await db.insertInto('check_feedback').values(feedback).execute();
  },

  // --- the A21 quarterly report ---------------------------------------------------------------

  async departmentNames(db: Db): Promise<Map<string, string>> {
    return new Map(
      (await db.selectFrom('departments').select(['code', 'name']).execute()).map((d) => [d.code, d.name]),
    );
  },

  /** Checks and subjects checked per department over China dates [from, to]. */
  async checksPerDepartment(
    db: Db,
    range: { from: string; to: string },
    department?: string,
  ): Promise<{ department: string; checks: number; subjects: number }[]> {
    let query = db
      .selectFrom('checks')
      .select((eb) => [
        'department',
        eb.fn.countAll().as('n'),
        eb.fn.sum<string>('subject_count').as('subjects'),
      ])
      .where('check_day', '>=', range.from)
      .where('check_day', '<=', range.to)
      .where('department', 'is not', null)
      .groupBy('department');
    if (department) query = query.where('department', '=', department);
    return (await query.execute()).map((c) => ({
      department: c.department!,
      checks: Number(c.n),
      subjects: Number(c.subjects ?? 0),
    }));
  },

  /** Hits per department and decision, and how many of them were answered by feedback. */
  async hitsPerDepartment(
    db: Db,
    range: { from: string; to: string },
    department?: string,
  ): Promise<{ department: string; decision: CheckHitTable['decision']; hits: number; answered: number }[]> {
    let query = db
      .selectFrom('check_hits as h')
      .leftJoin('check_feedback as f', (j) =>
        j.onRef('f.check_id', '=', 'h.check_id').onRef('f.position', '=', 'h.position'),
      )
      .select((eb) => [
        'h.department',
        'h.decision',
        eb.fn.countAll().as('n'),
        eb.fn.count('f.id').as('answered'),
      ])
      .where('h.check_day', '>=', range.from)
      .where('h.check_day', '<=', range.to)
      .where('h.department', 'is not', null)
      .groupBy(['h.department', 'h.decision']);
    if (department) query = query.where('h.department', '=', department);
    return (await query.execute()).map((h) => ({
      department: h.department!,
      decision: h.decision,
      hits: Number(h.n),
      answered: Number(h.answered),
    }));
  },

  /** The measures each department reported applied, one list per feedback, for checks in the range. */
  async measuresApplied(
    db: Db,
    range: { from: string; to: string },
    department?: string,
  ): Promise<{ department: string; measures: string[] }[]> {
    let query = db
      .selectFrom('check_feedback as f')
      .innerJoin('checks as c', 'c.id', 'f.check_id')
      .select(['f.department', 'f.measures_applied'])
      .where('c.check_day', '>=', range.from)
      .where('c.check_day', '<=', range.to);
    if (department) query = query.where('f.department', '=', department);
    return (await query.execute()).map((f) => ({
      department: f.department,
      measures: fromJson<string[]>(f.measures_applied),
    }));
  },
};
