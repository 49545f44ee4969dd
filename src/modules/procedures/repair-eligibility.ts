/**
 * Whether a subject may apply to repair (信用修复) a black-list entry (A18) or another negative record
 * (B31), explained condition by condition, with the facts and dates used and the earliest date a
 * subject not yet eligible may apply (issue 16). Pure: the caller gathers the record, the subject's
 * history and the stated facts; every number comes from the policy. The conditions are built in
 * repair-conditions.ts, their date rules are in repair-periods.ts.
 *
 * Verdict: `excluded` while an exclusion holds or the record is out of use; else `not_yet` while a
 * requirement is not met; else `needs_judgement` while the provider has a condition to judge; else
 * `eligible`. `earliestDate` is given whenever every unmet condition is met by a date.
 *
 * Readings the text leaves open, decided here (the same list is in README.md, "Repair eligibility"):
 * 1. Paths. A black-list entry follows A18 only, a negative record B31 only (B31(2)'s exclusions are
 *    not added to A18: A is the special rule for lists). A18's "同时符合下列条件" cannot join (1) and
 *    (2), which exclude each other: the three items are alternatives. (1) or (2) is chosen by first
 *    listing; (3) when the subject states another major repentance.
 * 2. Counting. A period of N after a date X is complete on X + N (民法典 counting, `addPolicyDuration`:
 *    last day inclusive, month ends clamped), and a condition "N since X" is met from that day, as
 *    issue 16's example has it ("2026-03-15 起算，2026-09-15 满足"). An event on X lies "within N" of the
 *    application while X + N is after the application date: the window ends on the application date
 *    (the policy notes' "自申请之日向前追溯"), computed forward from the event so its month end is
 *    clamped like every other period (a repair of 2024-02-29 is a year old on 2025-02-28).
 * 3. As of the application date. Acts, repairs and declarations dated after it, and stated facts
 *    dated after it, are not yet facts; so the engine answers before filing (today) and after (the
 *    filing date) alike.
 * 4. During validity (A18, B31 "使用期限内") means current by the one currency rule
 *    (records/record-currency.ts): not removed, not past the A12 removal date, the B27 validity or the
 *    B8 usage period. When the other conditions can only be met after the last day of use, repair is
 *    excluded: the record leaves publication first.
 * 5. A18(1)(2)'s quiet period starts on the later of the day the obligations were met (the policy's
 *    note on `firstListingQuietPeriod`: the full period after the obligations) and the listing date
 *    (issue 16: "列入后"). A severe act identified after the start restarts the count from its date:
 *    otherwise an act in month 7 would go unseen by an application in month 8.
 * 6. First listing: no other black-list entry of the subject, on any list, identified before this
 *    one's identification date, whatever its state now (expired, removed, repaired); one annulled as
 *    wrong (objection upheld, decision revoked) does not count.
 * 7. Acts are dated by their identification date (B27 counts from it; the act's own date is not
 *    recorded). An act is severe or 较重 as its provider marked it (B15); an unmarked act counts as
 *    neither (B27's 3 years for unmarked information is about keeping it, not about the act).
 * 8. The record being repaired is itself an act: B31(2)1 counts it. So a 严重 record may be repaired a
 *    year after its identification, a 一般 or 较重 one after its three months of publication, as the
 *    national classes (一般 3 months, 严重 1 year) have it.
 * 9. B31(1)'s "1 year with no act of the same kind since the correction" is a window, not a wait: met
 *    from the correction unless a same-kind act has been identified since, then from the day that act's
 *    year is complete. Waiting a full year after the correction would make B31(1)'s 3 months never
 *    bind and leave a 一般 record (valid 1 year from identification) never repairable.
 * 10. Same kind: the same A6 ground (dishonesty type) where both records name one, else the same
 *    catalog item.
 * 11. B31(1)'s publication is counted from the first day of publication; a record never published (not
 *    public by scope) from its identification date.
 * 12. Repairs count whatever their procedure (A18 or B31), once completed, dated by completion.
 * 13. The impact (A18(1), B31(1) with the correction's effect), A18(3)'s repentance and its measures
 *    are the provider's judgement: pending until it judges. A credit management system (A18(3), B31(3))
 *    is asked of organizations only; a person commits in writing.
 * 14. B31(2)2, 6 and 7 are facts the caller establishes (bankruptcy, ignored reminders or interviews,
 *    a department's declaration); no date lifts them here.
 * 15. N2026: under a policy with `publicationClasses` (national-2026: 国办发〔2025〕22号, NDRC Order 36)
 *    black-list entries and other records follow one path: the class by the policy's `bySeverity`, its
 *    shortest publication counted as in 11, the obligations (`obligationsMetOn`, the proof of
 *    performance) and the commitment; no B31(2) exclusion, no judgement (decision 0034).
 */
