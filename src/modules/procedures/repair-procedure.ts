/**
 * The credit repair procedure (信用修复, A18–A19 for black-list entries, B31–B32 for other negative
 * records; issue 16) as a pure state machine over its events, like the objection procedure.
 *
 * The subject (own account) or the center at a service window files a written application with the
 * signed 信用承诺书 and its proof of performance; the record's provider gives its written opinion within
 * the policy's working days (`repairProcedure.providerOpinion`), judging what only it can judge (the
 * impact removed, a repentance accepted). An opinion in favour is publicized for the policy's notice
 * period (A19, B32: 5 working days, on the portal); an objection raised during the notice is verified
 * by the provider (`objection.providerVerification` working days) — founded, the repair is refused;
 * unfounded, the notice runs on. After the notice (or, under a policy with no notice, after the
 * opinion) the credit center adopts the repair within `repairProcedure.adoption` working days, counted
 * from the end of the notice or from the application as the policy says; adopted, the original record
 * becomes an archive (A19) and stops counting at once.
 *
 * The state is always replayed from the events; only `today` turns a notice that has ended into the
 * adoption phase (`phaseOn`). No I/O here: the caller supplies the calendar, the periods and dates.
 */
import type { WorkdayCalendar } from '../calendar/index.ts';
import { type DeadlineState, deadlineState, ProcedureError } from './objection-procedure.ts';
import type { ProviderJudgements, RepairPath } from './repair-eligibility.ts';

export type RepairParty = 'subject' | 'center' | 'provider' | 'system';

/** B31(2)2, 6, 7: exclusions only the provider can establish, stated with its opinion. */
export type ProviderFindings = {
  inBankruptcyProceedings?: boolean | undefined;
  ignoredRemindersOrInterviews?: boolean | undefined;
  /** a case the provider's department rules out of repair (B31(2)7), with its reason */
  declaredExclusion?: { reason: string; reasonEn: string } | null | undefined;
};

export type RepairEvent =
  | { kind: 'applied'; on: string; by: 'subject' | 'center'; path: RepairPath }
  | {
      kind: 'opinion';
      on: string;
      by: 'provider';
      agrees: boolean;
      reasons: string;
      judged: ProviderJudgements;
      findings: ProviderFindings;
    }
  | {
      kind: 'notice_objected';
      on: string;
      by: 'center';
      statement: string;
      objector: string;
      /**
       * issue 17: the objection was submitted by the public on the portal (its submission's id) and
       * reached the center on `receivedOn`, which the notice's end is checked against — recorded
       * after the notice ended, it still counts when it arrived during it
       */
      submissionId?: string | undefined;
      receivedOn?: string | undefined;
    }
  | { kind: 'notice_objection_verified'; on: string; by: 'provider'; founded: boolean; reasons: string }
  | {
      kind: 'decided';
      on: string;
      by: 'center';
      adopted: boolean;
      reasons: string;
      decisionNumber: string | null;
    }
  /** the record was withdrawn (A20) while the repair was open: nothing is left to repair */
  | { kind: 'lapsed'; on: string; by: 'system'; reason: 'record_withdrawn'; recordId: string };

export type RepairEventKind = RepairEvent['kind'];

/**
 * opinion: with the provider; notice: publicized (an ended notice is the adoption phase, `phaseOn`);
 * notice_objection: an objection raised during the notice is being verified; adoption: with the center
 * (a policy without a notice goes here from the opinion); repaired: adopted, the record archived (A19);
 * refused: the provider's opinion against it, a founded objection during the notice, or the center not
 * adopting it — closed, with the reasons.
 */
export type RepairState =
  | 'opinion'
  | 'notice'
  | 'notice_objection'
  | 'adoption'
  | 'repaired'
  | 'refused'
  | 'lapsed';

export const REPAIR_OPEN_STATES: readonly RepairState[] = [
  'opinion',
  'notice',
  'notice_objection',
  'adoption',
];

