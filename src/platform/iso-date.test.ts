import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from './errors.ts';
import {
  daysInMonth,
  formatDayNumber,
  formatIsoDate,
  fromDayNumber,
  isIsoDate,
  parseIsoDate,
  toDayNumber,
  weekdayOf,
} from './iso-date.ts';

describe('ISO dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    for (const s of ['2025-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31']) {
      assert.ok(isIsoDate(s), s);
    }
    for (const s of [
      '2025-02-29', // not a leap year
      '1900-02-29', // century, not divisible by 400
      '2025-13-01',
      '2025-00-10',
      '2025-04-31',
      '2025-01-00',
      '2025-1-1',
      '20250101',
      '2025-01-01T00:00:00Z',
      ' 2025-01-01',
      '0000-01-01',
      '',
    ]) {
      assert.equal(isIsoDate(s), false, s);
    }
    assert.equal(isIsoDate(20250101 as unknown as string), false);
  });

  it('numbers days exactly like UTC midnight, never the local time zone (1900-2200, every day)', () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2200, 11, 31) / 86_400_000;
    for (let n = first; n <= last; n++) {
      const d = new Date(n * 86_400_000);
      const iso = d.toISOString().slice(0, 10);
      assert.equal(formatDayNumber(n), iso);
      const { year, month, day } = fromDayNumber(n);
      assert.equal(toDayNumber(year, month, day), n);
      assert.equal(weekdayOf(n), d.getUTCDay(), iso);
    }
  });

  it('knows the weekdays the official notices print', () => {
    // 国办发明电〔2024〕12号: 1月26日（周日）、2月8日（周六）上班.
    assert.equal(weekdayOf(toDayNumber(2025, 1, 26)), 0);
    assert.equal(weekdayOf(toDayNumber(2025, 2, 8)), 6);
    assert.equal(formatDayNumber(toDayNumber(1, 1, 1)), '0001-01-01');
  });

  it('counts the days of each month, leap years included', () => {
    assert.deepEqual(
      Array.from({ length: 12 }, (_, i) => daysInMonth(2025, i + 1)),
      [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
    );
    assert.equal(daysInMonth(2024, 2), 29);
    assert.equal(daysInMonth(2000, 2), 29);
    assert.equal(daysInMonth(1900, 2), 28);
    for (let n = toDayNumber(1900, 1, 1); n <= toDayNumber(2200, 12, 31); n++) {
      const { year, month, day } = fromDayNumber(n);
      if (fromDayNumber(n + 1).month !== month) assert.equal(daysInMonth(year, month), day);
    }
  });

  it('parses and writes the parts of a date', () => {
    assert.deepEqual(parseIsoDate('2024-02-29'), { year: 2024, month: 2, day: 29 });
    assert.equal(parseIsoDate('2025-02-29'), undefined);
    assert.equal(formatIsoDate(2025, 3, 1), '2025-03-01');
    assert.equal(formatIsoDate(1, 1, 1), '0001-01-01');
  });

  it('issue 14 §6: never writes a five-digit or zero year: DATE_OUT_OF_RANGE, a 400', () => {
    const outOfRange = (e: unknown) =>
      e instanceof AppError && e.code === 'DATE_OUT_OF_RANGE' && e.status === 400;
    assert.throws(() => formatIsoDate(10000, 1, 1), outOfRange);
    assert.throws(() => formatIsoDate(0, 12, 31), outOfRange);
    assert.throws(() => formatDayNumber(toDayNumber(9999, 12, 31) + 1), outOfRange);
    assert.throws(() => formatDayNumber(toDayNumber(1, 1, 1) - 1), outOfRange);
    assert.equal(formatDayNumber(toDayNumber(9999, 12, 31)), '9999-12-31');
    assert.equal(formatDayNumber(toDayNumber(1, 1, 1)), '0001-01-01');
  });
});
