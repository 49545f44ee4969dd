/**
 * The credit repair procedure (A18–A19, B31–B32) as a pure state machine: who may take which step,
 * and the working-day deadlines across the 2026 中秋 and 国庆 holidays (counted by hand: 2026-09-25…27
 * 中秋, 10-01…07 国庆, 10-10 a make-up Saturday).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtInSchedules, createCalendar } from '../calendar/index.ts';
import { ProcedureError } from './objection-procedure.ts';
import {
  allowedRepairSteps,
  noticeRunning,
  phaseOn,
  type RepairEvent,
  type RepairPeriods,
  replayRepair,
  stepsWithStanding,
} from './repair-procedure.ts';

const calendar = createCalendar(builtInSchedules());
const huaian: RepairPeriods = {
  providerOpinion: { workdays: 10 },
  notice: { workdays: 5 },
  noticeVerification: { workdays: 5 },
  adoption: { workdays: 5, from: 'notice_end' },
};
const national: RepairPeriods = {
  providerOpinion: { workdays: 3 },
  notice: null,
  noticeVerification: { workdays: 5 },
  adoption: { workdays: 10, from: 'application' },
};
const applied: RepairEvent = { kind: 'applied', on: '2026-09-21', by: 'subject', path: 'A18(1)' };
const agrees: RepairEvent = {
  kind: 'opinion',
  on: '2026-09-29',
  by: 'provider',
  agrees: true,
  reasons: '已全额缴纳罚款，影响基本消除',
  judged: { impactRemoved: true },
  findings: {},
};
const replay = (...events: RepairEvent[]) => replayRepair([applied, ...events], huaian, calendar, 'A19');
const steps = (events: RepairEvent[]) =>
  replay(...events).steps.map((s) => [s.step, s.opened, s.due, s.closed]);

describe('repair procedure (A18–A19, B31–B32)', () => {
  it("A19: the provider's opinion is due 10 working days after the application, across 中秋 and 国庆", () => {
    const status = replay();
    assert.equal(status.state, 'opinion');
    // 09-22, 09-23, 09-24, 09-28, 09-29, 09-30, 10-08, 10-09, 10-10 (make-up), 10-12
    assert.deepEqual(steps([]), [['opinion', '2026-09-21', '2026-10-12', null]]);
  });

  it('A19, B32: an opinion in favour is publicized for 5 working days; the center adopts within 5 after', () => {
    const status = replay(agrees);
    assert.equal(status.state, 'notice');
    // its 5 working days from the next one: 09-30, 10-08, 10-09, 10-10 (make-up), 10-12
    assert.deepEqual(status.notice, { from: '2026-09-30', until: '2026-10-12', provisional: false });
    // 10-13, 10-14, 10-15, 10-16, 10-19
    assert.deepEqual(steps([agrees]), [
      ['opinion', '2026-09-21', '2026-10-12', '2026-09-29'],
      ['adoption', '2026-10-12', '2026-10-19', null],
    ]);
    assert.equal(noticeRunning(status, '2026-09-29'), false, 'the opinion day is not one of them');
    assert.equal(noticeRunning(status, '2026-10-12'), true);
    assert.equal(noticeRunning(status, '2026-10-13'), false);
    assert.equal(phaseOn(status, '2026-10-12'), 'notice');
    assert.equal(phaseOn(status, '2026-10-13'), 'adoption');
  });

  it("A19: the steps offered to each party follow the same rule, the notice's dates included", () => {
    const status = replay(agrees);
    assert.deepEqual(allowedRepairSteps(status, '2026-10-12', 'center'), ['notice_objected']);
    assert.deepEqual(allowedRepairSteps(status, '2026-10-13', 'center'), ['decided']);
    assert.deepEqual(allowedRepairSteps(status, '2026-10-13', 'provider'), []);
    assert.deepEqual(allowedRepairSteps(replay(), '2026-09-22', 'provider'), ['opinion']);
  });

  it('A19: the center cannot adopt while the notice runs, and no objection is recorded after it ends', () => {
    assert.throws(
      () =>
        replay(agrees, {
          kind: 'decided',
          on: '2026-10-12',
          by: 'center',
          adopted: true,
          reasons: '公示无异议',
          decisionNumber: null,
        }),
      (e: unknown) => e instanceof ProcedureError && e.code === 'REPAIR_NOTICE_RUNNING',
    );
    assert.throws(
      () =>
        replay(agrees, {
          kind: 'notice_objected',
          on: '2026-10-13',
          by: 'center',
          statement: '仍拖欠工资',
          objector: '举报人',
        }),
      (e: unknown) => e instanceof ProcedureError && e.code === 'REPAIR_NOTICE_ENDED',
    );
    const adopted = replay(agrees, {
      kind: 'decided',
      on: '2026-10-13',
      by: 'center',
      adopted: true,
      reasons: '公示无异议，予以采纳',
      decisionNumber: '淮信修〔2026〕1号',
    });
    assert.equal(adopted.state, 'repaired');
    assert.equal(adopted.decision?.decisionNumber, '淮信修〔2026〕1号');
  });

  it('A19: an objection during the notice is verified by the provider in 5 working days; unfounded, the notice runs on', () => {
    const objected: RepairEvent = {
      kind: 'notice_objected',
      on: '2026-10-09',
      by: 'center',
      statement: '该企业仍拖欠农民工工资',
      objector: '匿名举报',
    };
    const during = replay(agrees, objected);
    assert.equal(during.state, 'notice_objection');
    // 10-10, 10-12, 10-13, 10-14, 10-15
    assert.deepEqual(during.steps.at(-1)?.due, '2026-10-15');
    // the center cannot decide while the objection is being verified
    assert.throws(
      () =>
        replay(agrees, objected, {
          kind: 'decided',
          on: '2026-10-14',
          by: 'center',
          adopted: true,
          reasons: 'x',
          decisionNumber: null,
        }),
      (e: unknown) => e instanceof ProcedureError && e.code === 'REPAIR_STEP_NOT_ALLOWED',
    );
    const unfounded = replay(agrees, objected, {
      kind: 'notice_objection_verified',
      on: '2026-10-14',
      by: 'provider',
      founded: false,
      reasons: '工资已于 9 月全部结清，有银行凭证',
    });
    assert.equal(unfounded.state, 'notice');
    // verified after the notice ended: the center's 5 working days count from the verification
    // 10-15, 10-16, 10-19, 10-20, 10-21
    assert.deepEqual(
      unfounded.steps.find((s) => s.step === 'adoption'),
      {
        step: 'adoption',
        party: 'center',
        article: 'A19',
        opened: '2026-10-14',
        due: '2026-10-21',
        provisional: false,
        closed: null,
      },
    );
    const founded = replay(agrees, objected, {
      kind: 'notice_objection_verified',
      on: '2026-10-12',
      by: 'provider',
      founded: true,
      reasons: '核实仍拖欠 3 名职工工资',
    });
    assert.deepEqual([founded.state, founded.refusedBy], ['refused', 'notice_objection']);
    assert.equal(
      founded.steps.some((s) => s.step === 'adoption'),
      false,
    );
  });

  it('A19: an opinion against the repair refuses it, with the reasons; only the provider gives it', () => {
    const refused = replay({ ...agrees, agrees: false, reasons: '罚款尚未缴清' } as RepairEvent);
    assert.deepEqual([refused.state, refused.refusedBy, refused.notice], ['refused', 'provider', null]);
    assert.throws(
      () => replay({ ...agrees, by: 'center' } as unknown as RepairEvent),
      (e: unknown) => e instanceof ProcedureError && e.code === 'REPAIR_STEP_NOT_ALLOWED',
    );
  });

  it('国办发〔2025〕22号: without a notice, the deciding department has 3 working days and the applicant hears within 10 of the application', () => {
    const events: RepairEvent[] = [
      { kind: 'applied', on: '2026-09-28', by: 'center', path: 'B31' },
      { ...agrees, on: '2026-09-30' } as RepairEvent,
    ];
    const status = replayRepair(events, national, calendar, '国办发〔2025〕22号');
    assert.equal(status.state, 'adoption');
    assert.equal(status.notice, null);
    // opinion: 09-29, 09-30, 10-08; adoption: 10 working days from 09-28 → 10-16
    assert.deepEqual(
      status.steps.map((s) => [s.step, s.due]),
      [
        ['opinion', '2026-10-08'],
        ['adoption', '2026-10-16'],
      ],
    );
  });

  it('A19: each step shows its standing on a day (due in N working days, overdue)', () => {
    const status = replay();
    const [onTime] = stepsWithStanding(status, '2026-10-09', calendar);
    assert.deepEqual([onTime!.standing.state, onTime!.standing.workdaysLeft], ['on_time', 2]);
    const [late] = stepsWithStanding(status, '2026-10-14', calendar);
    assert.deepEqual([late!.standing.state, late!.standing.workdaysLeft], ['overdue', -2]);
  });
});
