/**
 * Credit repair eligibility under the 2026 national rules (policies/national-2026.json: 国办发〔2025〕22号
 * and NDRC Order 36), rule path N2026, history by history. Dates are computed by hand with 民法典
 * counting (a period after X ends on the corresponding day, clamped to the month's last day:
 * 2026-01-31 + 3 months = 2026-04-30), and the condition is met on that day.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Policy, parsePolicy, validityOf } from '../policy/index.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from '../policy/policy.loader.ts';
import {
  type EligibilityCondition,
  type RepairEligibility,
  type RepairTarget,
  repairEligibility,
  type StatedFacts,
  type SubjectHistory,
} from './repair-eligibility.ts';

const NATIONAL_PATH = fileURLToPath(new URL('../../../policies/national-2026.json', import.meta.url));
const national = await loadPolicyFile(NATIONAL_PATH);
const huaian = await loadPolicyFile(DEFAULT_POLICY_PATH);

/** A 一般 market-regulation penalty identified 2026-04-10 (valid 1 year under national-2026), published 2026-04-13. */
const RECORD: RepairTarget = {
  id: 'rec-fine-1',
  kind: 'negative_record',
  severity: '一般',
  itemCode: 'market-penalty',
  ground: null,
  identifiedOn: '2026-04-10',
  validityEndsOn: '2027-04-10',
  usagePeriod: null,
  publishedOn: '2026-04-13',
};

const NO_HISTORY: SubjectHistory = {
  acts: [],
  repairs: [],
  inBankruptcyProceedings: false,
  ignoredRemindersOrInterviews: false,
  declaredExclusions: [],
};

/** Obligations met 2026-04-20, the commitment signed 2026-04-21. */
const PROOF: StatedFacts = { obligationsMetOn: '2026-04-20', commitmentSignedOn: '2026-04-21' };

type Overrides = {
  target?: Partial<RepairTarget>;
  history?: Partial<SubjectHistory>;
  stated?: StatedFacts;
  policy?: Policy;
};

function apply(on: string, o: Overrides = {}): RepairEligibility {
  return repairEligibility(o.policy ?? national, {
    subjectType: 'organization',
    target: { ...RECORD, ...o.target },
    history: { ...NO_HISTORY, ...o.history },
    stated: o.stated ?? PROOF,
    judged: {},
    applicationDate: on,
  });
}

function condition(result: RepairEligibility, code: string): EligibilityCondition {
  const found = result.conditions.find((c) => c.code === code);
  assert.ok(found, `no condition ${code} in ${result.conditions.map((c) => c.code).join(', ')}`);
  return found;
}

const unmet = (result: RepairEligibility) =>
  result.conditions.filter((c) => c.status !== 'met').map((c) => c.code);

