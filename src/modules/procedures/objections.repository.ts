import type { Insertable, Selectable } from 'kysely';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { AuditEntryInput } from '../audit/audit.repository.ts';
import {
  LIST_ENTRIES_AUDITED,
  LIST_ENTRY_EVENTS_AUDITED,
  OBJECTION_EVENTS_AUDITED,
  OBJECTIONS_AUDITED,
  type RowsWrittenMeta,
} from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import type { ObjectionEvent } from './objection-procedure.ts';
import { stepsOf, writeStepNotices } from './procedure-rows.repository.ts';
import type { ObjectionEventTable, ObjectionTable, SubjectNoticeTable } from './procedures.tables.ts';

export type ObjectionRow = Selectable<ObjectionTable>;
export type ObjectionEventRow = Selectable<ObjectionEventTable>;
/** The record an objection is about: its current version, subject, provider and list entry. */
export type RecordTarget = {
  recordKey: string;
  recordId: string;
  version: number;
  subjectId: string;
  providerDepartment: string;
  providerRecordId: string;
  item: string;
  entryId: string | null;
  /** the latest version withdraws the record (W3): nothing is left to object to */
  withdrawn: boolean;
  /** a B26 record written from an organization's: its content is the source's */
  derived: boolean;
  /** B26: the organization's record it was written from */
  derivedFromKey: string | null;
};

/** What one write of an objection's step does besides the step itself, all in one transaction. */
export type StepWrite = {
  /** the list entry's `procedure` flag: set while open, cleared when closed; undefined: unchanged */
  entryProcedure?: {
    entryId: string;
    procedure: 'objection' | null;
    article: string;
    detail: Record<string, unknown>;
  };
  notices?: Insertable<NotificationTable>[];
  /** the subject's notices (its inbox, decision 0032) */
  subjectNotices?: Insertable<SubjectNoticeTable>[];
  writer: RowsWrittenMeta & { at: string };
  act: Omit<AuditEntryInput, 'actorRole' | 'policyId' | 'policyVersion'>;
};

/** The event as the pure procedure reads it, from its stored row. */
export function eventOf(row: ObjectionEventRow): ObjectionEvent {
  const detail = fromJson<Record<string, unknown>>(row.detail);
  return { kind: row.kind, on: row.on_date, by: detail.by, ...detail } as unknown as ObjectionEvent;
}

/** Objections and their steps (issue 16): append-only, every row under row digests. */
export const objectionsRepository = {
  /** A record by any of its versions' ids, as it stands now (its latest version), with its list entry. */
  async recordTarget(db: Db, recordId: string): Promise<RecordTarget | undefined> {
    const named = await db
      .selectFrom('records')
      .select(['record_key'])
      .where('id', '=', recordId)
      .executeTakeFirst();
    if (!named) return undefined;
    return objectionsRepository.recordTargetByKey(db, named.record_key);
  },

  /** A record by its key, as it stands now (its latest version), with its list entry. */
  async recordTargetByKey(db: Db, recordKey: string): Promise<RecordTarget | undefined> {
    const named = { record_key: recordKey };
    const latest = await db
      .selectFrom('records')
      .select([
        'id',
        'record_key',
        'version',
        'subject_id',
        'provider_department',
        'provider_record_id',
        'item_code',
        'withdrawn',
        'derived_from_key',
      ])
      .where('record_key', '=', named.record_key)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) return undefined;
    const entry = await db
      .selectFrom('list_entries')
      .select(['id'])
      .where('record_key', '=', named.record_key)
      .where('origin', '=', 'listed')
      .executeTakeFirst();
    return {
      recordKey: latest.record_key,
      recordId: latest.id,
      version: Number(latest.version),
      subjectId: latest.subject_id,
      providerDepartment: latest.provider_department,
      providerRecordId: latest.provider_record_id,
      item: latest.item_code,
      entryId: entry?.id ?? null,
      withdrawn: Number(latest.withdrawn) === 1,
      derived: latest.derived_from_key !== null,
      derivedFromKey: latest.derived_from_key ?? null,
    };
  },

  /**
   * Takes the record's rows for this transaction (PostgreSQL: FOR UPDATE), so two filings, or an appeal
   * and a filing, on one record are decided one after the other. SQLite's write transactions already
   * run one at a time (decision 0016).
   */
  async lockRecord(trx: Db, recordKey: string, engine: string): Promise<void> {
    if (engine !== 'postgres') return;
    await trx.selectFrom('records').select(['id']).where('record_key', '=', recordKey).forUpdate().execute();
  },

  async byId(db: Db, id: string): Promise<ObjectionRow | undefined> {
    return db.selectFrom('objections').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async byIds(db: Db, ids: readonly string[]): Promise<ObjectionRow[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('objections')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  },

  async ofRecordKeys(db: Db, keys: readonly string[]): Promise<ObjectionRow[]> {
    if (keys.length === 0) return [];
    return db
      .selectFrom('objections')
      .selectAll()
      .where('record_key', 'in', [...keys])
      .execute();
  },

  /** The steps of these objections, in order, by objection id. */
  eventsOf(db: Db, ids: readonly string[]): Promise<Map<string, ObjectionEventRow[]>> {
    return stepsOf<ObjectionEventRow>(db, { table: 'objection_events', of: 'objection_id' }, ids);
  },

  /**
   * Writes an objection (when given) and one step, the list entry's flag and its event, the
   * departments' and the subject's notices, their row digests and the act's audit entry, in the
   * caller's transaction.
   */
  async write(
    trx: Db,
    objection: Insertable<ObjectionTable> | null,
    event: Insertable<ObjectionEventTable>,
    w: StepWrite,
  ): Promise<void> {
    const recorded: { table: typeof OBJECTIONS_AUDITED; rows: Record<string, unknown>[] }[] = [];
    if (objection) {
      await trx.insertInto('objections').values(objection).execute();
      recorded.push({ table: OBJECTIONS_AUDITED, rows: [objection] });
    }
    await trx.insertInto('objection_events').values(event).execute();
    recorded.push({ table: OBJECTION_EVENTS_AUDITED, rows: [event] });
    if (w.entryProcedure) {
      const { entryId, procedure, article, detail } = w.entryProcedure;
      const entry = await trx
        .updateTable('list_entries')
        .set({ procedure, updated_at: w.writer.at })
        .where('id', '=', entryId)
        .returningAll()
        .executeTakeFirstOrThrow();
      const entryEvent = {
        id: uuidv7(),
        entry_id: entryId,
        at: w.writer.at,
        kind: procedure === null ? 'objection_closed' : 'objection_opened',
        article,
        detail: toJson(detail),
        record_id: null,
        batch_id: null,
        actor_id: w.writer.actorId ?? null,
      };
      const [storedEvent] = await trx
        .insertInto('list_entry_events')
        .values(entryEvent)
        .returningAll()
        .execute();
      recorded.push({ table: LIST_ENTRIES_AUDITED, rows: [entry] });
      recorded.push({ table: LIST_ENTRY_EVENTS_AUDITED, rows: [storedEvent!] });
    }
    await writeStepNotices(trx, w.notices, w.subjectNotices, recorded);
    await recordStoredTables(trx, recorded, w.writer, [{ ...w.writer, ...w.act }]);
  },
};
