/**
 * The objection procedure (异议, A15–A16, B28–B29) as a pure state machine over its events. An
 * objection is filed against one record (and its list entry, if any); the credit center reviews it
 * within the policy's working days (10), may ask the record's provider to verify (5, inside the
 * review: policy note), and decides: upheld — the provider corrects the record within 3 working days
 * as a new version naming the objection (records/record-change.ts: the objection is that version's
 * change basis), or rejected — the record stands, with the reasons. Each step's deadline comes from
 * the working-day calendar (provisional when a year's schedule is missing, and says so).
 *
 * Against a rejection the subject may appeal (申诉, A17, B30) to the credit office, whose decision, if
 * it upholds the subject, opens the correction like an upheld objection. The text sets no period for
 * the appeal's decision, so that step has no deadline (shown as such).
 *
 * Who may take each step: the subject (own account) or the center on the subject's behalf files and
 * appeals; the center asks for verification and decides; the credit office decides the appeal; the
 * record's provider verifies and corrects. The events
 * are stored append-only (procedures module); the state is always replayed from them, never stored.
 * No I/O here: the caller supplies the calendar, the policy's numbers and today.
 */
import type { WorkdayCalendar } from '../calendar/index.ts';

/** A15, B28: why the subject objects. */
export const OBJECTION_GROUNDS = [
  'wrong_or_incomplete',
  'forbidden_data',
  'past_validity',
  'cross_check',
] as const;
export type ObjectionGround = (typeof OBJECTION_GROUNDS)[number];

export const GROUND_LABELS: Record<ObjectionGround, { zh: string; en: string; article: string }> = {
  wrong_or_incomplete: { zh: '信息有误或不完整', en: 'wrong or incomplete', article: 'A15, B28' },
  forbidden_data: { zh: '采集了依法禁止采集的信息', en: 'collected though forbidden', article: 'B14, B28' },
  past_validity: { zh: '超过有效期仍在使用', en: 'used past its validity', article: 'B27, B28' },
  cross_check: {
    zh: '对红黑名单交叉比对结果有异议',
    en: 'disputes the red/black cross-check',
    article: 'A4',
  },
};

/** Who takes a step. */
export type Party = 'subject' | 'center' | 'provider' | 'credit_office' | 'system';

export type ObjectionEvent =
  | { kind: 'filed'; on: string; by: 'subject' | 'center'; ground: ObjectionGround }
  | { kind: 'verification_requested'; on: string; by: 'center' }
  | { kind: 'verified'; on: string; by: 'provider'; confirmed: boolean; reasons: string }
  | { kind: 'decided'; on: string; by: 'center'; outcome: 'upheld' | 'rejected'; reasons: string }
  | { kind: 'corrected'; on: string; by: 'provider'; recordId: string; version: number }
  | { kind: 'appealed'; on: string; by: 'subject' | 'center'; reasons: string }
  | {
      kind: 'appeal_decided';
      on: string;
      by: 'credit_office';
      outcome: 'upheld' | 'rejected';
      reasons: string;
    };

export type ObjectionEventKind = ObjectionEvent['kind'];

/**
 * review: at the center; verification: the provider is verifying (inside the review); correction:
 * upheld (or the appeal upheld), the provider must correct; corrected: closed with the correction;
 * rejected: closed, the record stands — unless the subject appeals; appeal: at the credit office
 * (A17, B30); appeal_rejected: closed for good on the platform (administrative review and litigation
 * lie outside it, recorded as external decisions).
 */
export type ObjectionState =
  | 'review'
  | 'verification'
  | 'correction'
  | 'corrected'
  | 'rejected'
  | 'appeal'
  | 'appeal_rejected';

export const OPEN_STATES: readonly ObjectionState[] = ['review', 'verification', 'correction', 'appeal'];

/** The numbers the procedure takes from the policy (`policy.objection`). */
export type ObjectionPeriods = {
  review: { workdays: number };
  providerVerification: { workdays: number };
  correction: { workdays: number };
};

export type StepName = 'review' | 'verification' | 'correction' | 'appeal';