export const REPAIR_STATE_LABELS: Record<RepairState, { zh: string; en: string }> = {
  opinion: { zh: '提供单位出具修复意见中', en: 'with the provider for its opinion' },
  notice: { zh: '修复意见公示中', en: 'repair opinion under public notice' },
  notice_objection: {
    zh: '公示期间收到异议，提供单位核实中',
    en: 'objection during the notice being verified',
  },
  adoption: { zh: '待信用中心采纳', en: 'awaiting adoption by the credit center' },
  repaired: { zh: '已修复，原记录转为档案', en: 'repaired; the original record is archived' },
  refused: { zh: '不予修复', en: 'repair refused' },
  lapsed: { zh: '记录已撤销，修复申请终止', en: 'closed: the record was withdrawn' },
};

/** The periods the procedure takes from the policy. `notice` absent: a policy without a public notice. */
export type RepairPeriods = {
  providerOpinion: { workdays: number };
  notice: { workdays: number } | null;
  noticeVerification: { workdays: number };
  adoption: { workdays: number; from: 'notice_end' | 'application' };
};

export type RepairStepName = 'opinion' | 'notice_verification' | 'adoption';

export type RepairStep = {
  step: RepairStepName;
  party: 'provider' | 'center';
  article: string;
  opened: string;
  due: string;
  provisional: boolean;
  closed: string | null;
};

export type RepairStatus = {
  state: RepairState;
  path: RepairPath;
  appliedOn: string;
  steps: RepairStep[];
  opinion: {
    agrees: boolean;
    on: string;
    reasons: string;
    judged: ProviderJudgements;
    findings: ProviderFindings;
  } | null;
  /** the public notice (公示): its first and last day */
  notice: { from: string; until: string; provisional: boolean } | null;
  noticeObjections: {
    on: string;
    statement: string;
    founded: boolean | null;
    reasons: string | null;
    /** issue 17: the public submission it was recorded from; null when recorded from a letter or a window */
    submissionId: string | null;
  }[];
  decision: { adopted: boolean; on: string; reasons: string; decisionNumber: string | null } | null;
  /** who refused it, when it was refused */
  refusedBy: 'provider' | 'notice_objection' | 'center' | null;
};

const PARTY_LABELS: Record<RepairParty, { zh: string; en: string }> = {
  subject: { zh: '信息主体', en: 'the subject' },
  center: { zh: '信用中心', en: 'the credit center' },
  provider: { zh: '信息提供单位', en: 'the provider' },
  system: { zh: '平台', en: 'the platform' },
};

const STEP_LABELS: Record<RepairEventKind, { zh: string; en: string }> = {
  applied: { zh: '申请信用修复', en: 'apply for repair' },
  opinion: { zh: '出具修复意见', en: 'give the opinion' },
  notice_objected: { zh: '登记公示期间的异议', en: 'record an objection to the notice' },
  notice_objection_verified: { zh: '反馈公示异议核实结果', en: 'report on the objection to the notice' },
  decided: { zh: '作出采纳决定', en: 'decide on adoption' },
  lapsed: { zh: '终止申请', en: 'close the application' },
};

const TRANSITIONS: Record<
  RepairEventKind,
  { from: readonly (RepairState | null)[]; by: readonly RepairParty[] }
> = {
  applied: { from: [null], by: ['subject', 'center'] },
  opinion: { from: ['opinion'], by: ['provider'] },
  // a second objection may arrive while the first is being verified: each is verified in turn
  notice_objected: { from: ['notice', 'notice_objection'], by: ['center'] },
  notice_objection_verified: { from: ['notice_objection'], by: ['provider'] },
  decided: { from: ['notice', 'adoption'], by: ['center'] },
  lapsed: { from: ['opinion', 'notice', 'notice_objection', 'adoption'], by: ['system'] },
};

function notAllowed(state: RepairState | null, kind: RepairEventKind, party: RepairParty) {
  const label = state === null ? { zh: '未申请', en: 'not filed' } : REPAIR_STATE_LABELS[state];
  return new ProcedureError(
    'REPAIR_STEP_NOT_ALLOWED',
    `信用修复当前处于“${label.zh}”阶段，${PARTY_LABELS[party].zh}不能进行“${STEP_LABELS[kind].zh}”`,
    `The repair is at "${label.en}"; ${PARTY_LABELS[party].en} cannot ${STEP_LABELS[kind].en} now`,
  );
}

