/**
 * Reading and recording list decisions (issue 5 point 1): entry views with their history, a
 * form-shaped single decision that goes through the same intake path as every other push, and the
 * organization ↔ person relations B26 needs.
 */
import { chinaDayOf } from '../../platform/clock.ts';
import { fromJson } from '../../platform/db/engine.ts';
import { AppError, badRequest, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Actor } from '../access/actor.ts';
import { actorId } from '../access/actor.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import type { CatalogRepository, RowError } from '../catalog/index.ts';
import type { Store } from '../database.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import { checkCode } from '../identity-codes/index.ts';
import type { IntakeService } from '../records/intake.service.ts';
import type { IntakeResult } from '../records/intake.types.ts';
import { newSubjectOf, type SubjectsRepository } from '../subjects/subjects.repository.ts';
import { entryState } from './list-rules.ts';
import type { ListTypesService } from './list-types.service.ts';
import type { ListType } from './list-types.ts';
import { type EntryRow, listsRepository } from './lists.repository.ts';
import type { RelationRole } from './lists.tables.ts';
import { dispatchNotifications, inboxOf, markRead, type Notification } from './notifications.repository.ts';
import { applyRelation } from './relations.service.ts';
import type { ResponsiblePersonsDeps } from './responsible-persons.service.ts';

export type EntryView = {
  id: string;
  listType: string;
  listName: string;
  polarity: string;
  origin: 'listed' | 'associated';
  sourceEntryId: string | null;
  relationRole: string | null;
  subject: { id: string; kind: string; name: string; code: string };
  itemCode: string;
  recordId: string;
  providerDepartment: string;
  ground: string | null;
  severity: string | null;
  identifiedOn: string;
  validUntil: string | null;
  validityEndsOn: string | null;
  status: 'active' | 'removed';
  state: 'effective' | 'expired' | 'removed';
  statusReason: string | null;
  removedAt: string | null;
  removedByEntry: string | null;
  procedure: string | null;
  createdAt: string;
  updatedAt: string;
};

export type EntryEventView = {
  id: string;
  at: string;
  kind: string;
  article: string | null;
  detail: Record<string, unknown>;
  recordId: string | null;
  batchId: string | null;
};

export type DecisionInput = {
  item: string;
  providerRecordId?: string | undefined;
  /** selfSupporting: B2, a person of 16 or 17 living on their own labour (issue 15 W8) */
  subject: { code: string; name: string; selfSupporting?: boolean | undefined };
  severity?: string | undefined;
  identifiedOn: string;
  fields: Record<string, unknown>;
  reason?: string | undefined;
};

export type ListsDeps = {
  store: Store;
  listTypes: ListTypesService;
  subjects: Pick<SubjectsRepository, 'findByIds' | 'findByCode' | 'findById' | 'ensure' | 'idsByCode'>;
  codes: Pick<CodesService, 'normalize'>;
  catalog: Pick<CatalogRepository, 'current'>;
  intake: Pick<IntakeService, 'submit'>;
  audit: Pick<AuditTrail, 'record' | 'writer'>;
  /** B26: who answers for an organization's severe records, and writing theirs (issue 15 W5) */
  responsible: ResponsiblePersonsDeps;
  /** who the outbox's deliveries and reads are recorded as on the audit chain (issue 14 §3) */
  rowWriter: RowsWrittenMeta;
  now: () => string;
  today: () => string;
};

