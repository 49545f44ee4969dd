/**
 * Credit repair (信用修复; A18–A19 for black-list entries, B31–B32 for other negative records; issue
 * 16). The subject (own account) or the credit center at a window applies with the signed 信用承诺书 and
 * its proof of performance; eligibility is explained rule by rule before and after filing
 * (repair-eligibility.ts); the record's provider gives its written opinion; an opinion in favour is
 * publicized (公示) for the policy's working days, objections during it verified by the provider; the
 * center then adopts or not. Adopted: the original record becomes an archive (A19) — read as
 * `repaired` by every read, its list entry and B26 entries removed at once so checks stop counting it —
 * and the departments whose checks hit the subject since the record was identified are told through
 * the outbox. Every step is checked by the pure procedure (repair-procedure.ts) and written
 * append-only with its row digests, notices and audit entry in one transaction. Repair is free.
 */

import { chinaDayOf } from '../../platform/clock.ts';
import { hmacSha256Hex, type Sealer } from '../../platform/crypto/sealing.ts';
import { sm3 } from '../../platform/crypto/sm3.ts';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import { isUniqueViolation } from '../../platform/db/unique-violation.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { isIsoDate } from '../../platform/iso-date.ts';
import { controlCharacterIn, substanceOf } from '../../platform/plain-text.ts';
import { type Actor, ANONYMOUS, actorDepartment, actorId, actorRole } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { CatalogItemVersion, CatalogRepository } from '../catalog/index.ts';
import { groundOf } from '../catalog/list-fields.ts';
import type { Db, Insertable, Store } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import { maskPersonName, type Policy, repairNoticePeriod, subtractPolicyDuration } from '../policy/index.ts';
import type { IntakeHooks } from '../records/intake.types.ts';
import type { Subject } from '../subjects/subjects.repository.ts';
import { EVIDENCE_TYPES, type EvidenceType } from './evidence-files.ts';
import {
  REPAIR_NOTICE_SUBMISSIONS_AUDITED,
  type SubmissionRow,
  noticeSubmissionsRepository as submissionsRepo,
} from './notice-submissions.repository.ts';
import { type DeadlineState, ProcedureError } from './objection-procedure.ts';
import { objectionsRepository } from './objections.repository.ts';
import { type EvidenceMeta, evidenceRepository, REPAIR_EVIDENCE } from './procedure-evidence.repository.ts';
import { type EvidenceView, evidenceViews, procedureEvidence } from './procedure-evidence.service.ts';
import { baseParty, mayReadProcedure } from './procedure-parties.ts';
import { pagesOf, stepsTakenBy } from './procedure-rows.repository.ts';
import type { StepSource } from './procedure-steps.ts';
import {
  type PastAct,
  type PastRepair,
  type ProviderJudgements,
  type RepairApplication,
  type RepairEligibility,
  repairEligibility,
  type StatedFacts,
} from './repair-eligibility.ts';
import { repairNotice } from './repair-notices.ts';
import {
  allowedRepairSteps,
  checkRepairStep,
  noticeRunning,
  type ProviderFindings,
  phaseOn,
  REPAIR_OPEN_STATES,
  REPAIR_STATE_LABELS,
  type RepairEvent,
  type RepairEventKind,
  type RepairPeriods,
  type RepairState,
  type RepairStatus,
  type RepairStep,
  replayRepair,
  stepsWithStanding,
} from './repair-procedure.ts';
import { repairOpenSteps } from './repair-steps.ts';
import {
  type RepairEventRow,
  type RepairRow,
  repairEventOf,
  repairsRepository as repo,
  type SubjectRecord,
} from './repairs.repository.ts';
import { requiredText, type StepActor, stepActorOf } from './step-input.ts';
import { subjectNoticeRow } from './subject-notices.repository.ts';

export type RepairsDeps = {
  store: Store;
  policy: Policy;
  calendar: Pick<CalendarService, 'current'>;
  audit: Pick<AuditTrail, 'writer'>;
  catalog: Pick<CatalogRepository, 'version'>;
  subjects: { findById(id: string): Promise<Subject | undefined> };
  now: () => string;
  today: () => string;
  /**
   * the proof of performance as files is stored sealed under the data key (decision 0033), and the
   * name and contact of a member of the public who objects to a notice (issue 17)
   */
  sealer: Pick<Sealer, 'sealBytes' | 'openBytes' | 'seal' | 'open' | 'deriveKey'>;
  /** the city's credit center (its inbox receives the public's objections to a notice; issue 17) */
  centerDepartment?: () => Promise<string | null>;
  /** departments' names, for the public notices (issue 17); the code is shown where absent */
  departments?: { list(): Promise<readonly { code: string; name: string }[]> };
  /**
   * the open objections on these records (record key → objection id), read in the caller's
   * transaction: one procedure at a time on a record
   */
  openObjections?: (db: Db, keys: readonly string[]) => Promise<ReadonlyMap<string, string>>;
};

/**
 * Issue 16: "departments that checked the subject recently are notified" — decided: those whose checks
 * hit it in the 6 months before the adoption (and since the record's identification). A licensing,
 * procurement or funding procedure that checked it is still running then; older checks were decided.
 */
export const RECENT_CHECKS = { months: 6 } as const;

/**
 * How far back a public notice's opinion can lie: a notice is a policy's few working days (5), which
 * the longest holidays stretch to about two weeks of calendar days; two months leave a wide margin
 * for a longer notice period in another policy.
 */
const NOTICE_LOOKBACK = { months: 2 } as const;

/** A19, B32: how the public objects to a repair under notice (the credit center records it). */
export const NOTICE_OBJECTIONS = {
  zh: '公示期间对拟修复事项有异议的，请在公示期满前在信用淮安网站该条公示下提出，或以书面形式、到信用中心窗口提出，并说明事实和理由；异议由信息提供单位核实（A19、B32）。',
  en: 'To object to a repair under notice, do so before the notice ends on the portal under that notice, in writing to the credit center or at its window, with the facts and reasons; the provider verifies the objection (A19, B32).',
};

/** Issue 16: "Free of charge; the platform says so wherever repair is offered." */
export const REPAIR_IS_FREE = {
  zh: '信用修复不收取任何费用，请勿相信任何收费“代办修复”，谨防诈骗。',
  en: 'Credit repair is free of charge: beware of anyone charging to "arrange" it.',
};

export type RepairView = {
  id: string;
  recordId: string;
  recordKey: string;
  entryId: string | null;
  providerDepartment: string;
  targetKind: 'black_list_entry' | 'negative_record';
  path: string;
  article: string;
  stated: StatedFacts;
  proof: string;
  /** the proof of performance as files, in the order added (superseded ones too, marked) */
  evidence: EvidenceView[];
  commitment: { text: string; digest: string };
  filedVia: 'subject' | 'center';
  filedAt: string;
  /** the phase today (an ended notice awaits adoption) */
  state: RepairState;
  stateLabel: string;
  open: boolean;
  steps: (RepairStep & { standing: DeadlineState })[];
  opinion: RepairStatus['opinion'];
  notice: (RepairStatus['notice'] & { running: boolean }) | null;
  noticeObjections: RepairStatus['noticeObjections'];
  /** issue 17: the public's objections submitted on the portal (center: all of it; provider: no contact) */
  submissions: SubmissionView[];
  decision: RepairStatus['decision'];
  refusedBy: RepairStatus['refusedBy'];
  nextSteps: RepairEventKind[];
  free: typeof REPAIR_IS_FREE;
  policy: { id: string; version: string };
};

/** A public submission as a party of the repair sees it (issue 17). */
export type SubmissionView = {
  id: string;
  submittedOn: string;
  submittedAt: string;
  grounds: string;
  name: string | null;
  contact: string | null;
  status: SubmissionRow['status'];
  stepSeq: number | null;
  dismissalReason: string | null;
  handledAt: string | null;
};

