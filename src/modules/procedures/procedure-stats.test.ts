/**
 * The procedure statistics (issue 16; A21 quarterly reports by department, B35 periodic reports on
 * providers) from hand-made procedures replayed across the 2026 国庆 holiday (10-01…07, 10-10 a
 * make-up Saturday): outcomes of the period's filings, steps closed on time or late by the party that
 * must take them, steps without a deadline (the appeal, A17) left out of the share, open steps past
 * their deadline on the report's day.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { builtInSchedules, createCalendar } from '../calendar/index.ts';
import { type ObjectionEvent, replayObjection } from './objection-procedure.ts';
import {
  type ObjectionForStats,
  procedureStats,
  type RepairForStats,
  statsPeriod,
} from './procedure-stats.ts';
import { type RepairEvent, type RepairPeriods, replayRepair } from './repair-procedure.ts';

const calendar = createCalendar(builtInSchedules());
const objectionPeriods = {
  review: { workdays: 10 },
  providerVerification: { workdays: 5 },
  correction: { workdays: 3 },
};
const repairPeriods: RepairPeriods = {
  providerOpinion: { workdays: 10 },
  notice: { workdays: 5 },
  noticeVerification: { workdays: 5 },
  adoption: { workdays: 5, from: 'notice_end' },
};

const filed = (on: string): ObjectionEvent => ({
  kind: 'filed',
  on,
  by: 'subject',
  ground: 'wrong_or_incomplete',
});
const decided = (on: string, outcome: 'upheld' | 'rejected'): ObjectionEvent => ({
  kind: 'decided',
  on,
  by: 'center',
  outcome,
  reasons: '经审核',
});
const appealed = (on: string): ObjectionEvent => ({ kind: 'appealed', on, by: 'subject', reasons: '不服' });
const appealDecided = (on: string, outcome: 'upheld' | 'rejected'): ObjectionEvent => ({
  kind: 'appeal_decided',
  on,
  by: 'credit_office',
  outcome,
  reasons: '经审查',
});
const objection = (department: string, ...events: ObjectionEvent[]): ObjectionForStats => ({
  providerDepartment: department,
  status: replayObjection(events, objectionPeriods, calendar),
});

const applied = (on: string): RepairEvent => ({ kind: 'applied', on, by: 'subject', path: 'A18(1)' });
const opinion = (on: string, agrees: boolean): RepairEvent => ({
  kind: 'opinion',
  on,
  by: 'provider',
  agrees,
  reasons: '意见',
  judged: { impactRemoved: true },
  findings: {},
});
const repair = (department: string, ...events: RepairEvent[]): RepairForStats => ({
  providerDepartment: department,
  status: replayRepair(events, repairPeriods, calendar, 'A19'),
});

/** 2026Q4 reported on 2026-11-20, while it runs. */
const q4 = statsPeriod({ quarter: '2026Q4' }, '2018-01-01', '2026-11-20');

const objections = [
  // GSJ: filed 10-08, upheld 10-12 (review due 10-22), corrected 10-14 (due 10-15): both on time
  objection('HA-GSJ', filed('2026-10-08'), decided('2026-10-12', 'upheld'), {
    kind: 'corrected',
    on: '2026-10-14',
    by: 'provider',
    recordId: 'r1',
    version: 2,
  }),
  // GSJ: filed in Q3 (09-28, review due 10-16), rejected late on 10-20, appealed, the appeal rejected
  // on 11-02: its steps count in Q4, its filing does not
  objection(
    'HA-GSJ',
    filed('2026-09-28'),
    decided('2026-10-20', 'rejected'),
    appealed('2026-10-21'),
    appealDecided('2026-11-02', 'rejected'),
  ),
  // GSJ: filed 11-02 (review due 11-16), verification asked 11-03 (due 11-10): both overdue on 11-20
  objection('HA-GSJ', filed('2026-11-02'), {
    kind: 'verification_requested',
    on: '2026-11-03',
    by: 'center',
  }),
  // ZJJ: rejected on time, appealed, the appeal still open (no deadline: never overdue)
  objection('HA-ZJJ', filed('2026-10-09'), decided('2026-10-12', 'rejected'), appealed('2026-10-13')),
  // ZJJ: rejected, appeal upheld on 10-20: the correction (due 10-23) still not made on 11-20
  objection(
    'HA-ZJJ',
    filed('2026-10-09'),
    decided('2026-10-12', 'rejected'),
    appealed('2026-10-13'),
    appealDecided('2026-10-20', 'upheld'),
  ),
  // SWJ: filed and rejected in Q3: nothing to count in Q4
  objection('HA-SWJ', filed('2026-07-01'), decided('2026-07-03', 'rejected')),
];

