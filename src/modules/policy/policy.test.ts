import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_POLICY_PATH } from './policy.loader.ts';
import {
  addPolicyDuration,
  maskCitizenId,
  maskPersonName,
  maskPhone,
  maskWith,
  policyRef,
  type Severity,
  subtractPolicyDuration,
  surnameLength,
  validityOf,
} from './policy.ts';
import { parsePolicy } from './policy-parse.ts';

const policy = parsePolicy(JSON.parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8')), DEFAULT_POLICY_PATH);

describe('validityOf (B27)', () => {
  it('gives 一般 negative information 1 year of validity (B27)', () => {
    const v = validityOf(policy, '一般');
    assert.equal(v.years, 1);
    assert.equal(v.basis, 'B27');
  });

  it('gives 严重 negative information 3 years of validity (B27)', () => {
    assert.deepEqual([validityOf(policy, '严重').years, validityOf(policy, '严重').basis], [3, 'B27']);
  });

  it('gives unmarked negative information 3 years of validity (B27)', () => {
    assert.deepEqual([validityOf(policy, null).years, validityOf(policy, null).basis], [3, 'B27']);
  });

  it('gives 较重 3 years, marked as a decision with a note, since B27 is silent', () => {
    const v = validityOf(policy, '较重');
    assert.equal(v.years, 3);
    assert.equal(v.basis, 'B27');
    assert.equal(v.decided, true);
    assert.match(v.note ?? '', /较重/);
  });

  it('reads the numbers from the policy, not from literals in code', () => {
    const raw = JSON.parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    raw.validity.moreSerious.years = 1;
    assert.equal(validityOf(parsePolicy(raw), '较重').years, 1);
  });

  it('rejects a severity outside B15', () => {
    assert.throws(
      () => validityOf(policy, '轻微' as Severity),
      (e: AppError) => e instanceof AppError && e.code === 'POLICY_UNKNOWN_SEVERITY',
    );
  });
});

describe('policyRef', () => {
  it('gives the id and version every stored decision records', () => {
    assert.deepEqual(policyRef(policy), { id: 'huaian-2018', version: '1.2.0' });
  });
});

describe('masking in public views (A7: no privacy disclosed)', () => {
  it('keeps the 6-digit region code and last 4 characters of a citizen ID (A7)', () => {
    assert.equal(maskCitizenId(policy, '32081219900101123X'), '320812********123X');
    assert.equal(maskCitizenId(policy, ' 320812199001011234 '), '320812********1234');
  });

  it('masks a 15-digit legacy citizen ID the same way (A7)', () => {
    assert.equal(maskCitizenId(policy, '320812900101123'), '320812*****1123');
  });

  it('keeps the surname of a person name (A7): 王芳 → 王*, 张三丰 → 张**', () => {
    assert.equal(maskPersonName(policy, '王芳'), '王*');
    assert.equal(maskPersonName(policy, '张三丰'), '张**');
  });

  it('keeps both characters of a compound surname (A7): 欧阳娜娜 → 欧阳**, 诸葛亮 → 诸葛*', () => {
    assert.equal(maskPersonName(policy, '欧阳娜娜'), '欧阳**');
    assert.equal(maskPersonName(policy, '诸葛亮'), '诸葛*');
    assert.equal(maskPersonName(policy, '司马相如'), '司马**');
  });

  it('reads a two-character name as surname + given name even if it spells a compound surname', () => {
    assert.equal(surnameLength('司马'), 1);
    assert.equal(maskPersonName(policy, '司马'), '司*');
  });

  it('never shows a one-character value in full', () => {
    assert.equal(maskPersonName(policy, '王'), '*');
  });

  it('counts rare characters outside the BMP as one character', () => {
    assert.equal(maskPersonName(policy, '𠮷野家'), '𠮷**');
  });

  it('keeps the first 3 and last 4 digits of a phone number (A7)', () => {
    assert.equal(maskPhone(policy, '13812345678'), '138****5678');
    assert.equal(maskPhone(policy, '138-1234-5678'), '138****5678');
  });

  it('applies the rule from the policy data, not from code', () => {
    const raw = JSON.parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    raw.disclosure.masking.citizenId = { keepStart: 2, keepEnd: 1, maskChar: '#', basis: 'A7' };
    raw.disclosure.masking.personName.keepStart = 0;
    const other = parsePolicy(raw);
    assert.equal(maskCitizenId(other, '320812199001011234'), '32###############4');
    assert.equal(maskPersonName(other, '欧阳娜娜'), '****');
  });

  it('masks everything when a value is too short to mask part of it', () => {
    assert.equal(maskWith({ keepStart: 6, keepEnd: 4, maskChar: '*' }, '1234567890'), '**********');
  });
});

describe('addPolicyDuration (calendar periods; 民法典 第二百零二条 for month ends)', () => {
  it('adds whole years and months on the corresponding day', () => {
    assert.equal(addPolicyDuration('2024-03-15', { years: 1 }), '2025-03-15');
    assert.equal(addPolicyDuration('2024-03-15', { years: 3 }), '2027-03-15');
    assert.equal(addPolicyDuration('2024-11-30', { months: 3 }), '2025-02-28');
    assert.equal(addPolicyDuration('2024-10-15', { months: 6 }), '2025-04-15');
    assert.equal(addPolicyDuration('2024-12-31', { months: 12 }), '2025-12-31');
  });

  it('ends on the last day of the month when the day does not exist: 2024-02-29 + 1 year → 2025-02-28', () => {
    assert.equal(addPolicyDuration('2024-02-29', { years: 1 }), '2025-02-28');
    assert.equal(addPolicyDuration('2024-02-29', { years: 4 }), '2028-02-29');
    assert.equal(addPolicyDuration('2024-01-31', { months: 1 }), '2024-02-29');
    assert.equal(addPolicyDuration('2023-01-31', { months: 1 }), '2023-02-28');
    assert.equal(addPolicyDuration('2024-08-31', { months: 1 }), '2024-09-30');
  });

  it('counts windows back from a reference date (B31(2): within 1 or 5 years)', () => {
    assert.equal(subtractPolicyDuration('2025-02-28', { years: 1 }), '2024-02-28');
    assert.equal(subtractPolicyDuration('2024-02-29', { years: 5 }), '2019-02-28');
    assert.equal(subtractPolicyDuration('2025-03-31', { months: 1 }), '2025-02-28');
    assert.equal(subtractPolicyDuration('2025-01-15', { months: 3 }), '2024-10-15');
  });

  it('takes its durations from the policy (B27 validity, A18 quiet period)', () => {
    assert.equal(addPolicyDuration('2019-06-01', validityOf(policy, '一般')), '2020-06-01');
    assert.equal(
      addPolicyDuration('2019-06-01', policy.blacklistRepair!.firstListingQuietPeriod),
      '2019-12-01',
    );
  });

  it('rejects an invalid date', () => {
    for (const bad of ['2024-02-30', '2024-13-01', '24-01-01', '2024-1-1']) {
      assert.throws(
        () => addPolicyDuration(bad, { years: 1 }),
        (e: AppError) => e.code === 'POLICY_DATE_INVALID',
        bad,
      );
    }
  });

  it('refuses working days, both units, or a negative amount (the calendar module counts working days)', () => {
    const workdays = { workdays: 5 } as unknown as { years: number };
    for (const d of [workdays, { years: 1, months: 2 }, {}, { months: -1 }, { years: 1.5 }]) {
      assert.throws(
        () => addPolicyDuration('2024-01-01', d),
        (e: AppError) => e.code === 'POLICY_DURATION_UNSUPPORTED',
        JSON.stringify(d),
      );
    }
  });
});
