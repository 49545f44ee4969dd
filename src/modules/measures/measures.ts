/**
 * Joint incentive and punishment measures (联合奖惩措施, A13, A14, D §5) as data: what a user department
 * does for or against a listed subject in a given business scenario, on which legal basis, applied by
 * which departments. Pure types and helpers; no database, no HTTP.
 */

/** What a measure does to the business at hand, most severe first. */
export const MEASURE_EFFECTS = ['block', 'restrict', 'warn', 'favor'] as const;
export type MeasureEffect = (typeof MEASURE_EFFECTS)[number];

/**
 * Whom a measure reaches: the listed subject itself, or (B26, A14(11), A14(13)) the legal
 * representative, principal and directly responsible persons of a severely dishonest organization.
 */
export const MEASURE_TARGETS = ['subject', 'responsible_person'] as const;
export type MeasureTarget = (typeof MEASURE_TARGETS)[number];

export const SUBJECT_KINDS = ['person', 'organization'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export type LegalBasis = { document: string; provision?: string };

/** What the credit office publishes: a measure without its version bookkeeping. */
export type MeasureDraft = {
  /** stable slug, e.g. 'a14-05-public-resource-trading' */
  code: string;
  title: string;
  /** the measure's words, quoted from its source */
  text: string;
  /** where it comes from, e.g. 'A14(5)', 'D§5(2)' */
  article: string;
  /** list type codes (table `list_types`) whose entries the measure applies to */
  listTypes: string[];
  effect: MeasureEffect;
  /** scenario codes (`SCENARIOS`) */
  scenarios: string[];
  appliesTo: MeasureTarget[];
  subjectKinds: SubjectKind[];
  /**
   * Listing grounds the measure is limited to, as their article (e.g. 'A6(7)': A14(12) reaches only
   * judgment debtors who can pay and refuse). Empty: every ground.
   */
  grounds: string[];
  /**
   * Severities of the entries the measure is limited to (B15: 一般, 较重, 严重). Empty: every severity.
   * A14(11) takes the honours of 严重失信主体 only (issue 15 W12).
   */
  severities: string[];
  legalBasis: LegalBasis[];
  /** department codes (table `departments`) */
  implementingDepartments: string[];
  active: boolean;
};

/** One published version of a measure. Versions are never changed; an edit is the next version. */
export type Measure = MeasureDraft & {
  version: number;
  publishedAt: string;
  /** the account that published it; null for the catalog the platform ships (seed) */
  publishedBy: string | null;
  /** why this version was published (required from version 2 on) */
  reason: string | null;
};

/** The fields that make up a measure's content (compared to tell a change from a republication). */
export function draftOf(measure: MeasureDraft): MeasureDraft {
  return {
    code: measure.code,
    title: measure.title,
    text: measure.text,
    article: measure.article,
    listTypes: [...measure.listTypes],
    effect: measure.effect,
    scenarios: [...measure.scenarios],
    appliesTo: [...measure.appliesTo],
    subjectKinds: [...measure.subjectKinds],
    grounds: [...measure.grounds],
    // Versions published before the field existed hold no severities: every severity.
    severities: [...(measure.severities ?? [])],
    legalBasis: measure.legalBasis.map((b) => ({
      document: b.document,
      ...(b.provision === undefined ? {} : { provision: b.provision }),
    })),
    implementingDepartments: [...measure.implementingDepartments],
    active: measure.active,
  };
}

/** Orders measures by severity of effect (block first), then by code. */
export function compareMeasures(a: MeasureDraft, b: MeasureDraft): number {
  const bySeverity = MEASURE_EFFECTS.indexOf(a.effect) - MEASURE_EFFECTS.indexOf(b.effect);
  return bySeverity !== 0 ? bySeverity : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * The article part of a listing ground as the catalog codes it: 'A6(7) 有履行能力…' → 'A6(7)'.
 */
export function groundArticle(ground: string): string {
  return ground.trim().split(/\s+/)[0] ?? '';
}
