/**
 * Pure helpers other modules call instead of reading the policy JSON themselves. Working-day periods
 * are only exposed here (e.g. `policy.objection.review.workdays`); the calendar module turns them
 * into dates, because that needs the holiday calendar.
 */
import { AppError } from '../../platform/errors.ts';
import { daysInMonth, formatIsoDate, parseIsoDate } from '../../platform/iso-date.ts';
import type {
  MaskRule,
  NameMaskRule,
  Policy,
  PublicationClass,
  PublicationClassKey,
  ValidityEntry,
  WorkdaysPeriod,
} from './policy-file.ts';

/** The severities a provider marks on negative information (B15); null when unmarked. */
export const SEVERITIES = ['一般', '较重', '严重'] as const;
export type Severity = (typeof SEVERITIES)[number];

const VALIDITY_KEY = { 一般: 'ordinary', 较重: 'moreSerious', 严重: 'severe' } as const;

/**
 * How long negative information of this severity stays valid (B27), counted from the date the act
 * was identified; `null` means the provider marked no severity. The entry cites its basis, and carries
 * a note where the period was decided rather than stated (较重 in the Huai'an policy).
 */
export function validityOf(policy: Policy, severity: Severity | null): ValidityEntry {
  if (severity === null) return policy.validity.unmarked;
  const key = VALIDITY_KEY[severity];
  if (key === undefined) {
    throw new AppError(
      'POLICY_UNKNOWN_SEVERITY',
      400,
      `未知的失信程度 "${String(severity)}",应为 一般、较重、严重 之一或不标明(B15)`,
      `Unknown severity "${String(severity)}"; use 一般, 较重, 严重 or none (B15)`,
      { severity, allowed: SEVERITIES },
    );
  }
  return policy.validity[key];
}

const MARK_KEY = { 一般: 'ordinary', 较重: 'moreSerious', 严重: 'severe' } as const;

/**
 * The publication class (轻微 / 一般 / 严重, 国办发〔2025〕22号) a record of this severity belongs to under
 * a policy with `publicationClasses`, by the policy's `bySeverity` mapping (null: unmarked); `null`
 * under a policy without classes (huaian-2018).
 */
export function publicationClassOf(
  policy: Policy,
  severity: Severity | null,
): { key: PublicationClassKey; entry: PublicationClass } | null {
  const classes = policy.publicationClasses;
  if (classes === undefined) return null;
  validityOf(policy, severity); // refuses an unknown severity
  const key = classes.bySeverity[severity === null ? 'unmarked' : MARK_KEY[severity]];
  return { key, entry: classes[key] };
}

/**
 * The public notice of a repair opinion (A19, B32: 5 working days in huaian-2018) for a black-list
 * entry or another negative record; null when the policy has none (national-2026: the deciding
 * department decides without a notice), and then the repair procedure has no notice step.
 */
export function repairNoticePeriod(
  policy: Policy,
  kind: 'black_list_entry' | 'negative_record',
): WorkdaysPeriod | null {
  const section = kind === 'black_list_entry' ? policy.blacklistRepair : policy.negativeRepair;
  return section?.noticePeriod ?? null;
}

/** What every stored decision records: the policy it applied. */
export function policyRef(policy: Policy): { id: string; version: string } {
  return { id: policy.id, version: policy.version };
}

// ---------------------------------------------------------------------------------------------------
// Masking for public views (A7: no privacy disclosed). Characters are counted as code points, so a
// rare character outside the BMP counts once. When keeping `keepStart + keepEnd` characters would
// mask nothing, everything is masked: a too-short value is never shown in full.

export function maskWith(rule: { keepStart: number; keepEnd: number; maskChar: string }, value: string) {
  const chars = [...value];
  if (chars.length <= rule.keepStart + rule.keepEnd) return rule.maskChar.repeat(chars.length);
  const end = chars.length - rule.keepEnd;
  return chars.map((ch, i) => (i < rule.keepStart || i >= end ? ch : rule.maskChar)).join('');
}

/** Citizen ID for public display, e.g. 320812199001011234 → 320812********1234 (A7). */
export function maskCitizenId(policy: Policy, id: string): string {
  return maskWith(policy.disclosure.masking.citizenId, id.trim());
}