/** A19, B32, issue 17: what the public is told when its objection to a notice has been received. */
export const SUBMISSION_RECEIVED = {
  zh: '您的异议已提交信用中心。公示期间收到的异议将交信息提供单位核实（A19、B32）；如您留下联系方式，工作人员可能与您联系核实情况。',
  en: 'Your objection has reached the credit center. Objections received during the notice are verified by the provider (A19, B32); if you left contact details, staff may contact you.',
};

/**
 * At most this many public submissions per repair: a bound on storage, so a notice cannot be flooded
 * without bound. It is not what keeps a notice open to objections: that is the per-address bound.
 */
export const MAX_SUBMISSIONS_PER_REPAIR = 500;
/** At most this many submissions per repair from one client address (by its keyed digest). */
export const MAX_SUBMISSIONS_PER_CLIENT = 3;
/** Grounds need this many letters, digits or Han characters: an objection says something. */
export const MIN_GROUNDS_SUBSTANCE = 5;

export type RepairStepInput =
  | {
      kind: 'opinion';
      agrees: boolean;
      reasons: string;
      judged?: ProviderJudgements | undefined;
      findings?: ProviderFindings | undefined;
    }
  | {
      kind: 'notice_objected';
      /** from a letter or the window; taken from the submission where `submissionId` names one */
      statement?: string | undefined;
      objector?: string | undefined;
      /** issue 17: an objection the public submitted on the portal */
      submissionId?: string | undefined;
    }
  | { kind: 'notice_objection_verified'; founded: boolean; reasons: string }
  | { kind: 'decided'; adopted: boolean; reasons: string };

/** What the applicant states, as the API takes it. */
export type StatedInput = Omit<StatedFacts, 'commitmentSignedOn'>;

type Party = 'subject' | 'center' | 'provider';

const recordNotFound = () =>
  notFound(
    'REPAIR_RECORD_NOT_FOUND',
    '没有这条记录，或它不是该信息主体的记录：请从“我的信用记录”中选择要修复的记录',
    "No such record, or it is not the subject's: choose the record to repair from the subject's own records",
  );
const repairNotFound = () =>
  notFound('REPAIR_NOT_FOUND', '没有这项信用修复申请', 'No such repair application');
const submissionNotFound = () =>
  notFound(
    'REPAIR_SUBMISSION_NOT_FOUND',
    '这项修复申请没有该编号的公众异议：请从修复申请的 submissions 中选择',
    "No public objection with that id on this repair: choose one from the repair's submissions",
  );
const submissionHandled = (s: Pick<SubmissionRow, 'status'>) =>
  conflict(
    'REPAIR_SUBMISSION_HANDLED',
    `该公众异议已${s.status === 'dismissed' ? '不予登记' : '登记'}，不能再次处理`,
    `This public objection was already ${s.status === 'dismissed' ? 'dismissed' : 'recorded'}`,
  );
const noticeNotFound = () =>
  notFound(
    'REPAIR_NOTICE_NOT_FOUND',
    '没有这项信用修复公示：请从“信用修复公示”列表中选择',
    'No such repair notice: choose one from the list of repair notices',
  );

const PAGE = 200;

const text = requiredText('REPAIR');

const STATED_DATES = ['obligationsMetOn', 'correctedOn', 'creditManagementSystemOn'] as const;

/** The applicant's stated facts, dates checked (a date after today is not a fact yet). */
function statedOf(input: StatedInput | undefined, today: string): StatedInput {
  const out: StatedInput = {};
  for (const key of STATED_DATES) {
    const value = input?.[key];
    if (value === undefined || value === null || value === '') continue;
    if (!isIsoDate(value) || value > today) {
      throw badRequest(
        'REPAIR_DATE_INVALID',
        `${key} 应为不晚于今天（${today}）的日期，格式 YYYY-MM-DD`,
        `${key} must be a date in the form YYYY-MM-DD, not after today (${today})`,
        { field: key },
      );
    }
    out[key] = value;
  }
  if (input?.majorRepentance != null && input.majorRepentance.trim() !== '') {
    out.majorRepentance = text(input.majorRepentance, 'majorRepentance', '其他重大悔改表现', 2000);
  }
  return out;
}

/** The public notice's name of a subject: an organization in full, a person masked (A7). */
function publicName(policy: Policy, subject: Subject | undefined): string {
  if (!subject) return '';
  return subject.kind === 'person' ? maskPersonName(policy, subject.name) : subject.name;
}

