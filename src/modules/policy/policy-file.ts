/**
 * The shape of a policy file (see README.md). Every object is strict: an unknown key is an error, so a
 * typo is caught instead of silently falling back. Error messages are keys of `MESSAGES`.
 * `semanticIssues` adds the checks that relate one number to another.
 */
import { z } from 'zod';
import { isIsoDate } from '../../platform/iso-date.ts';
import type { MessageKey, PolicyIssue } from './policy.messages.ts';

const e = (key: MessageKey) => ({ error: key });

const text = z.string(e('text')).regex(/\S/, e('text'));
const bool = z.boolean(e('boolean'));
const positiveInt = z.number(e('positiveInt')).int(e('positiveInt')).positive(e('positiveInt'));
const nonNegativeInt = z
  .number(e('nonNegativeInt'))
  .int(e('nonNegativeInt'))
  .nonnegative(e('nonNegativeInt'));

const isoDate = z.string(e('isoDate')).refine((v) => isIsoDate(v), e('isoDate'));
// https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Every number carries the article it comes from; `decided: true` marks a value the text does not state. */
const annotation = { basis: text, note: text.optional(), decided: bool.optional() };
type Annotation = { note?: string | undefined; decided?: boolean | undefined };

function requireNoteWhenDecided(value: Annotation, ctx: z.RefinementCtx): void {
  if (value.decided === true && value.note === undefined) {
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'decidedNeedsNote' });
  }
}

function exactlyOneCalendarUnit(value: { years?: number; months?: number }, ctx: z.RefinementCtx): void {
  if ((value.years === undefined) === (value.months === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'oneCalendarUnit' });
  }
}

const object = <S extends z.core.$ZodLooseShape>(shape: S) => z.strictObject(shape, e('object'));

/** A span of calendar time: `{ "years": n }` or `{ "months": n }`. */
const calendarSpan = object({ years: positiveInt.optional(), months: positiveInt.optional() }).superRefine(
  exactlyOneCalendarUnit,
);

const workdaysPeriod = object({ workdays: positiveInt, ...annotation }).superRefine(requireNoteWhenDecided);
const calendarPeriod = object({
  years: positiveInt.optional(),
  months: positiveInt.optional(),
  ...annotation,
}).superRefine((value, ctx) => {
  exactlyOneCalendarUnit(value, ctx);
  requireNoteWhenDecided(value, ctx);
});
/** "At least `atLeast` events within `within`", e.g. 3 较重 acts within 1 year (B31(2)1). */
const countWithin = object({ atLeast: positiveInt, within: calendarSpan, ...annotation }).superRefine(
  requireNoteWhenDecided,
);

const maskChar = z.string(e('maskChar')).refine((v) => [...v].length === 1, e('maskChar'));
const maskRule = object({
  keepStart: nonNegativeInt,
  keepEnd: nonNegativeInt,
  maskChar,
  ...annotation,
}).superRefine(requireNoteWhenDecided);
const nameMaskRule = object({
  keepStart: z.union(
    [
      z.literal('surname'),
      z.number(e('keepStartName')).int(e('keepStartName')).nonnegative(e('keepStartName')),
    ],
    e('keepStartName'),
  ),
  keepEnd: nonNegativeInt,
  maskChar,
  ...annotation,
}).superRefine(requireNoteWhenDecided);

/** Platform security settings (access issue); the 2018 text states none of them, so each is decided. */
const loginLockout = object({
  maxFailures: positiveInt,
  windowMinutes: positiveInt,
  lockMinutes: positiveInt,
  ...annotation,
}).superRefine(requireNoteWhenDecided);
const sessionLifetime = object({ maxHours: positiveInt, ...annotation }).superRefine(requireNoteWhenDecided);
/** Consent-grant limits where a policy file names none (decision 0040). */
export const CONSENT_GRANT_LIMITS = { perAccount: 10, perAddress: 30 } as const;

const rateLimits = object({
  publicPerMinute: positiveInt,
  loginPerMinute: positiveInt,
  /**
   * Consent grants per signed-in account in ten minutes (decision 0040: naming a party is a look-up).
   * Optional, so a city's policy file written before them loads with the same digest; absent, the
   * platform uses CONSENT_GRANT_LIMITS.
   */
  consentGrantsPerTenMinutes: positiveInt.optional(),
  /** Consent grants per client address in ten minutes, whichever accounts make them (optional, as above). */
  consentGrantsPerAddressPerTenMinutes: positiveInt.optional(),
  ...annotation,
}).superRefine(requireNoteWhenDecided);

