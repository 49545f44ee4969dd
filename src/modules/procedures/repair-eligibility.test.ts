/**
 * Credit repair eligibility (issue 16), history by history. Every date below is computed by hand with
 * 民法典 counting: a period after X ends on the corresponding day (last day inclusive), clamped to the
 * month's last day (2025-08-31 + 6 months = 2026-02-28), and the condition is met on that day.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { type Policy, parsePolicy } from '../policy/index.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from '../policy/policy.loader.ts';
import {
  type EligibilityCondition,
  type PastAct,
  type PastRepair,
  type ProviderJudgements,
  type RepairEligibility,
  type RepairTarget,
  repairEligibility,
  type StatedFacts,
  type SubjectHistory,
} from './repair-eligibility.ts';
import { sameKind, windowState } from './repair-periods.ts';

const policy = await loadPolicyFile(DEFAULT_POLICY_PATH);

/** A court's black-list entry (A6(7)), identified 2026-01-10, removal date 2028-01-10. */
const ENTRY: RepairTarget = {
  id: 'entry-court-1',
  kind: 'black_list_entry',
  severity: '严重',
  itemCode: 'court-debtor',
  ground: 'A6(7) 有履行能力但拒不履行',
  identifiedOn: '2026-01-10',
  validityEndsOn: '2029-01-10',
  usagePeriod: null,
  listEntry: { status: 'active', validUntil: '2028-01-10', removedByEntry: null },
  publishedOn: '2026-01-12',
};

/** A 一般 tax record, identified 2025-11-20 (valid 1 year, through 2026-11-20), published 2025-11-30. */
const RECORD: RepairTarget = {
  id: 'rec-tax-1',
  kind: 'negative_record',
  severity: '一般',
  itemCode: 'tax-late-filing',
  ground: null,
  identifiedOn: '2025-11-20',
  validityEndsOn: '2026-11-20',
  usagePeriod: null,
  publishedOn: '2025-11-30',
};

const NO_HISTORY: SubjectHistory = {
  acts: [],
  repairs: [],
  inBankruptcyProceedings: false,
  ignoredRemindersOrInterviews: false,
  declaredExclusions: [],
};

type Overrides = {
  target?: Partial<RepairTarget>;
  history?: Partial<SubjectHistory>;
  stated?: StatedFacts;
  judged?: ProviderJudgements;
  subjectType?: 'person' | 'organization';
  policy?: Policy;
};

/** Obligations met 2026-03-15, the impact judged removed: 6 months → 2026-09-15. */
function blackList(on: string, o: Overrides = {}): RepairEligibility {
  return repairEligibility(o.policy ?? policy, {
    subjectType: o.subjectType ?? 'person',
    target: { ...ENTRY, ...o.target },
    history: { ...NO_HISTORY, ...o.history },
    stated: o.stated ?? { obligationsMetOn: '2026-03-15' },
    judged: o.judged ?? { impactRemoved: true },
    applicationDate: on,
  });
}

/** Corrected and committed 2025-12-10, the impact judged removed: publicized 3 months → 2026-02-28. */
function negative(on: string, o: Overrides = {}): RepairEligibility {
  return repairEligibility(o.policy ?? policy, {
    subjectType: o.subjectType ?? 'person',
    target: { ...RECORD, ...o.target },
    history: { ...NO_HISTORY, ...o.history },
    stated: o.stated ?? { correctedOn: '2025-12-10', commitmentSignedOn: '2025-12-10' },
    judged: o.judged ?? { impactRemoved: true },
    applicationDate: on,
  });
}

function act(
  id: string,
  identifiedOn: string,
  severity: PastAct['severity'],
  more: Partial<PastAct> = {},
): PastAct {
  return { id, identifiedOn, severity, itemCode: `other-${id}`, ground: null, blackListed: false, ...more };
}

function repair(id: string, completedOn: string, itemCode = `other-${id}`): PastRepair {
  return { id, completedOn, itemCode, ground: null };
}

function condition(result: RepairEligibility, code: string): EligibilityCondition {
  const found = result.conditions.find((c) => c.code === code);
  assert.ok(found, `no condition ${code} in ${result.conditions.map((c) => c.code).join(', ')}`);
  return found;
}