import { AppError } from '../../platform/errors.ts';
import { isIsoDate } from '../../platform/iso-date.ts';
import { addPolicyDuration, type Policy, policyRef, type Severity } from '../policy/index.ts';
import { type CurrencyInput, recordCurrency } from '../records/record-currency.ts';
import { blackListConditions, nationalConditions, negativeRecordConditions } from './repair-conditions.ts';

export type RepairPath = 'A18(1)' | 'A18(2)' | 'A18(3)' | 'B31' | 'N2026';
export type RepairVerdict = 'eligible' | 'not_yet' | 'excluded' | 'needs_judgement';
export type ConditionStatus = 'met' | 'not_met' | 'judgement';

/** The black-list entry or negative record to repair; `CurrencyInput` decides whether it is current. */
export type RepairTarget = CurrencyInput & {
  id: string;
  kind: 'black_list_entry' | 'negative_record';
  severity: Severity | null;
  itemCode: string;
  /** the A6 ground or dishonesty type (`groundOf`), where the record names one */
  ground: string | null;
  /** B31(1): the first day of publication; null for a record never published (counted from identification) */
  publishedOn: string | null;
};

/** Another negative record of the subject (a list record among them). */
export type PastAct = {
  id: string;
  identifiedOn: string;
  severity: Severity | null;
  itemCode: string;
  ground: string | null;
  /** it put the subject on a black list (A18: first or repeat listing) */
  blackListed: boolean;
  /** removed as wrong (objection upheld, revoked): counts for nothing */
  annulled?: boolean | undefined;
};

/** A completed repair of the subject, of any record and either procedure. */
export type PastRepair = { id: string; completedOn: string; itemCode: string; ground: string | null };

/** B31(2)7: a case a city or county department ruled out of repair for this subject. */
export type DeclaredExclusion = { department: string; declaredOn: string; reason: string; reasonEn: string };

export type SubjectHistory = {
  acts: readonly PastAct[];
  repairs: readonly PastRepair[];
  /** B31(2)2 */
  inBankruptcyProceedings: boolean;
  /** B31(2)6: ignored a credit reminder or an interview, and still did not act when urged */
  ignoredRemindersOrInterviews: boolean;
  declaredExclusions: readonly DeclaredExclusion[];
};

/** What the subject states, with dates. */
export type StatedFacts = {
  /** A18(1)(2): obligations fully met or rectification completed (全面履行法定义务或完成整改) */
  obligationsMetOn?: string | null | undefined;
  /** B31(1): the act corrected (已对失信行为进行了纠正) */
  correctedOn?: string | null | undefined;
  /** A18(3), B31(3): the written commitment not to be dishonest again */
  commitmentSignedOn?: string | null | undefined;
  /** A18(3), B31(3): a credit management system established (asked of organizations) */
  creditManagementSystemOn?: string | null | undefined;
  /** A18(3): the other major repentance the subject invokes; stating one takes the A18(3) path */
  majorRepentance?: string | null | undefined;
};

/** The provider's judgements; absent (or null) until it has judged. */
export type ProviderJudgements = {
  /** A18(1), B31(1): the adverse impact largely removed (B31: the correction clearly effective) */
  impactRemoved?: boolean | null | undefined;
  /** A18(3): the other major repentance accepted */
  repentanceAccepted?: boolean | null | undefined;
  /** A18(3): effective measures against another severe act */
  preventionEffective?: boolean | null | undefined;
};

export type RepairApplication = {
  subjectType: 'person' | 'organization';
  target: RepairTarget;
  history: SubjectHistory;
  stated: StatedFacts;
  judged: ProviderJudgements;
  /** a China date, YYYY-MM-DD */
  applicationDate: string;
};

export type ConditionFacts = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export type EligibilityCondition = {
  /** stable: `in_validity`, `quiet_period`, `no_severe_act`, … */
  code: string;
  article: string;
  /** an exclusion, or the validity it presupposes, refuses the application while it holds */
  role: 'requirement' | 'exclusion';
  status: ConditionStatus;
  /** a condition met by the passing of time: the first date it is (or will be) met; otherwise null */
  metFrom: string | null;
  facts: ConditionFacts;
  zh: string;
  en: string;
};

export type RepairEligibility = {
  path: RepairPath;
  verdict: RepairVerdict;
  applicationDate: string;
  /**
   * When every condition not met is met by a date: that date (for an eligible subject, the date from
   * which the time conditions have been met); null when something else is missing, or when that date
   * falls after the record's last day of use.
   */
  earliestDate: string | null;
  /** the last day the record is in use (A12, B27, B8); null when no date ends it */
  lastDayOfUse: string | null;
  conditions: EligibilityCondition[];
  summary: { zh: string; en: string };
  policy: { id: string; version: string };
};

