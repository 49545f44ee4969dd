import type { Insertable, Selectable } from 'kysely';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { AuditEntryInput } from '../audit/audit.repository.ts';
import {
  type AuditedTable,
  LIST_ENTRIES_AUDITED,
  LIST_ENTRY_EVENTS_AUDITED,
  REPAIR_EVENTS_AUDITED,
  REPAIRS_AUDITED,
  type RowsWrittenMeta,
} from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import { stepsOf, writeStepNotices } from './procedure-rows.repository.ts';
import type { RepairEventTable, RepairTable, SubjectNoticeTable } from './procedures.tables.ts';
import type { RepairEvent } from './repair-procedure.ts';

export type RepairRow = Selectable<RepairTable>;
export type RepairEventRow = Selectable<RepairEventTable>;

/** A record of the subject as the repair rules read it: its latest version and its list entry. */
export type SubjectRecord = {
  recordKey: string;
  recordId: string;
  version: number;
  itemCode: string;
  itemVersion: number;
  providerDepartment: string;
  providerRecordId: string;
  severity: '一般' | '较重' | '严重' | null;
  identifiedOn: string;
  validityEndsOn: string | null;
  /** the first version's receipt: a public record is published from then (B31(1)) */
  firstReceivedAt: string;
  fields: Record<string, unknown>;
  withdrawn: boolean;
  derivedFromKey: string | null;
  /** the entry made from the record (origin `listed`), with its list's polarity */
  entry: {
    id: string;
    polarity: string;
    status: 'active' | 'removed';
    validUntil: string | null;
    removedByEntry: string | null;
    ground: string | null;
  } | null;
};

/** One write of a repair's step and what goes with it, in one transaction. */
export type RepairStepWrite = {
  /** an adopted repair ends the record's list entries (its own and its B26 entries), A19 */
  endEntries?: { ids: readonly string[]; reason: string; article: string; detail: Record<string, unknown> };
  notices?: Insertable<NotificationTable>[];
  /** the subject told of the step (decision 0032) */
  subjectNotices?: Insertable<SubjectNoticeTable>[];
  /** rows of other audited tables the step changed in its transaction (issue 17: a public submission) */
  alsoRecorded?: { table: AuditedTable; rows: Record<string, unknown>[] }[];
  writer: RowsWrittenMeta & { at: string };
  act: Omit<AuditEntryInput, 'actorRole' | 'policyId' | 'policyVersion'>;
};

export function repairEventOf(row: RepairEventRow): RepairEvent {
  const detail = fromJson<Record<string, unknown>>(row.detail);
  return { kind: row.kind, on: row.on_date, ...detail } as unknown as RepairEvent;
}

