/**
 * Objections (异议, A15–A16, B28–B29; issue 16): filed by the subject (own account) or by the credit
 * center on its behalf; reviewed by the center, verified by the record's provider when asked, decided
 * with reasons; an upheld objection is the change basis of the provider's correction (W3). Every step
 * is checked by the pure procedure (objection-procedure.ts), written append-only with its row digest,
 * the list entry's `procedure` flag, the provider's notice and the subject's (decision 0032) in one
 * transaction.
 */

import { chinaDayOf } from '../../platform/clock.ts';
import type { Sealer } from '../../platform/crypto/sealing.ts';
import { toJson } from '../../platform/db/engine.ts';
import { isUniqueViolation } from '../../platform/db/unique-violation.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type Actor, actorDepartment, actorId, actorRole } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { RowError } from '../catalog/index.ts';
import type { Db, Insertable, Store } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import type { Policy } from '../policy/index.ts';
import type { IntakeHooks } from '../records/intake.types.ts';
import type { ChangeBasisFound } from '../records/record-change.ts';
import { EVIDENCE_TYPES, type EvidenceType } from './evidence-files.ts';
import { objectionNotice } from './objection-notices.ts';
import {
  allowedSteps,
  type DeadlineState,
  deadlineState,
  GROUND_LABELS,
  type ObjectionEvent,
  type ObjectionEventKind,
  type ObjectionGround,
  type ObjectionState,
  type ObjectionStatus,
  OPEN_STATES,
  type Party,
  ProcedureError,
  replayObjection,
  STATE_LABELS,
  type Step,
} from './objection-procedure.ts';
import { objectionOpenSteps } from './objection-steps.ts';
import {
  eventOf,
  type ObjectionEventRow,
  type ObjectionRow,
  objectionsRepository as repo,
} from './objections.repository.ts';
import {
  type EvidenceMeta,
  evidenceRepository,
  OBJECTION_EVIDENCE,
} from './procedure-evidence.repository.ts';
import { type EvidenceView, evidenceViews, procedureEvidence } from './procedure-evidence.service.ts';
import { baseParty, mayReadProcedure } from './procedure-parties.ts';
import { pagesOf, stepsTakenBy } from './procedure-rows.repository.ts';
import type { StepSource } from './procedure-steps.ts';
import { requiredText, type StepActor, stepActorOf } from './step-input.ts';
import { subjectNoticeRow } from './subject-notices.repository.ts';

export type ObjectionsDeps = {
  store: Store;
  policy: Policy;
  calendar: Pick<CalendarService, 'current'>;
  audit: Pick<AuditTrail, 'writer'>;
  now: () => string;
  today: () => string;
  /** evidence files are stored sealed under the data key (decision 0033) */
  sealer: Pick<Sealer, 'sealBytes' | 'openBytes'>;
  /** the credit office's department (A17: appeals go to it), for its inbox; null: no notice */
  creditOfficeDepartment?: () => Promise<string | null>;
  /** the open repairs on these records (record key → repair id), in the caller's transaction */
  openRepairs?: (db: Db, keys: readonly string[]) => Promise<ReadonlyMap<string, string>>;
};

export type ObjectionView = {
  id: string;
  recordId: string;
  recordKey: string;
  entryId: string | null;
  providerDepartment: string;
  ground: ObjectionGround;
  groundLabel: string;
  groundArticle: string;
  explanation: string;
  filedVia: 'subject' | 'center';
  filedAt: string;
  state: ObjectionState;
  stateLabel: string;
  open: boolean;
  steps: (Step & { standing: DeadlineState })[];
  verification: { confirmed: boolean; on: string; reasons: string } | null;
  outcome: { outcome: 'upheld' | 'rejected'; on: string; reasons: string } | null;
  correction: { recordId: string; version: number; on: string } | null;
  appeal: ObjectionStatus['appeal'];
  /** the evidence files, in the order added (A15, B28; superseded ones too, marked) */
  evidence: EvidenceView[];
  /** the steps the caller may take now */
  nextSteps: ObjectionEventKind[];
  policy: { id: string; version: string };
};

/** An open step past its deadline. */
export type OverdueStep = {
  objectionId: string;
  recordId: string;
  providerDepartment: string;
  state: ObjectionState;
  step: string;
  party: string;
  due: string;
  workdaysOverdue: number;
  provisional: boolean;
};

