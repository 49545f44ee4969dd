/**
 * One change of the lists, inside the transaction of its cause (an intake batch, a relation the credit
 * center registers): entries, their events and notices, written together at the end with their row
 * digests and one `lists.changed` audit entry (issue 5 points 1–3; issue 14 §3).
 * - each listed record becomes (or updates) a list entry; a black entry takes the subject off every red
 *   list at once with a recorded reason and tells each red list's owner (A4); a new black entry of a
 *   state employee or a public unit is reported to the employer or superior (A11);
 * - a severe organization's black entry is written to its legal representative and responsible
 *   persons, who they are being the B26 service's answer (responsible-persons.service.ts), and follows
 *   its source (B26).
 */

import { chinaDayOf } from '../../platform/clock.ts';
import { toJson } from '../../platform/db/engine.ts';
import { uuidv7 } from '../../platform/ids.ts';
import {
  LIST_ENTRIES_AUDITED,
  LIST_ENTRY_EVENTS_AUDITED,
  NOTIFICATIONS_AUDITED,
  type RowsWrittenMeta,
} from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Db, Insertable } from '../database.ts';
import type { WrittenRecord } from '../records/intake.types.ts';
import {
  a11Notice,
  entryLastDay,
  groundOf,
  isEffective,
  propagatesToResponsiblePersons,
  validUntilOf,
} from './list-rules.ts';
import { listTypes } from './list-types.repository.ts';
import type { ListType } from './list-types.ts';
import { type EntryRow, listsRepository as repo, type SubjectFactsRow } from './lists.repository.ts';
import type { ListEntryEventTable, ListEntryTable, NotificationTable, RelationRole } from './lists.tables.ts';

type Tx = Db;

/** The city's list types by code, read in the caller's transaction. */
export async function listTypeMap(db: Tx): Promise<Map<string, ListType>> {
  return new Map((await listTypes(db)).map((t) => [t.code, t]));
}

/** What caused a change: its instant, who, the intake batch (if any) and the audit entry's target. */
export type ChangeCause = {
  at: string;
  writer: RowsWrittenMeta;
  batchId: string | null;
  target: { type: 'intake_batch' | 'subject_relation'; id: string };
};

/** B26: the persons who answer for an organization's record (responsible-persons.service.ts). */
export type ResponsiblePersonsOf = (
  organization: SubjectFactsRow,
  storedFields: unknown,
) => ReadonlyMap<string, RelationRole>;

/** One change's list entries, events and notifications, written together at the end. */
export class ListChange {
  readonly trx: Tx;
  readonly cause: ChangeCause;
  readonly types: Map<string, ListType>;
  readonly today: string;
  private readonly personsOf: ResponsiblePersonsOf;
  readonly events: Insertable<ListEntryEventTable>[] = [];
  readonly notifications: Insertable<NotificationTable>[] = [];
  readonly counts = { listed: 0, updated: 0, removedByA4: 0, associated: 0, dissociated: 0, notified: 0 };
  /** every entry written, as stored after its last write in this change: recorded on the chain at commit */
  readonly written = new Map<string, EntryRow>();
  /** the entry of each listed record (origin `listed`) after this change, by record key */
  readonly listed = new Map<string, EntryRow>();
  private departments: Awaited<ReturnType<typeof repo.departments>> | undefined;

  constructor(trx: Tx, cause: ChangeCause, types: Map<string, ListType>, personsOf: ResponsiblePersonsOf) {
    this.trx = trx;
    this.cause = cause;
    this.types = types;
    this.today = chinaDayOf(cause.at);
    this.personsOf = personsOf;
  }

