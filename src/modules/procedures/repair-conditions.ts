/**
 * The conditions of credit repair, one builder per clause of A18 and B31, each with the facts and dates
 * it used and its explanation in Chinese and English (issue 16's style: "首次列入：是（此前无黑名单记录）").
 * Pure; repair-eligibility.ts assembles them into a verdict. The readings they apply are listed there
 * and in README.md.
 */
import type {
  BlacklistRepairRules,
  CalendarDuration,
  CountWithin,
  NegativeRepairRules,
  Policy,
} from '../policy/index.ts';
import { addPolicyDuration, publicationClassOf } from '../policy/index.ts';
import type {
  AsOf,
  ConditionFacts,
  ConditionStatus,
  EligibilityCondition,
  PastAct,
  RepairPath,
  StatedFacts,
} from './repair-eligibility.ts';
import { type Dated, isSevere, later, sameKind, spanOf, spanText, windowState } from './repair-periods.ts';

type StatedDate = keyof Omit<StatedFacts, 'majorRepentance'>;
/** A18: (1) or (2) by first listing; (3) when the subject states another major repentance. */
export function blackListConditions(
  rules: BlacklistRepairRules,
  asOf: AsOf,
): { path: RepairPath; conditions: EligibilityCondition[] } {
  const { application } = asOf;
  if (nonBlank(application.stated.majorRepentance)) {
    return { path: 'A18(3)', conditions: repentanceConditions(asOf) };
  }
  const earlier = asOf.acts.filter((a) => a.blackListed && a.identifiedOn < application.target.identifiedOn);
  const first = earlier.length === 0;
  const path = first ? 'A18(1)' : 'A18(2)';
  const { firstListingQuietPeriod, repeatListingQuietPeriod } = rules;
  const conditions = [
    listingOrder(path, earlier),
    obligationsMet(path, asOf),
    ...(first ? [impactRemoved('A18(1)', asOf)] : []),
    quietPeriod(path, asOf, first ? firstListingQuietPeriod : repeatListingQuietPeriod),
  ];
  return { path, conditions };
}

/** B31(1) requirements, B31(2) exclusions, B31(3) commitment. */
export function negativeRecordConditions(rules: NegativeRepairRules, asOf: AsOf): EligibilityCondition[] {
  const { minPublicized, noSameKindSinceCorrection, exclusions } = rules;
  const { target, history, subjectType } = asOf.application;
  const acts: readonly Pick<PastAct, 'id' | 'identifiedOn' | 'severity'>[] = [target, ...asOf.acts];
  const dated = (list: readonly { id: string; identifiedOn: string }[]) =>
    list.map((a) => ({ id: a.id, date: a.identifiedOn }));
  const repairs = asOf.repairs.map((r) => ({ id: r.id, date: r.completedOn }));
  const sameKindRepairs = asOf.repairs
    .filter((r) => sameKind(r, target))
    .map((r) => ({ id: r.id, date: r.completedOn }));
  return [
    publicized(asOf, minPublicized),
    corrected(asOf),
    impactRemoved('B31(1)', asOf),
    noRecurrenceSinceCorrection(asOf, noSameKindSinceCorrection),
    windowExclusion('no_severe_act', exclusions.severeActs, asOf.on, dated(acts.filter(isSevere)), (s, n) =>
      n === 1
        ? [`${s[0]}内无严重失信行为`, `No severe act within ${s[1]}`]
        : [`${s[0]}内严重失信少于 ${n} 次`, `Fewer than ${n} severe acts within ${s[1]}`],
    ),
    windowExclusion(
      'few_more_serious_acts',
      exclusions.moreSeriousActs,
      asOf.on,
      dated(acts.filter((a) => a.severity === '较重')),
      (s, n) =>
        n === 1
          ? [`${s[0]}内无较重失信行为`, `No 较重 (more serious) act within ${s[1]}`]
          : [`${s[0]}内较重失信少于 ${n} 次`, `Fewer than ${n} 较重 (more serious) acts within ${s[1]}`],
    ),
    flagExclusion('not_in_bankruptcy', 'B31(2)2', history.inBankruptcyProceedings, [
      '未进入破产程序',
      'Not in bankruptcy proceedings',
    ]),
    windowExclusion('no_recent_repair', exclusions.recentRepairs, asOf.on, repairs, (s, n) =>
      n === 1
        ? [`距上次信用修复已满 ${s[0]}`, `At least ${s[1]} since the last repair`]
        : [`${s[0]}内信用修复少于 ${n} 次`, `Fewer than ${n} repairs within ${s[1]}`],
    ),
    windowExclusion('repair_count', exclusions.repairs, asOf.on, repairs, (s, n) =>
      n === 1
        ? [`${s[0]}内无信用修复`, `No repair within ${s[1]}`]
        : [`${s[0]}内信用修复未满 ${n} 次`, `Fewer than ${n} repairs within ${s[1]}`],
    ),
    windowExclusion('same_kind_not_repaired', exclusions.sameKindRepairs, asOf.on, sameKindRepairs, (s, n) =>
      n === 1
        ? [`${s[0]}内同类失信未修复过`, `No repair of the same kind within ${s[1]}`]
        : [`${s[0]}内同类失信修复少于 ${n} 次`, `Fewer than ${n} repairs of the same kind within ${s[1]}`],
    ),
    flagExclusion('reminders_heeded', 'B31(2)6', history.ignoredRemindersOrInterviews, [
      '未无故拒不纠正信用提醒或拒不参加约谈',
      'Has not ignored credit reminders or interviews',
    ]),
    departmentExclusions(asOf),
    ...(subjectType === 'organization' ? [creditManagementSystem('B31(3)', asOf)] : []),
    commitment('B31(3)', asOf),
  ];
}

