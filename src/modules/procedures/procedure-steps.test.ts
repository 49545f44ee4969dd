/**
 * The scheduler's pure selection (decision 0031): which open step fires on a day — a reminder when its
 * deadline is today or the next working day, an escalation once it has passed — and the notices each
 * firing sends, counted across the 2026 中秋 (09-25…27) and 国庆 (10-01…07, make-up Saturday 10-10)
 * holidays; and the objection procedure's open steps as a step source gives them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtInSchedules, createCalendar } from '../calendar/index.ts';
import { type ObjectionEvent, replayObjection } from './objection-procedure.ts';
import { objectionOpenSteps } from './objection-steps.ts';
import { firingFor, noticesFor, type OpenStep, stepKeys } from './procedure-steps.ts';

const calendar = createCalendar(builtInSchedules());

const step = (over: Partial<OpenStep> = {}): OpenStep => ({
  procedure: 'objection',
  procedureId: '01930000-0000-7000-8000-000000000001',
  stepKey: 'verification',
  step: 'verification',
  party: 'provider',
  partyDepartment: 'HA-GSJ',
  article: 'A16, B29',
  opened: '2026-09-28',
  due: '2026-10-08',
  provisional: false,
  labels: { procedure: { zh: '异议处理', en: 'Objection' }, step: { zh: '核实', en: 'verification' } },
  subjectId: null,
  entryId: null,
  refs: {},
  ...over,
});

const fires = (s: OpenStep, today: string) => {
  const f = firingFor(s, today, calendar);
  return f && [f.kind, f.kind === 'overdue' ? f.workdaysLate : f.workdaysLeft];
};

describe('procedure steps: reminders and escalations (A16, B29; decision 0031)', () => {
  it('A16, B29: a step due the first working day after 国庆 is reminded on the last working day before it and through the holiday, not earlier', () => {
    const s = step({ due: '2026-10-08' });
    assert.equal(fires(s, '2026-09-29'), null, 'two working days left (09-30, 10-08)');
    assert.deepEqual(fires(s, '2026-09-30'), ['due_soon', 1]);
    assert.deepEqual(
      fires(s, '2026-10-03'),
      ['due_soon', 1],
      'a holiday: 10-08 is still the next working day',
    );
    assert.deepEqual(fires(s, '2026-10-08'), ['due_soon', 0], 'due today');
  });

  it('A16, B29: past its deadline a step is overdue by the working days since — the make-up Saturday counts, a Sunday does not', () => {
    const s = step({ due: '2026-10-09' });
    assert.deepEqual(fires(s, '2026-10-10'), ['overdue', 1]);
    assert.deepEqual(fires(s, '2026-10-11'), ['overdue', 1]);
    assert.deepEqual(fires(s, '2026-10-12'), ['overdue', 2]);
    // due on the Thursday before 中秋: overdue on the holiday, no working day lost yet
    assert.deepEqual(fires(step({ due: '2026-09-24' }), '2026-09-26'), ['overdue', 0]);
  });

  it("A16–A17: an overdue provider step tells the provider and escalates to the credit office, naming procedure, step, party, deadline and working days late; the office's own step is one notice", () => {
    const recipients = { center: 'HA-XYZX', creditOffice: 'HA-XYB' };
    const late = firingFor(step({ due: '2026-10-09' }), '2026-10-12', calendar)!;
    const notices = noticesFor(late, recipients)!;
    assert.deepEqual(
      notices.map((n) => [n.recipient, n.kind]),
      [
        ['HA-GSJ', 'procedure.overdue'],
        ['HA-XYB', 'procedure.escalated'],
      ],
    );
    assert.match(
      notices[1]!.title,
      /超期督办：异议处理“核实”步骤应由信息提供单位（HA-GSJ）办理，已于 2026-10-09 到期，超过 2 个工作日/,
    );
    assert.match(
      notices[1]!.titleEn,
      /Objection: step "verification", for the provider HA-GSJ to act, was due on 2026-10-09, 2 working days ago/,
    );
    assert.match(notices[0]!.title, /已报市信用办督办/);

    const center = firingFor(
      step({ party: 'center', partyDepartment: null, due: '2026-10-09' }),
      '2026-10-09',
      calendar,
    )!;
    assert.deepEqual(
      noticesFor(center, recipients)!.map((n) => [n.recipient, n.kind, n.title]),
      [
        [
          'HA-XYZX',
          'procedure.due_soon',
          '提醒：异议处理“核实”步骤今天（2026-10-09）到期，请按期办理（A16, B29）',
        ],
      ],
    );
    const office = firingFor(
      step({ party: 'credit_office', partyDepartment: null, due: '2026-10-09' }),
      '2026-10-12',
      calendar,
    )!;
    assert.deepEqual(
      noticesFor(office, recipients)!.map((n) => [n.recipient, n.kind]),
      [['HA-XYB', 'procedure.escalated']],
    );
  });

  it('A16: a firing without a registered recipient sends nothing (and is tried again later)', () => {
    const late = firingFor(step({ due: '2026-10-09' }), '2026-10-12', calendar)!;
    assert.equal(noticesFor(late, { center: 'HA-XYZX', creditOffice: null }), null);
    const center = firingFor(step({ party: 'center', partyDepartment: null }), '2026-10-08', calendar)!;
    assert.equal(noticesFor(center, { center: null, creditOffice: 'HA-XYB' }), null);
  });

  it('A16, B29: step keys number a step asked for again, so each verification fires once on its own', () => {
    assert.deepEqual(stepKeys(['review', 'verification', 'verification', 'correction', 'verification']), [
      'review',
      'verification',
      'verification#2',
      'correction',
      'verification#3',
    ]);
  });

  it('A16, A17: an objection gives its open steps with a deadline — the review and the second verification; none once closed, none for the appeal', () => {
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
    const row = {
      id: 'o-1',
      record_id: 'r-1',
      provider_department: 'HA-GSJ',
      subject_id: 's-1',
      entry_id: 'e-1',
    };
    const asked = replayObjection(
      [
        filed,
        { kind: 'verification_requested', on: '2026-09-29', by: 'center' },
        { kind: 'verified', on: '2026-09-30', by: 'provider', confirmed: false, reasons: '需补充材料' },
        { kind: 'verification_requested', on: '2026-10-08', by: 'center' },
      ],
      periods,
      calendar,
    );
    assert.deepEqual(
      objectionOpenSteps(row, asked).map((s) => [s.stepKey, s.party, s.partyDepartment, s.due]),
      [
        ['review', 'center', null, '2026-10-16'],
        ['verification#2', 'provider', 'HA-GSJ', '2026-10-14'],
      ],
    );
    const appealed = replayObjection(
      [
        filed,
        { kind: 'decided', on: '2026-09-29', by: 'center', outcome: 'rejected', reasons: '认定无误' },
        { kind: 'appealed', on: '2026-09-30', by: 'subject', reasons: '不服' },
      ],
      periods,
      calendar,
    );
    assert.deepEqual(objectionOpenSteps(row, appealed), []);
    const rejected = replayObjection(
      [filed, { kind: 'decided', on: '2026-09-29', by: 'center', outcome: 'rejected', reasons: '认定无误' }],
      periods,
      calendar,
    );
    assert.deepEqual(objectionOpenSteps(row, rejected), []);
  });
});
