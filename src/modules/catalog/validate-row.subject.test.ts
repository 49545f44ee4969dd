import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { citizenId, OPTIONS, ORGANIZATION_CODE, only, penaltyRow, seedItem, TODAY } from './test-support.ts';
import { validateRecordRow } from './validate-row.ts';

const penalty = () => seedItem('admin-penalty');

describe('validateRecordRow: subject, dates, severity (B15), provider IDs', () => {
  it('carries the identity-code error: position, expected and actual (RECORD_SUBJECT_CODE)', () => {
    const good = citizenId();
    const wrong = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const error = only(
      validateRecordRow(penalty(), penaltyRow({ subject: { code: wrong, name: '王芳' } }), OPTIONS),
      'RECORD_SUBJECT_CODE',
      'subject.code',
    );
    assert.equal(error.cause, 'CODE_CHECKSUM');
    assert.equal(error.position, 18);
    assert.equal(error.expected, good[17]);
    assert.equal(error.actual, wrong[17]);
    assert.match(error.message, /第18位校验码/);
  });

  it("refuses a person's ID for an organization-only item (RECORD_SUBJECT_KIND)", () => {
    const row = {
      item: 'bidding-fraud',
      providerRecordId: 'ZJJ-9',
      subject: { code: citizenId(), name: '王芳' },
      severity: '较重',
      identifiedOn: '2024-03-15',
      fields: {
        projectName: '示例工程',
        conduct: '围标串标',
        facts: '串通投标',
        handling: '取消中标资格',
        documentNumber: '淮住建罚〔2024〕21号',
        authority: '淮安市住房和城乡建设局',
      },
    };
    const error = only(
      validateRecordRow(seedItem('bidding-fraud'), row, OPTIONS),
      'RECORD_SUBJECT_KIND',
      'subject.code',
    );
    assert.equal(error.actual, 'person');
    assert.ok(
      validateRecordRow(
        seedItem('bidding-fraud'),
        { ...row, subject: { code: ORGANIZATION_CODE, name: '某公司' } },
        OPTIONS,
      ).ok,
    );
  });

  it('refuses an identification date in the future (RECORD_IDENTIFIED_IN_FUTURE)', () => {
    const error = only(
      validateRecordRow(penalty(), penaltyRow({ identifiedOn: '2026-11-27' }), OPTIONS),
      'RECORD_IDENTIFIED_IN_FUTURE',
      'identifiedOn',
    );
    assert.match(error.message, /2026-11-26/);
    assert.ok(validateRecordRow(penalty(), penaltyRow({ identifiedOn: TODAY }), OPTIONS).ok, 'today is fine');
  });

  it('requires a severity on negative information: 一般, 较重 or 严重 (B15)', () => {
    const row = penaltyRow();
    delete row.severity;
    only(validateRecordRow(penalty(), row, OPTIONS), 'RECORD_SEVERITY_REQUIRED', 'severity');
    only(
      validateRecordRow(penalty(), penaltyRow({ severity: '特别严重' }), OPTIONS),
      'CATALOG_ENUM_VALUE',
      'severity',
    );
    for (const severity of ['一般', '较重', '严重']) {
      const result = validateRecordRow(penalty(), penaltyRow({ severity }), OPTIONS);
      assert.ok(result.ok && result.row.severity === severity);
    }
  });

  it('refuses a severity on positive information (RECORD_SEVERITY_NOT_ALLOWED, B15)', () => {
    const row = {
      item: 'honor',
      providerRecordId: 'WMB-1',
      subject: { code: citizenId(), name: '王芳' },
      severity: '一般',
      identifiedOn: '2024-05-01',
      fields: { honorName: '淮安市劳动模范', level: '市级', awardingUnit: '淮安市人民政府' },
    };
    only(validateRecordRow(seedItem('honor'), row, OPTIONS), 'RECORD_SEVERITY_NOT_ALLOWED', 'severity');
    assert.ok(validateRecordRow(seedItem('honor'), { ...row, severity: undefined }, OPTIONS).ok);
  });

  it("refuses a blank, overlong or multi-line provider's record ID (RECORD_PROVIDER_ID_INVALID)", () => {
    for (const providerRecordId of [undefined, '', 'x'.repeat(101), 'A\nB']) {
      only(
        validateRecordRow(penalty(), penaltyRow({ providerRecordId }), OPTIONS),
        'RECORD_PROVIDER_ID_INVALID',
        'providerRecordId',
      );
    }
    const numeric = validateRecordRow(penalty(), penaltyRow({ providerRecordId: 20240001 }), OPTIONS);
    assert.ok(numeric.ok && numeric.row.providerRecordId === '20240001', 'a spreadsheet number becomes text');
  });

  it('refuses a row for another item, and anything that is not a row', () => {
    only(
      validateRecordRow(penalty(), penaltyRow({ item: 'tax-arrears' }), OPTIONS),
      'RECORD_ITEM_MISMATCH',
      'item',
    );
    only(validateRecordRow(penalty(), [1, 2], OPTIONS), 'RECORD_ROW_INVALID', '(row)');
  });
});

