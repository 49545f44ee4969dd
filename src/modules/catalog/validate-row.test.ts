import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  citizenId,
  errorsOf,
  OPTIONS,
  ORGANIZATION_CODE,
  only,
  penaltyRow,
  seedItem,
  TODAY,
} from './test-support.ts';
import { validateRecordRow } from './validate-row.ts';

const penalty = () => seedItem('admin-penalty');

const withFields = (fields: Record<string, unknown>) =>
  penaltyRow({ fields: { ...(penaltyRow().fields as object), ...fields } });

describe('validateRecordRow: a row that fits its item (B8)', () => {
  it('accepts a complete row and normalizes it per type', () => {
    const result = validateRecordRow(
      penalty(),
      withFields({ fineAmount: '1,234.50', documentNumber: '  淮市监罚〔2024〕56号 ' }),
      OPTIONS,
    );
    assert.ok(result.ok, JSON.stringify(result));
    const { row } = result;
    assert.equal(row.item, 'admin-penalty');
    assert.equal(row.itemVersion, 1);
    assert.deepEqual(row.subject, {
      code: citizenId(),
      name: '王芳',
      kind: 'person',
      codeKind: 'citizen_id',
    });
    assert.equal(row.severity, '一般');
    assert.equal(row.fields.fineAmount, 1234.5);
    assert.equal(row.fields.documentNumber, '淮市监罚〔2024〕56号');
    assert.equal(row.fields.confiscatedAmount, null, 'every field of the item is present, null when empty');
    assert.equal(row.reason, null);
    assert.deepEqual(row.warnings, []);
  });

  it('normalizes codes and the dates clerks type (2024/3/5, 2024年3月5日)', () => {
    const code = citizenId();
    const result = validateRecordRow(
      penalty(),
      penaltyRow({
        subject: { code: ` ${code.slice(0, 6)} ${code.slice(6)}`, name: '王芳' },
        identifiedOn: '2024年3月5日',
      }),
      OPTIONS,
    );
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.row.subject.code, code);
    assert.equal(result.row.identifiedOn, '2024-03-05');
  });

  it('upgrades a legacy 15-digit ID number and says so', () => {
    const result = validateRecordRow(
      penalty(),
      penaltyRow({ subject: { code: '110105491231002', name: '王芳' } }),
      OPTIONS,
    );
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.row.subject.code, '11010519491231002X');
    assert.equal(result.row.subject.codeKind, 'citizen_id');
    assert.deepEqual(
      result.row.warnings.map((w) => [w.code, w.field]),
      [['CODE_CITIZEN_ID_15', 'subject.code']],
    );
  });

  it('accepts a registered exception with a warning', () => {
    const bad = `${citizenId().slice(0, 17)}${citizenId().endsWith('0') ? '1' : '0'}`;
    const result = validateRecordRow(penalty(), penaltyRow({ subject: { code: bad, name: '王芳' } }), {
      today: TODAY,
      codeException: (normalized) =>
        normalized === bad ? { code: bad, kind: 'citizen_id', reason: '早期签发' } : undefined,
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.row.warnings[0]?.code, 'CODE_EXCEPTION_ACCEPTED');
  });
});