  async apply(listed: readonly WrittenRecord[]) {
    const keys = [...new Set(listed.map((w) => w.record.record_key))];
    const existing = this.listed;
    const associated = new Map<string, EntryRow[]>();
    for (const e of await repo.entriesOfRecordKeys(this.trx, keys)) {
      if (e.origin === 'listed') existing.set(e.record_key, e);
      else associated.set(e.record_key, [...(associated.get(e.record_key) ?? []), e]);
    }
    const subjects = await repo.subjectsById(this.trx, [...new Set(listed.map((w) => w.record.subject_id))]);
    const blacks: { entry: EntryRow; type: ListType; subject: SubjectFactsRow; w: WrittenRecord }[] = [];
    for (const w of listed) {
      const subject = subjects.get(w.record.subject_id);
      const type = this.types.get(w.accepted.item.listType!);
      if (!subject || !type) {
        throw new Error(
          `list item ${w.accepted.item.code} names list type ${w.accepted.item.listType}, which is not defined`,
        );
      }
      const entry = await this.upsertEntry(w, type, subject, existing.get(w.record.record_key));
      existing.set(entry.record_key, entry);
      if (type.polarity === 'black') blacks.push({ entry, type, subject, w });
    }
    // Black entries second, so a red entry written by the same batch is cross-checked too (A4).
    for (const { entry, type, subject, w } of blacks) {
      const effective = isEffective(entry, this.today);
      if (effective) await this.crossCheck(entry, type);
      // A11 on the first version, and on a correction that makes the subject one to report, or names
      // another employer or superior (issue 15 W6); never twice to the same department for an entry.
      if (effective) await this.noticeA11(entry, subject, w);
      await this.propagate(entry, type, subject, w, associated.get(entry.record_key) ?? []);
    }
  }

  private event(
    entryId: string,
    kind: string,
    article: string | null,
    detail: Record<string, unknown>,
    recordId?: string,
  ) {
    this.events.push({
      id: uuidv7(),
      entry_id: entryId,
      at: this.cause.at,
      kind,
      article,
      detail: toJson(detail),
      record_id: recordId ?? null,
      batch_id: this.cause.batchId,
      actor_id: this.cause.writer.actorId ?? null,
    });
  }

  private async upsertEntry(
    w: WrittenRecord,
    type: ListType,
    subject: SubjectFactsRow,
    previous: EntryRow | undefined,
  ) {
    const { record, accepted } = w;
    const fields = accepted.row.fields;
    const values = {
      record_id: record.id,
      ground: groundOf(fields) ?? accepted.item.listGround ?? null,
      severity: record.severity ?? null,
      identified_on: record.identified_on,
      valid_until: validUntilOf(fields),
      // B27 validity, or the item's usage period where it ends sooner (B8; issue 15 W10)
      validity_ends_on: entryLastDay(
        record.validity_ends_on ?? null,
        record.identified_on,
        accepted.item.usagePeriod,
      ),
      updated_at: this.cause.at,
    };
    const nameConflict = record.subject_name !== subject.name;
    if (previous && record.withdrawn === 1) {
      // Withdrawn (撤销) on a decision (issue 15 W3, A20): the entry is removed with the reason, and
      // its B26 entries follow it (propagate: no longer effective).
      const reason = `A20：记录已依据${record.change_basis_kind === 'objection' ? '成立的异议' : '外部决定'}撤销`;
      const updated = await this.update(previous.id, {
        ...values,
        status: 'removed',
        status_reason: reason,
        removed_at: this.cause.at,
      });
      this.event(
        previous.id,
        'withdrawn',
        'A20',
        {
          version: record.version,
          reason: record.reason ?? null,
          basis: { kind: record.change_basis_kind ?? null, id: record.change_basis_id ?? null },
        },
        record.id,
      );
      this.counts.updated++;
      return updated;
    }
    if (previous) {
      const updated = await this.update(previous.id, values);
      this.event(
        previous.id,
        'updated',
        null,
        { version: record.version, reason: record.reason ?? null, nameConflict },
        record.id,
      );
      this.counts.updated++;
      return updated;
    }
    const entry: EntryRow = {
      id: uuidv7(),
      list_type: type.code,
      record_key: record.record_key,
      item_code: record.item_code,
      provider_department: record.provider_department,
      subject_id: record.subject_id,
      origin: 'listed',
      source_entry_id: null,
      relation_role: null,
      status: 'active',
      status_reason: null,
      removed_at: null,
      removed_by_entry: null,
      procedure: null,
      created_at: this.cause.at,
      ...values,
    };
    const stored = await this.insert(entry);
    this.event(
      entry.id,
      'listed',
      type.polarity === 'red' ? 'A5' : type.polarity === 'black' ? 'A6' : null,
      { listType: type.code, nameConflict },
      record.id,
    );
    this.counts.listed++;
    return stored;
  }

  /** Writes an entry; the row as stored is kept for the batch's record on the audit chain. */
  private async insert(entry: Insertable<ListEntryTable>): Promise<EntryRow> {
    const stored = await repo.insertEntry(this.trx, entry);
    this.written.set(stored.id, stored);
    return stored;
  }

