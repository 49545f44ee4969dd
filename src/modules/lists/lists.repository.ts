/** The SQL of the lists module: entries, their events, relations (B26) and the notification outbox. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import { inChunks } from '../../platform/chunks.ts';
import { fromJson } from '../../platform/db/engine.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { type RowsWrittenMeta, SUBJECT_RELATIONS_AUDITED } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import type {
  ListEntryEventTable,
  ListEntryTable,
  ListPolarity,
  NotificationTable,
  RelationRole,
  SubjectRelationTable,
} from './lists.tables.ts';

export type EntryRow = Selectable<ListEntryTable>;
export type EntryWithPolarity = EntryRow & { polarity: ListPolarity };

/** Values per IN list and rows per multi-row INSERT. */
const CHUNK = 500;
const chunks = <T>(values: readonly T[]) => inChunks(values, CHUNK);

export type SubjectFactsRow = {
  id: string;
  kind: 'person' | 'organization';
  name: string;
  attributes: Record<string, unknown>;
};

export const listsRepository = {
  async subjectIdsByIndex(db: Db, indexes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(indexes)) {
      const rows = await db
        .selectFrom('subjects')
        .select(['id', 'code_digest'])
        .where('code_digest', 'in', part)
        .execute();
      for (const r of rows) out.set(r.code_digest, r.id);
    }
    return out;
  },

  async subjectsById(db: Db, ids: readonly string[]): Promise<Map<string, SubjectFactsRow>> {
    const out = new Map<string, SubjectFactsRow>();
    for (const part of chunks(ids)) {
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
    db: Db,
    subjectIds: readonly string[],
    polarities?: readonly ListPolarity[],
  ): Promise<EntryWithPolarity[]> {
    const out: EntryWithPolarity[] = [];
    for (const part of chunks(subjectIds)) {
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

  async entriesOfRecordKeys(db: Db, keys: readonly string[]): Promise<EntryRow[]> {
    const out: EntryRow[] = [];
    for (const part of chunks(keys)) {
      out.push(
        ...(await db.selectFrom('list_entries').selectAll().where('record_key', 'in', part).execute()),
      );
    }
    return out;
  },

  /**
   * The state of the entries made from records (origin `listed`), by record key: what a read of the
   * records needs to tell a current record from one removed or past its removal date (issue 15 W1).
   */
  async listedStateOfRecords(
    db: Db,
    keys: readonly string[],
  ): Promise<
    Map<string, { status: 'active' | 'removed'; validUntil: string | null; removedByEntry: string | null }>
  > {
    const entries = await listsRepository.entriesOfRecordKeys(db, keys);
    return new Map(
      entries
        .filter((e) => e.origin === 'listed')
        .map((e) => [
          e.record_key,
          { status: e.status, validUntil: e.valid_until, removedByEntry: e.removed_by_entry },
        ]),
    );
  },

  /*
   * The four writes below return the rows as stored: entries, their events and notices are audited
   * tables, and the caller records them on the chain in its transaction (lists.hooks.ts records a
   * batch's rows in one go; issue 14 §3).
   */

  async insertEntry(db: Db, entry: Insertable<ListEntryTable>): Promise<EntryRow> {
    return db.insertInto('list_entries').values(entry).returningAll().executeTakeFirstOrThrow();
  },

  async updateEntry(db: Db, id: string, patch: Updateable<ListEntryTable>): Promise<EntryRow> {
    return db
      .updateTable('list_entries')
      .set(patch)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async insertEvents(
    db: Db,
    events: Insertable<ListEntryEventTable>[],
  ): Promise<Selectable<ListEntryEventTable>[]> {
    const out: Selectable<ListEntryEventTable>[] = [];
    for (const part of chunks(events)) {
      out.push(...(await db.insertInto('list_entry_events').values(part).returningAll().execute()));
    }
    return out;
  },

  async insertNotifications(
    db: Db,
    rows: Insertable<NotificationTable>[],
  ): Promise<Selectable<NotificationTable>[]> {
    const out: Selectable<NotificationTable>[] = [];
    for (const part of chunks(rows)) {
      out.push(...(await db.insertInto('notifications').values(part).returningAll().execute()));
    }
    return out;
  },

  /**
   * A11: who was already told about an entry, as `recipient|employer named` (issue 15 W6: a correction
   * tells only a new recipient, or the credit center about another employer it must forward to).
   */
  async a11NoticesOf(db: Db, entryId: string): Promise<Set<string>> {
    const rows = await db
      .selectFrom('notifications')
      .select(['recipient_department', 'body'])
      .where('entry_id', '=', entryId)
      .where('article', '=', 'A11')
      .execute();
    return new Set(
      rows.map(
        (r) => `${r.recipient_department}|${fromJson<{ employer?: string | null }>(r.body).employer ?? ''}`,
      ),
    );
  },

  /** B26: the relations in force of several organizations, by organization. */
  async responsiblePersonsOf(
    db: Db,
    organizationIds: readonly string[],
  ): Promise<Map<string, { personId: string; role: RelationRole }[]>> {
    const out = new Map<string, { personId: string; role: RelationRole }[]>();
    for (const part of chunks(organizationIds)) {
      const rows = await db
        .selectFrom('subject_relations')
        .select(['organization_id', 'person_id', 'role'])
        .where('organization_id', 'in', part)
        .where('ended_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        out.set(r.organization_id, [
          ...(out.get(r.organization_id) ?? []),
          { personId: r.person_id, role: r.role },
        ]);
      }
    }
    return out;
  },

  async departments(db: Db): Promise<{ code: string; name: string; shortName: string; kinds: string[] }[]> {
    const rows = await db.selectFrom('departments').select(['code', 'name', 'short_name', 'kinds']).execute();
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      shortName: r.short_name,
      kinds: fromJson<string[]>(r.kinds),
    }));
  },

  async entryById(db: Db, id: string): Promise<EntryRow | undefined> {
    return db.selectFrom('list_entries').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async eventsOfEntry(db: Db, entryId: string): Promise<Selectable<ListEntryEventTable>[]> {
    return db
      .selectFrom('list_entry_events')
      .selectAll()
      .where('entry_id', '=', entryId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  },

  /**
   * Entries newest first, filtered; `state` is judged on `today` (A12, B27): effective while neither
   * the removal date nor the validity has passed.
   */
  async searchEntries(
    db: Db,
    filter: {
      listType?: string | undefined;
      state?: 'effective' | 'expired' | 'removed' | 'all' | undefined;
      subjectId?: string | undefined;
      department?: string | undefined;
      limit: number;
      before?: string | undefined;
    },
    today: string,
  ): Promise<EntryRow[]> {
    let query = db.selectFrom('list_entries').selectAll();
    if (filter.listType) query = query.where('list_type', '=', filter.listType);
    if (filter.department) query = query.where('provider_department', '=', filter.department);
    if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
    if (filter.state === 'removed') query = query.where('status', '=', 'removed');
    if (filter.state === 'effective' || filter.state === 'expired') {
      query = query.where('status', '=', 'active');
      query =
        filter.state === 'effective'
          ? query.where((eb) =>
              eb.and([
                eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]),
                eb.or([eb('validity_ends_on', 'is', null), eb('validity_ends_on', '>=', today)]),
              ]),
            )
          : query.where((eb) => eb.or([eb('valid_until', '<', today), eb('validity_ends_on', '<', today)]));
    }
    if (filter.before) query = query.where('created_at', '<', filter.before);
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  },

  /** The entry a list record produced (origin 'listed'). */
  async listedEntryOfRecord(db: Db, recordId: string): Promise<EntryRow> {
    const record = await db
      .selectFrom('records')
      .select(['record_key'])
      .where('id', '=', recordId)
      .executeTakeFirstOrThrow();
    return db
      .selectFrom('list_entries')
      .selectAll()
      .where('record_key', '=', record.record_key)
      .where('origin', '=', 'listed')
      .executeTakeFirstOrThrow();
  },

  async eventsOfBatch(db: Db, batchId: string): Promise<{ entry_id: string; kind: string }[]> {
    return db
      .selectFrom('list_entry_events')
      .select(['entry_id', 'kind'])
      .where('batch_id', '=', batchId)
      .execute();
  },

  /** Notices about these entries written at one instant (the decision that caused them). */
  async noticesOf(
    db: Db,
    entryIds: readonly string[],
    createdAt: string,
  ): Promise<{ id: string; kind: string; article: string; recipient_department: string }[]> {
    const out = [];
    for (const part of chunks(entryIds)) {
      out.push(
        ...(await db
          .selectFrom('notifications')
          .select(['id', 'kind', 'article', 'recipient_department'])
          .where('entry_id', 'in', part)
          .where('created_at', '=', createdAt)
          .execute()),
      );
    }
    return out;
  },

  async findRelation(
    db: Db,
    organizationId: string,
    personId: string,
    role: RelationRole,
  ): Promise<{ id: string } | undefined> {
    return db
      .selectFrom('subject_relations')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('person_id', '=', personId)
      .where('role', '=', role)
      .executeTakeFirst();
  },

  /** B26: a relation, its digest recorded on the audit chain in the same transaction (`writer`). */
  async insertRelation(
    db: Db,
    relation: Insertable<SubjectRelationTable>,
    writer: RowsWrittenMeta,
  ): Promise<void> {
    await inTransaction(db, async (trx) => {
      const rows = await trx.insertInto('subject_relations').values(relation).returningAll().execute();
      await recordStoredRows(trx, SUBJECT_RELATIONS_AUDITED, rows, writer);
    });
  },

  /** Every relation registered for an organization, ended ones included. */
  async relationsOf(db: Db, organizationId: string): Promise<Selectable<SubjectRelationTable>[]> {
    return db
      .selectFrom('subject_relations')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .execute();
  },
};