/**
 * N2026 (国办发〔2025〕22号, NDRC Order 36): a black-list entry and another negative record alike, by the
 * publication class its severity maps to (`publicationClasses.bySeverity`): the class's shortest
 * publication complete, the obligations met (the proof of performance) and the credit commitment. No
 * provider judgement, no credit management system, no B31(2) exclusion: the documents are only the
 * proof and the commitment, and the policy keeps no exclusion (its note).
 */
export function nationalConditions(policy: Policy, asOf: AsOf): EligibilityCondition[] {
  const { target } = asOf.application;
  const found = publicationClassOf(policy, target.severity);
  if (found === null) throw new Error('nationalConditions: the policy has no publicationClasses');
  const source = policy.source.documentNumber;
  const { key, entry } = found;
  const mapping = policy.publicationClasses?.bySeverity;
  const mark = target.severity ?? '未标明';
  const markEn = target.severity ?? 'unmarked';
  const direct = target.severity === entry.name;
  const classFacts = { severity: target.severity, publicationClass: key, className: entry.name };
  const classCondition = condition(
    'publication_class',
    mapping?.basis ?? source,
    'requirement',
    'met',
    null,
    { ...classFacts, maxPublication: spanText(entry.maxPublication)[1] },
    [
      `失信分类：${direct ? entry.name : `${mark} → ${entry.name}（按政策的程度对照）`}，最长公示 ${spanText(entry.maxPublication)[0]}`,
      `Class of dishonesty: ${direct ? entry.name : `${markEn} → ${entry.name} (by the policy's mapping of severities)`}, published at most ${spanText(entry.maxPublication)[1]}`,
    ],
  );
  const min = entry.minPublicationBeforeRepair;
  return [
    classCondition,
    min === undefined ? noMinimumPublication(entry.name, entry.basis) : publicized(asOf, min, min.basis),
    statedFact('obligations_met', source, asOf, 'obligationsMetOn', [
      '已纠正失信行为、履行相关义务（履行证明）',
      'The act corrected and the obligations met (proof of performance)',
    ]),
    statedFact('commitment', source, asOf, 'commitmentSignedOn', [
      '已作出信用承诺（信用承诺书）',
      'A credit commitment made (信用承诺书)',
    ]),
  ];
}

function noMinimumPublication(name: string, basis: string): EligibilityCondition {
  return condition('publicized_period', basis, 'requirement', 'met', null, { minPublication: null }, [
    `公示期要求：${name}失信无最短公示期，履行义务并作出承诺即可申请`,
    `Publication: no shortest publication for ${name}; may apply once the obligations are met and the commitment made`,
  ]);
}

// ---------------------------------------------------------------------------------------------------
// A18

function listingOrder(path: RepairPath, earlier: readonly PastAct[]): EligibilityCondition {
  const dates = earlier.map((a) => a.identifiedOn).sort();
  const facts = { firstListing: earlier.length === 0, earlierListings: earlier.map((a) => a.id), dates };
  return earlier.length === 0
    ? condition('first_listing', path, 'requirement', 'met', null, facts, [
        '首次列入：是（此前无黑名单记录）',
        'First listing: yes (no earlier black-list entry)',
      ])
    : condition('repeat_listing', path, 'requirement', 'met', null, facts, [
        `首次列入：否（此前已于 ${dates.join('、')} 列入黑名单，适用 A18(2)）`,
        `First listing: no (black-listed before on ${dates.join(', ')}; A18(2) applies)`,
      ]);
}

function obligationsMet(path: RepairPath, asOf: AsOf): EligibilityCondition {
  return statedFact('obligations_met', path, asOf, 'obligationsMetOn', [
    '已全面履行法定义务或完成整改',
    'Obligations fully met or rectification completed',
  ]);
}

/**
 * A18(1)(2): no severe dishonesty in the N months after the obligations were met. Counted from the
 * later of that date and the listing (the policy's note: after the obligations; issue 16: after the
 * listing); a severe act identified since restarts the count from its date.
 */
function quietPeriod(path: RepairPath, asOf: AsOf, period: CalendarDuration): EligibilityCondition {
  const { target } = asOf.application;
  const span = spanText(period);
  const label = [
    `履行义务后 ${span[0]}无严重失信`,
    `No severe dishonesty for ${span[1]} after the obligations were met`,
  ];
  const met = asOf.stated('obligationsMetOn');
  if (met === null) {
    return condition('quiet_period', path, 'requirement', 'not_met', null, { ...spanOf(period) }, [
      `${label[0]}：无法起算（尚未履行义务）`,
      `${label[1]}: cannot start (obligations not met)`,
    ]);
  }
  const start = later(met, target.identifiedOn);
  const since = asOf.acts.filter((a) => isSevere(a) && a.identifiedOn >= start).sort(byDate);
  const last = since.at(-1);
  const from = last === undefined ? start : last.identifiedOn;
  const metFrom = addPolicyDuration(from, period);
  const facts = {
    obligationsMetOn: met,
    countedFrom: start,
    ...spanOf(period),
    restartedBy: since.map((a) => a.id),
    metFrom,
  };
  const listing =
    start === met
      ? ['', '']
      : [
          `（列入之日，晚于履行之日 ${met}）`,
          ` (the listing date, after the obligations were met on ${met})`,
        ];
  const restart =
    last === undefined
      ? ['', '']
      : [
          `；${from} 认定严重失信，自该日重新起算`,
          `; a severe act identified on ${from}, counted again from then`,
        ];
  return condition('quiet_period', path, 'requirement', statusBy(metFrom, asOf.on), metFrom, facts, [
    `${label[0]}：${start} 起算${listing[0]}${restart[0]}，${metFrom} 满足`,
    `${label[1]}: counted from ${start}${listing[1]}${restart[1]}, met on ${metFrom}`,
  ]);
}

function repentanceConditions(asOf: AsOf): EligibilityCondition[] {
  const { stated, judged, subjectType } = asOf.application;
  const said = stated.majorRepentance ?? '';
  return [
    judgement('repentance_accepted', 'A18(3)', judged.repentanceAccepted, { majorRepentance: said }, [
      `其他重大悔改表现获信息提供单位认可（申请人陈述：${said}）`,
      `Other major repentance accepted by the provider (stated: ${said})`,
    ]),
    judgement('prevention_effective', 'A18(3)', judged.preventionEffective, {}, [
      '已采取有效措施防止再次发生严重失信',
      'Effective measures taken against another severe act',
    ]),
    ...(subjectType === 'organization' ? [creditManagementSystem('A18(3)', asOf)] : []),
    commitment('A18(3)', asOf),
  ];
}

// ---------------------------------------------------------------------------------------------------
// B31

function publicized(asOf: AsOf, period: CalendarDuration, article = 'B31(1)'): EligibilityCondition {
  const { target } = asOf.application;
  const from = target.publishedOn ?? target.identifiedOn;
  const metFrom = addPolicyDuration(from, period);
  const span = spanText(period);
  const note =
    target.publishedOn === null
      ? ['（未公示，自认定之日起算）', ' (never published: from identification)']
      : ['', ''];
  const facts = { publishedOn: target.publishedOn, countedFrom: from, ...spanOf(period), metFrom };
  return condition('publicized_period', article, 'requirement', statusBy(metFrom, asOf.on), metFrom, facts, [
    `公示满 ${span[0]}：${from} 起算${note[0]}，${metFrom} 满足`,
    `Publicized for ${span[1]}: counted from ${from}${note[1]}, met on ${metFrom}`,
  ]);
}

function corrected(asOf: AsOf): EligibilityCondition {
  return statedFact('corrected', 'B31(1)', asOf, 'correctedOn', [
    '已纠正失信行为',
    'The dishonest act corrected',
  ]);
}

/**
 * B31(1): no act of the same kind within 1 year of the correction. The year is a window, not a wait
 * (otherwise B31(1)'s 3 months would never bind, and a 一般 record, valid 1 year from identification,
 * could never be repaired): met from the correction, unless a same-kind act identified since lies
 * within the year before the application; then from the day its year is complete.
 */
function noRecurrenceSinceCorrection(asOf: AsOf, window: CalendarDuration): EligibilityCondition {
  const { target } = asOf.application;
  const span = spanText(window);
  const label = [
    `纠正后 ${span[0]}内无同类失信`,
    `No act of the same kind within ${span[1]} of the correction`,
  ];
  const correctedOn = asOf.stated('correctedOn');
  if (correctedOn === null) {
    return condition(
      'no_same_kind_since_correction',
      'B31(1)',
      'requirement',
      'not_met',
      null,
      spanOf(window),
      [`${label[0]}：无法起算（尚未纠正）`, `${label[1]}: cannot start (not corrected)`],
    );
  }
  const since = asOf.acts.filter((a) => sameKind(a, target) && a.identifiedOn >= correctedOn);
  const recurrences = since.map((a) => ({ ...a, yearEnds: addPolicyDuration(a.identifiedOn, window) }));
  const metFrom = recurrences.reduce((d, a) => later(d, a.yearEnds), correctedOn);
  const facts = { correctedOn, ...spanOf(window), sameKindSince: since.map((a) => a.id), metFrom };
  if (recurrences.length === 0) {
    return condition('no_same_kind_since_correction', 'B31(1)', 'requirement', 'met', metFrom, facts, [
      `${label[0]}：是（${correctedOn} 纠正，此后无同类失信）`,
      `${label[1]}: yes (corrected on ${correctedOn}, no act of the same kind since)`,
    ]);
  }
  const dates = since.map((a) => a.identifiedOn).sort();
  return condition(
    'no_same_kind_since_correction',
    'B31(1)',
    'requirement',
    statusBy(metFrom, asOf.on),
    metFrom,
    facts,
    [
      `${label[0]}：${correctedOn} 纠正后于 ${dates.join('、')} 再次发生同类失信，${metFrom} 满足`,
      `${label[1]}: corrected on ${correctedOn}, the same kind again on ${dates.join(', ')}; met on ${metFrom}`,
    ],
  );
}

/** B31(2)1, 3, 4, 5: excluded while at least `atLeast` events fall within `within` of the application. */
function windowExclusion(
  code: string,
  rule: CountWithin,
  on: string,
  events: readonly Dated[],
  labelOf: (span: [string, string], atLeast: number) => [string, string],
): EligibilityCondition {
  const span = spanText(rule.within);
  const n = rule.atLeast;
  const label = labelOf(span, n);
  const state = windowState(events, rule.within, n, on);
  const dates = state.counted.map((e) => e.date);
  const facts = {
    ...spanOf(rule.within),
    atLeast: n,
    counted: state.counted.map((e) => e.id),
    dates,
    liftsOn: state.liftsOn,
  };
  if (state.holds) {
    return condition(code, rule.basis, 'exclusion', 'not_met', state.liftsOn, facts, [
      `${label[0]}：否（${span[0]}内 ${dates.length} 次：${dates.join('、')}；${state.liftsOn} 起不再适用）`,
      `${label[1]}: no (${dates.length} within ${span[1]}: ${dates.join(', ')}; lifted from ${state.liftsOn})`,
    ]);
  }
  const detail =
    dates.length === 0
      ? ['', '']
      : [
          `（${span[0]}内 ${dates.length} 次：${dates.join('、')}）`,
          ` (${dates.length}: ${dates.join(', ')})`,
        ];
  return condition(code, rule.basis, 'exclusion', 'met', state.liftsOn, facts, [
    `${label[0]}：是${detail[0]}`,
    `${label[1]}: yes${detail[1]}`,
  ]);
}

function flagExclusion(code: string, article: string, holds: boolean, label: [string, string]) {
  return condition(code, article, 'exclusion', holds ? 'not_met' : 'met', null, { holds }, [
    `${label[0]}：${holds ? '否' : '是'}`,
    `${label[1]}: ${holds ? 'no' : 'yes'}`,
  ]);
}

function departmentExclusions(asOf: AsOf): EligibilityCondition {
  const declared = asOf.declaredExclusions;
  const facts = {
    departments: declared.map((d) => d.department),
    dates: declared.map((d) => d.declaredOn),
    reasons: declared.map((d) => d.reason),
  };
  const label = ['无有关部门认定的不得修复情形', 'No exclusion declared by a department'];
  if (declared.length === 0) {
    return condition('no_department_exclusion', 'B31(2)7', 'exclusion', 'met', null, facts, [
      `${label[0]}：是`,
      `${label[1]}: yes`,
    ]);
  }
  return condition('no_department_exclusion', 'B31(2)7', 'exclusion', 'not_met', null, facts, [
    `${label[0]}：否（${declared.map((d) => `${d.department} ${d.declaredOn} 认定：${d.reason}`).join('；')}）`,
    `${label[1]}: no (${declared.map((d) => `${d.department} on ${d.declaredOn}: ${d.reasonEn}`).join('; ')})`,
  ]);
}

// ---------------------------------------------------------------------------------------------------
// Shared by A18 and B31

function impactRemoved(article: string, asOf: AsOf): EligibilityCondition {
  const label: [string, string] =
    article === 'B31(1)'
      ? [
          '纠正取得明显成效、不良社会影响已基本消除',
          'Correction clearly effective, adverse impact largely removed',
        ]
      : ['不良社会影响已基本消除', 'Adverse social impact largely removed'];
  return judgement('impact_removed', article, asOf.application.judged.impactRemoved, {}, label);
}

function creditManagementSystem(article: string, asOf: AsOf): EligibilityCondition {
  return statedFact('credit_management_system', article, asOf, 'creditManagementSystemOn', [
    '已建立信用管理制度',
    'A credit management system established',
  ]);
}

function commitment(article: string, asOf: AsOf): EligibilityCondition {
  return statedFact('commitment', article, asOf, 'commitmentSignedOn', [
    '已书面承诺不再失信',
    'A written commitment not to be dishonest again',
  ]);
}

function statedFact(
  code: string,
  article: string,
  asOf: AsOf,
  key: StatedDate,
  label: [string, string],
): EligibilityCondition {
  const stated = asOf.application.stated[key] ?? null;
  const on = asOf.stated(key);
  if (on !== null) {
    return condition(code, article, 'requirement', 'met', null, { [key]: on }, [
      `${label[0]}：是（${on}）`,
      `${label[1]}: yes (${on})`,
    ]);
  }
  const why = laterOrMissing(stated, asOf.on);
  return condition(code, article, 'requirement', 'not_met', null, { [key]: stated }, [
    `${label[0]}：否（${why[0]}）`,
    `${label[1]}: no (${why[1]})`,
  ]);
}

/** A condition only the provider can decide: pending until it has, then met or not. */
function judgement(
  code: string,
  article: string,
  judged: boolean | null | undefined,
  facts: ConditionFacts,
  label: [string, string],
): EligibilityCondition {
  const status: ConditionStatus = judged == null ? 'judgement' : judged ? 'met' : 'not_met';
  const text: Record<ConditionStatus, [string, string]> = {
    judgement: ['需信息提供单位判断', "for the provider's judgement"],
    met: ['是（信息提供单位认定）', 'yes (the provider judged so)'],
    not_met: ['否（信息提供单位认定）', 'no (the provider judged so)'],
  };
  return condition(code, article, 'requirement', status, null, { ...facts, providerJudged: judged ?? null }, [
    `${label[0]}：${text[status][0]}`,
    `${label[1]}: ${text[status][1]}`,
  ]);
}

// ---------------------------------------------------------------------------------------------------
// Words

function condition(
  code: string,
  article: string,
  role: 'requirement' | 'exclusion',
  status: ConditionStatus,
  metFrom: string | null,
  facts: ConditionFacts,
  [zh, en]: readonly string[],
): EligibilityCondition {
  return { code, article, role, status, metFrom, facts, zh: zh!, en: en! };
}

function statusBy(metFrom: string, on: string): ConditionStatus {
  return metFrom <= on ? 'met' : 'not_met';
}

function laterOrMissing(stated: string | null, on: string): [string, string] {
  return stated === null
    ? ['未提供日期', 'no date given']
    : [
        `所述日期 ${stated} 晚于申请日 ${on}`,
        `the date given, ${stated}, is after the application date ${on}`,
      ];
}

const byDate = (a: PastAct, b: PastAct) =>
  a.identifiedOn < b.identifiedOn ? -1 : a.identifiedOn > b.identifiedOn ? 1 : 0;
const nonBlank = (s: string | null | undefined): s is string => s != null && s.trim() !== '';
