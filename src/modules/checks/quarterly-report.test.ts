import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { quarterBounds, quarterOf, quarterRange } from './quarterly-report.ts';

describe('the A21 quarterly report: which quarters', () => {
  const bounds = quarterBounds('2018-10-30', '2026-11-26');

  it('issue 14 §6: quarters run from the rules’ year (2018Q1) to the current quarter, no further', () => {
    assert.deepEqual(bounds, { first: '2018Q1', last: '2026Q4' });
    assert.deepEqual(quarterRange('2018Q1', bounds), {
      quarter: '2018Q1',
      from: '2018-01-01',
      to: '2018-03-31',
    });
    assert.deepEqual(quarterRange('2026Q4', bounds), {
      quarter: '2026Q4',
      from: '2026-10-01',
      to: '2026-12-31',
    });
    for (const quarter of ['2017Q4', '2027Q1', '0000Q1', '9999Q4']) {
      assert.throws(
        () => quarterRange(quarter, bounds),
        (e) =>
          e instanceof AppError &&
          e.code === 'REPORT_QUARTER_OUT_OF_RANGE' &&
          e.status === 400 &&
          e.details?.last === '2026Q4',
        quarter,
      );
    }
    assert.throws(
      () => quarterRange('2026Q5', bounds),
      (e) => (e as AppError).code === 'REPORT_QUARTER_INVALID',
    );
  });

  it('dates a China day to its quarter', () => {
    assert.deepEqual(
      ['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-30', '2026-10-01', '2026-12-31'].map(quarterOf),
      ['2026Q1', '2026Q1', '2026Q2', '2026Q3', '2026Q4', '2026Q4'],
    );
  });
});