describe('validateRecordRow: every problem named with its field', () => {
  it('reports a missing required field (CATALOG_FIELD_MISSING)', () => {
    const fields = { ...(penaltyRow().fields as Record<string, unknown>) };
    delete fields.documentNumber;
    only(
      validateRecordRow(penalty(), penaltyRow({ fields }), OPTIONS),
      'CATALOG_FIELD_MISSING',
      'fields.documentNumber',
    );
    only(
      validateRecordRow(penalty(), penaltyRow({ subject: { code: citizenId(), name: '  ' } }), OPTIONS),
      'CATALOG_FIELD_MISSING',
      'subject.name',
    );
  });

  it('reports a wrong type: a date must be YYYY-MM-DD (CATALOG_FIELD_TYPE)', () => {
    const error = only(
      validateRecordRow(penalty(), penaltyRow({ identifiedOn: '15/03/2024' }), OPTIONS),
      'CATALOG_FIELD_TYPE',
      'identifiedOn',
    );
    assert.match(error.message, /应为日期 YYYY-MM-DD/);
    assert.match(error.message, /处罚决定日期/, 'names the column the clerk sees');
    only(
      validateRecordRow(penalty(), withFields({ fineAmount: '三万' }), OPTIONS),
      'CATALOG_FIELD_TYPE',
      'fields.fineAmount',
    );
    only(
      validateRecordRow(penalty(), penaltyRow({ identifiedOn: '2023-02-29' }), OPTIONS),
      'CATALOG_FIELD_TYPE',
      'identifiedOn',
    );
    only(validateRecordRow(penalty(), penaltyRow({ fields: 'x' }), OPTIONS), 'CATALOG_FIELD_TYPE', 'fields');
  });

  it('reports text over its length (CATALOG_FIELD_TOO_LONG)', () => {
    const error = only(
      validateRecordRow(penalty(), withFields({ facts: '事'.repeat(2001) }), OPTIONS),
      'CATALOG_FIELD_TOO_LONG',
      'fields.facts',
    );
    assert.equal(error.expected, '2000');
    assert.equal(error.actual, '2001');
  });

  it('reports a field the item does not define (CATALOG_FIELD_UNKNOWN)', () => {
    const error = only(
      validateRecordRow(penalty(), withFields({ remarks: '备注' }), OPTIONS),
      'CATALOG_FIELD_UNKNOWN',
      'fields.remarks',
    );
    assert.match(error.message, /fields\.penaltyType/, 'lists the fields it does have');
    only(
      validateRecordRow(penalty(), penaltyRow({ priority: 1 }), OPTIONS),
      'CATALOG_FIELD_UNKNOWN',
      'priority',
    );
  });

  it('reports a value outside an enumeration, listing the allowed ones (CATALOG_ENUM_VALUE)', () => {
    const error = only(
      validateRecordRow(penalty(), withFields({ penaltyType: '罚金' }), OPTIONS),
      'CATALOG_ENUM_VALUE',
      'fields.penaltyType',
    );
    assert.match(error.message, /警告、罚款/);
  });

  it('reports a format, a range and a date before identification', () => {
    const debtor = seedItem('judgment-debtor');
    const row = {
      item: 'judgment-debtor',
      providerRecordId: 'FY-1',
      subject: { code: ORGANIZATION_CODE, name: '淮安某公司' },
      severity: '严重',
      identifiedOn: '2024-03-15',
      fields: {
        caseNumber: '苏0812执456',
        basisDocument: '（2023）苏0812民初789号',
        documentNumber: '（2023）苏0812民初789号',
        court: '淮安市清江浦区人民法院',
        obligation: '支付货款',
        performance: '全部未履行',
        conduct: '拒不履行',
      },
    };
    const errors = errorsOf(validateRecordRow(debtor, row, OPTIONS));
    assert.deepEqual(
      errors.map((e) => [e.code, e.field]),
      [
        ['CATALOG_FIELD_UNKNOWN', 'fields.basisDocument'],
        ['CATALOG_FIELD_FORMAT', 'fields.caseNumber'],
      ],
    );
    only(
      validateRecordRow(penalty(), withFields({ fineAmount: -1 }), OPTIONS),
      'CATALOG_FIELD_RANGE',
      'fields.fineAmount',
    );
  });

  it('collects every error of a row, not just the first', () => {
    const result = validateRecordRow(
      penalty(),
      {
        item: 'admin-penalty',
        providerRecordId: '',
        subject: {
          code: `${citizenId().slice(0, 17)}${citizenId().endsWith('0') ? '1' : '0'}`,
          name: '王芳',
        },
        identifiedOn: '2099-01-01',
        fields: { penaltyType: '罚金', fineAmount: 'x', extra: 1 },
      },
      OPTIONS,
    );
    const fields = errorsOf(result).map((e) => `${e.code} ${e.field}`);
    for (const expected of [
      'RECORD_PROVIDER_ID_INVALID providerRecordId',
      'RECORD_SUBJECT_CODE subject.code',
      'RECORD_IDENTIFIED_IN_FUTURE identifiedOn',
      'RECORD_SEVERITY_REQUIRED severity',
      'CATALOG_FIELD_UNKNOWN fields.extra',
      'CATALOG_ENUM_VALUE fields.penaltyType',
      'CATALOG_FIELD_TYPE fields.fineAmount',
      'CATALOG_FIELD_MISSING fields.documentNumber',
      'CATALOG_FIELD_MISSING fields.authority',
    ]) {
      assert.ok(fields.includes(expected), `${expected} in ${fields.join('; ')}`);
    }
  });
});
