import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createCalendar } from './calendar.ts';
import type { ScheduleError } from './schedule.ts';
import { parseScheduleFile } from './schedule-file.ts';

const valid = () => ({
  year: 2027,
  source: 'test fixture, not official',
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-04', name: '元旦' },
  ],
  makeupWorkdays: [{ date: '2027-01-09', name: '元旦' }],
});

function errorsOf(json: unknown): Pick<ScheduleError, 'code' | 'path'>[] {
  const result = parseScheduleFile(json);
  assert.equal(result.ok, false, 'expected the file to be rejected');
  if (result.ok) return [];
  for (const e of result.errors) {
    assert.ok(e.message.length > 0 && e.messageEn.length > 0, `${e.code} has both messages`);
  }
  return result.errors.map(({ code, path }) => ({ code, path }));
}

describe('parseScheduleFile: accepted formats', () => {
  it('reads one year object, sorting entries by date and trimming names', () => {
    const file = valid();
    file.holidays.reverse();
    file.holidays[0]!.name = ' 元旦 ';
    const result = parseScheduleFile(file);
    assert.ok(result.ok);
    assert.deepEqual(result.schedules, [valid()]);
  });

  it('reads an array of years and the { "schedules": [...] } wrapper', () => {
    const y2028 = {
      ...valid(),
      year: 2028,
      holidays: [{ date: '2028-01-01', name: '元旦' }],
      makeupWorkdays: [],
    };
    for (const file of [[valid(), y2028], { $comment: 'two years', schedules: [valid(), y2028] }]) {
      const result = parseScheduleFile(file);
      assert.ok(result.ok);
      assert.deepEqual(
        result.schedules.map((s) => s.year),
        [2027, 2028],
      );
    }
  });

  it('reads the shipped example file, which says it is not official, into a non-provisional 2027', () => {
    const text = readFileSync(new URL('./examples/2027.example.json', import.meta.url), 'utf8');
    const result = parseScheduleFile(JSON.parse(text));
    assert.ok(result.ok, JSON.stringify(result));
    const [example] = result.schedules;
    assert.match(example!.source, /EXAMPLE ONLY/);
    assert.match(example!.source, /非官方/);
    assert.equal(createCalendar(result.schedules).addWorkdays('2027-02-04', 1).deadline, '2027-02-15');
  });
});

describe('parseScheduleFile: errors name the offending field', () => {
  it('rejects an impossible date (holidays[1].date)', () => {
    const file = valid();
    file.holidays[1]!.date = '2027-02-30';
    assert.deepEqual(errorsOf(file), [{ code: 'CALENDAR_DATE_INVALID', path: 'holidays[1].date' }]);
    file.holidays[1]!.date = '2027-1-4';
    assert.deepEqual(errorsOf(file), [{ code: 'CALENDAR_DATE_INVALID', path: 'holidays[1].date' }]);
  });

  it('rejects a date outside the schedule year', () => {
    const file = valid();
    file.holidays[0]!.date = '2026-12-31';
    assert.deepEqual(errorsOf(file), [{ code: 'CALENDAR_DATE_OUTSIDE_YEAR', path: 'holidays[0].date' }]);
  });

  it('rejects a makeup workday on a weekday: it would change nothing, so the file is wrong', () => {
    const file = valid();
    file.makeupWorkdays[0]!.date = '2027-01-05'; // Tuesday
    assert.deepEqual(errorsOf(file), [
      { code: 'CALENDAR_MAKEUP_NOT_WEEKEND', path: 'makeupWorkdays[0].date' },
    ]);
  });

  it('accepts holidays on weekdays and on weekends', () => {
    const file = valid();
    file.holidays.push({ date: '2027-01-02', name: '元旦' }); // Saturday
    assert.ok(parseScheduleFile(file).ok);
  });

  it('rejects a duplicate date and a date that is both holiday and makeup workday', () => {
    const file = valid();
    file.holidays.push({ date: '2027-01-01', name: '元旦' });
    file.makeupWorkdays.push({ date: '2027-01-04', name: '元旦' });
    assert.deepEqual(errorsOf(file), [
      { code: 'CALENDAR_DATE_DUPLICATE', path: 'holidays[2].date' },
      { code: 'CALENDAR_DATE_CONFLICT', path: 'makeupWorkdays[1].date' },
      { code: 'CALENDAR_MAKEUP_NOT_WEEKEND', path: 'makeupWorkdays[1].date' },
    ]);
  });

  it('rejects a year outside 2000..2100 or not an integer', () => {
    for (const year of [1999, 2101, 2027.5]) {
      assert.deepEqual(errorsOf({ ...valid(), year }), [{ code: 'CALENDAR_YEAR_INVALID', path: 'year' }]);
    }
  });

  it('rejects empty names, an empty source and a year without holidays', () => {
    const file = valid();
    file.makeupWorkdays[0]!.name = '  ';
    assert.deepEqual(errorsOf({ ...file, source: '', holidays: [] }), [
      { code: 'CALENDAR_SOURCE_EMPTY', path: 'source' },
      { code: 'CALENDAR_HOLIDAYS_EMPTY', path: 'holidays' },
      { code: 'CALENDAR_NAME_EMPTY', path: 'makeupWorkdays[0].name' },
    ]);
  });

  it('rejects wrong types, missing and unknown fields (CALENDAR_FILE_INVALID)', () => {
    const { makeupWorkdays: _omitted, ...withoutMakeup } = valid();
    const file = {
      ...withoutMakeup,
      year: '2027',
      holidays: [{ date: 20270101, name: '元旦' }, 'x'],
      makeupWorkday: [],
    };
    assert.deepEqual(errorsOf(file), [
      { code: 'CALENDAR_FILE_INVALID', path: 'year' },
      { code: 'CALENDAR_FILE_INVALID', path: 'holidays[0].date' },
      { code: 'CALENDAR_FILE_INVALID', path: 'holidays[1]' },
      { code: 'CALENDAR_FILE_INVALID', path: 'makeupWorkdays' },
      { code: 'CALENDAR_FILE_INVALID', path: 'makeupWorkday' },
    ]);
    for (const json of [null, 42, 'text', true]) {
      assert.deepEqual(errorsOf(json), [{ code: 'CALENDAR_FILE_INVALID', path: '' }]);
    }
    assert.deepEqual(errorsOf({ schedules: 'x' }), [{ code: 'CALENDAR_FILE_INVALID', path: 'schedules' }]);
  });

  it('prefixes paths with the position in an array or wrapper', () => {
    const bad = {
      ...valid(),
      year: 2028,
      holidays: [{ date: '2028-02-30', name: '春节' }],
      makeupWorkdays: [],
    };
    assert.deepEqual(errorsOf([valid(), bad]), [
      { code: 'CALENDAR_DATE_INVALID', path: '[1].holidays[0].date' },
    ]);
    assert.deepEqual(errorsOf({ schedules: [{ ...valid(), year: 1999 }] }), [
      { code: 'CALENDAR_YEAR_INVALID', path: 'schedules[0].year' }, // dates are not also blamed
    ]);
  });

  it('rejects an empty file and the same year twice', () => {
    assert.deepEqual(errorsOf([]), [{ code: 'CALENDAR_FILE_EMPTY', path: '' }]);
    assert.deepEqual(errorsOf({ schedules: [] }), [{ code: 'CALENDAR_FILE_EMPTY', path: '' }]);
    assert.deepEqual(errorsOf([valid(), valid()]), [{ code: 'CALENDAR_YEAR_DUPLICATE', path: '[1].year' }]);
  });
});