export type StepInput =
  | { kind: 'verification_requested' }
  | { kind: 'verified'; confirmed: boolean; reasons: string }
  | { kind: 'decided'; outcome: 'upheld' | 'rejected'; reasons: string }
  | { kind: 'appealed'; reasons: string }
  | { kind: 'appeal_decided'; outcome: 'upheld' | 'rejected'; reasons: string };

const recordNotFound = () =>
  notFound(
    'OBJECTION_RECORD_NOT_FOUND',
    '没有这条记录，或它不是该信息主体的记录：请从“我的信用记录”中选择要提出异议的记录',
    "No such record, or it is not the subject's: choose the record to object to from the subject's own records",
  );

const objectionNotFound = () => notFound('OBJECTION_NOT_FOUND', '没有这项异议', 'No such objection');

const forbidden = (code: string, message: string, messageEn: string) =>
  new AppError(code, 403, message, messageEn);

const CITY_WIDE_ROLES = new Set(['center_staff', 'credit_office']);

/** A16: a version that may be the correction of an upheld objection but does not name it. */
const awaitingCorrection = (objectionId: string): RowError => ({
  code: 'OBJECTION_AWAITING_CORRECTION',
  field: 'changeBasis',
  message: `该记录有异议已成立、待更正（异议编号 ${objectionId}）：本版本已接收，但未填写该异议编号，异议仍未办结；如本版本即为更正，请以同样内容并在“变更依据编号”中填写该异议编号重新报送（A16）。`,
  messageEn: `An upheld objection awaits this record's correction (objection ${objectionId}): this version was received without naming it, so the objection stays open; if this version is the correction, push it again naming the objection in changeBasis (A16).`,
});
/** Rows read at a time while listing. */
const PAGE = 200;

/** Who takes each step, for the refusal when someone else tries (OBJECTION_STEP_FORBIDDEN). */
const WHO_TAKES: Record<StepInput['kind'], [string, string]> = {
  verification_requested: ['转交核实由信用中心作出', 'The credit center asks for verification'],
  verified: ['核实结果由该记录的提供单位反馈', "The record's provider reports the verification"],
  decided: ['异议审核决定由信用中心作出', 'The credit center decides the objection'],
  appealed: [
    '申诉由信息主体提出（或由信用中心窗口代为提出）',
    'The subject appeals (or the credit center files it at a window)',
  ],
  appeal_decided: ['申诉决定由信用办作出（A17、B30）', 'The credit office decides the appeal (A17, B30)'],
};

/** The event a step input becomes, taken by `party` on `on`. */
function eventFor(input: StepInput, on: string, party: Party): ObjectionEvent {
  switch (input.kind) {
    case 'verification_requested':
      return { kind: 'verification_requested', on, by: 'center' };
    case 'verified':
      return {
        kind: 'verified',
        on,
        by: 'provider',
        confirmed: input.confirmed,
        reasons: text(input.reasons, 'reasons', '核实意见', 2000),
      };
    case 'decided':
      return {
        kind: 'decided',
        on,
        by: 'center',
        outcome: input.outcome,
        reasons: text(input.reasons, 'reasons', '审核意见和理由', 2000),
      };
    case 'appealed':
      return {
        kind: 'appealed',
        on,
        by: party === 'center' ? 'center' : 'subject',
        reasons: text(input.reasons, 'reasons', '申诉理由', 2000),
      };
    case 'appeal_decided':
      return {
        kind: 'appeal_decided',
        on,
        by: 'credit_office',
        outcome: input.outcome,
        reasons: text(input.reasons, 'reasons', '申诉决定理由', 2000),
      };
  }
}

const text = requiredText('OBJECTION');