/** A step with its deadline: opened on a day, due on a working day, closed (or not yet). */
export type Step = {
  step: StepName;
  /** who must act */
  party: 'center' | 'provider' | 'credit_office';
  article: string;
  opened: string;
  /** null where the rules set no period (the appeal's decision, A17) */
  due: string | null;
  /** the calendar had no official schedule for a year the count crossed */
  provisional: boolean;
  closed: string | null;
};

export type ObjectionStatus = {
  state: ObjectionState;
  ground: ObjectionGround;
  filedOn: string;
  steps: Step[];
  /** the center's decision, once taken */
  outcome: { outcome: 'upheld' | 'rejected'; on: string; reasons: string } | null;
  /** the provider's verification, once given */
  verification: { confirmed: boolean; on: string; reasons: string } | null;
  correction: { recordId: string; version: number; on: string } | null;
  /** the subject's appeal against a rejection (A17, B30) and the credit office's decision */
  appeal: {
    on: string;
    reasons: string;
    outcome: { outcome: 'upheld' | 'rejected'; on: string; reasons: string } | null;
  } | null;
};

export class ProcedureError extends Error {
  readonly code: string;
  readonly messageEn: string;
  constructor(code: string, message: string, messageEn: string) {
    super(message);
    this.code = code;
    this.messageEn = messageEn;
  }
}

const notAllowed = (state: ObjectionState, kind: ObjectionEventKind, party: Party) =>
  new ProcedureError(
    'OBJECTION_STEP_NOT_ALLOWED',
    `异议当前处于“${STATE_LABELS[state].zh}”阶段，${PARTY_LABELS[party].zh}不能进行“${STEP_LABELS[kind].zh}”`,
    `The objection is at "${STATE_LABELS[state].en}"; ${PARTY_LABELS[party].en} cannot ${STEP_LABELS[kind].en} now`,
  );

export const STATE_LABELS: Record<ObjectionState, { zh: string; en: string }> = {
  review: { zh: '信用中心审核中', en: 'under review by the credit center' },
  verification: { zh: '提供单位核实中', en: 'being verified by the provider' },
  correction: { zh: '异议成立，待提供单位更正', en: 'upheld, awaiting the correction' },
  corrected: { zh: '已更正', en: 'corrected' },
  rejected: { zh: '异议不成立，信息维持', en: 'rejected, the record stands' },
  appeal: { zh: '已申诉，信用办处理中', en: 'appealed, with the credit office' },
  appeal_rejected: { zh: '申诉不成立，信息维持', en: 'appeal rejected, the record stands' },
};

const PARTY_LABELS: Record<Party, { zh: string; en: string }> = {
  subject: { zh: '信息主体', en: 'the subject' },
  center: { zh: '信用中心', en: 'the credit center' },
  provider: { zh: '信息提供单位', en: 'the provider' },
  credit_office: { zh: '信用办', en: 'the credit office' },
  system: { zh: '平台', en: 'the platform' },
};

const STEP_LABELS: Record<ObjectionEventKind, { zh: string; en: string }> = {
  filed: { zh: '提出异议', en: 'file an objection' },
  verification_requested: { zh: '转提供单位核实', en: 'ask the provider to verify' },
  verified: { zh: '反馈核实结果', en: 'report the verification' },
  decided: { zh: '作出审核决定', en: 'decide' },
  corrected: { zh: '更正记录', en: 'correct the record' },
  appealed: { zh: '申诉', en: 'appeal' },
  appeal_decided: { zh: '作出申诉决定', en: 'decide the appeal' },
};

/** Which party may add which event in which state (the transitions). */
const TRANSITIONS: Record<
  ObjectionEventKind,
  { from: readonly (ObjectionState | null)[]; by: readonly Party[] }