/** The publication classes of dishonesty (国办发〔2025〕22号, NDRC Order 36). */
export const PUBLICATION_CLASSES = ['minor', 'ordinary', 'severe'] as const;
export type PublicationClassKey = (typeof PUBLICATION_CLASSES)[number];
const classKey = z.enum(PUBLICATION_CLASSES, e('publicationClass'));

/**
 * One class: its name as the text gives it, the longest publication, and the publication a repair
 * application must wait for (absent: none, the subject may apply once the obligations are met).
 */
const publicationClass = object({
  name: text,
  maxPublication: calendarPeriod,
  minPublicationBeforeRepair: calendarPeriod.optional(),
  ...annotation,
}).superRefine(requireNoteWhenDecided);

export const PolicySchema = object({
  id: z.string(e('slug')).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, e('slug')),
  version: z.string(e('semver')).regex(SEMVER, e('semver')),
  title: text,
  titleEn: text,
  source: object({
    documentNumber: text,
    documentTitle: text,
    issuer: text,
    issuedOn: isoDate,
    publishedOn: isoDate.optional(),
    documents: z.record(text, text, e('object')).optional(),
  }),
  effectiveFrom: isoDate,
  notes: z.array(text, e('array')),
  /** B27: how long negative information stays valid, by the severity its provider marked (B15). */
  validity: object({
    ordinary: calendarPeriod,
    moreSerious: calendarPeriod,
    severe: calendarPeriod,
    unmarked: calendarPeriod,
  }),
  /**
   * A policy that classes dishonesty by publication (国办发〔2025〕22号, NDRC Order 36): the classes
   * 轻微 / 一般 / 严重 with their longest publication and the publication a repair must wait for, and
   * how the platform's severity marks map onto them. Present, repair follows the classes (rule path
   * N2026) and `blacklistRepair` / `negativeRepair` are absent; absent, those two sections apply.
   */
  publicationClasses: object({
    minor: publicationClass,
    ordinary: publicationClass,
    severe: publicationClass,
    bySeverity: object({
      ordinary: classKey,
      moreSerious: classKey,
      severe: classKey,
      unmarked: classKey,
      ...annotation,
    }).superRefine(requireNoteWhenDecided),
  }).optional(),
  objection: object({
    review: workdaysPeriod,
    providerVerification: workdaysPeriod,
    correction: workdaysPeriod,
  }),
  lists: object({ pushDeadline: workdaysPeriod }),
  /** A18–A19; absent under a policy with `publicationClasses`. No `noticePeriod`: no public notice. */
  blacklistRepair: object({
    firstListingQuietPeriod: calendarPeriod,
    repeatListingQuietPeriod: calendarPeriod,
    noticePeriod: workdaysPeriod.optional(),
  }).optional(),
  negativeRepair: object({
    minPublicized: calendarPeriod,
    noSameKindSinceCorrection: calendarPeriod,
    exclusions: object({
      severeActs: countWithin,
      moreSeriousActs: countWithin,
      recentRepairs: countWithin,
      repairs: countWithin,
      sameKindRepairs: countWithin,
    }),
    noticePeriod: workdaysPeriod.optional(),
  }).optional(),
  /**
   * The repair procedure's own periods (issue 16): the provider's written opinion, counted from receipt
   * of the application, and the credit center's adoption, counted from the end of the public notice
   * (`notice_end`, A19/B32) or from the application (`application`, a policy with no notice).
   */
  repairProcedure: object({
    providerOpinion: workdaysPeriod,
    adoption: object({
      workdays: positiveInt,
      from: z.enum(['notice_end', 'application'], e('adoptionFrom')),
      ...annotation,
    }).superRefine(requireNoteWhenDecided),
  }),
  reporting: object({
    jointMeasures: calendarPeriod,
    intakeAndUsage: calendarPeriod,
    assessment: calendarPeriod,
  }),
  disclosure: object({
    masking: object({ citizenId: maskRule, personName: nameMaskRule, phone: maskRule }),
  }),
  access: object({
    loginLockout,
    session: sessionLifetime,
    consentMaxPeriod: calendarPeriod,
    apiKeyValidity: calendarPeriod,
    rateLimits,
  }),
});