/**
 * Refuses an event its state, its party or the notice's dates do not allow: an objection to the
 * notice only while it runs (up to its last day), an adoption only after it has ended.
 */
export function checkRepairStep(status: RepairStatus | null, event: RepairEvent): void {
  // an objection counts on the day it reached the center (issue 17: a public submission), no later
  const on = event.kind === 'notice_objected' ? (event.receivedOn ?? event.on) : event.on;
  const refusal = refusalOf(status, event.kind, on, event.by);
  if (refusal) throw refusal;
}

/**
 * The steps `party` may take on `on` — those `checkRepairStep` lets through, the notice's dates
 * included (an objection only while it runs, the adoption only once it has ended).
 */
export function allowedRepairSteps(status: RepairStatus, on: string, party: RepairParty): RepairEventKind[] {
  return (Object.keys(TRANSITIONS) as RepairEventKind[]).filter(
    (kind) => kind !== 'applied' && refusalOf(status, kind, on, party) === null,
  );
}

function refusalOf(
  status: RepairStatus | null,
  kind: RepairEventKind,
  on: string,
  by: RepairParty,
): ProcedureError | null {
  const state = status?.state ?? null;
  const rule = TRANSITIONS[kind];
  if (!rule.from.includes(state) || !rule.by.includes(by)) return notAllowed(state, kind, by);
  const notice = status?.notice;
  if (kind === 'notice_objected' && notice && on > notice.until) {
    return new ProcedureError(
      'REPAIR_NOTICE_ENDED',
      `公示期已于 ${notice.until} 结束，不能再登记公示期间的异议；对修复结果有异议的，可对记录提出异议`,
      `The notice ended on ${notice.until}; an objection can no longer be recorded against it (object to the record instead)`,
    );
  }
  if (kind === 'decided' && notice && on <= notice.until) {
    return new ProcedureError(
      'REPAIR_NOTICE_RUNNING',
      `修复意见公示至 ${notice.until}，公示期满后方可作出采纳决定（A19、B32）`,
      `The repair opinion is under public notice until ${notice.until}; decide after the notice has ended (A19, B32)`,
    );
  }
  return null;
}

function deadline(calendar: WorkdayCalendar, from: string, workdays: number) {
  const d = calendar.addWorkdays(from, workdays);
  return { due: d.deadline, provisional: d.provisional };
}

