import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { formatDayNumber, toDayNumber } from '../../platform/iso-date.ts';
import { builtInSchedules } from './built-in.ts';
import { createCalendar, MAX_WORKDAYS, type WorkdayCalendar } from './calendar.ts';
import type { YearSchedule } from './schedule.ts';

/** A made-up 2027 schedule (test fixture, not official): Mon 01-04 off, Sat 01-09 worked. */
const imported2027: YearSchedule = {
  year: 2027,
  source: 'test fixture, not official',
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-04', name: '元旦' },
  ],
  makeupWorkdays: [{ date: '2027-01-09', name: '元旦' }],
};

describe('years without an official schedule are provisional, never guessed silently', () => {
  const calendar = createCalendar(builtInSchedules());

  it('marks a 2027 date provisional and falls back to Monday-Friday', () => {
    assert.deepEqual(calendar.isWorkday('2027-03-01'), {
      workday: true,
      provisional: true,
      reason: 'weekday',
    });
    assert.deepEqual(calendar.isWorkday('2027-03-06'), {
      workday: false,
      provisional: true,
      reason: 'weekend',
    });
    assert.equal(calendar.isWorkday('2026-03-02').provisional, false);
    assert.equal(calendar.isWorkday('2003-06-02').provisional, true); // before chinese-days' data
  });

  it('lists 2027 in missingYears when a deadline runs from 2026 into 2027', () => {
    assert.deepEqual(calendar.addWorkdays('2026-12-30', 3), {
      from: '2026-12-30',
      workdays: 3,
      deadline: '2027-01-04', // Thu 12-31, Fri 01-01 (assumed working), Mon 01-04
      provisional: true,
      missingYears: [2027],
    });
  });

  it('is not provisional when only loaded years are examined, even if `from` is the last loaded day', () => {
    assert.deepEqual(calendar.addWorkdays('2026-12-30', 1).missingYears, []);
    assert.equal(calendar.addWorkdays('2026-12-31', 0).provisional, false); // no day examined
    assert.equal(calendar.addWorkdays('2026-12-31', 1).provisional, true); // 2027-01-01 examined
    // `from` itself is not examined: starting on 31 December of a missing year needs only the next year.
    const only2027 = createCalendar([imported2027]);
    assert.deepEqual(only2027.addWorkdays('2026-12-31', 1), {
      from: '2026-12-31',
      workdays: 1,
      deadline: '2027-01-05',
      provisional: false,
      missingYears: [],
    });
    assert.deepEqual(only2027.workdaysBetween('2026-12-31', '2027-01-09').missingYears, []);
  });

  it('lists every missing year once, sorted, for long spans', () => {
    const result = calendar.addWorkdays('2026-12-31', 600); // 261 + 260 working days, then into 2029
    assert.deepEqual(result.missingYears, [2027, 2028, 2029]);
    assert.equal(result.provisional, true);
  });

  it('marks workdaysBetween provisional for a range spanning 2026 -> 2027', () => {
    const result = calendar.workdaysBetween('2026-12-01', '2027-01-15');
    assert.deepEqual(result.missingYears, [2027]);
    assert.equal(result.provisional, true);
    assert.deepEqual(calendar.workdaysBetween('2027-01-15', '2026-12-01').missingYears, [2027]);
    assert.deepEqual(calendar.workdaysBetween('2026-12-01', '2026-12-31').missingYears, []);
  });
});

