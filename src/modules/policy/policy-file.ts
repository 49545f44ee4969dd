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

const yearsPeriod = object({ years: positiveInt, ...annotation }).superRefine(requireNoteWhenDecided);
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
const rateLimits = object({
  publicPerMinute: positiveInt,
  loginPerMinute: positiveInt,
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
  validity: object({
    ordinary: yearsPeriod,
    moreSerious: yearsPeriod,
    severe: yearsPeriod,
    unmarked: yearsPeriod,
  }),
  objection: object({
    review: workdaysPeriod,
    providerVerification: workdaysPeriod,
    correction: workdaysPeriod,
  }),
  lists: object({ pushDeadline: workdaysPeriod }),
  blacklistRepair: object({
    firstListingQuietPeriod: calendarPeriod,
    repeatListingQuietPeriod: calendarPeriod,
    noticePeriod: workdaysPeriod,
  }),
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
    noticePeriod: workdaysPeriod,
  }),
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
export type ValidityEntry = z.infer<typeof yearsPeriod>;
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
  const { ordinary, moreSerious, severe } = p.validity;
  notBelow('validity.severe.years', severe.years, 'validity.ordinary.years', ordinary.years, [
    '严重失信信息的有效期不能短于一般失信(B27)',
    '严重 information cannot expire before 一般 information (B27)',
  ]);
  notBelow('validity.moreSerious.years', moreSerious.years, 'validity.ordinary.years', ordinary.years, [
    '较重失信信息的有效期不能短于一般失信(B15、B27)',
    '较重 information cannot expire before 一般 information (B15, B27)',
  ]);
  notBelow('validity.severe.years', severe.years, 'validity.moreSerious.years', moreSerious.years, [
    '严重失信信息的有效期不能短于较重失信(B15、B27)',
    '严重 information cannot expire before 较重 information (B15, B27)',
  ]);
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
