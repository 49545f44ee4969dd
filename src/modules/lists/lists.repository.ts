/** The SQL of the lists module: entries, their events, relations (B26) and the notification outbox. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { fromJson } from '../../platform/db/engine.ts';
import type { Database } from '../database.ts';
import type {
  ListEntryEventTable,
  ListEntryTable,
  ListPolarity,
  NotificationTable,
  RelationRole,
} from './lists.tables.ts';

export type EntryRow = Selectable<ListEntryTable>;
export type EntryWithPolarity = EntryRow & { polarity: ListPolarity };

const CHUNK = 500;
function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

export type SubjectFactsRow = {
  id: string;
  kind: 'person' | 'organization';
  name: string;
  attributes: Record<string, unknown>;
};

export const listsRepository = {
  async subjectIdsByIndex(db: Kysely<Database>, indexes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(indexes)) {
      if (part.length === 0) continue;
      const rows = await db
        .selectFrom('subjects')
        .select(['id', 'code_digest'])
        .where('code_digest', 'in', part)
        .execute();
      for (const r of rows) out.set(r.code_digest, r.id);
    }
    return out;
  },

  async subjectsById(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, SubjectFactsRow>> {
    const out = new Map<string, SubjectFactsRow>();
    for (const part of chunks(ids)) {
      if (part.length === 0) continue;
      const rows = await db
        .selectFrom('subjects')
        .select(['id', 'kind', 'name', 'attributes'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) {
        out.set(r.id, { id: r.id, kind: r.kind, name: r.name, attributes: fromJson(r.attributes) });
      }
    }
    return out;
  },

  /** Active entries of these subjects with their list's polarity (expiry is the caller's rule). */
  async activeEntriesOfSubjects(
    db: Kysely<Database>,
    subjectIds: readonly string[],
    polarities?: readonly ListPolarity[],
  ): Promise<EntryWithPolarity[]> {
    const out: EntryWithPolarity[] = [];
    for (const part of chunks(subjectIds)) {
      if (part.length === 0) continue;
      let query = db
        .selectFrom('list_entries as e')
        .innerJoin('list_types as t', 't.code', 'e.list_type')
        .selectAll('e')
        .select('t.polarity')
        .where('e.subject_id', 'in', part)
        .where('e.status', '=', 'active');
      if (polarities) query = query.where('t.polarity', 'in', [...polarities]);
      out.push(...(await query.execute()));
    }
    return out;
  },

  async entriesOfRecordKeys(db: Kysely<Database>, keys: readonly string[]): Promise<EntryRow[]> {
    const out: EntryRow[] = [];
    for (const part of chunks(keys)) {
      if (part.length === 0) continue;
      out.push(
        ...(await db.selectFrom('list_entries').selectAll().where('record_key', 'in', part).execute()),
      );
    }
    return out;
  },

  async insertEntry(db: Kysely<Database>, entry: Insertable<ListEntryTable>): Promise<void> {
    await db.insertInto('list_entries').values(entry).execute();
  },

  async updateEntry(db: Kysely<Database>, id: string, patch: Updateable<ListEntryTable>): Promise<void> {
    await db.updateTable('list_entries').set(patch).where('id', '=', id).execute();
  },

  async insertEvents(db: Kysely<Database>, events: Insertable<ListEntryEventTable>[]): Promise<void> {
    for (const part of chunks(events)) {
      if (part.length > 0) await db.insertInto('list_entry_events').values(part).execute();
    }
  },

  async insertNotifications(db: Kysely<Database>, rows: Insertable<NotificationTable>[]): Promise<void> {
    for (const part of chunks(rows)) {
      if (part.length > 0) await db.insertInto('notifications').values(part).execute();
    }
  },

  /** B26: the persons who answer for an organization (registered relations still in force). */
  async responsiblePersons(
    db: Kysely<Database>,
    organizationId: string,
  ): Promise<{ personId: string; role: RelationRole }[]> {
    const rows = await db
      .selectFrom('subject_relations')
      .select(['person_id', 'role'])
      .where('organization_id', '=', organizationId)
      .where('ended_at', 'is', null)
      .execute();
    return rows.map((r) => ({ personId: r.person_id, role: r.role }));
  },

  async departments(
    db: Kysely<Database>,
  ): Promise<{ code: string; name: string; shortName: string; kinds: string[] }[]> {
    const rows = await db.selectFrom('departments').select(['code', 'name', 'short_name', 'kinds']).execute();
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      shortName: r.short_name,
      kinds: fromJson<string[]>(r.kinds),
    }));
  },
};