describe('imported schedules', () => {
  it('remove the provisional flag and are honored (imported 2027 schedule)', () => {
    const calendar = createCalendar([...builtInSchedules(), imported2027]);
    assert.deepEqual(calendar.addWorkdays('2026-12-30', 3), {
      from: '2026-12-30',
      workdays: 3,
      deadline: '2027-01-06', // Thu 12-31, 01-01 and 01-04 off, Tue 01-05, Wed 01-06
      provisional: false,
      missingYears: [],
    });
    assert.deepEqual(calendar.isWorkday('2027-01-09'), {
      workday: true,
      provisional: false,
      reason: 'makeup_workday',
      holidayName: '元旦',
    });
    assert.equal(calendar.workdaysBetween('2027-01-01', '2027-01-09').workdays, 5); // 5, 6, 7, 8, makeup 9
    assert.deepEqual(calendar.loadedYears().slice(-3), [2025, 2026, 2027]);
  });

  it('replace the built-in data for the same year (later entries win)', () => {
    const corrected2026: YearSchedule = {
      year: 2026,
      source: 'test fixture: replaces 2026',
      holidays: [{ date: '2026-01-01', name: '元旦' }],
      makeupWorkdays: [],
    };
    const calendar = createCalendar([...builtInSchedules(), corrected2026]);
    assert.deepEqual(calendar.isWorkday('2026-02-16'), {
      workday: true,
      provisional: false,
      reason: 'weekday',
    });
    assert.equal(calendar.isWorkday('2026-02-14').reason, 'weekend'); // built-in makeup Saturday gone
    assert.equal(calendar.isWorkday('2026-01-02').workday, true); // built-in 元旦 01-02 gone
    assert.equal(calendar.isWorkday('2025-01-28').reason, 'holiday'); // other years untouched
    assert.equal(
      createCalendar([corrected2026, ...builtInSchedules()]).isWorkday('2026-02-16').reason,
      'holiday',
    );
  });

  it('are re-validated: a corrupt schedule throws instead of producing wrong deadlines', () => {
    const corrupt = { ...imported2027, makeupWorkdays: [{ date: '2027-01-05', name: '元旦' }] }; // Tuesday
    assert.throws(() => createCalendar([corrupt]), RangeError);
    assert.throws(() => createCalendar([{ ...imported2027, year: 2028 }]), RangeError); // dates outside year
  });

  it('report no loaded years for an empty calendar, and everything provisional', () => {
    const calendar = createCalendar([]);
    assert.deepEqual(calendar.loadedYears(), []);
    assert.deepEqual(calendar.addWorkdays('2025-01-24', 3).deadline, '2025-01-29');
    assert.deepEqual(calendar.addWorkdays('2025-01-24', 3).missingYears, [2025]);
  });
});

describe('arguments (the HTTP layer validates first; the calendar still refuses nonsense)', () => {
  const calendar = createCalendar(builtInSchedules());

  it('rejects negative, fractional, non-finite or excessive working-day counts with a RangeError', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_WORKDAYS + 1]) {
      assert.throws(() => calendar.addWorkdays('2025-01-24', n), RangeError, String(n));
    }
    assert.equal(calendar.addWorkdays('2025-01-24', MAX_WORKDAYS).provisional, true);
  });

  it('rejects invalid dates with a RangeError', () => {
    assert.throws(() => calendar.addWorkdays('2025-02-30', 1), RangeError);
    assert.throws(() => calendar.isWorkday('2025-13-01'), RangeError);
    assert.throws(() => calendar.workdaysBetween('2025-01-01', '2025/01/02'), RangeError);
  });

  it('issue 14 §6: a deadline past 9999-12-31 is DATE_OUT_OF_RANGE (400), never a five-digit year', () => {
    const outOfRange = (e: unknown) =>
      e instanceof AppError && e.code === 'DATE_OUT_OF_RANGE' && e.status === 400;
    assert.throws(() => calendar.addWorkdays('9999-12-30', 5), outOfRange);
    assert.throws(() => calendar.addWorkdays('9999-12-30', MAX_WORKDAYS), outOfRange);
    assert.throws(() => calendar.addWorkdays('9999-12-31', 1), outOfRange);
    assert.equal(calendar.addWorkdays('9999-12-31', 0).deadline, '9999-12-31');
    assert.equal(calendar.addWorkdays('9999-12-28', 3).deadline, '9999-12-31'); // Mon 28 … Thu 31 (provisional)
  });
});

/** Day-by-day reference implementation built on isWorkday: slow and obviously right. */
function naiveAdd(calendar: WorkdayCalendar, from: string, n: number): string {
  let day = toDayNumber(+from.slice(0, 4), +from.slice(5, 7), +from.slice(8));
  for (let left = n; left > 0; ) {
    day++;
    if (calendar.isWorkday(formatDayNumber(day)).workday) left--;
  }
  return formatDayNumber(day);
}

describe('the fast path agrees with a day-by-day count', () => {
  const calendar = createCalendar([...builtInSchedules(), imported2027]);

  it('for every start day from 2024-12-01 to 2027-01-31 and assorted counts', () => {
    const first = toDayNumber(2024, 12, 1);
    for (let day = first; day <= toDayNumber(2027, 1, 31); day++) {
      const from = formatDayNumber(day);
      for (const n of [1, 2, 3, 5, 7, 10, 15, 20 + (day % 300)]) {
        const { deadline } = calendar.addWorkdays(from, n);
        assert.equal(deadline, naiveAdd(calendar, from, n), `${from} + ${n}`);
        assert.equal(calendar.workdaysBetween(from, deadline).workdays, n, `${from} .. ${deadline}`);
        assert.equal(calendar.isWorkday(deadline).workday, true);
      }
    }
  });
});