/** Repairs and their steps (issue 16): append-only, every row under row digests. */
export const repairsRepository = {
  /** Every record of the subject (or the one with `recordKey`), latest versions, with its listed entry. */
  async recordsOfSubject(db: Db, subjectId: string, recordKey?: string): Promise<SubjectRecord[]> {
    let query = db.selectFrom('records').selectAll().where('subject_id', '=', subjectId);
    if (recordKey !== undefined) query = query.where('record_key', '=', recordKey);
    const rows = await query.orderBy('record_key').orderBy('version').execute();
    const latest = new Map<string, (typeof rows)[number]>();
    const first = new Map<string, string>();
    for (const row of rows) {
      latest.set(row.record_key, row);
      if (!first.has(row.record_key)) first.set(row.record_key, row.received_at);
    }
    const keys = [...latest.keys()];
    const entries = new Map<string, SubjectRecord['entry']>();
    if (keys.length > 0) {
      const found = await db
        .selectFrom('list_entries as e')
        .innerJoin('list_types as t', 't.code', 'e.list_type')
        .select([
          'e.id',
          'e.record_key',
          'e.status',
          'e.valid_until',
          'e.removed_by_entry',
          'e.ground',
          't.polarity',
        ])
        .where('e.record_key', 'in', keys)
        .where('e.origin', '=', 'listed')
        .execute();
      for (const e of found) {
        entries.set(e.record_key, {
          id: e.id,
          polarity: e.polarity,
          status: e.status,
          validUntil: e.valid_until,
          removedByEntry: e.removed_by_entry,
          ground: e.ground,
        });
      }
    }
    return [...latest.values()].map((row) => ({
      recordKey: row.record_key,
      recordId: row.id,
      version: Number(row.version),
      itemCode: row.item_code,
      itemVersion: Number(row.item_version),
      providerDepartment: row.provider_department,
      providerRecordId: row.provider_record_id,
      severity: row.severity,
      identifiedOn: row.identified_on,
      validityEndsOn: row.validity_ends_on,
      firstReceivedAt: first.get(row.record_key)!,
      fields: fromJson<Record<string, unknown>>(row.fields),
      withdrawn: Number(row.withdrawn) === 1,
      derivedFromKey: row.derived_from_key ?? null,
      entry: entries.get(row.record_key) ?? null,
    }));
  },

  async recordKeyOf(db: Db, recordId: string): Promise<{ key: string; subjectId: string } | undefined> {
    const row = await db
      .selectFrom('records')
      .select(['record_key', 'subject_id'])
      .where('id', '=', recordId)
      .executeTakeFirst();
    return row ? { key: row.record_key, subjectId: row.subject_id } : undefined;
  },

  /** The B26 entries of persons associated with this entry (origin `associated`), still active. */
  async associatedActive(db: Db, entryId: string): Promise<{ id: string; subjectId: string }[]> {
    const rows = await db
      .selectFrom('list_entries')
      .select(['id', 'subject_id'])
      .where('source_entry_id', '=', entryId)
      .where('status', '=', 'active')
      .execute();
    return rows.map((r) => ({ id: r.id, subjectId: r.subject_id }));
  },

  /**
   * The departments whose checks hit the subject on or after a day. One look per department through
   * check_hits' (department, day) index, each stopping at the first hit: no index on the subject slows
   * the hits every check records (migration 0026).
   */
  async departmentsThatChecked(db: Db, subjectId: string, since: string): Promise<string[]> {
    const departments = await db.selectFrom('departments').select(['code']).orderBy('code').execute();
    const out: string[] = [];
    for (const { code } of departments) {
      const hit = await db
        .selectFrom('check_hits')
        .select(['id'])
        .where('department', '=', code)
        .where('check_day', '>=', since)
        .where('subject_id', '=', subjectId)
        .limit(1)
        .executeTakeFirst();
      if (hit) out.push(code);
    }
    return out;
  },

  /** The repairs whose provider gave an opinion on or after a day (the public notices' candidates). */
  async withOpinionSince(db: Db, since: string): Promise<RepairRow[]> {
    return db
      .selectFrom('repairs')
      .selectAll()
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('repair_events')
          .select('repair_id')
          .where('kind', '=', 'opinion')
          .where('on_date', '>=', since),
      )
      .orderBy('id', 'desc')
      .execute();
  },

  async byId(db: Db, id: string): Promise<RepairRow | undefined> {
    return db.selectFrom('repairs').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async ofRecordKeys(db: Db, keys: readonly string[]): Promise<RepairRow[]> {
    if (keys.length === 0) return [];
    return db
      .selectFrom('repairs')
      .selectAll()
      .where('record_key', 'in', [...keys])
      .execute();
  },

  async ofSubject(db: Db, subjectId: string): Promise<RepairRow[]> {
    return db.selectFrom('repairs').selectAll().where('subject_id', '=', subjectId).execute();
  },

  /** The steps of these repairs, in order, by repair id. */
  eventsOf(db: Db, ids: readonly string[]): Promise<Map<string, RepairEventRow[]>> {
    return stepsOf<RepairEventRow>(db, { table: 'repair_events', of: 'repair_id' }, ids);
  },

  /**
   * Writes a repair (when given) and one step, the entries an adoption ends with their events,
   * notices, their row digests and the act's audit entry, in the caller's transaction.
   */
  async write(
    trx: Db,
    repair: Insertable<RepairTable> | null,
    event: Insertable<RepairEventTable>,
    w: RepairStepWrite,
  ): Promise<void> {
    const recorded: { table: typeof REPAIRS_AUDITED; rows: Record<string, unknown>[] }[] = [];
    if (repair) {
      await trx.insertInto('repairs').values(repair).execute();
      recorded.push({ table: REPAIRS_AUDITED, rows: [repair] });
    }
    await trx.insertInto('repair_events').values(event).execute();
    recorded.push({ table: REPAIR_EVENTS_AUDITED, rows: [event] });
    if (w.endEntries && w.endEntries.ids.length > 0) {
      const { ids, reason, article, detail } = w.endEntries;
      const entries = await trx
        .updateTable('list_entries')
        .set({ status: 'removed', status_reason: reason, removed_at: w.writer.at, updated_at: w.writer.at })
        .where('id', 'in', [...ids])
        .where('status', '=', 'active')
        .returningAll()
        .execute();
      const events =
        entries.length === 0
          ? []
          : await trx
              .insertInto('list_entry_events')
              .values(
                entries.map((e) => ({
                  id: uuidv7(),
                  entry_id: e.id,
                  at: w.writer.at,
                  kind: 'repaired',
                  article,
                  detail: toJson({ ...detail, reason }),
                  record_id: null,
                  batch_id: null,
                  actor_id: w.writer.actorId ?? null,
                })),
              )
              .returningAll()
              .execute();
      recorded.push({ table: LIST_ENTRIES_AUDITED, rows: entries });
      recorded.push({ table: LIST_ENTRY_EVENTS_AUDITED, rows: events });
    }
    recorded.push(...(w.alsoRecorded ?? []));
    await writeStepNotices(trx, w.notices, w.subjectNotices, recorded);
    await recordStoredTables(trx, recorded, w.writer, [{ ...w.writer, ...w.act }]);
  },
};