describe('validateRecordRow: B2, persons of full civil capacity (issue 15 W8)', () => {
  const blacklist = () => seedItem('blacklist-person');
  const black = (birth: string, subject: Record<string, unknown> = {}) => ({
    item: 'blacklist-person',
    providerRecordId: 'FY-2026-B2',
    subject: { code: citizenId(birth, '124'), name: '李娜', ...subject },
    severity: '严重',
    identifiedOn: '2026-03-15',
    fields: {
      employer: '无',
      facts: '拒不履行判决确定的给付义务',
      dishonestyType: 'A6(7) 有履行能力拒不履行生效法律文书的失信被执行人',
      legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
      documentNumber: '（2026）苏08执12号决定书',
      identifyingUnit: '淮安市中级人民法院',
      validUntil: '2027-03-15',
    },
  });

  it('W8, B2: refuses a penalty on a 12-year-old and a black-list entry on a 14-year-old, with the age', () => {
    const child = penaltyRow({ subject: { code: citizenId('20120101', '321'), name: '王小明' } });
    const e1 = only(validateRecordRow(penalty(), child, OPTIONS), 'RECORD_SUBJECT_UNDER_16', 'subject.code');
    assert.equal(e1.actual, '12', 'the age on the identification date (2024-03-15), not today');
    assert.match(e1.message, /未满16周岁.*B2/);
    const e2 = only(
      validateRecordRow(blacklist(), black('20111001'), OPTIONS),
      'RECORD_SUBJECT_UNDER_16',
      'subject.code',
    );
    assert.equal(e2.actual, '14');
    // Stating the B2 ground does not make a 14-year-old a subject.
    only(
      validateRecordRow(blacklist(), black('20111001', { selfSupporting: true }), OPTIONS),
      'RECORD_SUBJECT_UNDER_16',
      'subject.code',
    );
  });

  it('W8, B2: at 16 or 17 only with the stated ground (own labour), which is kept with the row', () => {
    const e = only(
      validateRecordRow(blacklist(), black('20090316'), OPTIONS),
      'RECORD_SUBJECT_MINOR',
      'subject.selfSupporting',
    );
    assert.equal(e.actual, '16', 'one day short of 17 on 2026-03-15');
    assert.match(e.message, /以自己的劳动收入为主要生活来源.*B2.*填写“是”/);
    for (const selfSupporting of [true, '是']) {
      const ok = validateRecordRow(blacklist(), black('20090316', { selfSupporting }), OPTIONS);
      assert.ok(ok.ok, JSON.stringify(ok));
      assert.equal(ok.row.subjectGround, 'B2');
    }
    only(
      validateRecordRow(blacklist(), black('20090316', { selfSupporting: '否' }), OPTIONS),
      'RECORD_SUBJECT_MINOR',
      'subject.selfSupporting',
    );
    only(
      validateRecordRow(blacklist(), black('20090316', { selfSupporting: '也许' }), OPTIONS),
      'CATALOG_FIELD_TYPE',
      'subject.selfSupporting',
    );
  });

  it('W8, B2: an adult on the identification date needs no ground; an organization is not judged', () => {
    const adult = validateRecordRow(blacklist(), black('20080315'), OPTIONS);
    assert.ok(adult.ok, JSON.stringify(adult));
    assert.equal(adult.row.subjectGround, null, '18 on the very day');
    const stated = validateRecordRow(blacklist(), black('19900101', { selfSupporting: true }), OPTIONS);
    assert.ok(stated.ok && stated.row.subjectGround === null, 'a ground an adult does not need is not kept');
    const company = validateRecordRow(
      penalty(),
      penaltyRow({ subject: { code: ORGANIZATION_CODE, name: '淮安市示例贸易有限公司' } }),
      OPTIONS,
    );
    assert.ok(company.ok && company.row.subjectGround === null);
  });
});

describe('validateRecordRow: A8 black list person', () => {
  const blacklist = () => seedItem('blacklist-person');
  const row = (fields: Record<string, unknown> = {}) => ({
    item: 'blacklist-person',
    providerRecordId: 'FY-2024-1',
    subject: { code: citizenId('19850710', '124'), name: '李娜' },
    severity: '严重',
    identifiedOn: '2024-03-15',
    fields: {
      employer: '无',
      facts: '拒不履行判决确定的给付义务',
      dishonestyType: 'A6(7) 有履行能力拒不履行生效法律文书的失信被执行人',
      legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
      documentNumber: '（2024）苏08执12号决定书',
      identifyingUnit: '淮安市中级人民法院',
      validUntil: '2027-03-15',
      ...fields,
    },
  });

  it('fills gender and age from the ID number when left blank (A8(1))', () => {
    const result = validateRecordRow(blacklist(), row(), OPTIONS);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.row.fields.gender, '女');
    assert.equal(result.row.fields.age, 38, 'age on the identification date, not today');
  });

  it('warns when a typed gender or age disagrees with the ID number', () => {
    const result = validateRecordRow(blacklist(), row({ gender: '男', age: 38 }), OPTIONS);
    assert.ok(result.ok);
    assert.deepEqual(
      result.row.warnings.map((w) => [w.code, w.field]),
      [['RECORD_FIELD_DISAGREES_WITH_CODE', 'fields.gender']],
    );
  });

  it('W11, A8(1): refuses an entry without 工作单位, saying to write 无 where there is none', () => {
    for (const employer of [undefined, '', '  ']) {
      const error = only(
        validateRecordRow(blacklist(), row({ employer }), OPTIONS),
        'CATALOG_FIELD_MISSING',
        'fields.employer',
      );
      assert.match(error.message, /工作单位.*没有的，请填写“无”/);
      assert.match(error.messageEn, /where there is none, write "无"/);
    }
    for (const employer of ['无', '淮安市示例贸易有限公司']) {
      const result = validateRecordRow(blacklist(), row({ employer }), OPTIONS);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.row.fields.employer, employer);
    }
  });

  it('refuses a removal date before the identification date', () => {
    only(
      validateRecordRow(blacklist(), row({ validUntil: '2024-03-14' }), OPTIONS),
      'CATALOG_FIELD_RANGE',
      'fields.validUntil',
    );
  });
});