> = {
  filed: { from: [null], by: ['subject', 'center'] },
  verification_requested: { from: ['review'], by: ['center'] },
  verified: { from: ['verification'], by: ['provider'] },
  // The center decides after its review, with or without the provider's verification; while the
  // provider is verifying, it waits for the answer (the verification is a step of the review).
  decided: { from: ['review'], by: ['center'] },
  corrected: { from: ['correction'], by: ['provider'] },
  // A17, B30: against the outcome, to the credit office; only a rejection leaves the subject
  // something to appeal (an upheld objection is corrected; a new objection follows a correction).
  appealed: { from: ['rejected'], by: ['subject', 'center'] },
  appeal_decided: { from: ['appeal'], by: ['credit_office'] },
};

/** The steps a party may take now. */
export function allowedSteps(state: ObjectionState | null, party: Party): ObjectionEventKind[] {
  return (Object.keys(TRANSITIONS) as ObjectionEventKind[]).filter(
    (kind) => TRANSITIONS[kind].from.includes(state) && TRANSITIONS[kind].by.includes(party),
  );
}

/** Refuses an event its state or party does not allow (OBJECTION_STEP_NOT_ALLOWED). */
export function checkStep(state: ObjectionState | null, event: ObjectionEvent): void {
  const rule = TRANSITIONS[event.kind];
  if (!rule.from.includes(state) || !rule.by.includes(event.by)) {
    throw notAllowed(state ?? 'review', event.kind, event.by);
  }
}

function deadline(calendar: WorkdayCalendar, from: string, workdays: number) {
  const d = calendar.addWorkdays(from, workdays);
  return { due: d.deadline, provisional: d.provisional };
}

/**
 * The objection's state and steps, replayed from its events in order. Throws ProcedureError when an
 * event is out of order (stored events never are: each is checked before it is written).
 */
export function replayObjection(
  events: readonly ObjectionEvent[],
  periods: ObjectionPeriods,
  calendar: WorkdayCalendar,
): ObjectionStatus {
  const [first, ...rest] = events;
  if (first?.kind !== 'filed') throw new Error('an objection starts with its filing');
  checkStep(null, first);
  const review = deadline(calendar, first.on, periods.review.workdays);
  const status: ObjectionStatus = {
    state: 'review',
    ground: first.ground,
    filedOn: first.on,
    steps: [
      {
        step: 'review',
        party: 'center',
        article: 'A16, B29',
        opened: first.on,
        ...review,
        closed: null,
      },
    ],
    outcome: null,
    verification: null,
    correction: null,
    appeal: null,
  };
  const open = (name: StepName) => status.steps.findLast((s) => s.step === name && s.closed === null);
  for (const event of rest) {
    checkStep(status.state, event);
    switch (event.kind) {
      case 'verification_requested': {
        // A step of the review (policy note): due within its working days, never after the review.
        const asked = deadline(calendar, event.on, periods.providerVerification.workdays);
        const reviewStep = open('review')!;
        // Inside the review while it is running; asked after the review's own deadline, the provider
        // still gets its full period (its task is not overdue the day it is given).
        const due = reviewStep.due! < event.on ? asked.due : [asked.due, reviewStep.due!].sort()[0]!;
        status.steps.push({
          step: 'verification',
          party: 'provider',
          article: 'A16, B29',
          opened: event.on,
          due,
          provisional: due === asked.due ? asked.provisional : reviewStep.provisional,
          closed: null,
        });
        status.state = 'verification';
        break;
      }
      case 'verified':
        open('verification')!.closed = event.on;
        status.verification = { confirmed: event.confirmed, on: event.on, reasons: event.reasons };
        status.state = 'review';
        break;
      case 'decided': {
        open('review')!.closed = event.on;
        status.outcome = { outcome: event.outcome, on: event.on, reasons: event.reasons };
        if (event.outcome === 'rejected') {
          status.state = 'rejected';
          break;
        }
        const correction = deadline(calendar, event.on, periods.correction.workdays);
        status.steps.push({
          step: 'correction',
          party: 'provider',
          article: 'A16, B29',
          opened: event.on,
          ...correction,
          closed: null,
        });
        status.state = 'correction';
        break;
      }
      case 'corrected':
        open('correction')!.closed = event.on;
        status.correction = { recordId: event.recordId, version: event.version, on: event.on };
        status.state = 'corrected';
        break;
      case 'appealed':
        status.steps.push({
          step: 'appeal',
          party: 'credit_office',
          article: 'A17, B30',
          opened: event.on,
          due: null,
          provisional: false,
          closed: null,
        });
        status.appeal = { on: event.on, reasons: event.reasons, outcome: null };
        status.state = 'appeal';
        break;
      case 'appeal_decided': {
        open('appeal')!.closed = event.on;
        status.appeal!.outcome = { outcome: event.outcome, on: event.on, reasons: event.reasons };
        if (event.outcome === 'rejected') {
          status.state = 'appeal_rejected';
          break;
        }
        // Upheld on appeal: corrected as an upheld objection is (A17, B30).
        const correction = deadline(calendar, event.on, periods.correction.workdays);
        status.steps.push({
          step: 'correction',
          party: 'provider',
          article: 'A17, B30, A16',
          opened: event.on,
          ...correction,
          closed: null,
        });
        status.state = 'correction';
        break;
      }
      case 'filed':
        throw new Error('an objection is filed once');
    }
  }
  return status;
}