export function objectionsService(deps: ObjectionsDeps) {
  const { store, policy } = deps;
  const periods = policy.objection;

  const statusOf = (events: readonly ObjectionEventRow[]) =>
    replayObjection(events.map(eventOf), periods, deps.calendar.current());

  /** Each objection with its status, replayed from its steps (one read of the steps for all of them). */
  async function withStatus(db: Db, rows: readonly ObjectionRow[]) {
    const events = await repo.eventsOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({ row, status: statusOf(events.get(row.id)!) }));
  }

  /** The open objections on these records, by record key (at most one each: filing and appeal see to it). */
  async function openOf(db: Db, keys: readonly string[], except: string | null = null) {
    const rows = (await repo.ofRecordKeys(db, keys)).filter((o) => o.id !== except);
    const open = new Map<string, { row: ObjectionRow; status: ObjectionStatus }>();
    for (const o of await withStatus(db, rows)) {
      if (OPEN_STATES.includes(o.status.state)) open.set(o.row.record_key, o);
    }
    return open;
  }

  /** Every objection in a scope, newest first, a page at a time, with its status. */
  async function* scan(scope: { subjectId?: string; department?: string | undefined }) {
    for await (const rows of pagesOf<ObjectionRow>(store.db, 'objections', scope, PAGE)) {
      yield* await withStatus(store.db, rows);
    }
  }

  /**
   * Every objection filed on or before `day`, as it stood that day — replayed from the steps taken by
   * then — newest first, a page at a time (the A21/B35 statistics, procedure-stats.ts).
   */
  async function* asOf(day: string) {
    for await (const rows of pagesOf<ObjectionRow>(store.db, 'objections', {}, PAGE)) {
      const events = await repo.eventsOf(
        store.db,
        rows.map((r) => r.id),
      );
      for (const row of rows) {
        const taken = stepsTakenBy(events.get(row.id)!, day);
        if (taken.length > 0) yield { providerDepartment: row.provider_department, status: statusOf(taken) };
      }
    }
  }

  /** The party `actor` is for this objection, or null (may only read, or nothing). */
  /** The city's credit office (A17: appeals go to the office at the same level), read once. */
  let officeCode: Promise<string | null> | undefined;
  const officeOf = () => {
    officeCode ??= deps.creditOfficeDepartment ? deps.creditOfficeDepartment() : Promise.resolve(null);
    return officeCode;
  };

  function partyOf(
    actor: Actor,
    objection: Pick<ObjectionRow, 'subject_id' | 'provider_department'>,
    office: string | null = null,
  ): Party | null {
    if (actor.kind === 'account' && actor.role === 'credit_office') {
      // a county node's office does not decide the city's appeals (A17: the same level)
      return office !== null && actor.departmentCode === office ? 'credit_office' : null;
    }
    return baseParty(actor, objection);
  }

  const mayRead = mayReadProcedure;

  function view(
    actor: Actor,
    objection: ObjectionRow,
    status: ObjectionStatus,
    office: string | null,
    evidence: readonly EvidenceMeta[],
  ): ObjectionView {
    const today = deps.today();
    const calendar = deps.calendar.current();
    const party = partyOf(actor, objection, office);
    const ground = objection.ground as ObjectionGround;
    return {
      id: objection.id,
      recordId: objection.record_id,
      recordKey: objection.record_key,
      entryId: objection.entry_id,
      providerDepartment: objection.provider_department,
      ground,
      groundLabel: GROUND_LABELS[ground].zh,
      groundArticle: GROUND_LABELS[ground].article,
      explanation: objection.explanation,
      filedVia: objection.filed_via,
      filedAt: objection.filed_at,
      state: status.state,
      stateLabel: STATE_LABELS[status.state].zh,
      open: OPEN_STATES.includes(status.state),
      steps: status.steps.map((s) => ({ ...s, standing: deadlineState(s, today, calendar) })),
      verification: status.verification,
      outcome: status.outcome,
      correction: status.correction,
      appeal: status.appeal,
      evidence: evidenceViews(evidence),
      nextSteps: party === null ? [] : allowedSteps(status.state, party).filter((k) => k !== 'corrected'),
      policy: { id: objection.policy_id, version: objection.policy_version },
    };
  }

  function notice(
    recipient: string,
    objection: Pick<ObjectionRow, 'id' | 'subject_id' | 'record_id'>,
    entryId: string | null,
    kind: string,
    title: string,
    body: Record<string, unknown>,
    at: string,
  ): Insertable<NotificationTable> {
    return {
      id: uuidv7(),
      kind,
      article: 'A16',
      recipient_department: recipient,
      subject_id: objection.subject_id,
      entry_id: entryId,
      title,
      body: toJson({ objectionId: objection.id, recordId: objection.record_id, ...body }),
      created_at: at,
      status: 'pending',
      attempts: 0,
      delivered_at: null,
      read_at: null,
      read_by: null,
    };
  }

  /**
   * The subject's notice of a step (decision 0032), as a row to write with the step; none for a step
   * the subject is not told of on its own.
   */
  function subjectNotice(
    objection: Pick<ObjectionRow, 'id' | 'subject_id' | 'record_id'>,
    event: ObjectionEvent,
    after: ObjectionStatus,
    at: string,
    correction?: { withdrawn: boolean },
  ) {
    const notice = objectionNotice(
      { id: objection.id, subjectId: objection.subject_id, recordId: objection.record_id },
      event,
      after,
      periods,
      correction,
    );
    return notice ? [subjectNoticeRow(notice, at)] : [];
  }

  /** OBJECTION_ALREADY_OPEN when an objection other than `except` is open on the record. */
  async function refuseIfOpen(trx: Db, recordKey: string, except: string | null) {
    const open = (await openOf(trx, [recordKey], except)).get(recordKey)?.row;
    if (open) {
      throw conflict(
        'OBJECTION_ALREADY_OPEN',
        '这条记录已有一项正在处理的异议或申诉，请查看其进度，待其办结后再提出',
        'This record already has an objection or appeal in progress; follow it, and file again once it is closed',
        { objectionId: open.id },
      );
    }
  }

  /**
   * A15, B28: the subject objects to one of its records (or the center files for it at a service
   * window, with a stated purpose). One open objection per record.
   */
  async function file(
    actor: Actor,
    input: { recordId: string; ground: ObjectionGround; explanation: string; subjectCode?: string },
    options: { subjectId: string | undefined; purpose?: string | undefined; requestId?: string | undefined },
  ): Promise<ObjectionView> {
    const explanation = text(input.explanation, 'explanation', '异议理由', 2000);
    const via: 'subject' | 'center' =
      actor.kind === 'account' && actor.role === 'subject' ? 'subject' : 'center';
    const named = await repo.recordTarget(store.db, input.recordId.toLowerCase());
    if (!named || options.subjectId === undefined || named.subjectId !== options.subjectId)
      throw recordNotFound();
    // B26: a record written into a person's credit record from an organization's is disputed where its
    // content comes from — the objection is about the organization's record, filed and followed by the
    // person, and the provider's correction of that record (naming it) is what the person's follows.
    const source = named.derivedFromKey ? await repo.recordTargetByKey(store.db, named.derivedFromKey) : null;
    if (named.derivedFromKey && !source) throw recordNotFound();
    const target = source ? { ...source, subjectId: named.subjectId } : named;
    if (named.withdrawn || target.withdrawn) {
      throw conflict(
        'OBJECTION_RECORD_WITHDRAWN',
        '该记录已依据决定撤销，不再公开和使用，无需提出异议（A20）',
        'This record was withdrawn on a decision and is no longer published or used; there is nothing to object to (A20)',
      );
    }
    const at = deps.now();
    const on = deps.today();
    const id = uuidv7();
    const objection = {
      id,
      subject_id: target.subjectId,
      record_key: target.recordKey,
      record_id: target.recordId,
      entry_id: target.entryId,
      provider_department: target.providerDepartment,
      ground: input.ground,
      explanation,
      filed_via: via,
      filed_by: actorId(actor) ?? 'unknown',
      filed_role: actorRole(actor),
      purpose: via === 'center' ? (options.purpose ?? null) : null,
      filed_at: at,
      policy_id: policy.id,
      policy_version: policy.version,
    };
    const writer = { ...deps.audit.writer(actor, options.requestId, options.purpose), at };
    const filed: ObjectionEvent = { kind: 'filed', on, by: via, ground: input.ground };
    const filedStatus = replayObjection([filed], periods, deps.calendar.current());
    const review = filedStatus.steps[0]!;
    await store.db.transaction().execute(async (trx: Db) => {
      // one open objection per record: filings racing on PostgreSQL are decided one after the other
      await repo.lockRecord(trx, target.recordKey, store.capabilities.engine);
      await refuseIfOpen(trx, target.recordKey, null);
      // one procedure at a time on a record: not while a repair of it is being decided
      const repairing = deps.openRepairs ? await deps.openRepairs(trx, [target.recordKey]) : new Map();
      if (repairing.has(target.recordKey)) {
        throw conflict(
          'OBJECTION_REPAIR_OPEN',
          '这条记录有一项正在办理的信用修复申请，待其办结后再提出异议',
          'This record has a repair application in progress; object once it is closed',
          { repairId: repairing.get(target.recordKey) },
        );
      }
      await repo.write(trx, objection, stepRow(id, 1, filed, at, stepActorOf(actor)), {
        ...(target.entryId
          ? {
              entryProcedure: {
                entryId: target.entryId,
                procedure: 'objection' as const,
                article: 'A16',
                detail: { objectionId: id, ground: input.ground },
              },
            }
          : {}),
        notices: [
          notice(
            target.providerDepartment,
            objection,
            target.entryId,
            'objection.filed',
            source
              ? `本单位报送的组织记录记入了其法定代表人或责任人的信用记录（B26），该责任人对此提出异议（${GROUND_LABELS[input.ground].zh}），信用中心审核中，期限 ${review.due}（A16）`
              : `信息主体对本单位报送的记录提出异议（${GROUND_LABELS[input.ground].zh}），信用中心审核中，期限 ${review.due}（A16）`,
            {
              providerRecordId: target.providerRecordId,
              item: target.item,
              ground: input.ground,
              reviewDue: review.due,
              ...(source ? { viaB26Record: named.recordId } : {}),
            },
            at,
          ),
        ],
        subjectNotices: subjectNotice(objection, filed, filedStatus, at),
        writer,
        act: {
          action: 'procedures.objection_filed',
          targetType: 'record',
          targetId: target.recordKey,
          result: 'ok',
          detail: { objectionId: id, ground: input.ground, via, entryId: target.entryId },
        },
      });
    });
    return view(
      actor,
      objection as ObjectionRow,
      statusOf((await repo.eventsOf(store.db, [id])).get(id)!),
      await officeOf(),
      [],
    );
  }

  function stepRow(objectionId: string, seq: number, event: ObjectionEvent, at: string, who: StepActor) {
    const { kind, on, ...detail } = event;
    return {
      id: uuidv7(),
      objection_id: objectionId,
      seq,
      kind,
      on_date: on,
      at,
      ...who,
      detail: toJson(detail),
    };
  }

  /** A step of the center or the provider (the correction itself comes through intake, W3). */
  async function act(actor: Actor, id: string, input: StepInput, requestId?: string): Promise<ObjectionView> {
    const objection = await repo.byId(store.db, id.toLowerCase());
    if (!objection || !mayRead(actor, objection)) throw objectionNotFound();
    // read before the transaction: on SQLite a read outside it would wait for it to end
    const office = await officeOf();
    const party = partyOf(actor, objection, office);
    if (party === null) {
      throw forbidden(
        'OBJECTION_STEP_FORBIDDEN',
        '只有信用中心（审核）、该记录的提供单位（核实、更正）和市信用办（申诉）处理异议',
        "Only the credit center (review), the record's provider (verification, correction) and the city's credit office (appeal) act on an objection",
      );
    }
    const on = deps.today();
    const at = deps.now();
    const event = eventFor(input, on, party);
    if (event.by !== party) {
      const [zh, en] = WHO_TAKES[input.kind];
      throw forbidden('OBJECTION_STEP_FORBIDDEN', zh, en);
    }
    const writer = { ...deps.audit.writer(actor, requestId), at };
    try {
      await store.db.transaction().execute(async (trx: Db) => {
        if (event.kind === 'appealed') {
          // one procedure at a time on a record: an appeal waits for another open objection
          await repo.lockRecord(trx, objection.record_key, store.capabilities.engine);
          await refuseIfOpen(trx, objection.record_key, objection.id);
        }
        const events = (await repo.eventsOf(trx, [objection.id])).get(objection.id)!;
        const before = statusOf(events);
        try {
          replayObjection([...events.map(eventOf), event], periods, deps.calendar.current());
        } catch (error) {
          if (error instanceof ProcedureError) {
            throw conflict(error.code, error.message, error.messageEn, { state: before.state });
          }
          throw error;
        }
        const closes =
          (event.kind === 'decided' || event.kind === 'appeal_decided') && event.outcome === 'rejected';
        const reopens = event.kind === 'appealed';
        // The step the event opens (verification, correction), with its deadline, for the notices.
        const after = replayObjection([...events.map(eventOf), event], periods, deps.calendar.current());
        const opened = after.steps.at(-1)!;
        const tell = (recipient: string, kind: string, title: string, body: Record<string, unknown>) =>
          notice(recipient, objection, objection.entry_id, kind, title, body, at);
        const notices: Insertable<NotificationTable>[] = [];
        if (event.kind === 'verification_requested') {
          notices.push(
            tell(
              objection.provider_department,
              'objection.verification',
              `请核实信息主体提出异议的记录，并于 ${opened.due} 前反馈核实结果（A16、B29）`,
              { due: opened.due, provisional: opened.provisional },
            ),
          );
        }
        if (event.kind === 'appealed' && office) {
          notices.push(
            tell(
              office,
              'objection.appealed',
              '信息主体对异议处理结果提出申诉，请审查并作出决定（A17、B30）',
              {
                reasons: event.reasons,
                rejectedReasons: before.outcome?.reasons ?? null,
              },
            ),
          );
        }
        if (closes) {
          notices.push(
            tell(
              objection.provider_department,
              'objection.rejected',
              event.kind === 'decided'
                ? '信息主体的异议经审核不成立，记录维持（A16）'
                : '信息主体的申诉经信用办审查不成立，记录维持（A17）',
              { reasons: event.reasons },
            ),
          );
        }
        if ((event.kind === 'decided' || event.kind === 'appeal_decided') && event.outcome === 'upheld') {
          notices.push(
            tell(
              objection.provider_department,
              'objection.upheld',
              `异议成立：请于 ${opened.due} 前更正该记录，报送新版本时“变更依据编号”填写本异议编号（A16、B29）`,
              { due: opened.due, reasons: event.reasons, changeBasis: objection.id },
            ),
          );
        }
        await repo.write(trx, null, stepRow(objection.id, events.length + 1, event, at, stepActorOf(actor)), {
          ...((closes || reopens) && objection.entry_id
            ? {
                entryProcedure: {
                  entryId: objection.entry_id,
                  procedure: reopens ? ('objection' as const) : null,
                  article: event.kind === 'decided' ? 'A16' : 'A17',
                  detail: { objectionId: objection.id, step: event.kind },
                },
              }
            : {}),
          notices,
          subjectNotices: subjectNotice(objection, event, after, at),
          writer,
          act: {
            action: `procedures.objection_${event.kind}`,
            targetType: 'objection',
            targetId: objection.id,
            result: 'ok',
            detail: {
              kind: event.kind,
              ...(event.kind === 'decided' || event.kind === 'appeal_decided'
                ? { outcome: event.outcome }
                : {}),
              ...(event.kind === 'verified' ? { confirmed: event.confirmed } : {}),
            },
          },
        });
      });
    } catch (error) {
      // Two clerks taking a step at once: the unique (objection, seq) index lets one through.
      if (isUniqueViolation(error)) {
        throw conflict(
          'OBJECTION_STEP_CONCURRENT',
          '该异议刚刚被他人处理，请刷新后再操作',
          'Someone else just acted on this objection; reload it and try again',
        );
      }
      throw error;
    }
    return get(actor, objection.id);
  }

  async function get(actor: Actor, id: string): Promise<ObjectionView> {
    const objection = await repo.byId(store.db, id.toLowerCase());
    if (!objection || !mayRead(actor, objection)) throw objectionNotFound();
    const evidence = (await evidenceRepository.of(store.db, OBJECTION_EVIDENCE, [objection.id])).get(
      objection.id,
    )!;
    return view(
      actor,
      objection,
      (await withStatus(store.db, [objection]))[0]!.status,
      await officeOf(),
      evidence,
    );
  }

  /** The caller's objections: a subject its own, a provider those about its records, the center all. */
  async function list(actor: Actor, filter: { open?: boolean | undefined; limit: number }) {
    let scope: { subjectId?: string; department?: string };
    if (actor.kind === 'account' && actor.role === 'subject') {
      if (actor.subjectId === null) return [];
      scope = { subjectId: actor.subjectId };
    } else if (actor.kind === 'account' && CITY_WIDE_ROLES.has(actor.role)) {
      scope = {};
    } else {
      const department = actorDepartment(actor);
      if (department === null) return [];
      scope = { department };
    }
    const office = await officeOf();
    // Open-ness is replayed from the steps, so a filtered list pages on until it has `limit` of them.
    const found: { row: ObjectionRow; status: ObjectionStatus }[] = [];
    for await (const o of scan(scope)) {
      if (filter.open === undefined || OPEN_STATES.includes(o.status.state) === filter.open) found.push(o);
      if (found.length === filter.limit) break;
    }
    const evidence = await evidenceRepository.of(
      store.db,
      OBJECTION_EVIDENCE,
      found.map((o) => o.row.id),
    );
    return found.map(({ row, status }) => view(actor, row, status, office, evidence.get(row.id)!));
  }

  /**
   * Open objections whose current step is past its deadline (A16; the CLI's `objections overdue`):
   * oldest first, optionally one provider department's.
   */
  async function overdue(filter: { department?: string | undefined } = {}): Promise<OverdueStep[]> {
    const today = deps.today();
    const calendar = deps.calendar.current();
    const out: OverdueStep[] = [];
    for await (const { row: r, status } of scan({ department: filter.department })) {
      for (const s of objectionOpenSteps(r, status)) {
        const standing = deadlineState({ ...s, closed: null }, today, calendar);
        if (standing.state !== 'overdue') continue;
        out.push({
          objectionId: r.id,
          recordId: r.record_id,
          providerDepartment: r.provider_department,
          state: status.state,
          step: s.step,
          party: s.party,
          due: s.due,
          workdaysOverdue: -(standing.workdaysLeft ?? 0),
          provisional: standing.provisional,
        });
      }
    }
    return out.reverse();
  }

  /** The scheduler's view (decision 0031): every open objection's open steps with a deadline. */
  const stepSource: StepSource = {
    procedure: 'objection',
    async *openSteps() {
      for await (const { row, status } of scan({})) yield* objectionOpenSteps(row, status);
    },
  };

  /** For intake (W3): objections as change bases — usable once upheld and until corrected. */
  async function bases(trx: Db, ids: readonly string[]): Promise<Map<string, ChangeBasisFound>> {
    return new Map(
      (await withStatus(trx, await repo.byIds(trx, ids))).map(({ row, status }) => [
        row.id,
        { kind: 'objection', recordKey: row.record_key, ready: status.state === 'correction' },
      ]),
    );
  }

  /** The records with an objection in progress, by record key (the `procedure` flag of reads). */
  async function openOnRecords(keys: readonly string[], db: Db = store.db): Promise<Map<string, string>> {
    return new Map([...(await openOf(db, keys))].map(([key, o]) => [key, o.row.id]));
  }

  /**
   * Intake's hook (W3): a version naming an upheld objection as its basis is the correction — the
   * objection closes in the same transaction, and its list entry's flag is cleared.
   */
  const intakeHooks: IntakeHooks = {
    async written(trx, written, batch) {
      const corrections = written.filter((w) => w.record.change_basis_kind === 'objection');
      for (const w of corrections) {
        const id = w.record.change_basis_id!;
        const objection = (await repo.byId(trx, id))!;
        const events = (await repo.eventsOf(trx, [id])).get(id)!;
        const event: ObjectionEvent = {
          kind: 'corrected',
          on: chinaDayOf(batch.at),
          by: 'provider',
          recordId: String(w.record.id),
          version: Number(w.record.version),
        };
        const who = {
          actor_id: batch.writer.actorId ?? null,
          actor_role: batch.writer.actorRole,
          actor_department: batch.providerDepartment,
        };
        const after = replayObjection([...events.map(eventOf), event], periods, deps.calendar.current());
        await repo.write(trx, null, stepRow(id, events.length + 1, event, batch.at, who), {
          ...(objection.entry_id
            ? {
                entryProcedure: {
                  entryId: objection.entry_id,
                  procedure: null,
                  article: 'A16',
                  detail: { objectionId: id, outcome: 'corrected', recordId: w.record.id },
                },
              }
            : {}),
          subjectNotices: subjectNotice(objection, event, after, batch.at, {
            withdrawn: Number(w.record.withdrawn) === 1,
          }),
          writer: { ...batch.writer, at: batch.at },
          act: {
            action: 'procedures.objection_corrected',
            targetType: 'objection',
            targetId: id,
            result: 'ok',
            detail: { recordId: w.record.id, version: w.record.version, batchId: batch.batchId },
          },
        });
      }
      // A new version of a record whose upheld objection awaits its correction, not naming it: the
      // version is written (it may well be the correction), but the objection stays open until a
      // version names it — the provider is told which (A16).
      const others = written.filter(
        (w) => Number(w.record.version) > 1 && w.record.change_basis_kind !== 'objection',
      );
      if (others.length === 0) return undefined;
      const open = await openOf(
        trx,
        others.map((w) => String(w.record.record_key)),
      );
      const warnings = new Map<number, RowError[]>();
      for (const w of others) {
        const o = open.get(String(w.record.record_key));
        if (o?.status.state === 'correction') warnings.set(w.accepted.index, [awaitingCorrection(o.row.id)]);
      }
      return warnings;
    },
  };

  /**
   * Evidence files (procedure-evidence.service.ts, A15, B28): added by the subject or the center at a
   * window while the objection is open; read by its parties — the credit office (the city's) once the
   * objection is appealed to it (A17).
   */
  const evidence = procedureEvidence(
    deps,
    {
      store: OBJECTION_EVIDENCE,
      noun: { zh: '异议', en: 'objection' },
      action: 'procedures.objection_evidence_added',
      targetType: 'objection',
      forbidden: () =>
        new AppError(
          'OBJECTION_EVIDENCE_FORBIDDEN',
          403,
          '证据材料由信息主体提交，或由信用中心窗口代为提交',
          'Evidence is added by the subject, or by the credit center at a service window on its behalf',
        ),
      closed: (state) =>
        conflict(
          'OBJECTION_EVIDENCE_CLOSED',
          '该异议已办结，不能再补充证据材料；对处理结果不服的，可以申诉（A17、B30）',
          'This objection is closed and takes no more evidence; its outcome may be appealed (A17, B30)',
          { state },
        ),
    },
    {
      async find(actor, id) {
        const objection = await repo.byId(store.db, id.toLowerCase());
        if (!objection || !mayRead(actor, objection)) throw objectionNotFound();
        const { status } = (await withStatus(store.db, [objection]))[0]!;
        const party = partyOf(actor, objection, await officeOf());
        const officeCode = await officeOf();
        const officeReads = party === 'credit_office' && status.appeal !== null;
        return {
          id: objection.id,
          adder: party === 'subject' || party === 'center' ? party : null,
          open: OPEN_STATES.includes(status.state),
          state: status.state,
          readRefusal:
            actor.kind === 'account' && actor.role === 'credit_office' && !officeReads
              ? new AppError(
                  'OBJECTION_EVIDENCE_FORBIDDEN',
                  403,
                  '信用办在审查申诉时查阅证据材料（A17、B30）：这项异议未向本级信用办申诉',
                  'The credit office reads evidence when it decides an appeal (A17, B30); this objection has not been appealed to it',
                )
              : null,
          // The party deciding next is told of a file added while the objection is open: the
          // record's provider (it verifies or corrects), or the credit office during an appeal.
          noticesFor: (file: EvidenceMeta) => {
            const office = status.state === 'appeal' ? officeCode : null;
            const recipients = [objection.provider_department, ...(office ? [office] : [])];
            return recipients.map((recipient) =>
              notice(
                recipient,
                objection,
                objection.entry_id,
                'objection.evidence_added',
                `${file.added_via === 'center' ? '信用中心窗口代信息主体' : '信息主体'}为异议补充了证据材料（${EVIDENCE_TYPES[file.file_type as EvidenceType].zh}），异议当前${STATE_LABELS[status.state].zh}（A16）`,
                {
                  evidenceId: file.id,
                  name: file.name,
                  type: file.file_type,
                  size: file.size,
                  sm3: file.sm3,
                  download: `/api/v1/objections/${objection.id}/evidence/${file.id}`,
                },
                file.added_at,
              ),
            );
          },
        };
      },
    },
  );

  return {
    file,
    act,
    get,
    list,
    overdue,
    asOf,
    stepSource,
    bases,
    openOnRecords,
    intakeHooks,
    addEvidence: evidence.add,
    evidenceFile: evidence.read,
  };
}

export type ObjectionsService = ReturnType<typeof objectionsService>;
