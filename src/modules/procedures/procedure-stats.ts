/**
 * Statistics of the due-process procedures for the periodic reports (issue 16: "objections and repairs
 * per department, outcome, and share of steps on time"; A21: the quarterly reports of joint reward and
 * punishment by department; B35: the periodic reports on each provider, feeding the annual assessment
 * of departments). Per provider department, and for the whole city:
 *
 * - objections filed in the period, by outcome: not yet decided, upheld, rejected, and of the rejected
 *   those appealed — appeal upheld, rejected, still open — and those corrected;
 * - repairs applied for in the period, by outcome: repaired, refused (by the provider's opinion, by an
 *   objection to the notice found founded, by the center), still open;
 * - the steps of both procedures by the party that must take them — the department as provider, the
 *   credit center, the credit office — closed in the period (on time, late, or without a deadline: the
 *   appeal's decision, A17), the share closed on time (of those with a deadline; null when none), and
 *   the steps open and past their deadline on the report's day.
 *
 * The report's day (`asOf`) is the period's last day, or today while the period runs: the statuses are
 * replayed from the steps taken on or before it (decision 0035), so a past quarter's report reads the
 * same whenever it is printed, and the current quarter's says what is overdue today. Deadlines are the
 * procedures' own (working-day calendar). No I/O here: the caller supplies the statuses.
 */
import { badRequest } from '../../platform/errors.ts';
import { isIsoDate } from '../../platform/iso-date.ts';
import { quarterBounds, quarterRange } from '../checks/quarterly-report.ts';
import type { ObjectionStatus } from './objection-procedure.ts';
import type { RepairStatus } from './repair-procedure.ts';

/** The period a report covers (China dates, both inclusive) and the day its open steps are judged on. */
export type StatsPeriod = { quarter: string | null; from: string; to: string; asOf: string };

/** One objection or repair as the report reads it: its provider and its status as of the report's day. */
export type ObjectionForStats = { providerDepartment: string; status: ObjectionStatus };
export type RepairForStats = { providerDepartment: string; status: RepairStatus };

export type StepCounts = {
  /** steps closed in the period, with or without a deadline */
  closed: number;
  closedOnTime: number;
  closedLate: number;
  /** closed steps the rules set no period for (the appeal's decision, A17): not in the share */
  closedNoDeadline: number;
  /** closedOnTime ÷ (closedOnTime + closedLate), rounded to 4 places; null when none had a deadline */
  shareOnTime: number | null;
  /** steps open on the report's day and past their deadline */
  openOverdue: number;
};

/** By the party that must take the step. */
export type PartySteps = { provider: StepCounts; center: StepCounts; creditOffice: StepCounts };

export type ObjectionCounts = {
  /** filed in the period */
  filed: number;
  /** not decided by the center on the report's day (under review or being verified) */
  undecided: number;
  /** the center upheld it (A16) */
  upheld: number;
  /** the center rejected it (A16); the appealed ones included */
  rejected: number;
  /** rejected and appealed to the credit office (A17, B30) */
  appealed: number;
  appealUpheld: number;
  appealRejected: number;
  appealOpen: number;
  /** corrected by the provider (upheld, by the center or on appeal) */
  corrected: number;
};

export type RepairCounts = {
  /** applied for in the period */
  applied: number;
  repaired: number;
  /** closed because the record was withdrawn (A20) while the repair was open */
  lapsed: number;
  refused: { total: number; byProvider: number; byNoticeObjection: number; byCenter: number };
  /** still in the procedure on the report's day */
  open: number;
};

export type ProcedureFigures = { objections: ObjectionCounts; repairs: RepairCounts; steps: PartySteps };

export type DepartmentProcedureStats = ProcedureFigures & { department: string; departmentName: string };

export type ProcedureStats = StatsPeriod & {
  departments: DepartmentProcedureStats[];
  city: ProcedureFigures;
};

const periodInvalid = (details: Record<string, unknown>) =>
  badRequest(
    'PROCEDURE_STATS_PERIOD_INVALID',
    '统计期间无效：请给出季度（如 2026Q4），或给出 from 和 to（YYYY-MM-DD 格式的有效日期，from 不晚于 to），二者择一',
    'Invalid period: give a quarter (like 2026Q4), or from and to (real dates YYYY-MM-DD, from not after to), not both',
    details,
  );

/**
 * The period asked for: a quarter (`2026Q4`, or `2026-Q4`) within the policy's quarters (as the A21
 * report takes it), or from and to. The report's day is its last day, or today if that is earlier.
 */
export function statsPeriod(
  asked: { quarter?: string | undefined; from?: string | undefined; to?: string | undefined },
  policyEffectiveFrom: string,
  today: string,
): StatsPeriod {
  const { quarter, from, to } = asked;
  if (quarter !== undefined) {
    if (from !== undefined || to !== undefined) throw periodInvalid({ quarter, from, to });
    const range = quarterRange(
      /^\d{4}-Q[1-4]$/.test(quarter) ? quarter.replace('-', '') : quarter,
      quarterBounds(policyEffectiveFrom, today),
    );
    return { ...range, asOf: range.to < today ? range.to : today };
  }
  if (from === undefined || to === undefined || !isIsoDate(from) || !isIsoDate(to) || from > to) {
    throw periodInvalid({ from, to });
  }
  return { quarter: null, from, to, asOf: to < today ? to : today };
}