  private async update(id: string, patch: Parameters<typeof repo.updateEntry>[2]): Promise<EntryRow> {
    const stored = await repo.updateEntry(this.trx, id, patch);
    this.written.set(stored.id, stored);
    return stored;
  }

  /** A4: the subject leaves every red list at once; each red list's owner is told why. */
  private async crossCheck(black: EntryRow, type: ListType) {
    const reds = (await repo.activeEntriesOfSubjects(this.trx, [black.subject_id], ['red'])).filter((e) =>
      isEffective(e, this.today),
    );
    for (const red of reds) {
      const reason = `A4：该主体已列入${type.name}（${black.provider_department} 认定，${black.identified_on}），从红名单中删除`;
      await this.update(red.id, {
        status: 'removed',
        status_reason: reason,
        removed_at: this.cause.at,
        removed_by_entry: black.id,
        updated_at: this.cause.at,
      });
      this.event(red.id, 'removed_cross_check', 'A4', {
        blackEntryId: black.id,
        blackListType: black.list_type,
        blackRecordId: black.record_id,
        reason,
      });
      this.counts.removedByA4++;
      this.notify({
        kind: 'redlist.removed',
        article: 'A4',
        recipient: red.provider_department,
        entry: red,
        title: '红名单主体已列入黑名单，已从红名单中删除（A4）',
        body: {
          redEntryId: red.id,
          redRecordId: red.record_id,
          redListType: red.list_type,
          blackEntryId: black.id,
          blackListType: black.list_type,
          identifyingDepartment: black.provider_department,
          identifiedOn: black.identified_on,
          reason,
        },
      });
    }
  }

  /** A11: the employer of a state employee, the superior of a public unit; else the credit center forwards. */
  private async noticeA11(entry: EntryRow, subject: SubjectFactsRow, w: WrittenRecord) {
    const departments = await this.allDepartments();
    const byName = (name: string) =>
      departments.find((d) => d.name === name.trim() || d.shortName === name.trim())?.code;
    const notice = a11Notice(subject, w.accepted.row.fields, byName);
    if (!notice) return;
    const known = notice.recipient !== null && departments.some((d) => d.code === notice.recipient);
    const center = departments.find((d) => d.kinds.includes('credit_center'))?.code;
    const recipient = known ? notice.recipient! : center;
    if (!recipient) return;
    const correction = w.record.version > 1;
    const fields = w.accepted.row.fields;
    // The employer the row names, kept with the notice: the credit center forwards by it (A11).
    const employer =
      notice.kind === 'state_employee' && typeof fields.employer === 'string' ? fields.employer : null;
    if (correction && (await repo.a11NoticesOf(this.trx, entry.id)).has(`${recipient}|${employer ?? ''}`))
      return;
    const about = notice.kind === 'state_employee' ? '国家工作人员' : '国家机关、事业单位或国有企业';
    this.notify({
      kind: `blacklist.${notice.kind}`,
      article: 'A11',
      recipient,
      entry,
      title: known
        ? `通报${correction ? '（更正后）' : ''}：${about}列入失信黑名单（A11）`
        : `通报待转交：${about}列入失信黑名单，平台未登记其${notice.kind === 'state_employee' ? '所在单位' : '上级单位或主管部门'}，请市信用中心转交（A11）`,
      body: {
        entryId: entry.id,
        recordId: entry.record_id,
        listType: entry.list_type,
        ground: entry.ground,
        identifyingDepartment: entry.provider_department,
        identifiedOn: entry.identified_on,
        validUntil: entry.valid_until,
        forward: !known,
        ...(employer === null ? {} : { employer }),
        ...(correction ? { correctedInVersion: w.record.version } : {}),
      },
    });
  }

