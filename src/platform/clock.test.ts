import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chinaDayOf,
  clockOf,
  endOfChinaDay,
  parseInstant,
  previousChinaDay,
  startOfChinaDay,
} from './clock.ts';

describe('the clock: today is the date in China (UTC+8)', () => {
  it('a China day ends at 16:00 UTC; yesterday is counted in China time', () => {
    assert.equal(endOfChinaDay('2026-11-25'), '2026-11-25T16:00:00.000Z');
    assert.equal(chinaDayOf('2026-11-25T16:30:00.000Z'), '2026-11-26');
    assert.equal(previousChinaDay('2026-11-25T16:30:00.000Z'), '2026-11-25');
    assert.equal(previousChinaDay('2026-11-25T15:59:59.999Z'), '2026-11-24');
  });

  it('the day of instants on either side of midnight in Beijing, asked in any order (the last day is kept)', () => {
    const cases: Array<[string, string]> = [
      ['2026-11-25T15:59:59.999Z', '2026-11-25'],
      ['2026-11-25T16:00:00.000Z', '2026-11-26'],
      ['2026-11-25T15:59:59.999Z', '2026-11-25'],
      ['2026-11-24T16:00:00.000Z', '2026-11-25'],
      ['2026-11-24T15:59:59.999Z', '2026-11-24'],
      ['2026-11-26T15:59:59.999Z', '2026-11-26'],
      ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ];
    for (const [instant, day] of cases) {
      assert.equal(chinaDayOf(instant), day, instant);
      assert.equal(chinaDayOf(Date.parse(instant)), day, `${instant} as a number`);
    }
    assert.throws(() => chinaDayOf('not an instant'), RangeError);
  });

  it('today() is the China date of now(): 00:30 in Beijing is already the next day (W2)', () => {
    const clock = clockOf(() => '2026-12-06T16:30:00.000Z');
    assert.equal(clock.today(), '2026-12-07');
    assert.equal(clockOf(() => '2026-12-06T15:59:59.999Z').today(), '2026-12-06');
  });

  it('a China day begins at 16:00 UTC the day before, and ends where the next begins', () => {
    assert.equal(startOfChinaDay('2026-11-26'), '2026-11-25T16:00:00.000Z');
    assert.equal(startOfChinaDay('2027-01-01'), '2026-12-31T16:00:00.000Z');
    assert.equal(chinaDayOf(startOfChinaDay('2026-11-26')), '2026-11-26');
    assert.equal(endOfChinaDay('2026-11-25'), startOfChinaDay('2026-11-26'));
    assert.throws(() => startOfChinaDay('not a day'), RangeError);
  });

  it('issue 14 §6: an instant typed with an offset, Z or as a China date is stored as ISO UTC; anything else is refused', () => {
    assert.equal(parseInstant('2027-06-30T08:00:00+08:00'), '2027-06-30T00:00:00.000Z');
    assert.equal(parseInstant('2027-06-30T00:00Z'), '2027-06-30T00:00:00.000Z');
    assert.equal(parseInstant('2027-06-30T00:00:00.5-05:30'), '2027-06-30T05:30:00.500Z');
    assert.equal(parseInstant('2027-06-30'), '2027-06-29T16:00:00.000Z', 'a date: its first moment in China');
    for (const bad of [
      'banana',
      '',
      '2027-06-30T08:00:00',
      '2027-02-30T00:00:00Z',
      '2027-06-30T24:00:00Z',
      '2027-06-30T08:00:00+15:00',
      '2027-6-30',
      '20270630',
    ]) {
      assert.equal(parseInstant(bad), undefined, bad);
    }
    // What the stored form is for: instants compare as strings.
    const [a, b] = [parseInstant('2027-06-30T07:59:00+08:00')!, parseInstant('2027-06-29T23:58:00Z')!];
    assert.equal(a > b, Date.parse(a) > Date.parse(b));
  });
});
