import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  reachesResponsiblePersons,
  representativeIndex,
  representativeNamed,
  responsiblePersonsOf,
} from './responsible-persons.ts';

describe('B26 rules: who answers for an organization’s severe record (issue 15 W5)', () => {
  it('W5, B26: any negative record marked 严重 about an organization, black list or not; nothing else', () => {
    const severe = { category: 'negative', subjectKind: 'organization', severity: '严重' } as const;
    assert.equal(reachesResponsiblePersons(severe), true);
    for (const other of [
      { ...severe, severity: '较重' },
      { ...severe, severity: '一般' },
      { ...severe, severity: null },
      { ...severe, subjectKind: 'person' as const },
      { ...severe, category: 'other' },
    ]) {
      assert.equal(reachesResponsiblePersons(other), false, JSON.stringify(other));
    }
  });

  it('W5, B26: the row’s legal representative is found by the blind index of the ID number, never by name', () => {
    assert.deepEqual(representativeNamed({ legalRepresentative: ' 李四 ' }), { name: '李四', code: null });
    const stored = JSON.stringify({
      legalRepresentative: '李四',
      legalRepresentativeCode: { sealed: 'x', index: 'ix' },
    });
    assert.equal(representativeIndex(stored), 'ix');
    assert.equal(representativeIndex({ legalRepresentative: '李四' }), null);
  });

  it('W5, B26: each person once, with the first role: registered representative, named representative, relations', () => {
    const persons = responsiblePersonsOf({
      registeredRepresentative: 'rep',
      namedRepresentative: 'named',
      relations: [
        { personId: 'rep', role: 'principal' },
        { personId: 'director', role: 'responsible' },
      ],
    });
    assert.deepEqual(
      [...persons],
      [
        ['rep', 'legal_representative'],
        ['named', 'legal_representative'],
        ['director', 'responsible'],
      ],
    );
  });
});
