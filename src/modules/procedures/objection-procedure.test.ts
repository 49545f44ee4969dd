/**
 * The objection procedure (A15–A16, B28–B29) as a pure state machine: who may take which step, and
 * each step's deadline in working days across the 2026 中秋 and 国庆 holidays (dates counted by hand:
 * 2026-09-25…27 中秋, 10-01…07 国庆, 10-10 a make-up Saturday).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtInSchedules, createCalendar } from '../calendar/index.ts';
import {
  allowedSteps,
  deadlineState,
  type ObjectionEvent,
  ProcedureError,
  replayObjection,
} from './objection-procedure.ts';

const calendar = createCalendar(builtInSchedules());
const periods = {
  review: { workdays: 10 },
  providerVerification: { workdays: 5 },
  correction: { workdays: 3 },
};
const filed: ObjectionEvent = {
  kind: 'filed',
  on: '2026-09-28',
  by: 'subject',
  ground: 'wrong_or_incomplete',
};
const replay = (...events: ObjectionEvent[]) => replayObjection([filed, ...events], periods, calendar);

describe('objection procedure (A15–A16, B28–B29)', () => {
  it('A16, B29: the review is due 10 working days after filing, counted across 国庆 and its make-up Saturday', () => {
    const status = replay();
    assert.equal(status.state, 'review');
    // 09-29, 09-30, 10-08, 10-09, 10-10 (make-up), 10-12, 10-13, 10-14, 10-15, 10-16
    assert.deepEqual(
      status.steps.map((s) => [s.step, s.opened, s.due, s.provisional]),
      [['review', '2026-09-28', '2026-10-16', false]],
    );
  });

  it('A16, B29: the provider verifies within 5 working days, inside the review; the center then decides', () => {
    const asked = replay({ kind: 'verification_requested', on: '2026-09-30', by: 'center' });
    // 10-08, 10-09, 10-10, 10-12, 10-13
    assert.deepEqual(
      asked.steps.map((s) => [s.step, s.due]),
      [
        ['review', '2026-10-16'],
        ['verification', '2026-10-13'],
      ],
    );
    assert.equal(asked.state, 'verification');
    // asked late in the review: the verification is due with the review, not after it
    const late = replay({ kind: 'verification_requested', on: '2026-10-14', by: 'center' });
    assert.equal(late.steps[1]!.due, '2026-10-16');
    const verified = replay(
      { kind: 'verification_requested', on: '2026-09-30', by: 'center' },
      { kind: 'verified', on: '2026-10-09', by: 'provider', confirmed: true, reasons: '处罚决定已被撤销' },
    );
    assert.deepEqual([verified.state, verified.steps[1]!.closed], ['review', '2026-10-09']);
    assert.deepEqual(allowedSteps('verification', 'center'), [], 'the center waits for the verification');
  });

  it('A16, B29: upheld, the correction is due 3 working days after the decision; rejected, the record stands', () => {
    const upheld = replay({
      kind: 'decided',
      on: '2026-09-29',
      by: 'center',
      outcome: 'upheld',
      reasons: '核实有误',
    });
    // 09-30, 10-08, 10-09
    assert.deepEqual(
      [upheld.state, upheld.steps.map((s) => [s.step, s.closed, s.due])],
      [
        'correction',
        [
          ['review', '2026-09-29', '2026-10-16'],
          ['correction', null, '2026-10-09'],
        ],
      ],
    );
    const corrected = replay(
      { kind: 'decided', on: '2026-09-29', by: 'center', outcome: 'upheld', reasons: '核实有误' },
      { kind: 'corrected', on: '2026-10-08', by: 'provider', recordId: 'r-2', version: 2 },
    );
    assert.deepEqual(
      [corrected.state, corrected.correction],
      ['corrected', { recordId: 'r-2', version: 2, on: '2026-10-08' }],
    );
    const rejected = replay({
      kind: 'decided',
      on: '2026-10-12',
      by: 'center',
      outcome: 'rejected',
      reasons: '信息无误',
    });
    assert.deepEqual(
      [rejected.state, rejected.outcome?.reasons, rejected.steps.length],
      ['rejected', '信息无误', 1],
    );
  });

  it('A16: a step out of turn or by the wrong party is refused with a stable code', () => {
    const tries: ObjectionEvent[][] = [
      [{ kind: 'verified', on: '2026-09-29', by: 'provider', confirmed: true, reasons: 'x' }],
      [{ kind: 'decided', on: '2026-09-29', by: 'provider' as 'center', outcome: 'upheld', reasons: 'x' }],
      [
        { kind: 'decided', on: '2026-09-29', by: 'center', outcome: 'rejected', reasons: 'x' },
        { kind: 'corrected', on: '2026-09-30', by: 'provider', recordId: 'r', version: 2 },
      ],
      [{ kind: 'corrected', on: '2026-09-30', by: 'provider', recordId: 'r', version: 2 }],
    ];
    for (const events of tries) {
      assert.throws(
        () => replay(...events),
        (e: unknown) => e instanceof ProcedureError && e.code === 'OBJECTION_STEP_NOT_ALLOWED',
        JSON.stringify(events),
      );
    }
    assert.deepEqual(allowedSteps(null, 'subject'), ['filed']);
    assert.deepEqual(allowedSteps('review', 'center'), ['verification_requested', 'decided']);
    assert.deepEqual(allowedSteps('correction', 'provider'), ['corrected']);
    assert.deepEqual(
      allowedSteps('rejected', 'center'),
      ['appealed'],
      'only an appeal, filed at a window (A17)',
    );
  });

  it('A16: each step says how it stands — due in N working days, due today, overdue, closed on time or late', () => {
    const [review] = replay().steps;
    const at = (today: string) => {
      const s = deadlineState(review!, today, calendar);
      return [s.state, s.workdaysLeft];
    };
    // after 10-09: 10-10 (make-up), 10-12, 10-13, 10-14, 10-15, 10-16
    assert.deepEqual(at('2026-10-09'), ['on_time', 6]);
    assert.deepEqual(at('2026-10-16'), ['due_today', 0]);
    assert.deepEqual(at('2026-10-19'), ['overdue', -1]);
    assert.match(
      deadlineState(review!, '2026-10-19', calendar).zh,
      /已超期：2026-10-16 到期，已超过 1 个工作日/,
    );
    const closed = replay({
      kind: 'decided',
      on: '2026-10-19',
      by: 'center',
      outcome: 'rejected',
      reasons: 'x',
    });
    assert.equal(deadlineState(closed.steps[0]!, '2026-10-20', calendar).state, 'closed_late');
  });

  it('A17, B30: a rejected objection may be appealed to the credit office; upheld, the correction follows; the appeal has no period set', () => {
    const rejected: ObjectionEvent = {
      kind: 'decided',
      on: '2026-09-29',
      by: 'center',
      outcome: 'rejected',
      reasons: '信息无误',
    };
    const appealed: ObjectionEvent = {
      kind: 'appealed',
      on: '2026-09-30',
      by: 'subject',
      reasons: '认定对象有误',
    };
    const during = replay(rejected, appealed);
    assert.deepEqual(
      [during.state, during.steps.at(-1)!.step, during.steps.at(-1)!.party, during.steps.at(-1)!.due],
      ['appeal', 'appeal', 'credit_office', null],
    );
    assert.equal(deadlineState(during.steps.at(-1)!, '2026-10-30', calendar).state, 'no_deadline');
    assert.deepEqual(allowedSteps('appeal', 'center'), [], 'the center does not decide its own appeal');
    assert.deepEqual(allowedSteps('appeal', 'credit_office'), ['appeal_decided']);
    const upheld = replay(rejected, appealed, {
      kind: 'appeal_decided',
      on: '2026-10-08',
      by: 'credit_office',
      outcome: 'upheld',
      reasons: '申诉成立',
    });
    // decided 10-08: the correction is due 10-09, 10-10 (make-up Saturday), 10-12
    assert.deepEqual(
      [upheld.state, upheld.steps.at(-1)!.step, upheld.steps.at(-1)!.due],
      ['correction', 'correction', '2026-10-12'],
    );
    const final = replay(rejected, appealed, {
      kind: 'appeal_decided',
      on: '2026-10-08',
      by: 'credit_office',
      outcome: 'rejected',
      reasons: '维持',
    });
    assert.equal(final.state, 'appeal_rejected');
    assert.deepEqual(
      allowedSteps('appeal_rejected', 'subject'),
      [],
      'one appeal on the platform; beyond it lie review and litigation',
    );
    assert.deepEqual(allowedSteps('corrected', 'subject'), [], 'an upheld objection is not appealed');
  });

  it('A16, B29: asked after the review is already late, the provider still gets its 5 working days; a weekend past a deadline is overdue by no working day yet', () => {
    const late = replay({ kind: 'verification_requested', on: '2026-10-19', by: 'center' });
    // review due 10-16 (Friday); asked Monday 10-19: 10-20 … 10-26
    assert.deepEqual(
      late.steps.map((s) => [s.step, s.due]),
      [
        ['review', '2026-10-16'],
        ['verification', '2026-10-26'],
      ],
    );
    const weekend = deadlineState(replay().steps[0]!, '2026-10-17', calendar);
    assert.deepEqual([weekend.state, weekend.workdaysLeft], ['overdue', -1]);
    assert.match(weekend.zh, /已超期：已于 2026-10-16 到期/);
  });

  it('A16: a deadline that crosses a year with no official schedule is provisional, and says so', () => {
    const late = replayObjection(
      [{ kind: 'filed', on: '2027-12-28', by: 'center', ground: 'past_validity' }],
      periods,
      calendar,
    );
    assert.equal(late.steps[0]!.provisional, true);
    assert.match(deadlineState(late.steps[0]!, '2027-12-29', calendar).zh, /按暂定日历计算/);
  });
});
