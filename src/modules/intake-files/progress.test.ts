import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, formatProgress } from './progress.ts';

describe('CLI import progress line', () => {
  it('shows rows, rows/s, and a bar with the time left when the share done is known', () => {
    assert.equal(
      formatProgress({ rows: 50_000, elapsedMs: 10_000, fraction: 0.25 }),
      '[######------------------] 25.0%  50,000 行/rows  5,000 行/s  剩余/ETA 30s',
    );
    assert.equal(formatProgress({ rows: 50_000, elapsedMs: 10_000 }), '50,000 行/rows  5,000 行/s');
  });

  it('counts only this run in the rate of a resumed import', () => {
    assert.match(formatProgress({ rows: 60_000, baseRows: 50_000, elapsedMs: 2_000 }), /5,000 行\/s/);
  });

  it('writes durations as people read them', () => {
    assert.equal(formatDuration(59_400), '59s');
    assert.equal(formatDuration(61_000), '1m01s');
    assert.equal(formatDuration(3_725_000), '1h02m');
  });
});
