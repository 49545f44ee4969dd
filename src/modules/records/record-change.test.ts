/** Issue 15 W3: what a new version of a negative record takes away (pure; record-change.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ComparableVersion, type ItemShape, judgeChange, weakeningsOf } from './record-change.ts';

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
const keys = new Set(Object.keys(stored.fields));
const LISTED: ItemShape = { listed: true, keys, numeric: new Set(['fineAmount']) };
const UNLISTED: ItemShape = { ...LISTED, listed: false };
const kinds = (next: Partial<ComparableVersion>, item: ItemShape = LISTED) =>
  weakeningsOf(stored, { ...stored, ...next }, item).map((w) => w.kind);

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
    // the shorter validity follows from the severity: named once, by the severity
    assert.deepEqual(kinds({ severity: '一般', validityEndsOn: '2027-11-19' }), ['severity']);
    const unmarked = { ...stored, severity: null };
    assert.deepEqual(
      weakeningsOf(unmarked, { ...unmarked, severity: '较重' }, UNLISTED).map((w) => w.kind),
      [],
    );
    assert.deepEqual(
      weakeningsOf(unmarked, { ...unmarked, severity: '一般', validityEndsOn: '2027-11-19' }, UNLISTED).map(
        (w) => w.kind,
      ),
      ['severity'],
    );
  });

  it('A12, A5/A6: a removal date brought forward or set, a ground changed — only for list items', () => {
    assert.deepEqual(kinds({ fields: { ...stored.fields, validUntil: '2027-01-01' } }), ['validUntil']);
    const unset = { ...stored, fields: { ...stored.fields, validUntil: null } };
    assert.deepEqual(
      weakeningsOf(unset, { ...unset, fields: { ...stored.fields, validUntil: '2029-11-19' } }, LISTED).map(
        (w) => w.kind,
      ),
      ['validUntil'],
    );
    const otherGround = { ...stored.fields, dishonestyType: 'A6(4) 严重扰乱社会秩序' };
    assert.deepEqual(kinds({ fields: otherGround }), ['ground']);
    assert.deepEqual(
      kinds({ fields: otherGround }, UNLISTED),
      [],
      'off the lists, a reworded choice is a plain correction',
    );
  });

  it('a fact dropped or emptied to a placeholder, an amount lowered, an earlier identification date', () => {
    const { fineAmount: _, ...withoutFine } = stored.fields;
    assert.deepEqual(weakeningsOf(stored, { ...stored, fields: { ...withoutFine, facts: '' } }, UNLISTED), [
      { kind: 'fact', field: 'fields.facts' },
      { kind: 'fact', field: 'fields.fineAmount' },
    ]);
    for (const placeholder of ['无', ' - ', '暂无', 'x', '—']) {
      assert.deepEqual(kinds({ fields: { ...stored.fields, facts: placeholder } }), ['fact'], placeholder);
    }
    assert.deepEqual(kinds({ fields: { ...stored.fields, fineAmount: 0.01 } }), ['amount']);
    assert.deepEqual(
      kinds({ fields: { ...stored.fields, fineAmount: 30 } }),
      [],
      'a higher amount weakens nothing',
    );
    assert.deepEqual(kinds({ identifiedOn: '2025-06-01', validityEndsOn: '2028-05-31' }), ['identifiedOn']);
  });

  it('B8: a field the catalog has since dropped is not a fact the provider dropped', () => {
    const { fineAmount: _, ...withoutFine } = stored.fields;
    const now: ItemShape = { ...UNLISTED, keys: new Set(Object.keys(withoutFine)) };
    assert.deepEqual(weakeningsOf(stored, { ...stored, fields: withoutFine }, now), []);
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

  it('a version resting on a decision is not undone by a plain correction', () => {
    assert.deepEqual(codes({ undoes: weakening }), ['RECORD_DECISION_UNDONE']);
    assert.deepEqual(codes({ undoes: weakening, basisId: 'b-1', basis: found }), []);
  });

  it('an objection is a basis only once upheld', () => {
    assert.deepEqual(codes({ basisId: 'b-1', basis: { ...found, kind: 'objection', ready: false } }), [
      'CHANGE_BASIS_NOT_READY',
    ]);
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
