/**
 * The rules in force, for people (issue 17: "a policy page (the rules in force with their articles, the
 * policy version)"): the active policy's periods and deadlines as labelled rules with their articles,
 * the catalog's usage and publication periods per public item (B8), and the joint measures by
 * business scenario with their legal basis (A13, A14, D §5). Read from the policy, catalog and
 * measures the platform applies, never restated: a changed policy file changes this page. Pure.
 */
import { CATEGORY_LABELS, type CatalogItemVersion, periodLabel } from '../catalog/index.ts';
import type { Measure, Scenario } from '../measures/index.ts';
import type { Policy } from '../policy/index.ts';

type Label = { zh: string; en: string };

/** What a rule of the policy file holds (every entry states its article in `basis`). */
type PolicyEntry = {
  years?: number;
  months?: number;
  workdays?: number;
  atLeast?: number;
  within?: { years?: number; months?: number };
  from?: string;
  basis: string;
  decided?: boolean;
  note?: string;
};

export type PublicRule = {
  key: string;
  label: Label;
  /** the number with its unit, e.g. `{ years: 1 }`, `{ workdays: 5 }`, `{ atLeast: 2, within: { years: 5 } }` */
  value: Record<string, unknown>;
  /** the same in words, e.g. 1年, 5个工作日, 5年内2次 */
  text: string;
  /** the articles it rests on, e.g. ['A16', 'B29'] */
  articles: string[];
  /** the text is silent and the platform decided the number (the note says why) */
  decided: boolean;
  /** why, or how it is counted: the policy file's "中文。/ English." note in its two languages */
  note: Label | null;
};

export type PublicSection = { key: string; title: Label; rules: PublicRule[] };

const LABELS: Record<string, Label> = {
  ordinary: { zh: '一般失信信息有效期', en: 'validity of ordinary dishonesty' },
  moreSerious: { zh: '较重失信信息有效期', en: 'validity of more serious dishonesty' },
  severe: { zh: '严重失信信息有效期', en: 'validity of severe dishonesty' },
  unmarked: { zh: '未标明失信程度的有效期', en: 'validity where no severity is marked' },
  review: { zh: '异议审核期限', en: 'objection review' },
  providerVerification: { zh: '提供单位核实期限', en: "provider's verification" },
  correction: { zh: '确有错误的更正期限', en: 'correction of a confirmed error' },
  pushDeadline: { zh: '红黑名单推送期限', en: 'push deadline for red and black lists' },
  firstListingQuietPeriod: {
    zh: '初次列入黑名单：履行义务后无严重失信的期间',
    en: 'first listing: period without severe dishonesty after the obligations were met',
  },
  repeatListingQuietPeriod: {
    zh: '非初次列入：履行义务后无严重失信的期间',
    en: 'repeat listing: period without severe dishonesty after the obligations were met',
  },
  noticePeriod: { zh: '修复意见公示期', en: 'public notice of the repair opinion' },
  minPublicized: { zh: '失信信息公示满', en: 'minimum publication before repair' },
  noSameKindSinceCorrection: {
    zh: '纠正后无同类失信行为的期间',
    en: 'period without dishonesty of the same kind after the correction',
  },
  severeActs: { zh: '不得修复：期间内有严重失信行为', en: 'excluded: a severe act within' },
  moreSeriousActs: { zh: '不得修复：期间内较重失信行为达', en: 'excluded: more serious acts within' },
  recentRepairs: { zh: '不得修复：距上次修复不足', en: 'excluded: a repair within' },
  repairs: { zh: '不得修复：期间内修复次数达', en: 'excluded: repairs within' },
  sameKindRepairs: { zh: '不得修复：同类失信已修复', en: 'excluded: the same kind repaired within' },
  providerOpinion: { zh: '提供单位出具修复意见期限', en: "provider's repair opinion" },
  adoption: { zh: '信用中心作出采纳决定期限', en: "credit center's decision" },
  decision: { zh: '认定单位作出修复决定期限', en: "deciding department's decision" },
  answer: { zh: '答复申请人期限', en: 'answer to the applicant' },
};

const SECTION_TITLES: Record<string, Label> = {
  validity: {
    zh: '失信信息有效期（届满后不再公开、不再作为惩戒依据）',
    en: 'validity of negative information',
  },
  objection: { zh: '异议处理', en: 'objections' },
  lists: { zh: '红黑名单', en: 'red and black lists' },
  blacklistRepair: { zh: '黑名单信用修复', en: 'black list repair' },
  negativeRepair: { zh: '失信信息信用修复', en: 'repair of negative information' },
  repairProcedure: { zh: '信用修复办理期限', en: 'repair procedure deadlines' },
  publicationClasses: { zh: '失信信息公示期限（按失信程度）', en: 'publication periods by class' },
};

const durationText = (d: { years?: number | undefined; months?: number | undefined }) =>
  d.years !== undefined ? `${d.years}年` : d.months !== undefined ? `${d.months}个月` : '';

function ruleValue(entry: PolicyEntry): { value: Record<string, unknown>; text: string } {
  if (entry.atLeast !== undefined && entry.within) {
    return {
      value: { atLeast: entry.atLeast, within: entry.within },
      text: `${durationText(entry.within)}内${entry.atLeast}次`,
    };
  }
  if (entry.workdays !== undefined) {
    return {
      value: { workdays: entry.workdays, ...(entry.from ? { from: entry.from } : {}) },
      text: `${entry.workdays}个工作日`,
    };
  }
  if (entry.years !== undefined) return { value: { years: entry.years }, text: `${entry.years}年` };
  if (entry.months !== undefined) return { value: { months: entry.months }, text: `${entry.months}个月` };
  return { value: {}, text: '' };
}

