import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_SOURCE, builtInSchedules } from './built-in.ts';
import { createCalendar } from './calendar.ts';
import { validateSchedule } from './schedule.ts';

describe('built-in schedules (chinese-days raw data)', () => {
  const schedules = builtInSchedules();
  const years = schedules.map((s) => s.year);

  it('covers 2025 and 2026 but not 2027, whose notice is not published yet', () => {
    assert.ok(years.includes(2025));
    assert.ok(years.includes(2026));
    assert.equal(years.includes(2027), false);
    assert.equal(Math.max(...years), 2026);
  });

  it('lists only years with holiday entries, contiguous and sorted', () => {
    assert.equal(years[0], 2004);
    assert.deepEqual(
      years,
      Array.from({ length: years.length }, (_, i) => 2004 + i),
    );
    for (const s of schedules) assert.ok(s.holidays.length > 0, String(s.year));
  });

  it('passes the same validation as an imported file (makeup days on weekends, no overlaps)', () => {
    for (const s of schedules) assert.deepEqual(validateSchedule(s).errors, [], String(s.year));
    assert.doesNotThrow(() => createCalendar(schedules));
  });

  it('names the days in Chinese and records chinese-days as the source', () => {
    const y2025 = schedules.find((s) => s.year === 2025)!;
    assert.equal(y2025.source, BUILT_IN_SOURCE);
    assert.match(BUILT_IN_SOURCE, /^chinese-days \d+\.\d+\.\d+$/);
    assert.deepEqual(
      y2025.holidays.find((h) => h.date === '2025-01-28'),
      { date: '2025-01-28', name: '春节' },
    );
    assert.deepEqual(
      y2025.makeupWorkdays.find((h) => h.date === '2025-01-26'),
      { date: '2025-01-26', name: '春节' },
    );
  });

  it('returns fresh copies, so a caller cannot corrupt the data for others', () => {
    builtInSchedules()[0]!.holidays.length = 0;
    assert.ok(builtInSchedules()[0]!.holidays.length > 0);
  });
});