export type DeadlineState = {
  state: 'on_time' | 'due_today' | 'overdue' | 'closed_on_time' | 'closed_late' | 'no_deadline';
  /** working days left after today (open steps not yet due), or overdue by (negative) */
  workdaysLeft: number | null;
  provisional: boolean;
  zh: string;
  en: string;
};

/** How a step stands on `today`: on time / due in N working days / overdue (or how it closed). */
export function deadlineState(
  step: Pick<Step, 'due' | 'provisional' | 'closed'>,
  today: string,
  calendar: WorkdayCalendar,
): DeadlineState {
  const mark = step.provisional ? '（按暂定日历计算）' : '';
  const markEn = step.provisional ? ' (provisional calendar)' : '';
  if (step.due === null) {
    return {
      state: 'no_deadline',
      workdaysLeft: null,
      provisional: false,
      zh: step.closed === null ? '规定未设办理期限' : `已于 ${step.closed} 办结（规定未设办理期限）`,
      en:
        step.closed === null
          ? 'no period set by the rules'
          : `done on ${step.closed} (no period set by the rules)`,
    };
  }
  const due: string = step.due;
  if (step.closed !== null) {
    const late = step.closed > due;
    return {
      state: late ? 'closed_late' : 'closed_on_time',
      workdaysLeft: null,
      provisional: step.provisional,
      zh: late ? `已于 ${step.closed} 完成，超过期限 ${due}${mark}` : `已于 ${step.closed} 按期完成${mark}`,
      en: late
        ? `done on ${step.closed}, after its deadline ${due}${markEn}`
        : `done on ${step.closed}, on time${markEn}`,
    };
  }
  if (today === due) {
    return {
      state: 'due_today',
      workdaysLeft: 0,
      provisional: step.provisional,
      zh: `今天（${due}）到期${mark}`,
      en: `due today (${due})${markEn}`,
    };
  }
  if (today < due) {
    const left = calendar.workdaysBetween(today, due);
    return {
      state: 'on_time',
      workdaysLeft: left.workdays,
      provisional: step.provisional || left.provisional,
      zh: `${due} 到期，还有 ${left.workdays} 个工作日${mark}`,
      en: `due ${due}, in ${left.workdays} working days${markEn}`,
    };
  }
  const over = calendar.workdaysBetween(due, today);
  if (over.workdays === 0) {
    // a weekend or holiday after the last day: past due, no working day lost yet
    return {
      state: 'overdue',
      workdaysLeft: -1,
      provisional: step.provisional || over.provisional,
      zh: `已超期：已于 ${due} 到期${mark}`,
      en: `overdue: due ${due}${markEn}`,
    };
  }
  return {
    state: 'overdue',
    workdaysLeft: -over.workdays,
    provisional: step.provisional || over.provisional,
    zh: `已超期：${due} 到期，已超过 ${over.workdays} 个工作日${mark}`,
    en: `overdue: due ${due}, ${over.workdays} working days ago${markEn}`,
  };
}