/** The repair's state and steps, replayed from its events in order. */
export function replayRepair(
  events: readonly RepairEvent[],
  periods: RepairPeriods,
  calendar: WorkdayCalendar,
  article: string,
): RepairStatus {
  const [first, ...rest] = events;
  if (first?.kind !== 'applied') throw new Error('a repair starts with its application');
  checkRepairStep(null, first);
  const status: RepairStatus = {
    state: 'opinion',
    path: first.path,
    appliedOn: first.on,
    steps: [
      {
        step: 'opinion',
        party: 'provider',
        article,
        opened: first.on,
        ...deadline(calendar, first.on, periods.providerOpinion.workdays),
        closed: null,
      },
    ],
    opinion: null,
    notice: null,
    noticeObjections: [],
    decision: null,
    refusedBy: null,
  };
  const open = (name: RepairStepName) => status.steps.findLast((s) => s.step === name && s.closed === null);
  const adoptionFrom = (from: string) => ({
    step: 'adoption' as const,
    party: 'center' as const,
    article,
    opened: from,
    ...deadline(calendar, from, periods.adoption.workdays),
    closed: null,
  });
  for (const event of rest) {
    checkRepairStep(status, event);
    switch (event.kind) {
      case 'opinion': {
        open('opinion')!.closed = event.on;
        status.opinion = {
          agrees: event.agrees,
          on: event.on,
          reasons: event.reasons,
          judged: event.judged,
          findings: event.findings,
        };
        if (!event.agrees) {
          status.state = 'refused';
          status.refusedBy = 'provider';
          break;
        }
        if (periods.notice) {
          // published with the opinion; its working days count from the next one (the day of the
          // opinion is not one of them), so the notice runs from the first to the last of them
          const until = deadline(calendar, event.on, periods.notice.workdays);
          const firstDay = deadline(calendar, event.on, 1).due;
          status.notice = { from: firstDay, until: until.due, provisional: until.provisional };
          status.state = 'notice';
          const from = periods.adoption.from === 'notice_end' ? until.due : first.on;
          status.steps.push(adoptionFrom(from));
        } else {
          status.state = 'adoption';
          status.steps.push(adoptionFrom(periods.adoption.from === 'application' ? first.on : event.on));
        }
        break;
      }
      case 'notice_objected': {
        status.noticeObjections.push({
          on: event.on,
          statement: event.statement,
          founded: null,
          reasons: null,
          submissionId: event.submissionId ?? null,
        });
        status.steps.push({
          step: 'notice_verification',
          party: 'provider',
          article,
          opened: event.on,
          ...deadline(calendar, event.on, periods.noticeVerification.workdays),
          closed: null,
        });
        status.state = 'notice_objection';
        break;
      }
      case 'notice_objection_verified': {
        // the objections are verified in the order they arrived
        status.steps.find((s) => s.step === 'notice_verification' && s.closed === null)!.closed = event.on;
        const objection = status.noticeObjections.find((o) => o.founded === null)!;
        objection.founded = event.founded;
        objection.reasons = event.reasons;
        if (event.founded) {
          // refused: the adoption and any other verification still pending have nothing left to do
          status.steps = status.steps.filter(
            (s) => (s.step !== 'adoption' && s.step !== 'notice_verification') || s.closed !== null,
          );
          status.state = 'refused';
          status.refusedBy = 'notice_objection';
          break;
        }
        if (status.noticeObjections.some((o) => o.founded === null)) break; // another awaits
        // Unfounded: the notice runs on; verified after it ended, the center's period counts from
        // the verification, so its step is not overdue the day it can be taken.
        const adoption = open('adoption')!;
        if (periods.adoption.from === 'notice_end' && event.on > adoption.opened) {
          Object.assign(adoption, adoptionFrom(event.on));
        }
        status.state = 'notice';
        break;
      }
      case 'decided': {
        open('adoption')!.closed = event.on;
        status.decision = {
          adopted: event.adopted,
          on: event.on,
          reasons: event.reasons,
          decisionNumber: event.decisionNumber,
        };
        status.state = event.adopted ? 'repaired' : 'refused';
        if (!event.adopted) status.refusedBy = 'center';
        break;
      }
      case 'lapsed':
        // the open steps close with it: nobody has anything left to do
        for (const s of status.steps) if (s.closed === null) s.closed = event.on;
        status.steps = status.steps.filter(
          (s) => s.step !== 'adoption' || status.decision !== null || s.opened <= event.on,
        );
        status.state = 'lapsed';
        break;
      case 'applied':
        throw new Error('a repair is filed once');
    }
  }
  return status;
}

/** The phase as of `today`: a notice that has ended is awaiting the center's adoption. */
export function phaseOn(status: RepairStatus, today: string): RepairState {
  if (status.state === 'notice' && status.notice && today > status.notice.until) return 'adoption';
  return status.state;
}

/** Whether a repair's public notice is running on `today` (shown on the portal, A19, B32). */
export function noticeRunning(status: RepairStatus, today: string): boolean {
  const n = status.notice;
  return (
    n !== null &&
    (status.state === 'notice' || status.state === 'notice_objection') &&
    today >= n.from &&
    today <= n.until
  );
}

export type RepairStepView = RepairStep & { standing: DeadlineState };

export function stepsWithStanding(
  status: RepairStatus,
  today: string,
  calendar: WorkdayCalendar,
): RepairStepView[] {
  return status.steps.map((s) => ({ ...s, standing: deadlineState(s, today, calendar) }));
}
