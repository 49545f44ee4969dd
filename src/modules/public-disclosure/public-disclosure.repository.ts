/**
 * The SQL of the public disclosure API: pages of current public list entries (with their subject and
 * the record fields a list shows) and the current public black-list entries of some subjects. An entry
 * is current as the lists module's rule says (`list-rules.ts` `isEffective`: active, neither its A12
 * removal date nor its record's last day of use passed) — the same reading the records' currency rule
 * takes of a listed record (A4 and repair remove the entry; withdrawal too), written here as SQL so a
 * page is one indexed query (`list_entries_type_idx`: list type, status, identification date).
 */
import { sql } from 'kysely';
import { inChunks } from '../../platform/chunks.ts';
import { fromJson } from '../../platform/db/engine.ts';
import type { Db } from '../database.ts';

export type PublicEntryFilter = {
  /** the list types of the page (every red or every black list type, or the one asked for) */
  listTypes: readonly string[];
  /** the public items (B18 社会公开) the entries must come from */
  items: readonly string[];
  department?: string | undefined;
  ground?: string | undefined;
  listedFrom?: string | undefined;
  listedTo?: string | undefined;
  nameContains?: string | undefined;
};

export type PublicEntryRow = {
  id: string;
  list_type: string;
  record_id: string;
  record_key: string;
  item_code: string;
  provider_department: string;
  subject_id: string;
  ground: string | null;
  severity: string | null;
  identified_on: string;
  valid_until: string | null;
  validity_ends_on: string | null;
  subject_kind: 'person' | 'organization';
  subject_name: string;
  subject_region: string | null;
  subject_code_sealed: string;
};

/** `%`, `_` and the escape character itself taken literally in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const ENTRY_COLUMNS = [
  'e.id',
  'e.list_type',
  'e.record_id',
  'e.record_key',
  'e.item_code',
  'e.provider_department',
  'e.subject_id',
  'e.ground',
  'e.severity',
  'e.identified_on',
  'e.valid_until',
  'e.validity_ends_on',
  's.kind as subject_kind',
  's.name as subject_name',
  's.region_code as subject_region',
  's.code_sealed as subject_code_sealed',
] as const;

function filtered(db: Db, filter: PublicEntryFilter, today: string) {
  let query = db
    .selectFrom('list_entries as e')
    .innerJoin('subjects as s', 's.id', 'e.subject_id')
    .where('e.list_type', 'in', [...filter.listTypes])
    .where('e.status', '=', 'active')
    // B26 entries written to responsible persons follow the organization's entry, which is the one
    // published (its legal representative named, masked, A7)
    .where('e.origin', '=', 'listed')
    .where('e.item_code', 'in', [...filter.items])
    .where((eb) =>
      eb.and([
        eb.or([eb('e.valid_until', 'is', null), eb('e.valid_until', '>=', today)]),
        eb.or([eb('e.validity_ends_on', 'is', null), eb('e.validity_ends_on', '>=', today)]),
      ]),
    );
  if (filter.department) query = query.where('e.provider_department', '=', filter.department);
  if (filter.ground) query = query.where('e.ground', '=', filter.ground);
  if (filter.listedFrom) query = query.where('e.identified_on', '>=', filter.listedFrom);
  if (filter.listedTo) query = query.where('e.identified_on', '<=', filter.listedTo);
  if (filter.nameContains) {
    // Organizations only: a person is published masked (A7), and a name filter matching persons would
    // tell which masked characters a name has ('博峰' finds exactly the '李**' it is).
    query = query.where('s.kind', '=', 'organization');
    const pattern = `%${likeLiteral(filter.nameContains.toLowerCase())}%`;
    query = query.where(sql<boolean>`lower(${sql.ref('s.name')}) like ${pattern} escape '\\'`);
  }
  return query;
}

export const publicDisclosureRepository = {
  /** How many current public entries the filter finds. */
  async countEntries(db: Db, filter: PublicEntryFilter, today: string): Promise<number> {
    if (filter.listTypes.length === 0 || filter.items.length === 0) return 0;
    const row = await filtered(db, filter, today)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** A page of current public entries, newest listing first. */
  async pageOfEntries(
    db: Db,
    filter: PublicEntryFilter,
    today: string,
    page: { limit: number; offset: number },
  ): Promise<PublicEntryRow[]> {
    if (filter.listTypes.length === 0 || filter.items.length === 0) return [];
    return filtered(db, filter, today)
      .select(ENTRY_COLUMNS)
      .orderBy('e.identified_on', 'desc')
      .orderBy('e.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute() as Promise<PublicEntryRow[]>;
  },

  /** One current public entry by id (a published person's handle: a black-list entry's id), with its subject. */
  async entryById(
    db: Db,
    id: string,
    filter: Pick<PublicEntryFilter, 'listTypes' | 'items'>,
    today: string,
  ): Promise<PublicEntryRow | undefined> {
    const rows = await filtered(db, filter, today).select(ENTRY_COLUMNS).where('e.id', '=', id).execute();
    return rows[0] as PublicEntryRow | undefined;
  },

  /** The current public entries of these subjects on these list types, newest first. */
  async entriesOfSubjects(
    db: Db,
    subjectIds: readonly string[],
    filter: Pick<PublicEntryFilter, 'listTypes' | 'items'>,
    today: string,
  ): Promise<PublicEntryRow[]> {
    if (subjectIds.length === 0 || filter.listTypes.length === 0 || filter.items.length === 0) return [];
    const out: PublicEntryRow[] = [];
    for (const part of inChunks(subjectIds, 500)) {
      const rows = await filtered(db, filter, today)
        .select(ENTRY_COLUMNS)
        .where('e.subject_id', 'in', part)
        .orderBy('e.identified_on', 'desc')
        .orderBy('e.id', 'desc')
        .execute();
      out.push(...(rows as PublicEntryRow[]));
    }
    return out;
  },

  /** The fields of these record versions (a list page shows a few of them), by record id. */
  async fieldsOfRecords(db: Db, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    for (const part of inChunks(ids, 500)) {
      const rows = await db.selectFrom('records').select(['id', 'fields']).where('id', 'in', part).execute();
      for (const r of rows) out.set(r.id, fromJson<Record<string, unknown>>(r.fields));
    }
    return out;
  },
};
