import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDayNumber, isWeekend, toDayNumber } from '../../platform/iso-date.ts';
import { builtInSchedules } from './built-in.ts';
import { createCalendar } from './calendar.ts';

/**
 * Expectations come from the State Council's notices, not from chinese-days:
 * - 2025: 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）
 * - 2026: 国务院办公厅关于2026年部分节假日安排的通知（2025-11-04，新华社全文）
 */
const OFFICIAL: Record<number, { off: [string, string][]; work: string[] }> = {
  2025: {
    off: [
      ['2025-01-01', '2025-01-01'], // 元旦，不调休
      ['2025-01-28', '2025-02-04'], // 春节（除夕至正月初七）
      ['2025-04-04', '2025-04-06'], // 清明节
      ['2025-05-01', '2025-05-05'], // 劳动节
      ['2025-05-31', '2025-06-02'], // 端午节
      ['2025-10-01', '2025-10-08'], // 国庆节、中秋节
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [
      ['2026-01-01', '2026-01-03'], // 元旦
      ['2026-02-15', '2026-02-23'], // 春节（腊月二十八至正月初七）
      ['2026-04-04', '2026-04-06'], // 清明节
      ['2026-05-01', '2026-05-05'], // 劳动节
      ['2026-06-19', '2026-06-21'], // 端午节
      ['2026-09-25', '2026-09-27'], // 中秋节
      ['2026-10-01', '2026-10-07'], // 国庆节
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

describe('working days under the official 2025 and 2026 schedules', () => {
  const calendar = createCalendar(builtInSchedules());
  const add = (from: string, n: number) => calendar.addWorkdays(from, n).deadline;

  for (const [year, { off, work }] of Object.entries(OFFICIAL)) {
    it(`agrees with the ${year} notice on every day of the year`, () => {
      const offDays = new Set<string>();
      for (const [first, last] of off) {
        const [a, b] = [first, last].map((d) => toDayNumber(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8)));
        for (let n = a!; n <= b!; n++) offDays.add(formatDayNumber(n));
      }
      const start = toDayNumber(+year, 1, 1);
      for (let n = start; n < toDayNumber(+year + 1, 1, 1); n++) {
        const date = formatDayNumber(n);
        const expected = offDays.has(date) ? false : work.includes(date) || !isWeekend(n);
        const day = calendar.isWorkday(date);
        assert.equal(day.workday, expected, date);
        assert.equal(day.provisional, false, date);
      }
      for (const date of work) assert.equal(calendar.isWorkday(date).reason, 'makeup_workday', date);
    });
  }

  it('treats the 2025 Spring Festival makeup Sunday and Saturday as working days (国办发明电〔2024〕12号)', () => {
    assert.deepEqual(calendar.isWorkday('2025-01-26'), {
      workday: true,
      provisional: false,
      reason: 'makeup_workday',
      holidayName: '春节',
    });
    assert.equal(calendar.isWorkday('2025-02-08').reason, 'makeup_workday');
    assert.deepEqual(calendar.isWorkday('2025-01-29'), {
      workday: false,
      provisional: false,
      reason: 'holiday',
      holidayName: '春节',
    });
    assert.deepEqual(calendar.isWorkday('2025-01-25'), {
      workday: false,
      provisional: false,
      reason: 'weekend',
    });
    assert.deepEqual(calendar.isWorkday('2025-01-27'), {
      workday: true,
      provisional: false,
      reason: 'weekday',
    });
  });

  it('counts across the 2025 Spring Festival: makeup Sunday counts, the whole holiday does not', () => {
    // Fri 01-24 -> Sun 01-26 (makeup) 1, Mon 01-27 2, 01-28..02-04 off, Wed 02-05 3. Mon-Fri would say 01-29.
    assert.equal(add('2025-01-24', 3), '2025-02-05');
    assert.equal(add('2025-01-27', 1), '2025-02-05');
    assert.equal(add('2025-02-05', 3), '2025-02-08'); // Thu, Fri, then the makeup Saturday
  });

  it('does not count the start day, even when it is a working day (Civil Code art. 201)', () => {
    assert.equal(add('2025-01-26', 1), '2025-01-27');
    assert.equal(add('2025-03-07', 1), '2025-03-10'); // Friday -> Monday
    assert.equal(add('2025-03-08', 1), '2025-03-10'); // start on a Saturday
    assert.equal(add('2025-01-30', 1), '2025-02-05'); // start inside the holiday
  });

  it('returns the start date itself for 0 working days (documented convention)', () => {
    assert.deepEqual(calendar.addWorkdays('2025-01-29', 0), {
      from: '2025-01-29',
      workdays: 0,
      deadline: '2025-01-29',
      provisional: false,
      missingYears: [],
    });
  });

  it('counts across the 2025 National Day holiday and its makeup days (国办发明电〔2024〕12号)', () => {
    assert.equal(add('2025-09-26', 2), '2025-09-29'); // Sat weekend, Sun 09-28 makeup, Mon
    assert.equal(add('2025-09-30', 1), '2025-10-09');
    assert.equal(add('2025-09-30', 3), '2025-10-11'); // Thu, Fri, makeup Saturday
  });

  it('reviews an objection within 10 working days across National Day 2025 (DOMAIN: objection 10 working days, A16)', () => {
    // 09-28 (makeup Sun), 09-29, 09-30, 10-09, 10-10, 10-11 (makeup Sat), 10-13 .. 10-16.
    assert.equal(add('2025-09-26', 10), '2025-10-16');
  });

  it('counts across the 2026 Spring Festival: makeup Saturdays 02-14 and 02-28 (2026 notice)', () => {
    assert.equal(add('2026-02-13', 1), '2026-02-14'); // Fri -> makeup Saturday
    assert.equal(add('2026-02-13', 2), '2026-02-24'); // 02-15..02-23 off
    assert.equal(add('2026-02-26', 2), '2026-02-28'); // Fri 02-27, makeup Sat 02-28
    assert.equal(add('2026-02-28', 1), '2026-03-02');
  });

  it('publicizes a repair for 5 working days across the 2026 Spring Festival (DOMAIN: repair publicity 5 working days, A19)', () => {
    // Fri 02-13 1, makeup Sat 02-14 2, Tue 02-24 3, Wed 02-25 4, Thu 02-26 5.
    assert.equal(add('2026-02-12', 5), '2026-02-26');
  });

  it('counts across the 2026 Mid-Autumn and National Day holidays (2026 notice)', () => {
    assert.equal(add('2026-09-18', 1), '2026-09-20'); // Sat weekend, makeup Sunday 09-20
    assert.equal(add('2026-09-30', 1), '2026-10-08');
    assert.equal(add('2026-09-30', 3), '2026-10-10'); // Thu, Fri, makeup Saturday
    // Objection review (A16): 09-28, 09-29, 09-30, 10-08, 10-09, 10-10, 10-12 .. 10-15.
    assert.equal(add('2026-09-24', 10), '2026-10-15');
  });

  it('measures timeliness of a push within 7 working days across a holiday (DOMAIN: push within 7 working days, A9)', () => {
    // Decision Fri 2026-02-13: 02-14 (makeup), 02-24 .. 02-27, 02-28 (makeup), 03-02 is the 7th.
    assert.equal(calendar.workdaysBetween('2026-02-13', '2026-03-02').workdays, 7);
    assert.equal(calendar.workdaysBetween('2026-02-13', '2026-03-03').workdays, 8);
    assert.equal(add('2026-02-13', 7), '2026-03-02');
  });

  it('counts working days after `from` up to and including `to` (same convention as addWorkdays)', () => {
    const between = (a: string, b: string) => calendar.workdaysBetween(a, b).workdays;
    assert.equal(between('2025-01-24', '2025-02-05'), 3);
    assert.equal(between('2025-01-27', '2025-02-04'), 0); // the whole holiday
    assert.equal(between('2025-01-24', '2025-01-28'), 2); // `to` on a holiday
    assert.equal(between('2026-09-30', '2026-10-10'), 3);
    assert.equal(between('2025-03-05', '2025-03-05'), 0);
    assert.equal(between('2025-02-05', '2025-01-24'), -3); // reversed range: negative, not 0
    // A whole year: 261 weekdays - 18 weekday holidays + 5 makeup days (2025);
    // 261 - 19 + 6 (2026). Both notices give 248 working days.
    assert.deepEqual(calendar.workdaysBetween('2024-12-31', '2025-12-31'), {
      workdays: 248,
      provisional: false,
      missingYears: [],
    });
    assert.equal(between('2025-12-31', '2026-12-31'), 248);
    assert.equal(between('2024-12-31', '2026-12-31'), 496);
  });
});
