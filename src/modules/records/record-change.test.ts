/** Issue 15 W3: what a new version of a negative record takes away (pure; record-change.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ComparableVersion, judgeChange, weakeningsOf } from './record-change.ts';

const stored: ComparableVersion = {
  subjectIndex: 'idx-a',
  severity: '严重',
  identifiedOn: '2026-11-20',
  validityEndsOn: '2029-11-19',
  fields: {
    facts: '以围标串标方式参与政府采购项目',
    dishonestyType: 'A6(2) 严重破坏市场公平竞争秩序',
    validUntil: '2029-11-19',
    legalRepresentativeCode: { sealed: 'x', index: 'rep-1' },
    fineAmount: 3,
  },
};
const kinds = (next: Partial<ComparableVersion>, listed = true) =>
  weakeningsOf(stored, { ...stored, ...next }, listed).map((w) => w.kind);

describe('W3, A20, B33: weakenings of a negative record', () => {
  it('the same content weakens nothing; added facts and later dates weaken nothing', () => {
    assert.deepEqual(kinds({}), []);
    assert.deepEqual(kinds({ fields: { ...stored.fields, handling: '限制参与政府采购三年' } }), []);
    assert.deepEqual(kinds({ fields: { ...stored.fields, validUntil: '2030-01-01' } }), []);
    assert.deepEqual(kinds({ identifiedOn: '2026-11-21', validityEndsOn: '2029-11-20' }), []);
    // a removal date dropped lets the entry run to its B27 validity (A12)
    assert.deepEqual(kinds({ fields: { ...stored.fields, validUntil: null } }), []);
    // a code field re-sealed (another ciphertext, same blind index) is the same fact
    assert.deepEqual(
      kinds({ fields: { ...stored.fields, legalRepresentativeCode: { sealed: 'y', index: 'rep-1' } } }),
      [],
    );
  });

  it('B15, B27: severity in the order 一般 < 较重 (and unmarked) < 严重', () => {
    assert.deepEqual(kinds({ severity: '较重' }), ['severity']);
    assert.deepEqual(kinds({ severity: null }), ['severity']);
    assert.deepEqual(kinds({ severity: '一般', validityEndsOn: '2027-11-19' }), ['severity', 'validity']);
    const unmarked = { ...stored, severity: null };
    assert.deepEqual(
      weakeningsOf(unmarked, { ...unmarked, severity: '较重' }, false).map((w) => w.kind),
      [],
    );
    assert.deepEqual(
      weakeningsOf(unmarked, { ...unmarked, severity: '一般', validityEndsOn: '2027-11-19' }, false).map(
        (w) => w.kind,
      ),
      ['severity', 'validity'],
    );
  });

  it('A12, A5/A6: a removal date brought forward or set, a ground changed — only for list items', () => {
    assert.deepEqual(kinds({ fields: { ...stored.fields, validUntil: '2027-01-01' } }), ['validUntil']);
    const unset = { ...stored, fields: { ...stored.fields, validUntil: null } };
    assert.deepEqual(
      weakeningsOf(unset, { ...unset, fields: { ...stored.fields, validUntil: '2029-11-19' } }, true).map(
        (w) => w.kind,
      ),
      ['validUntil'],
    );
    const otherGround = { ...stored.fields, dishonestyType: 'A6(4) 严重扰乱社会秩序' };
    assert.deepEqual(kinds({ fields: otherGround }), ['ground']);
    assert.deepEqual(
      kinds({ fields: otherGround }, false),
      [],
      'off the lists, a reworded choice is a plain correction',
    );
  });

  it('a fact dropped, an earlier identification date, another subject', () => {
    const { fineAmount: _, ...withoutFine } = stored.fields;
    assert.deepEqual(weakeningsOf(stored, { ...stored, fields: { ...withoutFine, facts: '' } }, false), [
      { kind: 'fact', field: 'fields.facts' },
      { kind: 'fact', field: 'fields.fineAmount' },
    ]);
    assert.deepEqual(kinds({ identifiedOn: '2025-06-01', validityEndsOn: '2028-05-31' }), [
      'identifiedOn',
      'validity',
    ]);
    assert.deepEqual(kinds({ subjectIndex: 'idx-b' }), ['subject']);
  });
});

describe('W3, A20: judging a change and its basis', () => {
  const base = {
    outcome: 'new_version' as const,
    recordKey: 'rk-1',
    basisId: null,
    basis: undefined,
    basisUsedBy: undefined,
    weakenings: [],
  };
  const codes = (c: Partial<Parameters<typeof judgeChange>[0]>) =>
    judgeChange({ ...base, ...c }).map((e) => e.code);
  const weakening = [{ kind: 'severity' as const, field: 'severity' }];
  const found = { kind: 'external_decision' as const, recordKey: 'rk-1' };

  it('a weakening needs a basis; a change that weakens nothing needs none', () => {
    assert.deepEqual(codes({}), []);
    assert.deepEqual(codes({ weakenings: weakening }), ['RECORD_WEAKENING_NEEDS_BASIS']);
    assert.deepEqual(codes({ weakenings: weakening, basisId: 'b-1', basis: found }), []);
  });

  it('a named basis exists, is for this record, has allowed no version yet, and is not for a first push', () => {
    assert.deepEqual(codes({ basisId: 'b-1' }), ['CHANGE_BASIS_UNKNOWN']);
    assert.deepEqual(codes({ basisId: 'b-1', basis: { ...found, recordKey: 'rk-2' } }), [
      'CHANGE_BASIS_OTHER_RECORD',
    ]);
    assert.deepEqual(
      codes({ basisId: 'b-1', basis: found, basisUsedBy: { recordKey: 'rk-1', version: 2 } }),
      ['CHANGE_BASIS_USED'],
    );
    assert.deepEqual(codes({ outcome: 'created', recordKey: null, basisId: 'b-1', basis: found }), [
      'CHANGE_BASIS_NOT_FOR_NEW',
    ]);
  });
});