describe('repair eligibility under national-2026 (N2026)', () => {
  it('国办发〔2025〕22号 / NDRC Order 36: a 一般 record may apply once its 3 months of publication are complete (published 2026-04-13 → 2026-07-13), not the day before', () => {
    const before = apply('2026-07-12');
    assert.equal(before.path, 'N2026');
    assert.equal(before.verdict, 'not_yet');
    assert.equal(before.earliestDate, '2026-07-13');
    assert.deepEqual(unmet(before), ['publicized_period']);
    assert.match(
      condition(before, 'publicized_period').zh,
      /公示满 3 个月：2026-04-13 起算，2026-07-13 满足/,
    );

    const on = apply('2026-07-13');
    assert.equal(on.verdict, 'eligible');
    assert.deepEqual(
      on.conditions.map((c) => c.code),
      ['in_validity', 'publication_class', 'publicized_period', 'obligations_met', 'commitment'],
    );
    assert.deepEqual(on.policy, { id: 'national-2026', version: '1.1.0' });
    assert.equal(condition(on, 'publication_class').facts.publicationClass, 'ordinary');
    assert.match(on.summary.zh, /符合 N2026 规定的修复条件/);
    // The documents are only the proof and the commitment: no provider judgement is waited for, and an
    // organization is not asked for a credit management system (unlike B31(1) and B31(3)).
    assert.ok(!on.conditions.some((c) => c.status === 'judgement' || c.code === 'credit_management_system'));
  });

  it('国办发〔2025〕22号 / NDRC Order 36: a 严重 record waits its 1 year of publication (2026-08-31 → 2027-08-31), and none of Huai’an’s B31(2) exclusions is kept', () => {
    const severe = {
      target: {
        severity: '严重' as const,
        identifiedOn: '2026-08-31',
        validityEndsOn: '2029-08-31',
        publishedOn: '2026-08-31',
      },
      // Under B31(2) each of these refuses: a repair within a year (2026-09-01), two within five
      // years, bankruptcy proceedings, ignored reminders, a department's declaration.
      history: {
        repairs: [
          { id: 'rep-1', completedOn: '2024-03-01', itemCode: 'market-penalty', ground: null },
          { id: 'rep-2', completedOn: '2026-09-01', itemCode: 'tax-late', ground: null },
        ],
        inBankruptcyProceedings: true,
        ignoredRemindersOrInterviews: true,
        declaredExclusions: [
          {
            department: 'SCJGJ',
            declaredOn: '2026-10-01',
            reason: '拒不整改',
            reasonEn: 'refused to rectify',
          },
        ],
      },
      stated: { obligationsMetOn: '2026-09-15', commitmentSignedOn: '2026-09-15' },
    };
    const before = apply('2027-08-30', severe);
    assert.equal(before.verdict, 'not_yet');
    assert.equal(before.earliestDate, '2027-08-31');
    assert.deepEqual(unmet(before), ['publicized_period']);
    assert.equal(condition(before, 'publication_class').facts.publicationClass, 'severe');

    const on = apply('2027-08-31', severe);
    assert.equal(on.verdict, 'eligible');
    assert.ok(!on.conditions.some((c) => c.role === 'exclusion' && c.code !== 'in_validity'));

    // The same history under huaian-2018 (B31) is excluded.
    const underHuaian = apply('2027-08-31', { ...severe, policy: huaian });
    assert.equal(underHuaian.path, 'B31');
    assert.equal(underHuaian.verdict, 'excluded');
  });

  it('国办发〔2025〕22号 / NDRC Order 36: a 较重 record is classed 一般 by the policy’s mapping and waits 3 months (2026-01-31 → 2026-04-30, month end clamped); an unmarked one too', () => {
    const moreSerious = {
      target: {
        severity: '较重' as const,
        identifiedOn: '2026-01-31',
        validityEndsOn: '2027-01-31',
        publishedOn: '2026-01-31',
      },
      stated: { obligationsMetOn: '2026-02-10', commitmentSignedOn: '2026-02-10' },
    };
    const before = apply('2026-04-29', moreSerious);
    assert.equal(before.verdict, 'not_yet');
    assert.equal(before.earliestDate, '2026-04-30');
    const cls = condition(before, 'publication_class');
    assert.equal(cls.facts.publicationClass, 'ordinary');
    assert.match(cls.zh, /较重 → 一般（按政策的程度对照）/);
    assert.match(cls.en, /较重 → 一般 \(by the policy's mapping of severities\)/);
    assert.equal(apply('2026-04-30', moreSerious).verdict, 'eligible');

    // 较重 keeps a 1-year validity under national-2026 (3 years under huaian-2018, decided there).
    assert.deepEqual([validityOf(national, '较重').years, validityOf(huaian, '较重').years], [1, 3]);

    const unmarked = apply('2026-07-13', { target: { severity: null } });
    assert.equal(unmarked.verdict, 'eligible');
    assert.equal(condition(unmarked, 'publication_class').facts.publicationClass, 'ordinary');
    assert.equal(apply('2026-07-12', { target: { severity: null } }).earliestDate, '2026-07-13');
  });

  it('NDRC Order 36: without the credit commitment (信用承诺书) a subject may not apply, and no date fixes that', () => {
    const missing = apply('2026-07-13', { stated: { obligationsMetOn: '2026-04-20' } });
    assert.equal(missing.verdict, 'not_yet');
    assert.equal(missing.earliestDate, null);
    assert.deepEqual(unmet(missing), ['commitment']);
    assert.match(condition(missing, 'commitment').zh, /已作出信用承诺（信用承诺书）：否（未提供日期）/);

    const later = apply('2026-07-13', {
      stated: { obligationsMetOn: '2026-04-20', commitmentSignedOn: '2026-07-20' },
    });
    assert.deepEqual(unmet(later), ['commitment']);
    assert.match(condition(later, 'commitment').en, /2026-07-20, is after the application date 2026-07-13/);
  });

  it('NDRC Order 36: the obligations not yet met (no proof of performance): not yet, with no earliest date', () => {
    const result = apply('2026-07-13', { stated: { commitmentSignedOn: '2026-04-21' } });
    assert.equal(result.verdict, 'not_yet');
    assert.equal(result.earliestDate, null);
    assert.deepEqual(unmet(result), ['obligations_met']);
  });

  it('国办发〔2025〕22号: a 轻微 record (here 一般 mapped to 轻微 by a city’s policy) has no shortest publication: it may apply once the obligations are met and the commitment made', () => {
    const raw = JSON.parse(readFileSync(NATIONAL_PATH, 'utf8'));
    raw.version = '1.0.0-minor-test';
    raw.publicationClasses.bySeverity.ordinary = 'minor';
    raw.validity.ordinary = { months: 3, basis: 'test', note: 'the longest publication of 轻微' };
    const minorPolicy = parsePolicy(raw, 'minor.json');
    const target = { validityEndsOn: '2026-07-10' };

    const result = apply('2026-04-21', { policy: minorPolicy, target });
    assert.equal(result.verdict, 'eligible');
    assert.equal(condition(result, 'publication_class').facts.publicationClass, 'minor');
    assert.match(condition(result, 'publication_class').zh, /一般 → 轻微/);
    const publicized = condition(result, 'publicized_period');
    assert.deepEqual([publicized.status, publicized.metFrom], ['met', null]);
    assert.match(publicized.zh, /轻微失信无最短公示期/);
    // the day before the commitment: only the commitment is missing
    assert.deepEqual(unmet(apply('2026-04-20', { policy: minorPolicy, target })), ['commitment']);
  });

  it('国办发〔2025〕22号 / NDRC Order 36: a black-list entry follows the same class rule (严重: 1 year from publication 2026-04-12 → 2027-04-12), not A18’s quiet period', () => {
    const entry = {
      target: {
        id: 'entry-1',
        kind: 'black_list_entry' as const,
        severity: '严重' as const,
        identifiedOn: '2026-04-10',
        validityEndsOn: '2029-04-10',
        listEntry: { status: 'active' as const, validUntil: '2028-04-10', removedByEntry: null },
        publishedOn: '2026-04-12',
      },
      stated: { obligationsMetOn: '2026-05-01', commitmentSignedOn: '2026-05-01' },
    };
    const before = apply('2027-04-11', entry);
    assert.equal(before.path, 'N2026');
    assert.equal(before.earliestDate, '2027-04-12');
    assert.ok(!before.conditions.some((c) => c.code === 'quiet_period' || c.code === 'first_listing'));
    assert.equal(apply('2027-04-12', entry).verdict, 'eligible');
    // Under huaian-2018 the same entry is A18(1): 6 months after the obligations, 2026-11-01.
    const a18 = apply('2026-11-01', { ...entry, policy: huaian });
    assert.equal(a18.path, 'A18(1)');
  });

  it('国办发〔2025〕22号: a 一般 record published so late that its 3 months end after its last day of use is not repaired; it leaves publication first', () => {
    const result = apply('2027-02-15', { target: { publishedOn: '2027-02-01' } });
    assert.equal(result.verdict, 'excluded');
    assert.equal(result.earliestDate, null);
    const validity = condition(result, 'in_validity');
    assert.equal(validity.status, 'not_met');
    assert.equal(validity.article, '国家发展改革委令第36号');
    assert.equal(validity.facts.conditionsMetOn, '2027-05-01');
    assert.equal(validity.facts.lastDayOfUse, '2027-04-10');
  });
});