/**
 * A policy file's note is one string, "中文。/ English." (the first "/ " parts the languages; the
 * Chinese half may hold a "/" of its own, as in GB/T, never followed by a space). A note without an
 * English half is the same in both.
 */
export function bilingual(note: string): Label {
  const at = note.indexOf('/ ');
  if (at < 0) return { zh: note.trim(), en: note.trim() };
  return { zh: note.slice(0, at).trim(), en: note.slice(at + 2).trim() };
}

const articlesOf = (basis: string) =>
  basis
    .split(/[,，、]\s*/)
    .map((a) => a.trim())
    .filter((a) => a !== '');

const isEntry = (value: unknown): value is PolicyEntry =>
  typeof value === 'object' && value !== null && typeof (value as PolicyEntry).basis === 'string';

/** Every rule of a policy section (and of its sub-objects, e.g. the B31(2) exclusions), in file order. */
function rulesOf(section: Record<string, unknown>): PublicRule[] {
  const out: PublicRule[] = [];
  for (const [key, value] of Object.entries(section)) {
    if (isEntry(value)) {
      out.push({
        key,
        label: LABELS[key] ?? { zh: key, en: key },
        ...ruleValue(value),
        articles: articlesOf(value.basis),
        decided: value.decided === true,
        note: value.note === undefined ? null : bilingual(value.note),
      });
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out.push(...rulesOf(value as Record<string, unknown>));
    }
  }
  return out;
}

/** A12 and A4 are rules of the text without a number: stated as rules all the same. */
const LIST_RULES: PublicRule[] = [
  {
    key: 'removal',
    label: { zh: '名单公示期限和移出', en: 'publication and removal of list entries' },
    value: {},
    text: '由认定单位确定；到期自动移出，不再公示（A12）',
    articles: ['A12'],
    decided: false,
    note: {
      zh: '红黑名单的公示期限由认定单位在名单中载明（移出日期），到期后平台不再公开和使用。',
      en: 'The identifying unit sets each entry’s removal date; after it the entry is no longer published or used.',
    },
  },
  {
    key: 'crossCheck',
    label: { zh: '黑名单与红名单交叉比对', en: 'cross-check of black and red lists' },
    value: {},
    text: '列入黑名单的主体同时从红名单中移出（A4）',
    articles: ['A4'],
    decided: false,
    note: null,
  },
  {
    key: 'repaired',
    label: { zh: '信用修复后', en: 'after repair' },
    value: {},
    text: '修复采纳后原记录转为档案，不再公示（A19、B32）',
    articles: ['A19', 'B32'],
    decided: false,
    note: null,
  },
];

export type PublicPolicyInput = {
  policy: Policy;
  fingerprint: string;
  items: readonly CatalogItemVersion[];
  measures: readonly Measure[];
  scenarios: readonly Scenario[];
  listTypeNames: ReadonlyMap<string, string>;
  departmentNames: ReadonlyMap<string, string>;
};

export function publicPolicy(input: PublicPolicyInput) {
  const { policy } = input;
  const file = policy as unknown as Record<string, unknown>;
  const sections: PublicSection[] = [];
  for (const key of [
    'validity',
    'publicationClasses',
    'objection',
    'lists',
    'blacklistRepair',
    'negativeRepair',
    'repairProcedure',
  ]) {
    const section = file[key];
    if (typeof section !== 'object' || section === null) continue;
    const rules = rulesOf(section as Record<string, unknown>);
    if (key === 'lists') rules.push(...LIST_RULES);
    sections.push({ key, title: SECTION_TITLES[key] ?? { zh: key, en: key }, rules });
  }
  const source = policy.source as { documentNumber?: string; issuer?: string; issuedOn?: string };
  return {
    policy: {
      id: policy.id,
      version: policy.version,
      digest: input.fingerprint,
      title: policy.title,
      titleEn: policy.titleEn,
      documentNumber: source.documentNumber ?? null,
      issuer: source.issuer ?? null,
      issuedOn: source.issuedOn ?? null,
      effectiveFrom: policy.effectiveFrom,
    },
    sections,
    // B8: each public item's usage and publication periods, null read as the catalog says
    publication: input.items
      .filter((i) => i.usageScope === 'public')
      .map((i) => ({
        item: i.code,
        name: i.name,
        category: i.category,
        categoryLabel: CATEGORY_LABELS[i.category].zh,
        usagePeriod: i.usagePeriod,
        usagePeriodText: periodLabel(i.usagePeriod, i.category),
        publicationPeriod: i.publicationPeriod,
        publicationPeriodText: i.listType
          ? '按认定单位确定的移出日期（A12）'
          : periodLabel(i.publicationPeriod, i.category),
        articles: [...i.basis, 'B8'],
      })),
    // A13, A14, D §5: the measures in force, by scenario, each with its legal basis
    measures: input.scenarios.map((scenario) => ({
      scenario: scenario.code,
      name: scenario.name,
      nameEn: scenario.nameEn,
      articles: [...scenario.articles],
      measures: input.measures
        .filter((m) => m.active && m.scenarios.includes(scenario.code))
        .map((m) => ({
          code: m.code,
          title: m.title,
          text: m.text,
          article: m.article,
          effect: m.effect,
          listTypes: m.listTypes.map((code) => ({ code, name: input.listTypeNames.get(code) ?? code })),
          subjectKinds: [...m.subjectKinds],
          legalBasis: m.legalBasis.map((b) => ({ document: b.document, provision: b.provision ?? null })),
          implementingDepartments: m.implementingDepartments.map((code) => ({
            code,
            name: input.departmentNames.get(code) ?? code,
          })),
        })),
    })),
  };
}

export type PublicPolicy = ReturnType<typeof publicPolicy>;