  /**
   * B26: a severe organization's black entry is written to the persons who answer for it (the
   * registered legal representative, the one the row identifies by ID number, registered relations),
   * and follows it: updated with it, removed when it is no longer effective or no longer 严重.
   */
  private async propagate(
    source: EntryRow,
    type: ListType,
    subject: SubjectFactsRow,
    w: WrittenRecord,
    current: EntryRow[],
  ) {
    const wanted =
      isEffective(source, this.today) &&
      propagatesToResponsiblePersons(type.polarity, subject.kind, source.severity);
    const persons = new Map(wanted ? this.personsOf(subject, w.record.fields) : []);
    for (const entry of current) {
      if (persons.has(entry.subject_id) && entry.status === 'active') {
        await this.update(entry.id, this.mirrored(source));
        this.event(entry.id, 'updated', 'B26', { sourceEntryId: source.id });
        persons.delete(entry.subject_id);
      } else if (entry.status === 'active') {
        const reason = 'B26：来源组织的严重失信记录已不再有效或不再为严重，关联记载随之撤除';
        await this.update(entry.id, {
          status: 'removed',
          status_reason: reason,
          removed_at: this.cause.at,
          updated_at: this.cause.at,
        });
        this.event(entry.id, 'dissociated', 'B26', { sourceEntryId: source.id, reason });
        this.counts.dissociated++;
      }
    }
    for (const [personId, role] of persons) {
      if (current.some((e) => e.subject_id === personId)) continue;
      await this.associate(source, subject.id, personId, role);
    }
  }

  /** The source's facts an associated entry mirrors. */
  private mirrored(source: EntryRow) {
    return {
      record_id: source.record_id,
      ground: source.ground,
      severity: source.severity,
      identified_on: source.identified_on,
      valid_until: source.valid_until,
      validity_ends_on: source.validity_ends_on,
      updated_at: this.cause.at,
    };
  }

  /**
   * B26: the person's entry associated with a severe organization's black entry (in force: the caller
   * has checked), with its event. Also used when the credit center registers a relation later.
   */
  async associate(source: EntryRow, organizationId: string, personId: string, role: RelationRole) {
    const entry: Insertable<ListEntryTable> = {
      id: uuidv7(),
      list_type: source.list_type,
      record_key: source.record_key,
      item_code: source.item_code,
      provider_department: source.provider_department,
      subject_id: personId,
      origin: 'associated',
      source_entry_id: source.id,
      relation_role: role,
      status: 'active',
      status_reason: null,
      removed_at: null,
      removed_by_entry: null,
      procedure: null,
      created_at: this.cause.at,
      ...this.mirrored(source),
    };
    const stored = await this.insert(entry);
    this.event(stored.id, 'associated', 'B26', { sourceEntryId: source.id, organizationId, role });
    this.counts.associated++;
    return stored;
  }

  private notify(n: {
    kind: string;
    article: string;
    recipient: string;
    entry: Pick<EntryRow, 'id' | 'subject_id'>;
    title: string;
    body: Record<string, unknown>;
  }) {
    this.notifications.push({
      id: uuidv7(),
      kind: n.kind,
      article: n.article,
      recipient_department: n.recipient,
      subject_id: n.entry.subject_id,
      entry_id: n.entry.id,
      title: n.title,
      body: toJson(n.body),
      created_at: this.cause.at,
      status: 'pending',
      attempts: 0,
      delivered_at: null,
      read_at: null,
      read_by: null,
    });
    this.counts.notified++;
  }

  private async allDepartments() {
    this.departments ??= await repo.departments(this.trx);
    return this.departments;
  }

  /**
   * Writes the events and notices, then appends, under one head update, the `rows.written` entries of
   * every entry, event and notice this change wrote, as stored (issue 14 §3: a check's block comes
   * from these rows), and the change's `lists.changed` entry. A change that wrote nothing appends none.
   */
  async commit() {
    if (this.written.size === 0 && this.events.length === 0 && this.notifications.length === 0) return;
    const events = await repo.insertEvents(this.trx, this.events);
    const notifications = await repo.insertNotifications(this.trx, this.notifications);
    const detail =
      this.cause.batchId === null ? { relationId: this.cause.target.id } : { batchId: this.cause.batchId };
    const writer = { ...this.cause.writer, at: this.cause.at, detail };
    const recorded = [
      { table: LIST_ENTRIES_AUDITED, rows: [...this.written.values()] },
      { table: LIST_ENTRY_EVENTS_AUDITED, rows: events },
      { table: NOTIFICATIONS_AUDITED, rows: notifications },
    ];
    await recordStoredTables(this.trx, recorded, writer, [
      {
        ...this.cause.writer,
        at: this.cause.at,
        action: 'lists.changed',
        targetType: this.cause.target.type,
        targetId: this.cause.target.id,
        result: 'ok',
        detail: {
          ...this.counts,
          entries: [...new Set(this.events.map((e) => e.entry_id))],
          notifications: this.notifications.map((n) => ({
            id: n.id,
            kind: n.kind,
            to: n.recipient_department,
          })),
        },
      },
    ]);
  }
}
