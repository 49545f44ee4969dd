/**
 * The procedures' deadlines, seen from the scheduler (issue 16: "Overdue steps escalate to the credit
 * office inbox"; decision 0031). A procedure module registers a **step source**: a function that, for
 * a given today, yields its open steps with their working-day deadlines. On each tick the scheduler
 * asks every source and, for each open step, decides here (pure) whether it fires:
 *
 * - `due_soon`: the deadline is today or the next working day — a reminder to the party that must act;
 * - `overdue`: the deadline has passed — a notice to the late party and an escalation to the city's
 *   credit office (A16–A17: the competent authority), naming the procedure, the step, the party, the
 *   deadline and the working days late.
 *
 * Each (procedure, step, kind) fires once ever (`procedure_firings`, unique), whatever the number of
 * processes ticking. A step first seen already overdue fires only `overdue`. No I/O here: the caller
 * supplies the calendar and today.
 */
import type { WorkdayCalendar } from '../calendar/index.ts';

/** Who must act on a step. */
export type StepParty = 'center' | 'provider' | 'credit_office';

type Label = { zh: string; en: string };

/** An open step with a deadline, as a step source gives it (steps without a deadline are left out). */
export type OpenStep = {
  /** the procedure kind: 'objection', 'repair', … (one step source each) */
  procedure: string;
  procedureId: string;
  /**
   * the step within its procedure, stable across ticks: its name, numbered from its second occurrence
   * (`verification`, `verification#2`) — part of the firing's unique key
   */
  stepKey: string;
  /** the step's name (`review`, `verification`, …) */
  step: string;
  party: StepParty;
  /** the provider department that must act (party `provider`); null for the center and the office */
  partyDepartment: string | null;
  /** the articles that set the period, e.g. 'A16, B29' */
  article: string;
  opened: string;
  due: string;
  /** the deadline was counted over a year without an official schedule */
  provisional: boolean;
  labels: { procedure: Label; step: Label };
  /** for the notice's columns: the subject and list entry concerned, if any */
  subjectId: string | null;
  entryId: string | null;
  /** ids the notice carries in its body (e.g. objectionId, recordId) */
  refs: Record<string, unknown>;
};

/** A procedure module's open steps for a day (registered with the scheduler). */
export type StepSource = {
  procedure: string;
  openSteps(today: string): AsyncIterable<OpenStep> | Promise<readonly OpenStep[]>;
};

export type FiringKind = 'due_soon' | 'overdue';

export type Firing = {
  kind: FiringKind;
  step: OpenStep;
  /** due_soon: working days left after today (0: due today) */
  workdaysLeft: number | null;
  /** overdue: working days passed since the deadline (0 on a weekend or holiday right after it) */
  workdaysLate: number | null;
  provisional: boolean;
};

/** A reminder is sent when the deadline is today or within this many working days. */
export const REMIND_WITHIN_WORKDAYS = 1;

/** Whether `step` fires on `today`, and how: null while it is further off. */
export function firingFor(step: OpenStep, today: string, calendar: WorkdayCalendar): Firing | null {
  if (today > step.due) {
    const late = calendar.workdaysBetween(step.due, today);
    return {
      kind: 'overdue',
      step,
      workdaysLeft: null,
      workdaysLate: late.workdays,
      provisional: step.provisional || late.provisional,
    };
  }
  const left =
    today === step.due ? { workdays: 0, provisional: false } : calendar.workdaysBetween(today, step.due);
  if (left.workdays > REMIND_WITHIN_WORKDAYS) return null;
  return {
    kind: 'due_soon',
    step,
    workdaysLeft: left.workdays,
    workdaysLate: null,
    provisional: step.provisional || left.provisional,
  };
}

export const PARTY_LABELS: Record<StepParty, Label> = {
  center: { zh: '市公共信用信息中心', en: 'the credit center' },
  provider: { zh: '信息提供单位', en: 'the provider' },
  credit_office: { zh: '市信用办', en: 'the credit office' },
};

/** The city's departments notices go to, besides a provider (null: none registered). */
export type Recipients = { center: string | null; creditOffice: string | null };

/** One notice of a firing: to whom, of which kind, saying what. */
export type FiringNotice = {
  recipient: string;
  kind: 'procedure.due_soon' | 'procedure.overdue' | 'procedure.escalated';
  title: string;
  titleEn: string;
};

/** The department that must act on a step, or null when none is registered for its party. */
export function partyDepartmentOf(step: OpenStep, recipients: Recipients): string | null {
  switch (step.party) {
    case 'provider':
      return step.partyDepartment;
    case 'center':
      return recipients.center;
    case 'credit_office':
      return recipients.creditOffice;
  }
}