export type Policy = z.infer<typeof PolicySchema>;
/** A B27 validity: `{ years }` or `{ months }` with its basis. */
export type ValidityEntry = z.infer<typeof calendarPeriod>;
export type PublicationClass = z.infer<typeof publicationClass>;
export type PublicationClasses = NonNullable<Policy['publicationClasses']>;
export type BlacklistRepairRules = NonNullable<Policy['blacklistRepair']>;
export type NegativeRepairRules = NonNullable<Policy['negativeRepair']>;
export type WorkdaysPeriod = z.infer<typeof workdaysPeriod>;
export type CalendarPeriod = z.infer<typeof calendarPeriod>;
export type CountWithin = z.infer<typeof countWithin>;
export type RepairProcedurePeriods = Policy['repairProcedure'];
export type MaskRule = z.infer<typeof maskRule>;
export type NameMaskRule = z.infer<typeof nameMaskRule>;

/** Lengths that a masking rule must leave at least one character of masked. */
const CITIZEN_ID_LENGTH = 18;
const MOBILE_LENGTH = 11;

const inMonths = (p: { years?: number | undefined; months?: number | undefined }) =>
  (p.years ?? 0) * 12 + (p.months ?? 0);

/** Checks relating one number to another (at most one issue per path); run only on a valid shape. */
export function semanticIssues(p: Policy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const notBelow = (path: string, value: number, otherPath: string, other: number, why: [string, string]) => {
    if (value < other && !issues.some((i) => i.path === path)) {
      issues.push({
        path,
        message: `应不小于 ${otherPath}(${other}):${why[0]}`,
        messageEn: `must be at least ${otherPath} (${other}): ${why[1]}`,
      });
    }
  };
  // Compared in years when both are given in years (the usual case), else in months.
  const validityNotBelow = (
    a: keyof Policy['validity'],
    b: keyof Policy['validity'],
    why: [string, string],
  ) => {
    const [x, y] = [p.validity[a], p.validity[b]];
    const years = x.years !== undefined && y.years !== undefined;
    const unit = years ? 'years' : 'months';
    const [vx, vy] = years ? [x.years ?? 0, y.years ?? 0] : [inMonths(x), inMonths(y)];
    notBelow(`validity.${a}.${unit}`, vx, `validity.${b}.${unit}`, vy, why);
  };
  validityNotBelow('severe', 'ordinary', [
    '严重失信信息的有效期不能短于一般失信(B27)',
    '严重 information cannot expire before 一般 information (B27)',
  ]);
  validityNotBelow('moreSerious', 'ordinary', [
    '较重失信信息的有效期不能短于一般失信(B15、B27)',
    '较重 information cannot expire before 一般 information (B15, B27)',
  ]);
  validityNotBelow('severe', 'moreSerious', [
    '严重失信信息的有效期不能短于较重失信(B15、B27)',
    '严重 information cannot expire before 较重 information (B15, B27)',
  ]);
  issues.push(...repairRuleIssues(p));
  const { review, providerVerification } = p.objection;
  notBelow(
    'objection.review.workdays',
    review.workdays,
    'objection.providerVerification.workdays',
    providerVerification.workdays,
    [
      '提供单位核实是审核的一部分,审核期不能短于核实期(A16、B29)',
      'provider verification is part of the review, so the review cannot be shorter (A16, B29)',
    ],
  );
  if (p.blacklistRepair !== undefined) {
    const { firstListingQuietPeriod: first, repeatListingQuietPeriod: repeat } = p.blacklistRepair;
    notBelow(
      'blacklistRepair.repeatListingQuietPeriod',
      inMonths(repeat),
      'blacklistRepair.firstListingQuietPeriod',
      inMonths(first),
      [
        '非初次列入黑名单的观察期不能短于初次列入(A18,按月比较)',
        'a repeat listing cannot wait less than a first listing (A18, compared in months)',
      ],
    );
  }
  notBelow(
    'effectiveFrom',
    Number(p.effectiveFrom.replaceAll('-', '')),
    'source.issuedOn',
    Number(p.source.issuedOn.replaceAll('-', '')),
    ['政策不能在文件印发之前生效', 'a policy cannot take effect before its document was issued'],
  );
  const masks: [string, MaskRule, number][] = [
    ['disclosure.masking.citizenId', p.disclosure.masking.citizenId, CITIZEN_ID_LENGTH],
    ['disclosure.masking.phone', p.disclosure.masking.phone, MOBILE_LENGTH],
  ];
  for (const [path, rule, length] of masks) {
    if (rule.keepStart + rule.keepEnd >= length) {
      issues.push({
        path,
        message: `keepStart + keepEnd 应小于 ${length},否则 ${length} 位号码将被完整披露(A7)`,
        messageEn: `keepStart + keepEnd must be less than ${length}, or a ${length}-character number is disclosed in full (A7)`,
      });
    }
  }
  return issues;
}