export function repairsService(deps: RepairsDeps) {
  const { store, policy } = deps;
  const db = store.db;

  /** The rule a repair follows: A19 (black list), B32 (other negative records), or the national rules. */
  const articleOf = (kind: string, path?: string) =>
    path === 'N2026' ? '国办发〔2025〕22号' : kind === 'black_list_entry' ? 'A19' : 'B32';
  const periodsOf = (kind: string): RepairPeriods => ({
    providerOpinion: policy.repairProcedure.providerOpinion,
    notice: repairNoticePeriod(policy, kind === 'black_list_entry' ? 'black_list_entry' : 'negative_record'),
    noticeVerification: policy.objection.providerVerification,
    adoption: policy.repairProcedure.adoption,
  });
  const statusOf = (row: Pick<RepairRow, 'target_kind' | 'path'>, events: readonly RepairEventRow[]) =>
    replayRepair(
      events.map(repairEventOf),
      periodsOf(row.target_kind),
      deps.calendar.current(),
      articleOf(row.target_kind, row.path),
    );

  async function withStatus(d: Db, rows: readonly RepairRow[]) {
    const events = await repo.eventsOf(
      d,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({ row, status: statusOf(row, events.get(row.id)!) }));
  }

  const itemCache = new Map<string, CatalogItemVersion>();
  async function itemOf(code: string, version: number): Promise<CatalogItemVersion> {
    const key = `${code}@${version}`;
    let item = itemCache.get(key);
    if (!item) {
      item = await deps.catalog.version(code, version);
      if (!item) throw new Error(`catalog item ${key} missing`);
      itemCache.set(key, item);
    }
    return item;
  }

  /** The subject's completed repairs, by record key, dated by the center's adoption. */
  async function completedOf(d: Db, subjectId: string) {
    const out = new Map<string, { id: string; completedOn: string; article: string }>();
    for (const { row, status } of await withStatus(d, await repo.ofSubject(d, subjectId))) {
      if (status.state === 'repaired') {
        out.set(row.record_key, {
          id: row.id,
          completedOn: status.decision!.on,
          article: articleOf(row.target_kind, row.path),
        });
      }
    }
    return out;
  }

  /**
   * The application the eligibility rule reads: the record to repair, the subject's other negative
   * records and completed repairs, what the applicant states and what the provider has judged.
   */
  async function applicationFor(
    d: Db,
    subjectId: string,
    recordId: string,
    input: {
      stated: StatedFacts;
      judged?: ProviderJudgements | undefined;
      findings?: ProviderFindings | undefined;
      on: string;
    },
  ): Promise<{
    application: RepairApplication;
    target: SubjectRecord;
    item: CatalogItemVersion;
    subject: Subject;
  }> {
    const named = await repo.recordKeyOf(d, recordId);
    if (!named || named.subjectId !== subjectId) throw recordNotFound();
    const records = await repo.recordsOfSubject(d, subjectId);
    const target = records.find((r) => r.recordKey === named.key)!;
    if (target.withdrawn) {
      throw conflict(
        'REPAIR_RECORD_WITHDRAWN',
        '该记录已依据决定撤销，不再公开和使用，无需修复（A20）',
        'This record was withdrawn on a decision and is no longer published or used; there is nothing to repair (A20)',
      );
    }
    if (target.derivedFromKey !== null) {
      throw conflict(
        'REPAIR_RECORD_DERIVED',
        '该记录是组织的严重失信信息记入本人信用记录的（B26）：由该组织申请修复原记录，原记录修复后本记录随之终止',
        "This record was written into the person's credit record from an organization's (B26): the organization applies to repair its record, and this one ends with it",
      );
    }
    const item = await itemOf(target.itemCode, target.itemVersion);
    if (item.category !== 'negative') {
      throw conflict(
        'REPAIR_NOT_NEGATIVE',
        `“${item.name}”不是失信信息，不适用信用修复（A18、B31）`,
        `"${item.name}" is not negative information; credit repair does not apply (A18, B31)`,
      );
    }
    const completed = await completedOf(d, subjectId);
    const groundOfRecord = (r: SubjectRecord) => r.entry?.ground ?? groundOf(r.fields);
    const acts: PastAct[] = [];
    const byKey = new Map(records.map((r) => [r.recordKey, r]));
    for (const r of records) {
      if (r.recordKey === target.recordKey || r.derivedFromKey !== null) continue;
      if ((await itemOf(r.itemCode, r.itemVersion)).category !== 'negative') continue;
      acts.push({
        id: r.recordKey,
        identifiedOn: r.identifiedOn,
        severity: r.severity,
        itemCode: r.itemCode,
        ground: groundOfRecord(r),
        blackListed: r.entry?.polarity === 'black',
        annulled: r.withdrawn,
      });
    }
    const repairs: PastRepair[] = [...completed].map(([key, c]) => ({
      id: c.id,
      completedOn: c.completedOn,
      itemCode: byKey.get(key)?.itemCode ?? '',
      ground: byKey.get(key) ? groundOfRecord(byKey.get(key)!) : null,
    }));
    const findings = input.findings ?? {};
    const subject = await deps.subjects.findById(subjectId);
    const application: RepairApplication = {
      subjectType: subject?.kind === 'person' ? 'person' : 'organization',
      target: {
        id: target.recordKey,
        kind: target.entry?.polarity === 'black' ? 'black_list_entry' : 'negative_record',
        severity: target.severity,
        itemCode: target.itemCode,
        ground: groundOfRecord(target),
        publishedOn: item.usageScope === 'public' ? chinaDayOf(target.firstReceivedAt) : null,
        identifiedOn: target.identifiedOn,
        validityEndsOn: target.validityEndsOn,
        usagePeriod: item.usagePeriod,
        listEntry: target.entry
          ? {
              status: target.entry.status,
              validUntil: target.entry.validUntil,
              removedByEntry: target.entry.removedByEntry,
            }
          : undefined,
        withdrawn: target.withdrawn,
        repaired: completed.get(target.recordKey)?.article ?? null,
      },
      history: {
        acts,
        repairs,
        inBankruptcyProceedings: findings.inBankruptcyProceedings === true,
        ignoredRemindersOrInterviews: findings.ignoredRemindersOrInterviews === true,
        // the provider establishes the case as it stood at the application (B31(2)7)
        declaredExclusions: findings.declaredExclusion
          ? [
              {
                department: target.providerDepartment,
                declaredOn: input.on,
                reason: findings.declaredExclusion.reason,
                reasonEn: findings.declaredExclusion.reasonEn,
              },
            ]
          : [],
      },
      stated: input.stated,
      judged: input.judged ?? {},
      applicationDate: input.on,
    };
    return { application, target, item, subject: subject! };
  }

  /** The 信用承诺书 the applicant signs (A18(3), B31(3); 国办发〔2025〕22号: the commitment). */
  function commitmentText(subject: Subject, item: CatalogItemVersion, target: SubjectRecord, on: string) {
    const who = subject.kind === 'person' ? '本人' : '本单位';
    return [
      '信用承诺书',
      '',
      `承诺人：${subject.name}`,
      `事由：申请修复“${item.name}”记录（记录编号 ${target.recordId}，认定日期 ${target.identifiedOn}，提供单位 ${target.providerDepartment}）`,
      '',
      `${who}郑重承诺：`,
      `一、${who}所陈述的履行义务、纠正失信行为的情况及所附证明材料真实、准确、完整；`,
      `二、${who}已全面履行相关义务、纠正失信行为，今后将严格遵守法律法规，不再发生同类失信行为；`,
      `三、如有虚假承诺或违背承诺，${who}愿意承担相应法律责任，同意将违背承诺的情况记入信用记录并依法公开，已作出的修复决定可予撤销。`,
      '',
      REPAIR_IS_FREE.zh,
      `承诺日期：${on}`,
    ].join('\n');
  }

  const partyOf = (actor: Actor, row: Pick<RepairRow, 'subject_id' | 'provider_department'>): Party | null =>
    baseParty(actor, row);
  const mayRead = mayReadProcedure;

  /**
   * Issue 17: the center reads a submission whole, the name and contact opened; the provider reads the
   * grounds (it verifies them once recorded); the subject reads none (who objected is not its business:
   * it is told of each objection recorded as a step, A19).
   */
  function submissionViews(party: Party | null, rows: readonly SubmissionRow[]): SubmissionView[] {
    if (party !== 'center' && party !== 'provider') return [];
    return rows.map((r) => ({
      id: r.id,
      submittedOn: r.submitted_on,
      submittedAt: r.submitted_at,
      grounds: r.grounds,
      name: party === 'center' && r.name_sealed ? deps.sealer.open(r.name_sealed) : null,
      contact: party === 'center' && r.contact_sealed ? deps.sealer.open(r.contact_sealed) : null,
      status: r.status,
      stepSeq: r.step_seq === null ? null : Number(r.step_seq),
      dismissalReason: r.dismissal_reason,
      handledAt: r.handled_at,
    }));
  }
  const submissionsOf = async (id: string) => (await submissionsRepo.ofRepairs(db, [id])).get(id)!;

  function view(
    actor: Actor,
    row: RepairRow,
    status: RepairStatus,
    evidence: readonly EvidenceMeta[],
    submissions: readonly SubmissionRow[] = [],
  ): RepairView {
    const today = deps.today();
    const calendar = deps.calendar.current();
    const phase = phaseOn(status, today);
    const party = partyOf(actor, row);
    return {
      id: row.id,
      recordId: row.record_id,
      recordKey: row.record_key,
      entryId: row.entry_id,
      providerDepartment: row.provider_department,
      targetKind: row.target_kind as RepairView['targetKind'],
      path: row.path,
      article: articleOf(row.target_kind, row.path),
      stated: fromJson<StatedFacts>(row.stated),
      proof: row.proof,
      evidence: evidenceViews(evidence),
      commitment: { text: row.commitment_text, digest: row.commitment_digest },
      filedVia: row.filed_via,
      filedAt: row.filed_at,
      state: phase,
      stateLabel: REPAIR_STATE_LABELS[phase].zh,
      open: REPAIR_OPEN_STATES.includes(status.state),
      steps: stepsWithStanding(status, today, calendar),
      opinion: status.opinion,
      notice: status.notice ? { ...status.notice, running: noticeRunning(status, today) } : null,
      noticeObjections: status.noticeObjections,
      submissions: submissionViews(party, submissions),
      decision: status.decision,
      refusedBy: status.refusedBy,
      nextSteps: party === null ? [] : allowedRepairSteps(status, today, party),
      free: REPAIR_IS_FREE,
      policy: { id: row.policy_id, version: row.policy_version },
    };
  }

  function notice(
    recipient: string,
    row: Pick<RepairRow, 'id' | 'subject_id' | 'record_id' | 'entry_id' | 'target_kind' | 'path'>,
    kind: string,
    title: string,
    body: Record<string, unknown>,
    at: string,
  ): Insertable<NotificationTable> {
    return {
      id: uuidv7(),
      kind,
      article: articleOf(row.target_kind, row.path),
      recipient_department: recipient,
      subject_id: row.subject_id,
      entry_id: row.entry_id,
      title,
      body: toJson({ repairId: row.id, recordId: row.record_id, ...body }),
      created_at: at,
      status: 'pending',
      attempts: 0,
      delivered_at: null,
      read_at: null,
      read_by: null,
    };
  }

  function stepRow(repairId: string, seq: number, event: RepairEvent, at: string, who: StepActor) {
    const { kind, on, ...detail } = event;
    return { id: uuidv7(), repair_id: repairId, seq, kind, on_date: on, at, ...who, detail: toJson(detail) };
  }

  /** Refused with the conditions not met, each with its reason, in the message and in the details. */
  const notEligible = (e: RepairEligibility, code: string, zh: string, en: string) => {
    const open = e.conditions.filter((c) => c.status !== 'met');
    const held = open.filter((c) => c.status === 'not_met');
    const shown = held.length > 0 ? held : open;
    return conflict(
      code,
      `${zh}：${shown.map((c) => c.zh).join('；')}`,
      `${en}: ${shown.map((c) => c.en).join('; ')}`,
      {
        verdict: e.verdict,
        earliestDate: e.earliestDate,
        conditions: open.map((c) => ({
          code: c.code,
          article: c.article,
          status: c.status,
          zh: c.zh,
          en: c.en,
        })),
      },
    );
  };

  /** Before filing: whether the subject may apply now, condition by condition, and from which date. */
  async function eligibility(
    subjectId: string,
    input: { recordId: string; stated?: StatedInput | undefined },
  ): Promise<RepairEligibility & { free: typeof REPAIR_IS_FREE }> {
    const on = deps.today();
    const stated = statedOf(input.stated, on);
    // the commitment is signed with the application: assumed for the explanation
    const { application } = await applicationFor(db, subjectId, input.recordId.toLowerCase(), {
      stated: { ...stated, commitmentSignedOn: on },
      on,
    });
    return { ...repairEligibility(policy, application), free: REPAIR_IS_FREE };
  }

  /** The commitment the applicant will sign for this record, and its digest (sent back when applying). */
  async function commitment(subjectId: string, recordId: string) {
    const on = deps.today();
    const { target, item, subject } = await applicationFor(db, subjectId, recordId.toLowerCase(), {
      stated: {},
      on,
    });
    const body = commitmentText(subject, item, target, on);
    return { text: body, digest: sm3(body), free: REPAIR_IS_FREE };
  }

  async function refuseIfOpen(d: Db, recordKey: string) {
    const open = (await onRecords([recordKey], d)).open.get(recordKey);
    if (open) {
      throw conflict(
        'REPAIR_ALREADY_OPEN',
        '这条记录已有一项正在办理的信用修复申请，请查看其进度',
        'This record already has a repair application in progress; follow it',
        { repairId: open },
      );
    }
  }

  /** The subject's notice of a step, as stored (decision 0032); none for a step it is not told of. */
  function told(row: RepairRow, event: RepairEvent, after: RepairStatus, at: string) {
    const notice = repairNotice(
      {
        id: row.id,
        subjectId: row.subject_id,
        recordId: row.record_id,
        article: articleOf(row.target_kind, row.path),
      },
      event,
      after,
    );
    return notice ? [subjectNoticeRow(notice, at)] : [];
  }

  /** One procedure at a time on a record: no repair while an objection to it is open (both engines). */
  async function refuseIfObjected(trx: Db, recordKey: string) {
    const open = deps.openObjections
      ? await deps.openObjections(trx, [recordKey])
      : new Map<string, string>();
    if (open.has(recordKey)) {
      throw conflict(
        'REPAIR_OBJECTION_OPEN',
        '这条记录有一项正在处理的异议，待异议办结后再办理信用修复',
        'This record has an objection in progress; the repair waits until it is closed',
        { objectionId: open.get(recordKey) },
      );
    }
  }

  /** Open repairs on these records, by record key, read in the caller's transaction. */
  async function openOnRecordsIn(d: Db, keys: readonly string[]): Promise<Map<string, string>> {
    return (await onRecords(keys, d)).open;
  }

  /** A18–A19, B31–B32: the subject applies (or the center files for it at a window, with a purpose). */
  async function apply(
    actor: Actor,
    input: { recordId: string; stated?: StatedInput | undefined; proof: string; commitmentDigest: string },
    options: { subjectId: string | undefined; purpose?: string | undefined; requestId?: string | undefined },
  ): Promise<RepairView> {
    if (options.subjectId === undefined) throw recordNotFound();
    const subjectId = options.subjectId;
    const on = deps.today();
    const at = deps.now();
    const stated = statedOf(input.stated, on);
    const proof = text(input.proof, 'proof', '履行义务或纠正失信行为的证明', 4000);
    const recordId = input.recordId.toLowerCase();
    const { application, target, item, subject } = await applicationFor(db, subjectId, recordId, {
      stated: { ...stated, commitmentSignedOn: on },
      on,
    });
    const signed = commitmentText(subject, item, target, on);
    if (input.commitmentDigest.trim().toLowerCase() !== sm3(signed)) {
      throw badRequest(
        'REPAIR_COMMITMENT_MISMATCH',
        '信用承诺书与当前版本不一致（承诺书按当日日期生成）：请重新获取承诺书，阅读后再提交申请',
        "The commitment does not match the current text (it carries today's date): fetch it again, read it, and apply with its digest",
      );
    }
    const result = repairEligibility(policy, application);
    if (result.verdict === 'excluded' || result.verdict === 'not_yet') {
      throw notEligible(result, 'REPAIR_NOT_ELIGIBLE', '暂不符合信用修复条件', 'Not eligible for repair now');
    }
    const via: 'subject' | 'center' =
      actor.kind === 'account' && actor.role === 'subject' ? 'subject' : 'center';
    const id = uuidv7();
    const row: RepairRow = {
      id,
      subject_id: subjectId,
      record_key: target.recordKey,
      record_id: target.recordId,
      entry_id: target.entry?.id ?? null,
      provider_department: target.providerDepartment,
      target_kind: application.target.kind,
      path: result.path,
      stated: toJson({ ...stated, commitmentSignedOn: on }),
      proof,
      commitment_text: signed,
      commitment_digest: sm3(signed),
      filed_via: via,
      filed_by: actorId(actor) ?? 'unknown',
      filed_role: actorRole(actor),
      purpose: via === 'center' ? (options.purpose ?? null) : null,
      filed_at: at,
      policy_id: policy.id,
      policy_version: policy.version,
    };
    const applied: RepairEvent = { kind: 'applied', on, by: via, path: result.path };
    const status = statusOf(row, [stepRow(id, 1, applied, at, stepActorOf(actor)) as RepairEventRow]);
    const writer = { ...deps.audit.writer(actor, options.requestId, options.purpose), at };
    await db.transaction().execute(async (trx: Db) => {
      await objectionsRepository.lockRecord(trx, target.recordKey, store.capabilities.engine);
      await refuseIfOpen(trx, target.recordKey);
      await refuseIfObjected(trx, target.recordKey);
      await repo.write(trx, row, stepRow(id, 1, applied, at, stepActorOf(actor)), {
        notices: [
          notice(
            target.providerDepartment,
            row,
            'repair.applied',
            `信息主体申请修复本单位报送的“${item.name}”记录，请于 ${status.steps[0]!.due} 前出具书面修复意见（${articleOf(row.target_kind, row.path)}）`,
            {
              providerRecordId: target.providerRecordId,
              item: item.code,
              path: result.path,
              verdict: result.verdict,
              opinionDue: status.steps[0]!.due,
            },
            at,
          ),
        ],
        subjectNotices: told(row, applied, status, at),
        writer,
        act: {
          action: 'procedures.repair_applied',
          targetType: 'record',
          targetId: target.recordKey,
          result: 'ok',
          detail: { repairId: id, path: result.path, verdict: result.verdict, via },
        },
      });
    });
    return view(actor, row, status, []);
  }

  const WHO_TAKES: Record<RepairStepInput['kind'], [string, string]> = {
    opinion: ['修复意见由该记录的提供单位出具', "The record's provider gives the opinion"],
    notice_objected: ['公示期间的异议由信用中心登记', 'The credit center records objections to the notice'],
    notice_objection_verified: [
      '公示异议由该记录的提供单位核实',
      "The record's provider verifies the objection",
    ],
    decided: ['采纳决定由信用中心作出', 'The credit center decides on adoption'],
  };
  const PARTY_OF_STEP: Record<RepairStepInput['kind'], Party> = {
    opinion: 'provider',
    notice_objected: 'center',
    notice_objection_verified: 'provider',
    decided: 'center',
  };

  /** A step of the provider or the center. */
  async function act(
    actor: Actor,
    id: string,
    input: RepairStepInput,
    requestId?: string,
  ): Promise<RepairView> {
    const row = await repo.byId(db, id.toLowerCase());
    if (!row || !mayRead(actor, row)) throw repairNotFound();
    const party = partyOf(actor, row);
    if (party !== PARTY_OF_STEP[input.kind]) {
      const [zh, en] = WHO_TAKES[input.kind];
      throw new AppError('REPAIR_STEP_FORBIDDEN', 403, zh, en);
    }
    const on = deps.today();
    const at = deps.now();
    const events = (await repo.eventsOf(db, [row.id])).get(row.id)!;
    const before = statusOf(row, events);
    const article = articleOf(row.target_kind, row.path);
    let event: RepairEvent;
    const notices: Insertable<NotificationTable>[] = [];
    let endEntries:
      | { ids: string[]; reason: string; article: string; detail: Record<string, unknown> }
      | undefined;
    let submission: SubmissionRow | undefined;
    switch (input.kind) {
      case 'opinion': {
        const reasons = text(input.reasons, 'reasons', '修复意见和理由', 4000);
        const judged = input.judged ?? {};
        const findings = input.findings ?? {};
        event = { kind: 'opinion', on, by: 'provider', agrees: input.agrees, reasons, judged, findings };
        if (input.agrees) {
          // The provider agrees only where every condition holds as of the application, its own
          // judgements and findings included.
          const stated = fromJson<StatedFacts>(row.stated);
          const { application } = await applicationFor(db, row.subject_id, row.record_id, {
            stated,
            judged,
            findings,
            on: before.appliedOn,
          });
          const result = repairEligibility(policy, application);
          if (result.verdict !== 'eligible') {
            throw notEligible(
              result,
              'REPAIR_OPINION_CONDITIONS_UNMET',
              '同意修复的意见须以各项条件均已满足为前提，请先判断或核实未满足的条件',
              'An opinion in favour needs every condition met: judge or verify the conditions not met first',
            );
          }
        }
        break;
      }
      case 'notice_objected':
        if (input.submissionId !== undefined) {
          // issue 17: an objection the public submitted on the portal, counted on the day it arrived
          submission = await submissionsRepo.byId(db, input.submissionId.toLowerCase());
          if (!submission || submission.repair_id !== row.id) throw submissionNotFound();
          if (submission.status !== 'received') throw submissionHandled(submission);
        }
        event = {
          kind: 'notice_objected',
          on,
          by: 'center',
          statement: text(input.statement ?? submission?.grounds, 'statement', '异议内容', 4000),
          objector: text(
            input.objector ?? (submission ? `公众（门户网站提交 ${submission.id.slice(-8)}）` : undefined),
            'objector',
            '异议人',
            200,
          ),
          ...(submission ? { submissionId: submission.id, receivedOn: submission.submitted_on } : {}),
        };
        notices.push(
          notice(
            row.provider_department,
            row,
            'repair.notice_objected',
            `修复公示期间收到异议，请于 ${deps.calendar.current().addWorkdays(on, policy.objection.providerVerification.workdays).deadline} 前核实（${article}）`,
            {},
            at,
          ),
        );
        break;
      case 'notice_objection_verified':
        event = {
          kind: 'notice_objection_verified',
          on,
          by: 'provider',
          founded: input.founded,
          reasons: text(input.reasons, 'reasons', '核实意见', 4000),
        };
        break;
      case 'decided': {
        const reasons = text(input.reasons, 'reasons', '采纳或不予采纳的理由', 4000);
        event = {
          kind: 'decided',
          on,
          by: 'center',
          adopted: input.adopted,
          reasons,
          decisionNumber: input.adopted ? `XYXF-${on.replaceAll('-', '')}-${row.id.slice(-8)}` : null,
        };
        if (input.adopted) {
          const [target] = await repo.recordsOfSubject(db, row.subject_id, row.record_key);
          if (!target || target.withdrawn) {
            throw conflict(
              'REPAIR_RECORD_WITHDRAWN',
              '该记录已依据决定撤销，不再公开和使用，无需修复（A20）',
              'This record was withdrawn on a decision; there is nothing to repair (A20)',
            );
          }
          const associated = target.entry ? await repo.associatedActive(db, target.entry.id) : [];
          const ids = target.entry ? [target.entry.id, ...associated.map((a) => a.id)] : [];
          const reason = `${article}：信用修复已采纳，原记录转为档案，不再作为惩戒依据`;
          endEntries = { ids, reason, article, detail: { repairId: row.id } };
          // Departments whose checks hit the subject recently (issue 16) may be applying measures on it:
          // they are told it no longer counts.
          const since = subtractPolicyDuration(on, RECENT_CHECKS);
          const from = [since, target.identifiedOn].sort()[1]!; // the later of the two China dates
          // ... and the departments that checked the persons answering for it (B26: their entries end too)
          const checked = new Set<string>();
          for (const subjectId of new Set([row.subject_id, ...associated.map((a) => a.subjectId)])) {
            for (const d of await repo.departmentsThatChecked(db, subjectId, from)) checked.add(d);
          }
          const itemName = (await itemOf(target.itemCode, target.itemVersion)).name;
          for (const department of new Set([row.provider_department, ...checked])) {
            notices.push(
              notice(
                department,
                row,
                'repair.adopted',
                `信用修复已采纳（决定书编号 ${event.decisionNumber}）：该主体的“${itemName}”记录转为档案，不再作为联合惩戒依据，请停止据此采取的措施（${article}）`,
                { decisionNumber: event.decisionNumber, itemCode: target.itemCode },
                at,
              ),
            );
          }
        }
        break;
      }
    }
    try {
      checkRepairStep(before, event);
    } catch (error) {
      if (error instanceof ProcedureError) throw conflict(error.code, error.message, error.messageEn);
      throw error;
    }
    const stored = stepRow(row.id, events.length + 1, event, at, stepActorOf(actor));
    const writer = { ...deps.audit.writer(actor, requestId), at };
    try {
      await db.transaction().execute(async (trx: Db) => {
        if (event.kind === 'decided' && event.adopted) {
          // decided on the facts as they stand: not while an objection to the record is open
          await objectionsRepository.lockRecord(trx, row.record_key, store.capabilities.engine);
          await refuseIfObjected(trx, row.record_key);
        }
        const handled = submission
          ? await submissionsRepo.handle(trx, submission.id, {
              status: 'recorded',
              handled_at: at,
              handled_by: actorId(actor),
              handled_role: actorRole(actor),
              step_seq: stored.seq,
              dismissal_reason: null,
            })
          : undefined;
        if (submission && !handled) throw submissionHandled(submission);
        await repo.write(trx, null, stored, {
          ...(endEntries ? { endEntries } : {}),
          ...(handled
            ? { alsoRecorded: [{ table: REPAIR_NOTICE_SUBMISSIONS_AUDITED, rows: [handled] }] }
            : {}),
          notices,
          subjectNotices: told(row, event, statusOf(row, [...events, stored as RepairEventRow]), at),
          writer,
          act: {
            action: `procedures.repair_${event.kind}`,
            targetType: 'repair',
            targetId: row.id,
            result: 'ok',
            detail: {
              recordKey: row.record_key,
              seq: stored.seq,
              ...(submission ? { submissionId: submission.id } : {}),
            },
          },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict(
          'REPAIR_STEP_CONCURRENT',
          '这项申请刚刚有人办理了下一步，请刷新后查看',
          'Someone has just taken the next step on this application; reload it',
        );
      }
      throw error;
    }
    return view(
      actor,
      row,
      statusOf(row, [...events, stored as RepairEventRow]),
      await evidenceOf(row.id),
      await submissionsOf(row.id),
    );
  }

  async function get(actor: Actor, id: string): Promise<RepairView> {
    const row = await repo.byId(db, id.toLowerCase());
    if (!row || !mayRead(actor, row)) throw repairNotFound();
    const [{ status }] = (await withStatus(db, [row])) as [{ row: RepairRow; status: RepairStatus }];
    return view(actor, row, status, await evidenceOf(row.id), await submissionsOf(row.id));
  }

  async function list(actor: Actor, filter: { open?: boolean | undefined; limit: number }) {
    const scope =
      actor.kind === 'account' && actor.role === 'subject'
        ? { subjectId: actor.subjectId ?? '' }
        : actor.kind === 'account' && (actor.role === 'center_staff' || actor.role === 'credit_office')
          ? {}
          : { department: actorDepartment(actor) ?? '' };
    const out: RepairView[] = [];
    for await (const rows of pagesOf<RepairRow>(db, 'repairs', scope, PAGE)) {
      const evidence = await evidenceRepository.of(
        db,
        REPAIR_EVIDENCE,
        rows.map((r) => r.id),
      );
      const submissions = await submissionsRepo.ofRepairs(
        db,
        rows.map((r) => r.id),
      );
      for (const { row, status } of await withStatus(db, rows)) {
        if (filter.open !== undefined && REPAIR_OPEN_STATES.includes(status.state) !== filter.open) continue;
        out.push(view(actor, row, status, evidence.get(row.id)!, submissions.get(row.id)!));
        if (out.length >= filter.limit) return out;
      }
    }
    return out;
  }

  /**
   * Every repair applied for on or before `day`, as it stood that day — replayed from the steps taken
   * by then — newest first, a page at a time (the A21/B35 statistics, procedure-stats.ts).
   */
  async function* asOf(day: string) {
    for await (const rows of pagesOf<RepairRow>(db, 'repairs', {}, PAGE)) {
      const events = await repo.eventsOf(
        db,
        rows.map((r) => r.id),
      );
      for (const row of rows) {
        const taken = stepsTakenBy(events.get(row.id)!, day);
        if (taken.length > 0) {
          yield { providerDepartment: row.provider_department, status: statusOf(row, taken) };
        }
      }
    }
  }

  /** A19, B32: the repair opinions under public notice today, for the portal (no personal data beyond A7). */
  async function publicNotices(page: { page: number; pageSize: number } = { page: 1, pageSize: 100 }) {
    const today = deps.today();
    const out: {
      repairId: string;
      subjectName: string;
      subjectKind: string;
      item: string;
      itemName: string;
      providerDepartment: string;
      providerName: string;
      record: { date: string; dateLabel: string; documentNumber: string | null; severity: string | null };
      opinion: { on: string; reasons: string | null };
      article: string;
      from: string;
      until: string;
      provisional: boolean;
      objectionUrl: string;
    }[] = [];
    const names = new Map(((await deps.departments?.list()) ?? []).map((d) => [d.code, d.name]));
    // A notice starts with an opinion in favour and lasts a few working days: only repairs with an
    // opinion in the last NOTICE_LOOKBACK can be under notice today (not every repair ever filed).
    const rows = await repo.withOpinionSince(db, subtractPolicyDuration(today, NOTICE_LOOKBACK));
    for (const { row, status } of await withStatus(db, rows)) {
      if (!noticeRunning(status, today)) continue;
      const subject = await deps.subjects.findById(row.subject_id);
      const [target] = await repo.recordsOfSubject(db, row.subject_id, row.record_key);
      const item = target ? await itemOf(target.itemCode, target.itemVersion) : undefined;
      out.push({
        repairId: row.id,
        subjectName: publicName(policy, subject),
        subjectKind: subject?.kind ?? '',
        item: item?.code ?? '',
        itemName: item?.name ?? '',
        providerDepartment: row.provider_department,
        providerName: names.get(row.provider_department) ?? row.provider_department,
        record: {
          date: target?.identifiedOn ?? '',
          dateLabel: item?.identifiedOnLabel ?? '认定日期',
          documentNumber:
            typeof target?.fields.documentNumber === 'string' ? target.fields.documentNumber : null,
          severity: target?.severity ?? null,
        },
        // A19, B32: the opinion is what is publicized; a person's reasons (free text) are not (A7)
        opinion: {
          on: status.opinion!.on,
          reasons: subject?.kind === 'organization' ? status.opinion!.reasons : null,
        },
        article: articleOf(row.target_kind, row.path),
        from: status.notice!.from,
        until: status.notice!.until,
        provisional: status.notice!.provisional,
        objectionUrl: `/api/v1/public/repair-notices/${row.id}/objections`,
      });
    }
    // newest notices first; a page of them (a notice runs a few working days, so they are few)
    out.sort((a, b) => b.from.localeCompare(a.from) || b.repairId.localeCompare(a.repairId));
    const start = (page.page - 1) * page.pageSize;
    return {
      notices: out.slice(start, start + page.pageSize),
      page: page.page,
      pageSize: page.pageSize,
      total: out.length,
      free: REPAIR_IS_FREE,
      objections: NOTICE_OBJECTIONS,
    };
  }

  /**
   * Issue 17: anyone objects to a repair under public notice on the portal (A19, B32: objections
   * during the notice are verified). Stored as a submission for the credit center — the name and
   * contact sealed, either optional — and told to the center's inbox in the same transaction; the
   * center records it as the repair's `notice_objected` step or dismisses it with a reason. Refused
   * outside the notice (`REPAIR_NOTICE_NOT_RUNNING`, with its dates); a repair that was never under
   * notice is not disclosed (`REPAIR_NOTICE_NOT_FOUND`).
   */
  /**
   * A client address as a submission keeps it: an HMAC under a key derived for this use alone (as the
   * request log digests values, request-log.ts), so equal addresses compare and none can be read back.
   */
  let clientHmac: ((value: string) => string) | undefined;
  const clientDigestOf = (address: string) => {
    clientHmac ??= hmacSha256Hex(deps.sealer.deriveKey('repair-notice-client'));
    return clientHmac(address).slice(0, 32);
  };

  async function submitNoticeObjection(
    repairId: string,
    input: { name?: string | undefined; contact?: string | undefined; grounds: string },
    requestId?: string,
    /** the client address it came from: kept only as a keyed digest (personal data) */
    client?: string,
  ) {
    const row = await repo.byId(db, repairId.toLowerCase());
    if (!row) throw noticeNotFound();
    const events = (await repo.eventsOf(db, [row.id])).get(row.id)!;
    const status = statusOf(row, events);
    if (!status.notice) throw noticeNotFound();
    const today = deps.today();
    if (!noticeRunning(status, today)) {
      const { from, until } = status.notice;
      const [zh, en] =
        today < from
          ? [`该公示自 ${from} 开始`, `the notice starts on ${from}`]
          : REPAIR_OPEN_STATES.includes(status.state) && today > until
            ? [`该公示已于 ${until} 结束`, `the notice ended on ${until}`]
            : [`该修复申请已办结，公示不再进行`, 'the repair has been closed and its notice no longer runs'];
      throw conflict(
        'REPAIR_NOTICE_NOT_RUNNING',
        `${zh}，只能在公示期间（${from} 至 ${until}）提出异议；对修复结果有异议的，可向信用中心书面反映`,
        `${en}: objections are taken during the notice only (${from} to ${until}); write to the credit center about the outcome`,
        { from, until },
      );
    }
    // What a reader would not see as written is refused, in every field (the center reads them).
    for (const [field, value, multiline] of [
      ['name', input.name, false],
      ['contact', input.contact, false],
      ['grounds', input.grounds, true],
    ] as const) {
      const found = value === undefined ? null : controlCharacterIn(value, { multiline });
      if (found) {
        throw badRequest(
          'TEXT_CONTROL_CHARACTERS',
          `${field} 含有控制字符或不可见的格式字符（${found}，如零宽空格、文字方向控制符），请删除后重新提交`,
          `${field} holds a control or invisible format character (${found}, e.g. a zero-width space or a direction override); remove it and submit again`,
          { field, character: found },
        );
      }
    }
    const grounds = text(input.grounds.replace(/\r\n?/g, '\n'), 'grounds', '异议的事实和理由', 2000);
    if (substanceOf(grounds) < MIN_GROUNDS_SUBSTANCE) {
      throw badRequest(
        'REPAIR_NOTICE_GROUNDS_TOO_THIN',
        `请写明异议的事实和理由（至少 ${MIN_GROUNDS_SUBSTANCE} 个汉字、字母或数字）`,
        `State the facts and reasons of the objection (at least ${MIN_GROUNDS_SUBSTANCE} letters, digits or Han characters)`,
        { field: 'grounds', min: MIN_GROUNDS_SUBSTANCE },
      );
    }
    const clientDigest = client === undefined ? null : clientDigestOf(client);
    const tally = await submissionsRepo.tallyOf(db, row.id, clientDigest, today);
    if (tally.total >= MAX_SUBMISSIONS_PER_REPAIR) {
      throw conflict(
        'REPAIR_SUBMISSIONS_FULL',
        '该公示收到的网上异议已达上限，请到信用中心窗口或以书面形式提出',
        'This notice has received the most objections the portal takes; write to the credit center or come to its window',
        { max: MAX_SUBMISSIONS_PER_REPAIR },
      );
    }
    if (tally.fromClient >= MAX_SUBMISSIONS_PER_CLIENT) {
      throw conflict(
        'REPAIR_SUBMISSIONS_PER_CLIENT',
        `同一来源对该公示最多在网上提出 ${MAX_SUBMISSIONS_PER_CLIENT} 条异议；如需补充，请到信用中心窗口或以书面形式提出`,
        `One sender may submit at most ${MAX_SUBMISSIONS_PER_CLIENT} objections to this notice online; to add more, write to the credit center or come to its window`,
        { max: MAX_SUBMISSIONS_PER_CLIENT },
      );
    }
    const at = deps.now();
    const name = input.name?.trim() ? input.name.trim() : null;
    const contact = input.contact?.trim() ? input.contact.trim() : null;
    const submission = {
      id: uuidv7(),
      repair_id: row.id,
      name_sealed: name === null ? null : deps.sealer.seal(name),
      contact_sealed: contact === null ? null : deps.sealer.seal(contact),
      grounds,
      submitted_on: today,
      submitted_at: at,
      status: 'received' as const,
      handled_at: null,
      handled_by: null,
      handled_role: null,
      step_seq: null,
      dismissal_reason: null,
      client_digest: clientDigest,
    };
    // One inbox notice per repair per day, with the first submission: the center reads them all on
    // the repair (a notice per submission would let a sender fill the center's inbox).
    const center = deps.centerDepartment && tally.onDay === 0 ? await deps.centerDepartment() : null;
    const notices = center
      ? [
          notice(
            center,
            row,
            'repair.notice_submission',
            `公众对信用修复公示提出异议（公示至 ${status.notice.until}），请登记为公示异议交提供单位核实，或说明理由不予登记（${articleOf(row.target_kind, row.path)}）`,
            { submissionId: submission.id, noticeUntil: status.notice.until },
            at,
          ),
        ]
      : [];
    const writer = { ...deps.audit.writer(ANONYMOUS, requestId), at };
    await db.transaction().execute((trx: Db) =>
      submissionsRepo.insert(trx, submission, notices, writer, {
        action: 'procedures.repair_notice_submitted',
        targetType: 'repair',
        targetId: row.id,
        result: 'ok',
        detail: { submissionId: submission.id, named: name !== null, contactLeft: contact !== null },
      }),
    );
    return {
      submissionId: submission.id,
      repairId: row.id,
      submittedOn: today,
      noticeUntil: status.notice.until,
      message: SUBMISSION_RECEIVED,
      free: REPAIR_IS_FREE,
    };
  }

  /** Issue 17: the center dismisses a public submission with its reason (not an objection to verify). */
  async function dismissSubmission(
    actor: Actor,
    repairId: string,
    submissionId: string,
    reason: string,
    requestId?: string,
  ): Promise<RepairView> {
    const row = await repo.byId(db, repairId.toLowerCase());
    if (!row || !mayRead(actor, row)) throw repairNotFound();
    if (partyOf(actor, row) !== 'center') {
      throw new AppError(
        'REPAIR_STEP_FORBIDDEN',
        403,
        '公众提交的异议由信用中心登记或不予登记',
        'The credit center records or dismisses objections submitted by the public',
      );
    }
    const submission = await submissionsRepo.byId(db, submissionId.toLowerCase());
    if (!submission || submission.repair_id !== row.id) throw submissionNotFound();
    if (submission.status !== 'received') throw submissionHandled(submission);
    const why = text(reason, 'reason', '不予登记的理由', 2000);
    const at = deps.now();
    const writer = { ...deps.audit.writer(actor, requestId), at };
    await db.transaction().execute(async (trx: Db) => {
      const handled = await submissionsRepo.handle(trx, submission.id, {
        status: 'dismissed',
        handled_at: at,
        handled_by: actorId(actor),
        handled_role: actorRole(actor),
        step_seq: null,
        dismissal_reason: why,
      });
      if (!handled) throw submissionHandled(submission);
      await recordStoredTables(trx, [{ table: REPAIR_NOTICE_SUBMISSIONS_AUDITED, rows: [handled] }], writer, [
        {
          ...writer,
          action: 'procedures.repair_notice_submission_dismissed',
          targetType: 'repair',
          targetId: row.id,
          result: 'ok',
          detail: { submissionId: submission.id },
        },
      ]);
    });
    return get(actor, row.id);
  }

  /**
   * Intake's hook: a record withdrawn on a decision (A20) while a repair of it is open leaves nothing to
   * repair — the repair lapses in the same transaction (its notice leaves the portal, its steps close,
   * the subject is told).
   */
  const intakeHooks: IntakeHooks = {
    async written(trx, written, batch) {
      const withdrawn = written.filter((w) => Number(w.record.withdrawn) === 1);
      if (withdrawn.length === 0) return undefined;
      const byKey = new Map(withdrawn.map((w) => [String(w.record.record_key), w]));
      const open = (await withStatus(trx, await repo.ofRecordKeys(trx, [...byKey.keys()]))).filter((r) =>
        REPAIR_OPEN_STATES.includes(r.status.state),
      );
      for (const { row } of open) {
        const w = byKey.get(row.record_key)!;
        const events = (await repo.eventsOf(trx, [row.id])).get(row.id)!;
        const event: RepairEvent = {
          kind: 'lapsed',
          on: chinaDayOf(batch.at),
          by: 'system',
          reason: 'record_withdrawn',
          recordId: String(w.record.id),
        };
        const who = {
          actor_id: batch.writer.actorId ?? null,
          actor_role: batch.writer.actorRole,
          actor_department: batch.providerDepartment,
        };
        const stored = stepRow(row.id, events.length + 1, event, batch.at, who);
        await repo.write(trx, null, stored, {
          subjectNotices: told(row, event, statusOf(row, [...events, stored as RepairEventRow]), batch.at),
          writer: { ...batch.writer, at: batch.at },
          act: {
            action: 'procedures.repair_lapsed',
            targetType: 'repair',
            targetId: row.id,
            result: 'ok',
            detail: { recordId: w.record.id, batchId: batch.batchId },
          },
        });
      }
      return undefined;
    },
  };

  /** The scheduler's view (decision 0031): every open repair's open steps. */
  const stepSource: StepSource = {
    procedure: 'repair',
    async *openSteps() {
      for await (const rows of pagesOf<RepairRow>(db, 'repairs', {}, PAGE)) {
        for (const { row, status } of await withStatus(db, rows)) yield* repairOpenSteps(row, status);
      }
    },
  };

  /** Issue 16: for every read of records — the repairs in progress and the adopted ones, by record key. */
  async function onRecords(keys: readonly string[], d: Db = db) {
    const open = new Map<string, string>();
    const repaired = new Map<string, string>();
    for (const { row, status } of await withStatus(d, await repo.ofRecordKeys(d, keys))) {
      if (REPAIR_OPEN_STATES.includes(status.state)) open.set(row.record_key, row.id);
      if (status.state === 'repaired') repaired.set(row.record_key, articleOf(row.target_kind, row.path));
    }
    return { open, repaired };
  }

  /** The 信用修复决定书 of an adopted repair, as a printable, self-contained HTML page (escaped). */
  async function decisionDocument(actor: Actor, id: string): Promise<{ number: string; html: string }> {
    const view_ = await get(actor, id);
    if (view_.decision === null || !view_.decision.adopted) {
      throw conflict(
        'REPAIR_NOT_DECIDED',
        '该申请尚未作出采纳修复的决定，暂无决定书',
        'No decision to repair has been taken on this application yet',
      );
    }
    const row = (await repo.byId(db, view_.id))!;
    const subject = await deps.subjects.findById(row.subject_id);
    const [target] = await repo.recordsOfSubject(db, row.subject_id, row.record_key);
    const item = target ? await itemOf(target.itemCode, target.itemVersion) : undefined;
    const d = view_.decision;
    const e = escapeHtml;
    const number = d.decisionNumber ?? '';
    const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>信用修复决定书 ${e(number)}</title>
<style>body{font-family:"Noto Sans SC",sans-serif;max-width:42em;margin:2em auto;line-height:1.8}h1{text-align:center}</style>
</head><body>
<h1>信用修复决定书</h1>
<p style="text-align:right">${e(number)}</p>
<p>申请人：${e(subject?.name ?? '')}</p>
<p>你（单位）于 ${e(view_.steps[0]?.opened ?? '')} 申请修复“${e(item?.name ?? '')}”记录（记录编号 ${e(row.record_id)}，认定日期 ${e(target?.identifiedOn ?? '')}）。经信息提供单位 ${e(row.provider_department)} 出具意见${view_.notice ? `并于 ${e(view_.notice.from)} 至 ${e(view_.notice.until)} 公示` : ''}，本中心决定予以修复：</p>
<p>${e(d.reasons)}</p>
<p>自本决定作出之日（${e(d.on)}）起，原记录转为档案，不再公开，不再作为联合惩戒的依据（${e(view_.article)}）。</p>
<p>${e(REPAIR_IS_FREE.zh)}</p>
<p style="text-align:right">淮安市公共信用信息中心<br>${e(d.on)}</p>
<p style="font-size:small">适用政策：${e(row.policy_id)} ${e(row.policy_version)}；申请编号 ${e(row.id)}</p>
</body></html>
`;
    return { number, html };
  }

  async function evidenceOf(id: string) {
    return (await evidenceRepository.of(db, REPAIR_EVIDENCE, [id])).get(id)!;
  }

  /**
   * The proof of performance as files (procedure-evidence.service.ts; issue 16: "written application
   * with a 信用承诺书 ... and proof of performance"; 国办发〔2025〕22号): added by the applicant or the
   * center at a window while the repair is open; read by whoever may read the repair (the subject,
   * the center, the record's provider, the credit office). A file added while the provider's opinion
   * is pending is told to the provider in its inbox, in the file's transaction.
   */
  const evidence = procedureEvidence(
    deps,
    {
      store: REPAIR_EVIDENCE,
      noun: { zh: '信用修复申请', en: 'repair application' },
      action: 'procedures.repair_evidence_added',
      targetType: 'repair',
      forbidden: () =>
        new AppError(
          'REPAIR_EVIDENCE_FORBIDDEN',
          403,
          '修复证明材料由申请人（信息主体）提交，或由信用中心窗口代为提交',
          'Proof of performance is added by the applicant (the subject), or by the credit center at a service window on its behalf',
        ),
      closed: (state) =>
        conflict(
          'REPAIR_EVIDENCE_CLOSED',
          '该信用修复申请已办结，不能再补充证明材料；如需再次申请，请重新提交申请并附上材料',
          'This repair application is closed and takes no more files; to apply again, file a new application with them',
          { state },
        ),
    },
    {
      async find(actor, id) {
        const row = await repo.byId(db, id.toLowerCase());
        if (!row || !mayRead(actor, row)) throw repairNotFound();
        const [{ status }] = (await withStatus(db, [row])) as [{ row: RepairRow; status: RepairStatus }];
        const party = partyOf(actor, row);
        return {
          id: row.id,
          adder: party === 'subject' || party === 'center' ? party : null,
          open: REPAIR_OPEN_STATES.includes(status.state),
          state: status.state,
          readRefusal: null,
          noticesFor: (file) =>
            status.state === 'opinion'
              ? [
                  notice(
                    row.provider_department,
                    row,
                    'repair.evidence_added',
                    `${file.added_via === 'center' ? '信用中心窗口代信息主体' : '信息主体'}为信用修复申请补充了证明材料（${EVIDENCE_TYPES[file.file_type as EvidenceType].zh}），请在 ${status.steps[0]?.due} 前出具修复意见时一并审查（${articleOf(row.target_kind, row.path)}）`,
                    {
                      evidenceId: file.id,
                      name: file.name,
                      type: file.file_type,
                      size: file.size,
                      sm3: file.sm3,
                      opinionDue: status.steps[0]?.due ?? null,
                      download: `/api/v1/repairs/${row.id}/evidence/${file.id}`,
                    },
                    file.added_at,
                  ),
                ]
              : [],
        };
      },
    },
  );

  return {
    openOnRecordsIn,
    intakeHooks,
    stepSource,
    eligibility,
    commitment,
    apply,
    act,
    get,
    list,
    publicNotices,
    submitNoticeObjection,
    dismissSubmission,
    asOf,
    onRecords,
    decisionDocument,
    mayRead,
    addEvidence: evidence.add,
    evidenceFile: evidence.read,
  };
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export type RepairsService = ReturnType<typeof repairsService>;