/**
 * The notices a firing sends: a reminder to the party (due soon or overdue) and, when overdue, the
 * escalation to the credit office (one notice when the office is itself the late party). Null when a
 * recipient is missing (no such department registered): the firing waits for it, unrecorded.
 */
export function noticesFor(firing: Firing, recipients: Recipients): FiringNotice[] | null {
  const { step } = firing;
  const party = partyDepartmentOf(step, recipients);
  if (party === null) return null;
  const what = `${step.labels.procedure.zh}“${step.labels.step.zh}”`;
  const whatEn = `${step.labels.procedure.en}: step "${step.labels.step.en}"`;
  const mark = firing.provisional ? '（按暂定日历计算）' : '';
  const markEn = firing.provisional ? ' (provisional calendar)' : '';
  const who =
    step.party === 'provider' ? `${PARTY_LABELS.provider.zh}（${party}）` : PARTY_LABELS[step.party].zh;
  const whoEn =
    step.party === 'provider' ? `${PARTY_LABELS.provider.en} ${party}` : PARTY_LABELS[step.party].en;
  if (firing.kind === 'due_soon') {
    const when = firing.workdaysLeft === 0 ? `今天（${step.due}）到期` : `将于下一个工作日 ${step.due} 到期`;
    const whenEn =
      firing.workdaysLeft === 0
        ? `is due today (${step.due})`
        : `is due on ${step.due}, the next working day`;
    return [
      {
        recipient: party,
        kind: 'procedure.due_soon',
        title: `提醒：${what}步骤${when}${mark}，请按期办理（${step.article}）`,
        titleEn: `Reminder: ${whatEn} ${whenEn}${markEn}; act in time (${step.article})`,
      },
    ];
  }
  const office = recipients.creditOffice;
  if (office === null) return null;
  const late =
    firing.workdaysLate === 0
      ? `已于 ${step.due} 到期`
      : `已于 ${step.due} 到期，超过 ${firing.workdaysLate} 个工作日`;
  const lateEn =
    firing.workdaysLate === 0
      ? `was due on ${step.due}`
      : `was due on ${step.due}, ${firing.workdaysLate} working days ago`;
  const escalation: FiringNotice = {
    recipient: office,
    kind: 'procedure.escalated',
    title: `超期督办：${what}步骤应由${who}办理，${late}${mark}，仍未办理（${step.article}）`,
    titleEn: `Overdue: ${whatEn}, for ${whoEn} to act, ${lateEn}${markEn}, and is not done (${step.article})`,
  };
  if (party === office) return [escalation];
  return [
    {
      recipient: party,
      kind: 'procedure.overdue',
      title: `${what}步骤${late}${mark}，仍未办理，已报市信用办督办，请尽快办理（${step.article}）`,
      titleEn: `${whatEn} ${lateEn}${markEn} and is not done; reported to the credit office — act now (${step.article})`,
    },
    escalation,
  ];
}

/**
 * Step keys for a procedure's steps in order: the name, numbered from its second occurrence
 * (`verification`, `verification#2`), so a step asked for twice fires twice, once each.
 */
export function stepKeys(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}#${n}`;
  });
}

/** A procedure's row as its open steps name it. */
export type StepsRow = {
  id: string;
  record_id: string;
  provider_department: string;
  subject_id: string;
  entry_id: string | null;
};

/**
 * The open steps with a deadline of one procedure, as the scheduler reads them: keyed by
 * `stepKeys`, the provider's department where the provider must act, the ids the notice carries.
 */
export function openStepsOf<Name extends string>(
  procedure: {
    kind: string;
    label: Label;
    stepLabels: Record<Name, Label>;
    idKey: string;
    /** a step whose deadline may move (re-opened) is keyed anew, so its new deadline fires too */
    keyOf?: (key: string, step: { step: Name; opened: string }) => string;
  },
  row: StepsRow,
  steps: readonly {
    step: Name;
    party: StepParty;
    article: string;
    opened: string;
    due: string | null;
    provisional: boolean;
    closed: string | null;
  }[],
): OpenStep[] {
  const keys = stepKeys(steps.map((s) => s.step));
  const out: OpenStep[] = [];
  for (const [i, s] of steps.entries()) {
    if (s.closed !== null || s.due === null) continue;
    out.push({
      procedure: procedure.kind,
      procedureId: row.id,
      stepKey: procedure.keyOf ? procedure.keyOf(keys[i]!, s) : keys[i]!,
      step: s.step,
      party: s.party,
      partyDepartment: s.party === 'provider' ? row.provider_department : null,
      article: s.article,
      opened: s.opened,
      due: s.due,
      provisional: s.provisional,
      labels: { procedure: procedure.label, step: procedure.stepLabels[s.step] },
      subjectId: row.subject_id,
      entryId: row.entry_id,
      refs: { [procedure.idKey]: row.id, recordId: row.record_id },
    });
  }
  return out;
}