/** Phone number for public display; spaces and hyphens are dropped first (138****5678). */
export function maskPhone(policy: Policy, phone: string): string {
  return maskWith(policy.disclosure.masking.phone, phone.replace(/[\s-]/g, ''));
}

/**
 * Common Chinese compound surnames (复姓). A name is read as having one only when it has at least three
 * characters: a two-character name like 司马 is surname 司 + given name 马. Some entries (夏侯, 钟离)
 * start with a common single surname, so a 夏 whose given name starts with 侯 would show that
 * character; the list favours the usual reading.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set(
  (
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 ' +
    '万俟 闻人 澹台 公冶 濮阳 淳于 太叔 申屠 赫连 呼延 南宫 独孤 西门 百里 东郭 左丘 ' +
    '司空 亓官 司寇 子车 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 公西 巫马 公羊 第五'
  ).split(' '),
);

/** Number of characters of the surname: 2 for a listed compound surname (in a name of 3+), else 1. */
export function surnameLength(name: string): number {
  const chars = [...name.trim()];
  return chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
}

/** Person name for public display: 王芳 → 王*, 欧阳娜娜 → 欧阳** (A7). */
export function maskPersonName(policy: Policy, name: string): string {
  const rule: NameMaskRule = policy.disclosure.masking.personName;
  const trimmed = name.trim();
  const keepStart = rule.keepStart === 'surname' ? surnameLength(trimmed) : rule.keepStart;
  const effective: Pick<MaskRule, 'keepStart' | 'keepEnd' | 'maskChar'> = { ...rule, keepStart };
  return maskWith(effective, trimmed);
}

// ---------------------------------------------------------------------------------------------------
// Calendar durations.

/** `{ years: n }` or `{ months: n }` — exactly one, a non-negative integer. */
export type CalendarDuration = { readonly years?: number | undefined; readonly months?: number | undefined };

/**
 * The date `d` after `date`, both 'YYYY-MM-DD'. Follows 民法典 第二百零一条、第二百零二条: the start
 * day is not counted, and the period's last day is the corresponding day of the final month, or that
 * month's last day when it has none. So the result is the LAST day of the period, inclusive:
 * information identified on 2024-03-15 with 1 year of validity is valid through 2025-03-15, and
 * 2024-02-29 + 1 year → 2025-02-28; 2024-01-31 + 1 month → 2024-02-29.
 * Working days are not handled here (see the calendar module).
 */
export function addPolicyDuration(date: string, d: CalendarDuration): string {
  return shift(date, d, 1);
}

/**
 * The date `d` before `date`, for windows counted back from a reference date (e.g. "a severe act
 * within 1 year" before an application, B31(2)1). 2025-02-28 − 1 year → 2024-02-28.
 */
export function subtractPolicyDuration(date: string, d: CalendarDuration): string {
  return shift(date, d, -1);
}

function shift(date: string, d: CalendarDuration, sign: 1 | -1): string {
  const parts = parseIsoDate(date);
  if (parts === undefined) {
    throw new AppError(
      'POLICY_DATE_INVALID',
      400,
      `日期 "${date}" 无效,应为 YYYY-MM-DD 格式的有效日期`,
      `Date "${date}" is invalid; use a real date in the form YYYY-MM-DD`,
      { date },
    );
  }
  // Other keys (basis, note) are ignored, so a policy entry can be passed as it is.
  const { years, months } = d;
  const amount = years ?? months;
  const oneUnit = (years === undefined) !== (months === undefined) && !('workdays' in d);
  if (!oneUnit || !Number.isSafeInteger(amount) || (amount as number) < 0) {
    throw new AppError(
      'POLICY_DURATION_UNSUPPORTED',
      500,
      `期间 ${JSON.stringify(d)} 不是日历期间:应恰好为 { years: n } 或 { months: n }(工作日由日历模块计算)`,
      `Duration ${JSON.stringify(d)} is not a calendar duration: use exactly { years: n } or { months: n } (working days belong to the calendar module)`,
      { duration: d },
    );
  }
  const delta = sign * (years === undefined ? 1 : 12) * (amount as number);
  const index = parts.year * 12 + (parts.month - 1) + delta;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return formatIsoDate(year, month, Math.min(parts.day, daysInMonth(year, month)));
}