const SEVERITY_KEYS = ['ordinary', 'moreSerious', 'severe', 'unmarked'] as const;
const MARK = { ordinary: '一般', moreSerious: '较重', severe: '严重', unmarked: '未标明' } as const;

/**
 * How the policy repairs: by publication classes (N2026) or by A18/B31's sections, never both and
 * never neither; each class waits no longer than it is published; a mark's validity is its class's
 * longest publication (B27: no longer published once expired); an adoption counted from the end of
 * the notice needs a notice.
 */
function repairRuleIssues(p: Policy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const add = (path: string, message: string, messageEn: string) => issues.push({ path, message, messageEn });
  const classes = p.publicationClasses;
  const sections = [p.blacklistRepair, p.negativeRepair].filter((s) => s !== undefined).length;
  if (classes !== undefined && sections > 0) {
    add(
      'publicationClasses',
      '不能与 blacklistRepair、negativeRepair 同时给出:信用修复要么按失信分类及其公示期(国办发〔2025〕22号),要么按 A18、B31',
      'cannot be given together with blacklistRepair / negativeRepair: repair follows either the publication classes (国办发〔2025〕22号) or A18 and B31',
    );
  } else if (classes === undefined && sections < 2) {
    const missing = p.blacklistRepair === undefined ? 'blacklistRepair' : 'negativeRepair';
    add(
      sections === 0 ? 'publicationClasses' : missing,
      sections === 0
        ? '缺少信用修复规则:应给出 publicationClasses(按失信分类修复),或同时给出 blacklistRepair 和 negativeRepair(A18、B31)'
        : `缺少 ${missing}:按 A18、B31 修复时两部分都须给出`,
      sections === 0
        ? 'no repair rules: give publicationClasses (repair by class), or both blacklistRepair and negativeRepair (A18, B31)'
        : `${missing} is missing: repair under A18 and B31 needs both sections`,
    );
  }
  if (classes !== undefined) {
    for (const key of PUBLICATION_CLASSES) {
      const c = classes[key];
      const min = c.minPublicationBeforeRepair;
      if (min !== undefined && inMonths(min) > inMonths(c.maxPublication)) {
        add(
          `publicationClasses.${key}.minPublicationBeforeRepair`,
          `不能长于最长公示期 publicationClasses.${key}.maxPublication(${inMonths(c.maxPublication)} 个月):公示期满即停止公示,不再需要修复`,
          `cannot be longer than publicationClasses.${key}.maxPublication (${inMonths(c.maxPublication)} months): publication ends then, with nothing left to repair`,
        );
      }
    }
    for (const mark of SEVERITY_KEYS) {
      const key = classes.bySeverity[mark];
      const expected = inMonths(classes[key].maxPublication);
      const actual = inMonths(p.validity[mark]);
      if (actual !== expected) {
        add(
          `validity.${mark}`,
          `应等于所对应分类 publicationClasses.${key}.maxPublication 的最长公示期(${expected} 个月,现为 ${actual} 个月):${MARK[mark]}信息按 publicationClasses.bySeverity.${mark} 归入该类,期满不再公开`,
          `must equal the longest publication of its class, publicationClasses.${key}.maxPublication (${expected} months, not ${actual}): ${MARK[mark]} information belongs to that class by publicationClasses.bySeverity.${mark} and is no longer published after it`,
        );
      }
    }
  }
  // (a missing section is reported above, not again here)
  const { blacklistRepair: black, negativeRepair: negative } = p;
  const noNotice =
    classes !== undefined ||
    (black !== undefined &&
      negative !== undefined &&
      (black.noticePeriod === undefined || negative.noticePeriod === undefined));
  if (p.repairProcedure.adoption.from === 'notice_end' && noNotice) {
    add(
      'repairProcedure.adoption.from',
      '为 "notice_end" 时 blacklistRepair 和 negativeRepair 都须有 noticePeriod:没有公示就没有公示期满之日,应为 "application"',
      'is "notice_end" but blacklistRepair and negativeRepair do not both have a noticePeriod: without a notice there is no end of notice; use "application"',
    );
  }
  return issues;
}