const unmet = (result: RepairEligibility) =>
  result.conditions.filter((c) => c.status !== 'met').map((c) => c.code);

describe('repair eligibility: black lists (A18)', () => {
  it('A18(1): a first listing may apply on the 6-month date (obligations met 2026-03-15 → 2026-09-15), not the day before', () => {
    const before = blackList('2026-09-14');
    assert.equal(before.path, 'A18(1)');
    assert.equal(before.verdict, 'not_yet');
    assert.equal(before.earliestDate, '2026-09-15');
    assert.deepEqual(unmet(before), ['quiet_period']);
    assert.equal(condition(before, 'first_listing').zh, '首次列入：是（此前无黑名单记录）');
    const quiet = condition(before, 'quiet_period');
    assert.equal(quiet.zh, '履行义务后 6 个月无严重失信：2026-03-15 起算，2026-09-15 满足');
    assert.equal(
      quiet.en,
      'No severe dishonesty for 6 months after the obligations were met: counted from 2026-03-15, met on 2026-09-15',
    );
    assert.deepEqual(
      [quiet.article, quiet.metFrom, quiet.facts.countedFrom],
      ['A18(1)', '2026-09-15', '2026-03-15'],
    );

    const on = blackList('2026-09-15');
    assert.equal(on.verdict, 'eligible');
    assert.deepEqual(unmet(on), []);
    assert.equal(on.earliestDate, '2026-09-15');
    assert.equal(on.lastDayOfUse, '2028-01-10', 'the A12 removal date comes before the B27 end');
    assert.deepEqual(on.policy, { id: 'huaian-2018', version: policy.version });
  });

  it("A18(1): the impact's removal is the provider's judgement — needs_judgement until it judges, not_yet when it says no", () => {
    const pending = blackList('2026-09-15', { judged: {} });
    assert.equal(pending.verdict, 'needs_judgement');
    assert.equal(condition(pending, 'impact_removed').status, 'judgement');
    assert.equal(condition(pending, 'impact_removed').zh, '不良社会影响已基本消除：需信息提供单位判断');
    assert.equal(pending.earliestDate, '2026-09-15', 'the time conditions are met');

    const refused = blackList('2026-09-15', { judged: { impactRemoved: false } });
    assert.equal(refused.verdict, 'not_yet');
    assert.equal(refused.earliestDate, null, 'no date removes the impact');

    const unpaid = blackList('2026-09-15', { stated: {} });
    assert.equal(unpaid.verdict, 'not_yet');
    assert.deepEqual(unmet(unpaid), ['obligations_met', 'quiet_period']);
    assert.equal(condition(unpaid, 'quiet_period').metFrom, null);
    assert.equal(unpaid.earliestDate, null);
    const statedLater = blackList('2026-09-15', { stated: { obligationsMetOn: '2026-09-16' } });
    assert.equal(
      condition(statedLater, 'obligations_met').status,
      'not_met',
      'a fact after the application is not yet one',
    );
  });

  it('A18(2): an earlier black listing (2023-05-20, since expired) makes a repeat listing that waits 12 months: 2026-03-15 → 2027-03-15', () => {
    const earlier = act('entry-tax-2023', '2023-05-20', '严重', { blackListed: true });
    const history = { acts: [earlier] };
    const at6 = blackList('2026-09-15', { history });
    assert.equal(at6.path, 'A18(2)');
    assert.equal(at6.verdict, 'not_yet');
    assert.equal(at6.earliestDate, '2027-03-15');
    assert.equal(
      condition(at6, 'repeat_listing').zh,
      '首次列入：否（此前已于 2023-05-20 列入黑名单，适用 A18(2)）',
    );
    assert.equal(
      condition(at6, 'quiet_period').zh,
      '履行义务后 12 个月无严重失信：2026-03-15 起算，2027-03-15 满足',
    );
    assert.ok(
      !at6.conditions.some((c) => c.code === 'impact_removed'),
      'A18(2) does not ask about the impact',
    );
    assert.equal(blackList('2027-03-14', { history }).verdict, 'not_yet');
    assert.equal(blackList('2027-03-15', { history }).verdict, 'eligible');

    // An annulled listing, and a listing after this one, leave it a first listing.
    assert.equal(
      blackList('2026-09-15', { history: { acts: [{ ...earlier, annulled: true }] } }).path,
      'A18(1)',
    );
    const later = act('entry-later', '2026-02-01', '一般', { blackListed: true });
    assert.equal(blackList('2026-09-15', { history: { acts: [later] } }).path, 'A18(1)');
  });

  it('A18(1): a severe act in the quiet period restarts it from its identification date (2026-08-31 → 2027-02-28)', () => {
    const severe = act('rec-fire-1', '2026-08-31', '严重');
    const restarted = blackList('2026-09-15', { history: { acts: [severe] } });
    assert.equal(restarted.verdict, 'not_yet');
    assert.equal(restarted.earliestDate, '2027-02-28');
    const quiet = condition(restarted, 'quiet_period');
    assert.equal(
      quiet.zh,
      '履行义务后 6 个月无严重失信：2026-03-15 起算；2026-08-31 认定严重失信，自该日重新起算，2027-02-28 满足',
    );
    assert.deepEqual(quiet.facts.restartedBy, ['rec-fire-1']);
    assert.equal(blackList('2027-02-27', { history: { acts: [severe] } }).verdict, 'not_yet');
    assert.equal(blackList('2027-02-28', { history: { acts: [severe] } }).verdict, 'eligible');
    // Not marked 严重, before the count started, or after the application: no restart.
    for (const other of [
      act('rec-fire-2', '2026-08-31', '较重'),
      act('rec-fire-5', '2026-08-31', null),
      act('rec-fire-3', '2026-03-14', '严重'),
      act('rec-fire-4', '2026-09-16', '严重'),
    ]) {
      assert.equal(blackList('2026-09-15', { history: { acts: [other] } }).verdict, 'eligible', other.id);
    }
  });

  it('A18(1): obligations met before the listing count from the listing date (listed 2025-08-31 → 2026-02-28)', () => {
    const target = {
      identifiedOn: '2025-08-31',
      validityEndsOn: '2028-08-31',
      listEntry: { status: 'active', validUntil: '2027-08-31', removedByEntry: null },
    } as const;
    const stated = { obligationsMetOn: '2025-08-20' };
    const result = blackList('2026-02-27', { target, stated });
    assert.equal(result.verdict, 'not_yet');
    assert.equal(result.earliestDate, '2026-02-28');
    assert.equal(
      condition(result, 'quiet_period').zh,
      '履行义务后 6 个月无严重失信：2025-08-31 起算（列入之日，晚于履行之日 2025-08-20），2026-02-28 满足',
    );
    assert.equal(blackList('2026-02-28', { target, stated }).verdict, 'eligible');
  });

  it("A18(3): other major repentance needs the provider's judgement; an organization also needs a credit management system and a commitment", () => {
    const stated = { majorRepentance: '主动赔偿受害人全部损失并公开致歉', commitmentSignedOn: '2026-04-01' };
    const org = { subjectType: 'organization', judged: {} } as const;
    const noSystem = blackList('2026-04-02', { ...org, stated });
    assert.equal(noSystem.path, 'A18(3)');
    assert.equal(noSystem.verdict, 'not_yet', 'no quiet period, but the system is missing');
    assert.deepEqual(unmet(noSystem), [
      'repentance_accepted',
      'prevention_effective',
      'credit_management_system',
    ]);
    assert.equal(noSystem.earliestDate, null);
    assert.equal(
      condition(noSystem, 'repentance_accepted').zh,
      '其他重大悔改表现获信息提供单位认可（申请人陈述：主动赔偿受害人全部损失并公开致歉）：需信息提供单位判断',
    );

    const withSystem = { ...stated, creditManagementSystemOn: '2026-03-20' };
    const pending = blackList('2026-04-02', { ...org, stated: withSystem });
    assert.equal(pending.verdict, 'needs_judgement');
    assert.deepEqual(
      pending.conditions.filter((c) => c.status === 'judgement').map((c) => c.code),
      ['repentance_accepted', 'prevention_effective'],
    );
    const accepted = { repentanceAccepted: true, preventionEffective: true };
    assert.equal(
      blackList('2026-04-02', { ...org, stated: withSystem, judged: accepted }).verdict,
      'eligible',
    );
    const rejected = { repentanceAccepted: false, preventionEffective: true };
    assert.equal(
      blackList('2026-04-02', { ...org, stated: withSystem, judged: rejected }).verdict,
      'not_yet',
    );

    const person = blackList('2026-04-02', { stated, judged: {} });
    assert.equal(person.verdict, 'needs_judgement', 'a person commits; no management system is asked');
    assert.ok(!person.conditions.some((c) => c.code === 'credit_management_system'));
    const uncommitted = blackList('2026-04-02', {
      stated: { majorRepentance: '公开致歉' },
      judged: accepted,
    });
    assert.deepEqual(unmet(uncommitted), ['commitment']);
  });

  it('A18, A12, B27: an entry past its removal date, its validity, or removed, is not repairable', () => {
    const pastRemoval = blackList('2026-09-15', {
      target: { listEntry: { status: 'active', validUntil: '2026-08-31', removedByEntry: null } },
    });
    assert.equal(pastRemoval.verdict, 'excluded');
    assert.equal(pastRemoval.earliestDate, null);
    const validity = condition(pastRemoval, 'in_validity');
    assert.deepEqual([validity.status, validity.article, validity.facts.basis], ['not_met', 'A18', 'A12']);
    assert.equal(
      validity.zh,
      '在使用期限内：否（已于 2026-08-31 届满，依据 A12；届满后不再公开、不再作为惩戒依据，无需修复）',
    );

    const pastValidity = blackList('2026-09-15', {
      target: {
        validityEndsOn: '2026-09-14',
        listEntry: { status: 'active', validUntil: null, removedByEntry: null },
      },
    });
    assert.equal(condition(pastValidity, 'in_validity').facts.basis, 'B27');
    assert.equal(pastValidity.verdict, 'excluded');

    const removed = blackList('2026-09-15', {
      target: { listEntry: { status: 'removed', validUntil: '2028-01-10', removedByEntry: null } },
    });
    assert.equal(removed.verdict, 'excluded');
  });

  it('A18(1), A12: a removal date (2026-09-01) before the 6-month date (2026-09-15) leaves no time to repair', () => {
    const target = {
      listEntry: { status: 'active', validUntil: '2026-09-01', removedByEntry: null },
    } as const;
    const result = blackList('2026-08-01', { target });
    assert.equal(result.verdict, 'excluded');
    assert.equal(result.earliestDate, null);
    const validity = condition(result, 'in_validity');
    assert.equal(validity.status, 'not_met');
    assert.equal(validity.facts.conditionsMetOn, '2026-09-15');
    assert.equal(
      validity.zh,
      '在使用期限内：否（使用期限至 2026-09-01，其余条件最早 2026-09-15 满足，届满前无法修复；届满后不再公开）',
    );
    // With a later removal date the same history is merely not yet eligible.
    assert.equal(blackList('2026-08-01').verdict, 'not_yet');
  });
});