const repairs = [
  // GSJ: applied 10-08 (opinion due 10-21), opinion 10-26 late; notice to 11-02; adopted 11-05 on time
  repair('HA-GSJ', applied('2026-10-08'), opinion('2026-10-26', true), {
    kind: 'decided',
    on: '2026-11-05',
    by: 'center',
    adopted: true,
    reasons: '予以修复',
    decisionNumber: '淮信修〔2026〕1号',
  }),
  // GSJ: the provider against it, the next day: refused by the provider, its step on time
  repair('HA-GSJ', applied('2026-11-16'), opinion('2026-11-17', false)),
  // ZJJ: applied 11-02, opinion in favour on its last day (11-16); the notice runs to 11-23, the
  // center's adoption opens then: not yet anyone's overdue step
  repair('HA-ZJJ', applied('2026-11-02'), opinion('2026-11-16', true)),
];

const names = new Map([
  ['HA-GSJ', '淮安市市场监督管理局'],
  ['HA-ZJJ', '淮安市住房和城乡建设局'],
]);

describe('procedure statistics (A21, B35)', () => {
  it('A21, B35: per department, the period’s objections and repairs by outcome, and each party’s steps closed on time, late, without a deadline (appeals, A17: not in the share) and overdue on the report’s day', () => {
    const report = procedureStats(q4, objections, repairs, names);
    assert.deepEqual(
      [report.quarter, report.from, report.to, report.asOf],
      ['2026Q4', '2026-10-01', '2026-12-31', '2026-11-20'],
    );
    assert.deepEqual(
      report.departments.map((d) => [d.department, d.departmentName]),
      [
        ['HA-GSJ', '淮安市市场监督管理局'],
        ['HA-ZJJ', '淮安市住房和城乡建设局'],
      ],
      'a department with only a procedure closed before the period is left out',
    );
    const [gsj, zjj] = report.departments as [(typeof report.departments)[0], (typeof report.departments)[0]];
    assert.deepEqual(gsj.objections, {
      filed: 2,
      undecided: 1,
      upheld: 1,
      rejected: 0,
      appealed: 0,
      appealUpheld: 0,
      appealRejected: 0,
      appealOpen: 0,
      corrected: 1,
    });
    assert.deepEqual(gsj.repairs, {
      applied: 2,
      repaired: 1,
      lapsed: 0,
      refused: { total: 1, byProvider: 1, byNoticeObjection: 0, byCenter: 0 },
      open: 0,
    });
    assert.deepEqual(gsj.steps, {
      // correction 10-14 and opinion 11-17 on time, opinion 10-26 late; verification overdue
      provider: {
        closed: 3,
        closedOnTime: 2,
        closedLate: 1,
        closedNoDeadline: 0,
        shareOnTime: 0.6667,
        openOverdue: 1,
      },
      // review 10-12 and adoption 11-05 on time, review 10-20 late; the 11-02 review overdue
      center: {
        closed: 3,
        closedOnTime: 2,
        closedLate: 1,
        closedNoDeadline: 0,
        shareOnTime: 0.6667,
        openOverdue: 1,
      },
      // the appeal decided 11-02: no period set, so no share
      creditOffice: {
        closed: 1,
        closedOnTime: 0,
        closedLate: 0,
        closedNoDeadline: 1,
        shareOnTime: null,
        openOverdue: 0,
      },
    });
    assert.deepEqual(zjj.objections, {
      filed: 2,
      undecided: 0,
      upheld: 0,
      rejected: 2,
      appealed: 2,
      appealUpheld: 1,
      appealRejected: 0,
      appealOpen: 1,
      corrected: 0,
    });
    assert.deepEqual(zjj.repairs, {
      applied: 1,
      repaired: 0,
      lapsed: 0,
      refused: { total: 0, byProvider: 0, byNoticeObjection: 0, byCenter: 0 },
      open: 1,
    });
    assert.deepEqual(
      [zjj.steps.provider, zjj.steps.center, zjj.steps.creditOffice].map((s) => [
        s.closed,
        s.closedOnTime,
        s.closedLate,
        s.closedNoDeadline,
        s.shareOnTime,
        s.openOverdue,
      ]),
      [
        [1, 1, 0, 0, 1, 1], // the opinion on its last day; the correction overdue
        [2, 2, 0, 0, 1, 0], // both reviews; the adoption after the running notice not yet open
        [1, 0, 0, 1, null, 0], // one appeal decided, one open: neither has a deadline
      ],
    );
    // the city: the sums, the share from the summed counts
    assert.deepEqual(report.city.objections.filed, 4);
    assert.deepEqual(report.city.repairs.applied, 3);
    assert.deepEqual(report.city.steps.provider, {
      closed: 4,
      closedOnTime: 3,
      closedLate: 1,
      closedNoDeadline: 0,
      shareOnTime: 0.75,
      openOverdue: 2,
    });
    assert.deepEqual(
      [report.city.steps.center.shareOnTime, report.city.steps.creditOffice.closedNoDeadline],
      [0.8, 2],
    );
  });

  it('A21, B35: a step is counted in the period it closed in, and an open step is overdue only once the report’s day is past its deadline (not on its last day, not before it opens)', () => {
    // the 11-02 objection on 11-16, its review's last day: due, not overdue; its verification is
    const onDue = procedureStats(
      statsPeriod({ from: '2026-11-01', to: '2026-11-30' }, '2018-01-01', '2026-11-16'),
      [objections[2]!],
      [],
      names,
    );
    assert.deepEqual(
      [onDue.asOf, onDue.city.steps.center.openOverdue, onDue.city.steps.provider.openOverdue],
      ['2026-11-16', 0, 1],
    );
    // October only: the late review of 10-20 and the upheld one of 10-12 count; the 11-02 appeal does not
    const october = procedureStats(
      statsPeriod({ from: '2026-10-01', to: '2026-10-31' }, '2018-01-01', '2026-11-20'),
      objections.slice(0, 2),
      [],
      names,
    );
    assert.equal(october.asOf, '2026-10-31', 'a past period is judged on its last day');
    assert.deepEqual([october.city.steps.center.closedOnTime, october.city.steps.center.closedLate], [1, 1]);
    assert.equal(october.city.steps.creditOffice.closed, 0);
    // nothing at all: every share null, no department
    const empty = procedureStats(q4, [], [], names);
    assert.deepEqual([empty.departments, empty.city.steps.provider.shareOnTime], [[], null]);
  });

  it('A21: the period is a quarter (2026Q4 or 2026-Q4, up to the current one) or from–to; anything else is refused with what to give', () => {
    assert.deepEqual(statsPeriod({ quarter: '2026-Q3' }, '2018-01-01', '2026-11-20'), {
      quarter: '2026Q3',
      from: '2026-07-01',
      to: '2026-09-30',
      asOf: '2026-09-30',
    });
    const refused = (asked: Record<string, string>) => {
      try {
        statsPeriod(asked, '2018-01-01', '2026-11-20');
      } catch (error) {
        assert.ok(error instanceof AppError);
        return error.code;
      }
      return 'accepted';
    };
    assert.deepEqual(
      [
        refused({}),
        refused({ from: '2026-10-01' }),
        refused({ from: '2026-10-31', to: '2026-10-01' }),
        refused({ from: '2026-02-30', to: '2026-03-01' }),
        refused({ quarter: '2026Q4', from: '2026-10-01', to: '2026-12-31' }),
        refused({ quarter: '2026Q5' }),
        refused({ quarter: '2027Q1' }),
        refused({ quarter: '2017Q4' }),
      ],
      [
        'PROCEDURE_STATS_PERIOD_INVALID',
        'PROCEDURE_STATS_PERIOD_INVALID',
        'PROCEDURE_STATS_PERIOD_INVALID',
        'PROCEDURE_STATS_PERIOD_INVALID',
        'PROCEDURE_STATS_PERIOD_INVALID',
        'REPORT_QUARTER_INVALID',
        'REPORT_QUARTER_OUT_OF_RANGE',
        'REPORT_QUARTER_OUT_OF_RANGE',
      ],
    );
  });
});
