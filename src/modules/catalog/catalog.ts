/**
 * The public credit information catalog (公共信用信息目录, B8–B13, B18): what may be recorded, about
 * whom, in which fields, who provides it, who may see it and for how long. Pure types and labels.
 *
 * An item is never edited in place: a change is published as its next version, and every record
 * names the version it was recorded under, so a record can always be read against the rules it met.
 */
/** B9: basic (B10), positive (B11), negative (B12), other (B13). */
export const CATEGORIES = ['basic', 'positive', 'negative', 'other'] as const;
export type CatalogCategory = (typeof CATEGORIES)[number];

export const SUBJECT_KINDS = ['person', 'organization'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** B18: 社会公开, 政府共享, 授权查询. */
export const USAGE_SCOPES = ['public', 'government', 'authorized'] as const;
export type UsageScope = (typeof USAGE_SCOPES)[number];

/** B8 更新周期: how often the provider must push. */
export const UPDATE_CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

export const FIELD_TYPES = ['text', 'date', 'integer', 'decimal', 'enum', 'code', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** The list types the seed catalog uses; list types are data (table `list_types`), a city may add more. */
export const LIST_TYPES = ['red', 'black'] as const;
/** A list type code (`list_types.code`): 'red', 'black', or one the city added. */
export type ListType = string;
export const LIST_TYPE_CODE = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * B8 使用期限 / 公示期限: a calendar duration, exactly one unit — the policy's shape, so
 * `addPolicyDuration` applies it; null where the item leaves it to the policy (see `CatalogItemDraft`).
 */
export type CatalogPeriod = { years: number } | { months: number };

/**
 * One field of an item (B8 "内容…格式规范"). Keys are ASCII camelCase and stable (API, database);
 * labels are Chinese (spreadsheet headers) with an English label for the API documentation.
 */
export type CatalogField = {
  key: string;
  label: string;
  labelEn: string;
  type: FieldType;
  required: boolean;
  /** text: at most this many characters */
  maxLength?: number;
  /** enum: the allowed values, as written */
  values?: string[];
  /** text: a regular expression (source, `u` flag) the whole value must match; explain it in `note` */
  pattern?: string;
  /** integer, decimal: inclusive bounds */
  min?: number;
  max?: number;
  /** date: may not be earlier than the identification date (e.g. a removal date) */
  notBeforeIdentified?: boolean;
  /** code: the kind of subject the code must identify */
  codeOf?: SubjectKind;
  /**
   * Filled from the subject's citizen ID number when left blank (A8(1) 性别, 年龄): the ID number
   * already states them, so a clerk need not type them and they cannot disagree unnoticed.
   */
  derivedFrom?: 'subjectGender' | 'subjectAge';
  /**
   * text, required: what to write where there is none (A8(1) 工作单位: 无). A blank is refused with this
   * named, so a provider states "none" rather than leaving the field out (issue 15 W11).
   */
  noneValue?: string;
  /** what to write, shown in the template's instructions */
  note?: string;
  /** a valid, obviously fake value for the template's example row */
  example?: string | number | boolean;
};

/** What a provider department or the credit office publishes; the platform adds version and time. */
export type CatalogItemDraft = {
  /** stable slug, e.g. `admin-penalty`; never reused for another item */
  code: string;
  name: string;
  nameEn: string;
  description: string;
  category: CatalogCategory;
  subjectKinds: SubjectKind[];
  fields: CatalogField[];
  usageScope: UsageScope;
  updateCycle: UpdateCycle;
  /** department codes (B8 数据来源) */
  providerDepartments: string[];
  /** B8 使用期限; null: as the active policy says (B27 validity for negative information, else unlimited) */
  usagePeriod: CatalogPeriod | null;
  /** B8 公示期限; null: as the active policy says for negative information, else while the scope allows */
  publicationPeriod: CatalogPeriod | null;
  /** B15: the provider marks 一般 / 较重 / 严重 on each record */
  severityRequired: boolean;
  listType: ListType | null;
  /**
   * A list item's ground for entries whose rows state none (A5/A6 by article): the courts'
   * 失信被执行人 are A6(7) by what the list is (issue 15 W4), so ground-limited measures (A14(12)) reach them.
   */
  listGround?: string;
  /** articles the item rests on, e.g. ['B12(3)', 'B15'] */
  basis: string[];
  /** the header of the identification-date column (e.g. 处罚决定日期); default 认定日期 */
  identifiedOnLabel?: string;
};

export type CatalogItemVersion = CatalogItemDraft & {
  version: number;
  publishedAt: string;
};

export const CATEGORY_LABELS: Record<CatalogCategory, { zh: string; en: string }> = {
  basic: { zh: '基础信息', en: 'basic information' },
  positive: { zh: '正面信息', en: 'positive information' },
  negative: { zh: '负面信息', en: 'negative information' },
  other: { zh: '其他信息', en: 'other information' },
};

export const USAGE_SCOPE_LABELS: Record<UsageScope, { zh: string; en: string }> = {
  public: { zh: '社会公开', en: 'public' },
  government: { zh: '政府共享', en: 'shared among government' },
  authorized: { zh: '授权查询', en: "only with the subject's authorization" },
};

export const UPDATE_CYCLE_LABELS: Record<UpdateCycle, { zh: string; en: string }> = {
  realtime: { zh: '实时', en: 'real time' },
  daily: { zh: '每日', en: 'daily' },
  weekly: { zh: '每周', en: 'weekly' },
  monthly: { zh: '每月', en: 'monthly' },
  quarterly: { zh: '每季度', en: 'quarterly' },
  yearly: { zh: '每年', en: 'yearly' },
};

export const FIELD_TYPE_LABELS: Record<FieldType, { zh: string; en: string; format: string }> = {
  text: { zh: '文本', en: 'text', format: '文字' },
  date: { zh: '日期', en: 'date', format: 'YYYY-MM-DD，例如 2024-03-15' },
  integer: { zh: '整数', en: 'integer', format: '整数，例如 12' },
  decimal: { zh: '数值', en: 'decimal', format: '数字，可带小数，例如 1500.50' },
  enum: { zh: '选项', en: 'one of the listed values', format: '从下列取值中选择一项' },
  code: {
    zh: '身份代码',
    en: 'identity code',
    format: '18 位公民身份号码或统一社会信用代码（旧数据可为 9 位组织机构代码）',
  },
  boolean: { zh: '是/否', en: 'yes/no', format: '填“是”或“否”' },
};

export const LIST_TYPE_LABELS: Record<string, { zh: string; en: string }> = {
  red: { zh: '红名单', en: 'red list' },
  black: { zh: '黑名单', en: 'black list' },
};

/** `{ years: 3 }` → 3年; null → the reading of null for this item (see `CatalogItemDraft`). */
export function periodLabel(period: CatalogPeriod | null, category: CatalogCategory): string {
  if (period === null) return category === 'negative' ? '按政策有效期（B27）' : '不设期限';
  return 'years' in period ? `${period.years}年` : `${period.months}个月`;
}