describe('repair eligibility: negative records (B31)', () => {
  it('B31(1): publicized less than 3 months is not yet (published 2025-11-30 → 2026-02-28, month-end clamped)', () => {
    const before = negative('2026-02-27');
    assert.equal(before.path, 'B31');
    assert.equal(before.verdict, 'not_yet');
    assert.equal(before.earliestDate, '2026-02-28');
    assert.deepEqual(unmet(before), ['publicized_period']);
    assert.equal(
      condition(before, 'publicized_period').zh,
      '公示满 3 个月：2025-11-30 起算，2026-02-28 满足',
    );

    const on = negative('2026-02-28');
    assert.equal(on.verdict, 'eligible');
    assert.equal(on.earliestDate, '2026-02-28');
    assert.equal(on.summary.zh, '符合 B31 规定的修复条件，可以申请');

    const neverPublished = negative('2026-02-19', { target: { publishedOn: null } });
    assert.equal(neverPublished.earliestDate, '2026-02-20', 'from identification, 2025-11-20');
  });

  it('B31(1): not yet corrected, or the impact not judged, leaves no date to wait for', () => {
    const uncorrected = negative('2026-03-01', { stated: { commitmentSignedOn: '2025-12-10' } });
    assert.equal(uncorrected.verdict, 'not_yet');
    assert.deepEqual(unmet(uncorrected), ['corrected', 'no_same_kind_since_correction']);
    assert.equal(uncorrected.earliestDate, null);
    const pending = negative('2026-03-01', { judged: {} });
    assert.equal(pending.verdict, 'needs_judgement');
    assert.equal(
      condition(pending, 'impact_removed').zh,
      '纠正取得明显成效、不良社会影响已基本消除：需信息提供单位判断',
    );
  });

  it('B31(1): an act of the same kind after the correction holds repair until its year is complete (2026-01-15 → 2027-01-15)', () => {
    // 较重: valid 3 years (policy, decided), through 2028-11-20.
    const target = { severity: '较重', validityEndsOn: '2028-11-20' } as const;
    const again = act('rec-tax-2', '2026-01-15', '一般', { itemCode: 'tax-late-filing' });
    const held = negative('2026-03-01', { target, history: { acts: [again] } });
    assert.equal(held.verdict, 'not_yet');
    assert.equal(held.earliestDate, '2027-01-15');
    assert.equal(
      condition(held, 'no_same_kind_since_correction').zh,
      '纠正后 1 年内无同类失信：2025-12-10 纠正后于 2026-01-15 再次发生同类失信，2027-01-15 满足',
    );
    assert.equal(negative('2027-01-14', { target, history: { acts: [again] } }).verdict, 'not_yet');
    assert.equal(negative('2027-01-15', { target, history: { acts: [again] } }).verdict, 'eligible');
    // Another kind, or the same kind before the correction: no hold; and no full year is waited for.
    const otherKind = act('rec-wage-1', '2026-01-15', '一般', { itemCode: 'wage-arrears' });
    const beforeCorrection = { ...again, identifiedOn: '2025-12-01' };
    for (const other of [otherKind, beforeCorrection]) {
      assert.equal(
        negative('2026-03-01', { target, history: { acts: [other] } }).verdict,
        'eligible',
        other.id,
      );
    }
  });

  it('B31(1), B31(2)5: same kind means the same ground where both records name one, else the same catalog item', () => {
    const evasion = 'A6(4) 逃税骗税';
    assert.equal(
      sameKind({ itemCode: 'tax-a', ground: evasion }, { itemCode: 'tax-b', ground: evasion }),
      true,
    );
    assert.equal(
      sameKind({ itemCode: 'tax-a', ground: evasion }, { itemCode: 'tax-a', ground: 'A6(9)' }),
      false,
    );
    assert.equal(sameKind({ itemCode: 'tax-a', ground: evasion }, { itemCode: 'tax-a', ground: null }), true);
    assert.equal(sameKind({ itemCode: 'tax-a', ground: null }, { itemCode: 'tax-b', ground: null }), false);
  });

  it('B31(2)1: a severe act within 1 year excludes until its year is complete (2025-06-10 → 2026-06-10)', () => {
    const history = { acts: [act('rec-food-1', '2025-06-10', '严重')] };
    const excluded = negative('2026-02-28', { history });
    assert.equal(excluded.verdict, 'excluded');
    assert.deepEqual(unmet(excluded), ['no_severe_act']);
    assert.equal(excluded.earliestDate, '2026-06-10');
    const severe = condition(excluded, 'no_severe_act');
    assert.equal(severe.zh, '1 年内无严重失信行为：否（1 年内 1 次：2025-06-10；2026-06-10 起不再适用）');
    assert.equal(excluded.summary.zh, 'B31：目前属于不得修复的情形，最早可于 2026-06-10 申请');
    assert.equal(negative('2026-06-09', { history }).verdict, 'excluded');
    assert.equal(negative('2026-06-10', { history }).verdict, 'eligible');
    // Only the provider's 严重 mark makes an act severe (B15): an unmarked act neither excludes nor counts as 较重.
    const unmarked = {
      acts: [
        act('rec-u1', '2025-06-10', null),
        act('rec-u2', '2025-07-10', null),
        act('rec-u3', '2025-08-10', null),
      ],
    };
    assert.equal(negative('2026-02-28', { history: unmarked }).verdict, 'eligible');

    // The record itself counts: a 严重 record (valid through 2028-11-20) waits a year from 2025-11-20.
    const target = { severity: '严重', validityEndsOn: '2028-11-20' } as const;
    assert.equal(negative('2026-02-28', { target }).earliestDate, '2026-11-20');
    assert.equal(negative('2026-11-20', { target }).verdict, 'eligible');
  });

  it('B31(2)1: three 较重 acts within 1 year exclude (until 2026-03-05), two do not', () => {
    const three = [
      act('rec-a', '2025-03-05', '较重'),
      act('rec-b', '2025-06-05', '较重'),
      act('rec-c', '2025-09-05', '较重'),
    ];
    const excluded = negative('2026-02-28', { history: { acts: three } });
    assert.equal(excluded.verdict, 'excluded');
    assert.deepEqual(unmet(excluded), ['few_more_serious_acts']);
    assert.equal(excluded.earliestDate, '2026-03-05', 'the oldest leaves the window and two remain');
    assert.equal(
      condition(excluded, 'few_more_serious_acts').zh,
      '1 年内较重失信少于 3 次：否（1 年内 3 次：2025-03-05、2025-06-05、2025-09-05；2026-03-05 起不再适用）',
    );
    assert.equal(negative('2026-02-28', { history: { acts: three.slice(1) } }).verdict, 'eligible');
    // A 较重 record is the third: it and two others (the first leaves on 2026-06-05).
    const target = { severity: '较重', validityEndsOn: '2028-11-20' } as const;
    const withItself = negative('2026-02-28', { target, history: { acts: three.slice(1) } });
    assert.equal(withItself.verdict, 'excluded');
    assert.equal(withItself.earliestDate, '2026-06-05');
  });

  it('B31(2)3: less than 1 year since the last repair excludes; one completed 2024-02-29 is a year old on 2025-02-28', () => {
    // A record of 2024: identified 2024-10-08, published 2024-10-10 (→ 2025-01-10), corrected 2024-10-20.
    const target = { identifiedOn: '2024-10-08', validityEndsOn: '2025-10-08', publishedOn: '2024-10-10' };
    const stated = { correctedOn: '2024-10-20', commitmentSignedOn: '2024-10-20' };
    const history = { repairs: [repair('repair-2024', '2024-02-29')] };
    const excluded = negative('2025-02-27', { target, stated, history });
    assert.equal(excluded.verdict, 'excluded');
    assert.deepEqual(unmet(excluded), ['no_recent_repair']);
    assert.equal(excluded.earliestDate, '2025-02-28');
    assert.equal(
      condition(excluded, 'no_recent_repair').zh,
      '距上次信用修复已满 1 年：否（1 年内 1 次：2024-02-29；2025-02-28 起不再适用）',
    );
    const on = negative('2025-02-28', { target, stated, history });
    assert.equal(on.verdict, 'eligible');
    assert.equal(condition(on, 'no_recent_repair').metFrom, '2025-02-28', 'the date it stopped applying');
  });

  it('B31(2)4: two repairs within 5 years exclude until the older is 5 years old (2021-06-30 → 2026-06-30)', () => {
    const two = [repair('repair-2021', '2021-06-30'), repair('repair-2024', '2024-01-15')];
    const excluded = negative('2026-02-28', { history: { repairs: two } });
    assert.equal(excluded.verdict, 'excluded');
    assert.deepEqual(unmet(excluded), ['repair_count']);
    assert.equal(excluded.earliestDate, '2026-06-30');
    assert.deepEqual(condition(excluded, 'repair_count').facts.dates, ['2021-06-30', '2024-01-15']);
    // 2021-02-27 + 5 years = 2026-02-27: no longer within on 2026-02-28.
    const older = [repair('repair-2021', '2021-02-27'), repair('repair-2024', '2024-01-15')];
    const eligible = negative('2026-02-28', { history: { repairs: older } });
    assert.equal(eligible.verdict, 'eligible');
    assert.equal(condition(eligible, 'repair_count').metFrom, '2026-02-27');
  });

  it('B31(2)5: the same kind repaired within 5 years excludes — here past the record’s validity, so no earliest date', () => {
    const sameKindRepair = repair('repair-tax-2022', '2022-08-01', 'tax-late-filing');
    const excluded = negative('2026-02-28', { history: { repairs: [sameKindRepair] } });
    assert.equal(excluded.verdict, 'excluded');
    assert.deepEqual(unmet(excluded), ['in_validity', 'same_kind_not_repaired']);
    assert.equal(condition(excluded, 'same_kind_not_repaired').metFrom, '2027-08-01');
    assert.equal(condition(excluded, 'in_validity').facts.conditionsMetOn, '2027-08-01');
    assert.equal(excluded.earliestDate, null, '2027-08-01 is after the last day of use, 2026-11-20');
    const otherKind = repair('repair-wage-2022', '2022-08-01', 'wage-arrears');
    assert.equal(negative('2026-02-28', { history: { repairs: [otherKind] } }).verdict, 'eligible');
  });

  it('B31(2)2: an enterprise in bankruptcy proceedings is excluded, with no date that lifts it', () => {
    const result = negative('2026-02-28', {
      subjectType: 'organization',
      history: { inBankruptcyProceedings: true },
    });
    assert.equal(result.verdict, 'excluded');
    assert.deepEqual(unmet(result), ['not_in_bankruptcy', 'credit_management_system']);
    assert.equal(condition(result, 'not_in_bankruptcy').zh, '未进入破产程序：否');
    assert.equal(result.earliestDate, null);
  });

  it('B31(2)6: a subject that ignored credit reminders or interviews is excluded', () => {
    const result = negative('2026-02-28', { history: { ignoredRemindersOrInterviews: true } });
    assert.equal(result.verdict, 'excluded');
    assert.deepEqual(unmet(result), ['reminders_heeded']);
    assert.equal(result.earliestDate, null);
  });

  it('B31(2)7: an exclusion a department declared excludes, with its reason; one declared after the application not yet', () => {
    const declared = {
      department: '市市场监管局',
      declaredOn: '2026-01-20',
      reason: '涉嫌重大食品安全案件尚在调查',
      reasonEn: 'a major food-safety case under investigation',
    };
    const result = negative('2026-02-28', { history: { declaredExclusions: [declared] } });
    assert.equal(result.verdict, 'excluded');
    assert.deepEqual(unmet(result), ['no_department_exclusion']);
    assert.equal(
      condition(result, 'no_department_exclusion').zh,
      '无有关部门认定的不得修复情形：否（市市场监管局 2026-01-20 认定：涉嫌重大食品安全案件尚在调查）',
    );
    const later = { declaredExclusions: [{ ...declared, declaredOn: '2026-03-01' }] };
    assert.equal(negative('2026-02-28', { history: later }).verdict, 'eligible');
  });

  it('B31(3): an organization needs a credit management system as well as the commitment; a person the commitment', () => {
    const org = negative('2026-02-28', { subjectType: 'organization' });
    assert.deepEqual(unmet(org), ['credit_management_system']);
    assert.equal(org.verdict, 'not_yet');
    const stated = {
      correctedOn: '2025-12-10',
      commitmentSignedOn: '2025-12-10',
      creditManagementSystemOn: '2026-01-05',
    };
    assert.equal(negative('2026-02-28', { subjectType: 'organization', stated }).verdict, 'eligible');
    const uncommitted = negative('2026-02-28', { stated: { correctedOn: '2025-12-10' } });
    assert.deepEqual(unmet(uncommitted), ['commitment']);
    assert.equal(uncommitted.earliestDate, null);
  });

  it('B31, B27: a record past its validity (through 2026-11-20) is not repairable', () => {
    assert.equal(negative('2026-11-20').verdict, 'eligible');
    const expired = negative('2026-11-21');
    assert.equal(expired.verdict, 'excluded');
    assert.deepEqual(
      [condition(expired, 'in_validity').article, condition(expired, 'in_validity').facts.basis],
      ['B31', 'B27'],
    );
  });
});