export function listsService(ctx: ListsDeps) {
  const db = ctx.store.db;
  const { catalog } = ctx;

  async function views(rows: EntryRow[]): Promise<EntryView[]> {
    const known = await ctx.listTypes.including(rows.map((r) => r.list_type));
    const today = ctx.today();
    const found = await ctx.subjects.findByIds(rows.map((r) => r.subject_id));
    const subjects = new Map(
      [...found].map(([id, s]) => [id, { id: s.id, kind: s.kind, name: s.name, code: s.code }]),
    );
    return rows.map((r) => {
      const type = known.get(r.list_type);
      return {
        id: r.id,
        listType: r.list_type,
        listName: type?.name ?? r.list_type,
        polarity: type?.polarity ?? 'watch',
        origin: r.origin,
        sourceEntryId: r.source_entry_id,
        relationRole: r.relation_role,
        subject: subjects.get(r.subject_id) ?? { id: r.subject_id, kind: 'unknown', name: '', code: '' },
        itemCode: r.item_code,
        recordId: r.record_id,
        providerDepartment: r.provider_department,
        ground: r.ground,
        severity: r.severity,
        identifiedOn: r.identified_on,
        validUntil: r.valid_until,
        validityEndsOn: r.validity_ends_on,
        status: r.status,
        state: entryState(r, today),
        statusReason: r.status_reason,
        removedAt: r.removed_at,
        removedByEntry: r.removed_by_entry,
        procedure: r.procedure,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    });
  }

  async function entry(id: string): Promise<{ entry: EntryView; events: EntryEventView[] }> {
    const row = await listsRepository.entryById(db, id);
    if (!row) throw notFound('LIST_ENTRY_NOT_FOUND', '没有这条名单记录', 'No such list entry', { id });
    const events = await listsRepository.eventsOfEntry(db, id);
    return {
      entry: (await views([row]))[0]!,
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind,
        article: e.article,
        detail: fromJson(e.detail),
        recordId: e.record_id,
        batchId: e.batch_id,
      })),
    };
  }

  async function search(filter: {
    listType?: string | undefined;
    state?: 'effective' | 'expired' | 'removed' | 'all' | undefined;
    subjectCode?: string | undefined;
    department?: string | undefined;
    limit: number;
    before?: string | undefined;
  }): Promise<EntryView[]> {
    let subjectId: string | undefined;
    if (filter.subjectCode) {
      const subject = await ctx.subjects.findByCode(ctx.codes.normalize(filter.subjectCode));
      if (!subject) return [];
      subjectId = subject.id;
    }
    const rows = await listsRepository.searchEntries(db, { ...filter, subjectId }, ctx.today());
    return views(rows);
  }

  /**
   * One list decision as a form (a clerk's single entry): the same validation, idempotency and
   * audit as any push (channel 'form', all-or-nothing), then the entry and what the cross-check did.
   */
  async function decide(actor: Actor, department: string, input: DecisionInput, requestId?: string) {
    const item = await catalog.current(input.item);
    if (!item?.listType) {
      throw badRequest(
        'LIST_ITEM_REQUIRED',
        `“${input.item}”不是名单目录项；请选择红名单、黑名单等名单类目录项`,
        `"${input.item}" is not a list item; choose a red list, black list or other list item`,
        { item: input.item },
      );
    }
    const providerRecordId = input.providerRecordId ?? `form-${uuidv7()}`;
    const result: IntakeResult = await ctx.intake.submit({
      actor,
      providerDepartment: department,
      channel: 'form',
      mode: 'all_or_nothing',
      rows: [{ ...input, providerRecordId }],
      requestId,
    });
    const row = result.results[0]!;
    if (row.outcome === 'refused') {
      throw new AppError(
        'LIST_DECISION_REFUSED',
        422,
        '名单认定未被接收，请按各项错误修改后重新提交',
        'The list decision was refused; correct the errors listed and submit again',
        { errors: row.errors ?? ([] as RowError[]) },
      );
    }
    const entryRow = await listsRepository.listedEntryOfRecord(db, row.recordId!);
    const batchEvents = await listsRepository.eventsOfBatch(db, result.batchId);
    const removed = batchEvents.filter((e) => e.kind === 'removed_cross_check').map((e) => e.entry_id);
    const associated = batchEvents.filter((e) => e.kind === 'associated').map((e) => e.entry_id);
    const notices = await listsRepository.noticesOf(
      db,
      [entryRow.id, ...removed, ...associated],
      entryRow.updated_at,
    );
    return {
      outcome: row.outcome,
      recordId: row.recordId!,
      version: row.version!,
      providerRecordId,
      warnings: row.warnings ?? [],
      entry: (await views([entryRow]))[0]!,
      removedFromRedLists: removed,
      associatedEntries: associated,
      notifications: notices.map((n) => ({
        id: n.id,
        kind: n.kind,
        article: n.article,
        recipientDepartment: n.recipient_department,
      })),
    };
  }

  /**
   * B26: registers who answers for an organization, and applies it at once, in the relation's
   * transaction (issue 15 W5): the person gets a record of each of the organization's severe negative
   * records in force and an associated entry of each of its severe black entries in force, with their
   * row digests and the audit entry — no re-push needed. A second identical call registers nothing
   * and writes only what is still missing (a record stored before W5, say).
   */
  async function relate(
    actor: Actor,
    organizationCode: string,
    person: { code: string; name: string },
    role: RelationRole,
    requestId?: string,
  ) {
    const organization = await ctx.subjects.findByCode(ctx.codes.normalize(organizationCode));
    if (organization?.kind !== 'organization') {
      throw notFound('SUBJECT_NOT_FOUND', '平台上没有这个组织', 'No such organization on the platform');
    }
    const code = ctx.codes.normalize(person.code);
    const check = checkCode(code);
    if (!check.valid || check.kind !== 'citizen_id') {
      throw badRequest(
        'RELATION_PERSON_CODE_INVALID',
        '责任人的公民身份号码不正确，请核对（GB 11643）',
        "The person's citizen ID number is not valid; check it (GB 11643)",
        { field: 'person.code', error: check.valid ? null : check.error },
      );
    }
    const now = ctx.now();
    const writer = ctx.audit.writer(actor, requestId);
    await ctx.subjects.ensure(
      [newSubjectOf({ kind: 'person', code, codeKind: 'citizen_id', name: person.name }, check)],
      now,
      writer,
    );
    const personId = (await ctx.subjects.idsByCode([code])).get(code)!;
    return db.transaction().execute(async (trx) => {
      const existing = await listsRepository.findRelation(trx, organization.id, personId, role);
      const id = existing?.id ?? uuidv7();
      if (!existing) {
        await listsRepository.insertRelation(
          trx,
          {
            id,
            organization_id: organization.id,
            person_id: personId,
            role,
            source: 'center',
            created_at: now,
            created_by: actorId(actor),
            ended_at: null,
          },
          writer,
        );
      }
      const applied = await applyRelation(
        trx,
        ctx.responsible,
        { at: now, writer, batchId: null, target: { type: 'subject_relation', id } },
        { organization, personId, role },
        chinaDayOf(now),
      );
      if (!existing || applied.records + applied.entries > 0) {
        await appendAudit(trx, {
          ...writer,
          at: now,
          action: existing ? 'subject.relation_applied' : 'subject.relation_added',
          targetType: 'subject',
          targetId: organization.id,
          result: 'ok',
          detail: { relationId: id, personId, role, applied },
        });
      }
      return { id, created: !existing, applied };
    });
  }

  async function relations(organizationCode: string) {
    const organization = await ctx.subjects.findByCode(ctx.codes.normalize(organizationCode));
    if (organization?.kind !== 'organization') {
      throw notFound('SUBJECT_NOT_FOUND', '平台上没有这个组织', 'No such organization on the platform');
    }
    const rows = await listsRepository.relationsOf(db, organization.id);
    const out = [];
    const representative = organization.attributes.legalRepresentativeId;
    if (typeof representative === 'string' && !rows.some((r) => r.person_id === representative)) {
      const p = await ctx.subjects.findById(representative);
      if (p)
        out.push({
          id: null,
          role: 'legal_representative',
          source: 'registration',
          person: { id: p.id, name: p.name, code: p.code },
          endedAt: null,
        });
    }
    for (const r of rows) {
      const p = await ctx.subjects.findById(r.person_id);
      out.push({
        id: r.id,
        role: r.role,
        source: r.source,
        person: { id: r.person_id, name: p?.name ?? '', code: p?.code ?? '' },
        endedAt: r.ended_at,
      });
    }
    return {
      organization: { id: organization.id, name: organization.name, code: organization.code },
      relations: out,
    };
  }

  /** Delivers pending notices (A4, A11, B26) into their departments' inboxes; how many. */
  const dispatch = () => dispatchNotifications(db, ctx.now, ctx.rowWriter);

  /** A department's inbox, newest first; pending notices are delivered first, so none is missing. */
  async function inbox(
    department: string,
    options: { unreadOnly?: boolean; limit: number; before?: string | undefined },
  ): Promise<Notification[]> {
    await dispatch();
    return inboxOf(db, department, options);
  }

  /** Marks a notice of this department read; NOTIFICATION_NOT_FOUND when it has no such notice. */
  async function read(id: string, department: string, reader: string): Promise<void> {
    if (!(await markRead(db, id, department, reader, ctx.now(), ctx.rowWriter))) {
      throw new AppError(
        'NOTIFICATION_NOT_FOUND',
        404,
        '本部门没有这条通报',
        'Your department has no such notice',
      );
    }
  }

  return {
    listTypes: () => ctx.listTypes.list(),
    addListType: (type: ListType) => ctx.listTypes.add(type),
    views,
    entry,
    search,
    decide,
    relate,
    relations,
    dispatch,
    inbox,
    read,
  };
}

export type ListsService = ReturnType<typeof listsService>;
