import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DerivedLatest, derivedVersion, type SourceVersion } from './derived-records.ts';

const source: SourceVersion = {
  id: 'src-2',
  record_key: 'key-1',
  version: 2,
  item_code: 'admin-penalty',
  item_version: 2,
  provider_department: 'HA-GSJ',
  severity: '严重',
  identified_on: '2026-11-20',
  validity_ends_on: '2029-11-20',
  policy_id: 'huaian-2018',
  policy_version: '1.0.0',
  fields: '{"documentNumber":"淮市监罚〔2026〕56号"}',
  content_digest: 'c',
  batch_id: 'batch-2',
};
const write = {
  source,
  person: { id: 'person-1', name: '李四' },
  role: 'legal_representative',
  ended: false,
  reason: 'B26',
};
const latest: DerivedLatest = {
  id: 'd-1',
  recordKey: 'd-1',
  version: 1,
  subjectId: 'person-1',
  sourceKey: 'key-1',
  derivedFrom: 'src-1',
  role: 'legal_representative',
  ended: false,
};
const ids = () => 'new-id';
const AT = '2026-11-26T08:00:00.000Z';

describe('derivedVersion: a B26 record follows its source (issue 15 W5)', () => {
  it('W5, B26: the first version carries the source’s content, the person and where it comes from', () => {
    const row = derivedVersion(write, undefined, AT, ids)!;
    assert.deepEqual(
      [row.record_key, row.version, row.subject_id, row.subject_name, row.provider_record_id],
      ['new-id', 1, 'person-1', '李四', 'B26:key-1:person-1'],
    );
    assert.deepEqual(
      [row.item_code, row.provider_department, row.severity, row.validity_ends_on, row.fields, row.batch_id],
      ['admin-penalty', 'HA-GSJ', '严重', '2029-11-20', source.fields, 'batch-2'],
    );
    assert.deepEqual(
      [row.derived_from, row.derived_from_key, row.derived_basis, row.derived_role, row.derived_ended],
      ['src-2', 'key-1', 'B26', 'legal_representative', 0],
    );
    assert.deepEqual([row.push_late, row.push_workdays], [0, 0], 'not a push (A9)');
  });

  it('W5, B26: the next version follows a new source version or role, or ends it; nothing when it already says so', () => {
    const next = derivedVersion(write, latest, AT, ids)!;
    assert.deepEqual([next.record_key, next.version, next.derived_from], ['d-1', 2, 'src-2']);
    const ended = derivedVersion({ ...write, ended: true }, latest, AT, ids)!;
    assert.equal(ended.derived_ended, 1);
    assert.equal(derivedVersion(write, { ...latest, derivedFrom: 'src-2' }, AT, ids), null);
    assert.notEqual(
      derivedVersion({ ...write, role: 'principal' }, { ...latest, derivedFrom: 'src-2' }, AT, ids),
      null,
    );
    assert.equal(derivedVersion({ ...write, ended: true }, { ...latest, ended: true }, AT, ids), null);
    assert.equal(derivedVersion({ ...write, ended: true }, undefined, AT, ids), null, 'nothing to end');
  });
});