describe('repair eligibility: windows', () => {
  it('B31(2)4: a window names the events within it, and the day it lifts (ahead) or last lifted (behind)', () => {
    const twoIn = [
      { id: 'r1', date: '2020-01-01' },
      { id: 'r2', date: '2020-06-01' },
    ];
    // Held from 2020-06-01 until 2021-01-01, when the first is a year old.
    assert.deepEqual(windowState(twoIn, { years: 1 }, 2, '2020-12-31'), {
      counted: twoIn,
      holds: true,
      liftsOn: '2021-01-01',
    });
    assert.deepEqual(windowState(twoIn, { years: 1 }, 2, '2021-01-01'), {
      counted: [{ id: 'r2', date: '2020-06-01' }],
      holds: false,
      liftsOn: '2021-01-01',
    });
    // A later single event does not hold it again; an event after the date is not yet one.
    const later = [...twoIn, { id: 'r3', date: '2021-12-01' }, { id: 'r4', date: '2022-02-01' }];
    assert.deepEqual(windowState(later, { years: 1 }, 2, '2022-01-15'), {
      counted: [{ id: 'r3', date: '2021-12-01' }],
      holds: false,
      liftsOn: '2021-01-01',
    });
    assert.equal(windowState([], { years: 5 }, 1, '2022-01-15').liftsOn, null, 'never held');
  });
});