/** The application as of its date: the acts, repairs and declarations that had happened by then. */
export type AsOf = {
  application: RepairApplication;
  on: string;
  /** the subject's other acts, not annulled, identified on or before the application date */
  acts: readonly PastAct[];
  repairs: readonly PastRepair[];
  declaredExclusions: readonly DeclaredExclusion[];
  /** a stated date, when it is on or before the application date */
  stated: (key: keyof Omit<StatedFacts, 'majorRepentance'>) => string | null;
};

export function repairEligibility(policy: Policy, application: RepairApplication): RepairEligibility {
  checkDates(application);
  const { target, history, applicationDate: on } = application;
  const asOf: AsOf = {
    application,
    on,
    acts: history.acts.filter((a) => a.id !== target.id && a.annulled !== true && a.identifiedOn <= on),
    repairs: history.repairs.filter((r) => r.completedOn <= on),
    declaredExclusions: history.declaredExclusions.filter((d) => d.declaredOn <= on),
    stated: (key) => {
      const date = application.stated[key];
      return date != null && date <= on ? date : null;
    },
  };
  const { path, conditions } = conditionsOf(policy, asOf);
  const candidate = timeConditionsMetOn(conditions);
  const lastDay = lastDayOfUse(target);
  const article = path === 'N2026' ? policy.source.documentNumber : path === 'B31' ? 'B31' : 'A18';
  const validity = inValidity(article, asOf, lastDay, candidate);
  const all = [validity, ...conditions];
  const verdict = verdictOf(all);
  const earliestDate = validity.status === 'met' ? candidate : null;
  return {
    path,
    verdict,
    applicationDate: on,
    earliestDate,
    lastDayOfUse: lastDay,
    conditions: all,
    summary: summaryOf(path, verdict, all, earliestDate),
    policy: policyRef(policy),
  };
}

/**
 * The rule path: N2026 under a policy with publication classes (national-2026), for black-list entries
 * and other records alike; otherwise A18 for a black-list entry and B31 for another negative record.
 */
function conditionsOf(policy: Policy, asOf: AsOf): { path: RepairPath; conditions: EligibilityCondition[] } {
  if (policy.publicationClasses !== undefined) {
    return { path: 'N2026', conditions: nationalConditions(policy, asOf) };
  }
  const { blacklistRepair, negativeRepair } = policy;
  if (blacklistRepair === undefined || negativeRepair === undefined) {
    // A validated policy has one or the other (policy-file.ts, repairRuleIssues).
    throw new AppError(
      'POLICY_REPAIR_RULES_MISSING',
      500,
      `政策 ${policy.id} ${policy.version} 没有信用修复规则(publicationClasses,或 blacklistRepair 和 negativeRepair)`,
      `Policy ${policy.id} ${policy.version} has no repair rules (publicationClasses, or blacklistRepair and negativeRepair)`,
      { policy: policyRef(policy) },
    );
  }
  return asOf.application.target.kind === 'negative_record'
    ? { path: 'B31', conditions: negativeRecordConditions(negativeRepair, asOf) }
    : blackListConditions(blacklistRepair, asOf);
}

/**
 * When the only conditions not met are met by a date, the latest of those dates; with none unmet,
 * the latest date a time condition was met; null otherwise.
 */
function timeConditionsMetOn(conditions: readonly EligibilityCondition[]): string | null {
  const unmet = conditions.filter((c) => c.status === 'not_met');
  if (unmet.some((c) => c.metFrom === null)) return null;
  const dates = (unmet.length > 0 ? unmet : conditions).flatMap((c) =>
    c.metFrom === null ? [] : [c.metFrom],
  );
  return dates.sort().at(-1) ?? null;
}

/** The earliest of the dates that end the record's use (those `recordCurrency` compares). */
function lastDayOfUse(target: RepairTarget): string | null {
  const ends = [
    target.listEntry?.validUntil ?? null,
    target.validityEndsOn,
    target.usagePeriod === null ? null : addPolicyDuration(target.identifiedOn, target.usagePeriod),
  ].filter((d): d is string => d !== null);
  return ends.sort()[0] ?? null;
}