const steps = (): StepCounts => ({
  closed: 0,
  closedOnTime: 0,
  closedLate: 0,
  closedNoDeadline: 0,
  shareOnTime: null,
  openOverdue: 0,
});

const figures = (): ProcedureFigures => ({
  objections: {
    filed: 0,
    undecided: 0,
    upheld: 0,
    rejected: 0,
    appealed: 0,
    appealUpheld: 0,
    appealRejected: 0,
    appealOpen: 0,
    corrected: 0,
  },
  repairs: {
    applied: 0,
    repaired: 0,
    lapsed: 0,
    refused: { total: 0, byProvider: 0, byNoticeObjection: 0, byCenter: 0 },
    open: 0,
  },
  steps: { provider: steps(), center: steps(), creditOffice: steps() },
});

type AnyStep = {
  party: 'provider' | 'center' | 'credit_office';
  opened: string;
  due: string | null;
  closed: string | null;
};

/** A step into its party's counts: closed in the period (and how), or open and overdue on `asOf`. */
function countStep(into: PartySteps, step: AnyStep, period: StatsPeriod) {
  const counts = into[step.party === 'credit_office' ? 'creditOffice' : step.party];
  if (step.closed !== null && step.closed >= period.from && step.closed <= period.to) {
    counts.closed += 1;
    if (step.due === null) counts.closedNoDeadline += 1;
    else if (step.closed > step.due) counts.closedLate += 1;
    else counts.closedOnTime += 1;
  }
  // A step opens on a day that may still be ahead (the adoption after a running notice): not yet due.
  const openOnDay = step.opened <= period.asOf && (step.closed === null || step.closed > period.asOf);
  if (openOnDay && step.due !== null && step.due < period.asOf) counts.openOverdue += 1;
}

function share(counts: StepCounts) {
  const withDeadline = counts.closedOnTime + counts.closedLate;
  counts.shareOnTime =
    withDeadline === 0 ? null : Math.round((counts.closedOnTime / withDeadline) * 10_000) / 10_000;
}

const isEmpty = (f: ProcedureFigures) =>
  f.objections.filed === 0 &&
  f.repairs.applied === 0 &&
  [f.steps.provider, f.steps.center, f.steps.creditOffice].every(
    (s) => s.closed === 0 && s.openOverdue === 0,
  );

const inPeriod = (date: string, period: StatsPeriod) => date >= period.from && date <= period.to;

/**
 * The report: per provider department (those with anything to count, by code) and the city's totals.
 * The statuses are as of `period.asOf` (replayed from the steps taken on or before it).
 */
export function procedureStats(
  period: StatsPeriod,
  objections: Iterable<ObjectionForStats>,
  repairs: Iterable<RepairForStats>,
  departmentNames: ReadonlyMap<string, string>,
): ProcedureStats {
  const rows = new Map<string, DepartmentProcedureStats>();
  const city = figures();
  const row = (code: string) => {
    let r = rows.get(code);
    if (!r) {
      r = { department: code, departmentName: departmentNames.get(code) ?? code, ...figures() };
      rows.set(code, r);
    }
    return r;
  };
  for (const { providerDepartment, status } of objections) {
    const r = row(providerDepartment);
    for (const into of [r, city]) {
      for (const s of status.steps) countStep(into.steps, s, period);
      if (!inPeriod(status.filedOn, period)) continue;
      const o = into.objections;
      o.filed += 1;
      if (status.outcome === null) o.undecided += 1;
      else if (status.outcome.outcome === 'upheld') o.upheld += 1;
      else o.rejected += 1;
      if (status.appeal !== null) {
        o.appealed += 1;
        const decided = status.appeal.outcome?.outcome;
        if (decided === 'upheld') o.appealUpheld += 1;
        else if (decided === 'rejected') o.appealRejected += 1;
        else o.appealOpen += 1;
      }
      if (status.correction !== null) o.corrected += 1;
    }
  }
  for (const { providerDepartment, status } of repairs) {
    const r = row(providerDepartment);
    for (const into of [r, city]) {
      for (const s of status.steps) countStep(into.steps, s, period);
      if (!inPeriod(status.appliedOn, period)) continue;
      const p = into.repairs;
      p.applied += 1;
      if (status.state === 'repaired') p.repaired += 1;
      else if (status.state === 'lapsed') p.lapsed += 1;
      else if (status.state === 'refused') {
        p.refused.total += 1;
        if (status.refusedBy === 'provider') p.refused.byProvider += 1;
        else if (status.refusedBy === 'notice_objection') p.refused.byNoticeObjection += 1;
        else p.refused.byCenter += 1;
      } else p.open += 1;
    }
  }
  // a department with nothing in the period (an old, closed procedure only) is left out
  const departments = [...rows.values()]
    .filter((r) => !isEmpty(r))
    .sort((a, b) => a.department.localeCompare(b.department));
  for (const f of [...departments, city]) {
    share(f.steps.provider);
    share(f.steps.center);
    share(f.steps.creditOffice);
  }
  return { ...period, departments, city };
}
