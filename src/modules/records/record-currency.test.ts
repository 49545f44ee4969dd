import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordCurrency } from './record-currency.ts';

const base = { identifiedOn: '2026-03-01', validityEndsOn: '2029-03-01', usagePeriod: null };
const TODAY = '2026-11-26';

describe('recordCurrency: the one rule of every read (issue 15 W1, W10)', () => {
  it('W1, A4, A12, B27: removed, past its removal date, past its validity — in that order', () => {
    assert.deepEqual(recordCurrency(base, TODAY), { state: 'current', basis: null, lastDay: null });
    const active = { status: 'active', validUntil: '2027-01-01', removedByEntry: null } as const;
    assert.equal(recordCurrency({ ...base, listEntry: active }, TODAY).state, 'current');
    assert.deepEqual(
      recordCurrency(
        { ...base, listEntry: { ...active, status: 'removed', removedByEntry: 'e-black' } },
        TODAY,
      ),
      { state: 'removed', basis: 'A4', lastDay: null },
    );
    assert.deepEqual(
      recordCurrency({ ...base, listEntry: { ...active, status: 'removed' } }, TODAY).basis,
      'A12',
    );
    assert.deepEqual(recordCurrency({ ...base, listEntry: { ...active, validUntil: '2026-11-25' } }, TODAY), {
      state: 'expired',
      basis: 'A12',
      lastDay: '2026-11-25',
    });
    assert.equal(
      recordCurrency({ ...base, listEntry: { ...active, validUntil: '2026-11-26' } }, TODAY).state,
      'current',
      'the removal date itself is still in force',
    );
    assert.deepEqual(recordCurrency({ ...base, validityEndsOn: '2026-11-25' }, TODAY), {
      state: 'expired',
      basis: 'B27',
      lastDay: '2026-11-25',
    });
  });

  it('W10, B8: an item’s usage period, counted from identification, ends the record', () => {
    const interview = { identifiedOn: '2024-05-01', validityEndsOn: null, usagePeriod: { years: 1 } };
    assert.deepEqual(recordCurrency(interview, TODAY), {
      state: 'usage_ended',
      basis: 'B8',
      lastDay: '2025-05-01',
    });
    assert.equal(recordCurrency({ ...interview, identifiedOn: '2026-05-01' }, TODAY).state, 'current');
  });

  it('W5, B26: a B26 record whose source no longer reaches the person is removed, whatever its dates', () => {
    assert.deepEqual(recordCurrency({ ...base, derivationEnded: true }, TODAY), {
      state: 'removed',
      basis: 'B26',
      lastDay: null,
    });
    assert.equal(recordCurrency({ ...base, derivationEnded: false }, TODAY).state, 'current');
  });
});
