/**
 * The pure rules of name search (issue 5 point 8): normalisation, index keys, query reading, ranking.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { generateDemoSubjects } from '../demo/index.ts';
import { keyMatch, type Match, nameMatch, rankMatches, shownMatch } from './search-ranking.ts';
import {
  nameGrams,
  normalizeText,
  parseSearchQuery,
  pinyinKeys,
  prefixUpperBound,
  searchEntry,
  termGrams,
} from './search-text.ts';

const refusedWith = (raw: string | undefined, code: string) =>
  assert.throws(
    () => parseSearchQuery(raw),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === code &&
      error.status === 400 &&
      error.message.length > 0 &&
      error.messageEn.length > 0,
  );

describe('name normalisation (issue 5 point 8)', () => {
  it('turns traditional characters into simplified ones and says so', () => {
    assert.deepEqual(normalizeText('張偉'), { text: '张伟', traditional: true });
    assert.deepEqual(normalizeText('淮安市華信建設工程有限公司'), {
      text: '淮安市华信建设工程有限公司',
      traditional: true,
    });
  });

  it('leaves simplified names as they are (every generated demo name)', () => {
    const { persons, organizations } = generateDemoSubjects({ persons: 3000, organizations: 600 });
    for (const { name } of [...persons, ...organizations]) {
      assert.deepEqual(normalizeText(name), { text: name, traditional: false }, name);
    }
  });

  it('drops spaces and punctuation, folds full-width letters and case', () => {
    assert.equal(normalizeText('阿卜杜拉·买买提').text, '阿卜杜拉买买提');
    assert.equal(normalizeText('淮安市ＡＢＣ科技（有限）公司 ').text, '淮安市abc科技有限公司');
    assert.equal(normalizeText('、。！').text, '');
  });
});

describe('index keys (issue 5 point 8)', () => {
  it('indexes a name under its bigrams, the first one marked as the start', () => {
    assert.deepEqual(nameGrams('王芳'), [{ gram: '王芳', atStart: 1 }]);
    assert.deepEqual(nameGrams('淮安市淮安区'), [
      { gram: '淮安', atStart: 1 },
      { gram: '安市', atStart: 0 },
      { gram: '市淮', atStart: 0 },
      { gram: '淮安', atStart: 0 },
      { gram: '安区', atStart: 0 },
    ]);
    assert.deepEqual(nameGrams('王'), []);
    assert.deepEqual(termGrams('婷婷婷'), ['婷婷']);
  });

  it('reads persons with surname readings: 曾 zeng, 单 shan, 解 xie', () => {
    assert.deepEqual(pinyinKeys('曾伟', 'person'), { pinyin: 'zengwei', initials: 'zw' });
    assert.deepEqual(pinyinKeys('单雄信', 'person'), { pinyin: 'shanxiongxin', initials: 'sxx' });
    assert.deepEqual(pinyinKeys('解缙', 'person'), { pinyin: 'xiejin', initials: 'xj' });
    assert.deepEqual(pinyinKeys('欧阳修', 'person'), { pinyin: 'ouyangxiu', initials: 'oyx' });
    assert.deepEqual(pinyinKeys('吕芳', 'person'), { pinyin: 'lvfang', initials: 'lf' });
  });

  it('keeps letters already in an organization name in its pinyin and initials', () => {
    assert.deepEqual(pinyinKeys('淮安市abc科技有限公司', 'organization'), {
      pinyin: 'huaianshiabckejiyouxiangongsi',
      initials: 'hasabckjyxgs',
    });
  });

  it('builds one entry per subject from its registered name', () => {
    const entry = searchEntry({ id: 's1', kind: 'person', name: '張偉' });
    assert.equal(entry.nameNorm, '张伟');
    assert.equal(entry.traditional, true);
    assert.equal(entry.nameLength, 2);
    assert.equal(entry.pinyin, 'zhangwei');
    assert.equal(entry.initials, 'zw');
  });

  it('bounds prefix ranges by stepping the last letter', () => {
    assert.equal(prefixUpperBound('zhang'), 'zhanh');
    assert.equal(prefixUpperBound('abz'), 'ac');
    assert.equal(prefixUpperBound('zz'), undefined);
  });
});

describe('reading a query (issue 5 point 8)', () => {
  it('normalises terms and marks Latin-only queries for pinyin and initials', () => {
    assert.deepEqual(parseSearchQuery(' 張偉 '), { terms: ['张伟'], traditional: true, pinyin: undefined });
    assert.deepEqual(parseSearchQuery('淮安  建设'), {
      terms: ['淮安', '建设'],
      traditional: false,
      pinyin: undefined,
    });
    assert.deepEqual(parseSearchQuery('Zhang Wei'), {
      terms: ['zhang', 'wei'],
      traditional: false,
      pinyin: 'zhangwei',
    });
  });

  it('refuses an empty query, one over 50 characters, and one with only punctuation', () => {
    refusedWith(undefined, 'SUBJECT_SEARCH_QUERY_EMPTY');
    refusedWith('   ', 'SUBJECT_SEARCH_QUERY_EMPTY');
    refusedWith('淮'.repeat(51), 'SUBJECT_SEARCH_QUERY_TOO_LONG');
    assert.doesNotThrow(() => parseSearchQuery('淮'.repeat(50)));
    refusedWith('、。！？', 'SUBJECT_SEARCH_QUERY_NO_TEXT');
  });

  it('refuses a query of one character or letter: it would name no one (README)', () => {
    refusedWith('王', 'SUBJECT_SEARCH_QUERY_TOO_SHORT');
    refusedWith('w', 'SUBJECT_SEARCH_QUERY_TOO_SHORT');
    refusedWith('淮 安', 'SUBJECT_SEARCH_QUERY_TOO_SHORT');
    assert.deepEqual(parseSearchQuery('王芳').terms, ['王芳']);
    assert.deepEqual(parseSearchQuery('淮安 市').terms, ['淮安', '市']);
  });
});

describe('ranking (issue 5 point 8)', () => {
  const query = parseSearchQuery('王芳');
  it('classes a name as exact, prefix or partial match', () => {
    assert.deepEqual(nameMatch('王芳', query), { matchClass: 0, reasons: ['name_exact'] });
    assert.deepEqual(nameMatch('王芳芳', query), { matchClass: 1, reasons: ['name_partial'] });
    assert.deepEqual(nameMatch('李王芳', query), { matchClass: 2, reasons: ['name_partial'] });
    assert.equal(nameMatch('王小芳', query), undefined);
    assert.deepEqual(nameMatch('张伟', parseSearchQuery('張偉')), {
      matchClass: 0,
      reasons: ['name_exact', 'traditional'],
    });
    assert.equal(keyMatch('zhangwei', 'zhangwei'), 0);
    assert.equal(keyMatch('zhangwei', 'zhang'), 1);
    assert.equal(keyMatch('zhangwei', 'wei'), undefined);
  });

  it('shows the searchable name, and traditional when the name was registered so', () => {
    const match: Match = {
      subjectId: 's',
      nameLength: 3,
      matchClass: 0,
      reasons: ['name_exact'],
      matched: '',
    };
    assert.deepEqual(shownMatch(match, { nameNorm: '张学友', traditional: true }), {
      matchedBy: ['name_exact', 'traditional'],
      matched: '张学友',
    });
    const byPinyin: Match = { ...match, reasons: ['pinyin'], matched: 'zhangxueyou' };
    assert.deepEqual(shownMatch(byPinyin, { nameNorm: '张学友', traditional: true }), {
      matchedBy: ['pinyin'],
      matched: 'zhangxueyou',
    });
  });

  it('ranks exact before prefix before partial, shorter names first, one entry per subject', () => {
    const m = (subjectId: string, matchClass: 0 | 1 | 2, nameLength: number, reason = 'name_partial') =>
      ({ subjectId, matchClass, nameLength, reasons: [reason], matched: subjectId }) as Match;
    const ranked = rankMatches(
      [m('d', 2, 3), m('c', 1, 5), m('b', 1, 3), m('a', 0, 2, 'name_exact'), m('b', 2, 3, 'initials')],
      3,
    );
    assert.deepEqual(
      ranked.map((r) => [r.subjectId, r.matchClass, r.reasons]),
      [
        ['a', 0, ['name_exact']],
        ['b', 1, ['name_partial', 'initials']],
        ['c', 1, ['name_partial']],
      ],
    );
  });
});