describe('repair eligibility: the numbers are the policy’s', () => {
  it('A18(1), A18(2), B31(1), B31(2)1, B31(2)3: another policy’s numbers move every date', async () => {
    const json = structuredClone(policy) as unknown as {
      version: string;
      blacklistRepair: {
        firstListingQuietPeriod: { months: number };
        repeatListingQuietPeriod: { months: number };
      };
      negativeRepair: {
        minPublicized: { months: number };
        exclusions: { moreSeriousActs: { atLeast: number }; recentRepairs: { within: { years: number } } };
      };
    };
    json.version = '9.0.0';
    json.blacklistRepair.firstListingQuietPeriod.months = 3;
    json.blacklistRepair.repeatListingQuietPeriod.months = 18;
    json.negativeRepair.minPublicized.months = 6;
    json.negativeRepair.exclusions.moreSeriousActs.atLeast = 2;
    json.negativeRepair.exclusions.recentRepairs.within.years = 2;
    const other = parsePolicy(json);

    // A18(1): 2026-03-15 + 3 months; A18(2): + 18 months.
    assert.equal(blackList('2026-04-01', { policy: other }).earliestDate, '2026-06-15');
    assert.equal(blackList('2026-06-15', { policy: other }).verdict, 'eligible');
    const repeat = { acts: [act('entry-2023', '2023-05-20', '严重', { blackListed: true })] };
    assert.equal(blackList('2026-04-01', { policy: other, history: repeat }).earliestDate, '2027-09-15');
    // B31(1): 2025-11-30 + 6 months = 2026-05-30.
    const later = negative('2026-02-28', { policy: other });
    assert.equal(later.earliestDate, '2026-05-30');
    assert.equal(condition(later, 'publicized_period').zh, '公示满 6 个月：2025-11-30 起算，2026-05-30 满足');
    // B31(2)1: two 较重 acts now exclude, until the first leaves (2025-06-05 + 1 year).
    const two = { acts: [act('rec-b', '2025-06-05', '较重'), act('rec-c', '2025-09-05', '较重')] };
    const excluded = negative('2026-05-30', { policy: other, history: two });
    assert.equal(excluded.verdict, 'excluded');
    assert.equal(excluded.earliestDate, '2026-06-05');
    assert.equal(
      negative('2026-05-30', { history: two }).verdict,
      'eligible',
      'under huaian-2018 two are fewer than 3',
    );
    // B31(2)3: a repair of 2024-06-30 is within 2 years until 2026-06-30.
    const repaired = { repairs: [repair('repair-2024', '2024-06-30')] };
    assert.equal(negative('2026-05-30', { policy: other, history: repaired }).earliestDate, '2026-06-30');
    assert.deepEqual(negative('2026-05-30', { policy: other }).policy, {
      id: 'huaian-2018',
      version: '9.0.0',
    });
  });
});

describe('repair eligibility: input', () => {
  it('A18, B31: a date that is not a real YYYY-MM-DD date is refused, naming the field (REPAIR_DATE_INVALID)', () => {
    assert.throws(
      () => blackList('2026-02-30'),
      (e: unknown) =>
        e instanceof AppError && e.code === 'REPAIR_DATE_INVALID' && e.details?.field === 'applicationDate',
    );
    assert.throws(
      () => negative('2026-03-01', { history: { acts: [act('rec-x', '2026/01/05', '一般')] } }),
      (e: unknown) => e instanceof AppError && e.details?.field === 'history.acts[0].identifiedOn',
    );
  });
});