/** A18, B31: "在…使用期限内" — current on the application date, and still when the rest can be met. */
function inValidity(
  article: string,
  { application, on }: AsOf,
  lastDay: string | null,
  candidate: string | null,
): EligibilityCondition {
  const currency = recordCurrency(application.target, on);
  const base = { code: 'in_validity', article, role: 'exclusion' as const, metFrom: null };
  const facts = { state: currency.state, basis: currency.basis, lastDayOfUse: lastDay };
  if (currency.state === 'removed') {
    return {
      ...base,
      status: 'not_met',
      facts,
      zh: `在使用期限内：否（已移出名单，依据 ${currency.basis}；无可修复的信息）`,
      en: `Within its period of use: no (removed from the list under ${currency.basis}; nothing to repair)`,
    };
  }
  if (currency.state !== 'current') {
    return {
      ...base,
      status: 'not_met',
      facts,
      zh: `在使用期限内：否（已于 ${currency.lastDay} 届满，依据 ${currency.basis}；届满后不再公开、不再作为惩戒依据，无需修复）`,
      en: `Within its period of use: no (it ended on ${currency.lastDay} under ${currency.basis}; no longer published or used, so there is nothing to repair)`,
    };
  }
  if (lastDay !== null && candidate !== null && candidate > lastDay) {
    return {
      ...base,
      status: 'not_met',
      facts: { ...facts, conditionsMetOn: candidate },
      zh: `在使用期限内：否（使用期限至 ${lastDay}，其余条件最早 ${candidate} 满足，届满前无法修复；届满后不再公开）`,
      en: `Within its period of use: no (in use through ${lastDay}, but the other conditions are met on ${candidate} at the earliest; it leaves publication first)`,
    };
  }
  return {
    ...base,
    status: 'met',
    facts,
    zh: lastDay === null ? '在使用期限内：是' : `在使用期限内：是（至 ${lastDay}）`,
    en:
      lastDay === null
        ? 'Within its period of use: yes'
        : `Within its period of use: yes (through ${lastDay})`,
  };
}

/** An exclusion (or being out of use) refuses; then a requirement not met; then a judgement pending. */
function verdictOf(conditions: readonly EligibilityCondition[]): RepairVerdict {
  const unmet = conditions.filter((c) => c.status === 'not_met');
  if (unmet.some((c) => c.role === 'exclusion')) return 'excluded';
  if (unmet.length > 0) return 'not_yet';
  if (conditions.some((c) => c.status === 'judgement')) return 'needs_judgement';
  return 'eligible';
}

function summaryOf(
  path: RepairPath,
  verdict: RepairVerdict,
  conditions: readonly EligibilityCondition[],
  earliest: string | null,
): { zh: string; en: string } {
  const unmet = conditions.filter((c) => c.status === 'not_met').length;
  const pending = conditions.filter((c) => c.status === 'judgement').length;
  switch (verdict) {
    case 'eligible':
      return {
        zh: `符合 ${path} 规定的修复条件，可以申请`,
        en: `Meets the conditions of ${path}; may apply`,
      };
    case 'needs_judgement':
      return {
        zh: `${path}：其余条件已满足，${pending} 项需信息提供单位判断`,
        en: `${path}: the other conditions are met; ${pending} need the provider's judgement`,
      };
    case 'not_yet':
      return earliest === null
        ? { zh: `${path}：尚有 ${unmet} 项条件未满足`, en: `${path}: ${unmet} conditions not met yet` }
        : {
            zh: `${path}：尚不符合条件，最早可于 ${earliest} 申请`,
            en: `${path}: not yet eligible; may apply from ${earliest}`,
          };
    case 'excluded':
      return earliest === null
        ? { zh: `${path}：属于不得修复的情形`, en: `${path}: repair is excluded` }
        : {
            zh: `${path}：目前属于不得修复的情形，最早可于 ${earliest} 申请`,
            en: `${path}: repair is excluded for now; may apply from ${earliest}`,
          };
  }
}

/** Every date the application carries is a real YYYY-MM-DD date (400 naming the field otherwise). */
function checkDates(application: RepairApplication): void {
  const { target, history, stated } = application;
  const dates: [string, string | null | undefined][] = [
    ['applicationDate', application.applicationDate],
    ['target.identifiedOn', target.identifiedOn],
    ['target.validityEndsOn', target.validityEndsOn],
    ['target.publishedOn', target.publishedOn],
    ['target.listEntry.validUntil', target.listEntry?.validUntil],
    ...history.acts.map((a, i): [string, string] => [`history.acts[${i}].identifiedOn`, a.identifiedOn]),
    ...history.repairs.map((r, i): [string, string] => [`history.repairs[${i}].completedOn`, r.completedOn]),
    ...history.declaredExclusions.map((d, i): [string, string] => [
      `history.declaredExclusions[${i}].declaredOn`,
      d.declaredOn,
    ]),
    ['stated.obligationsMetOn', stated.obligationsMetOn],
    ['stated.correctedOn', stated.correctedOn],
    ['stated.commitmentSignedOn', stated.commitmentSignedOn],
    ['stated.creditManagementSystemOn', stated.creditManagementSystemOn],
  ];
  for (const [field, value] of dates) {
    if (value != null && !isIsoDate(value)) {
      throw new AppError(
        'REPAIR_DATE_INVALID',
        400,
        `${field} 的日期 "${value}" 无效,应为 YYYY-MM-DD 格式的有效日期`,
        `${field}: "${value}" is not a real date in the form YYYY-MM-DD`,
        { field, value },
      );
    }
  }
}
