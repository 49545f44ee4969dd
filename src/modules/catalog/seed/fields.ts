/** Builders for the seed catalog's field definitions, and the fields many items share. */
import type { CatalogField, FieldType } from '../catalog.ts';

type Options = Omit<Partial<CatalogField>, 'key' | 'label' | 'labelEn' | 'type'>;

const field =
  (type: FieldType) =>
  (key: string, label: string, labelEn: string, options: Options = {}): CatalogField => ({
    key,
    label,
    labelEn,
    type,
    required: true,
    ...options,
  });

export const text = field('text');
export const date = field('date');
export const integer = field('integer');
export const decimal = field('decimal');
export const choice = (
  key: string,
  label: string,
  labelEn: string,
  values: string[],
  options: Options = {},
) => field('enum')(key, label, labelEn, { values, example: values[0], ...options });
export const yesNo = field('boolean');

export const OPTIONAL = { required: false } as const;

/** A court case number such as （2024）苏0812执123号; full- or half-width brackets. */
export const CASE_NUMBER_PATTERN = '[（(]\\d{4}[）)]\\S{2,40}号';

export const caseNumber = (example: string) =>
  text('caseNumber', '案号', 'case number', {
    maxLength: 60,
    pattern: CASE_NUMBER_PATTERN,
    note: '法院案号，如（2024）苏0812执123号',
    example,
  });

export const documentNumber = (label: string, labelEn: string, example: string, options: Options = {}) =>
  text('documentNumber', label, labelEn, { maxLength: 100, example, ...options });

export const unit = (key: string, label: string, labelEn: string, example: string, options: Options = {}) =>
  text(key, label, labelEn, { maxLength: 100, example, ...options });

export const facts = (label: string, labelEn: string, example: string, options: Options = {}) =>
  text('facts', label, labelEn, { maxLength: 2000, example, ...options });

export const handling = (example: string) =>
  text('handling', '处理结果', 'outcome of the handling', { maxLength: 1000, example });

export const legalRepresentative = (options: Options = {}) =>
  text('legalRepresentative', '法定代表人或负责人', 'legal representative or principal', {
    required: false,
    maxLength: 50,
    example: '李四',
    note: '法人和其他组织填写（B26：严重失信的，同时记入法定代表人、主要负责人的信用记录）',
    ...options,
  });

/**
 * B26 (issue 15 W5): the legal representative's citizen ID number. A severe record of an organization
 * is also written into the credit record of the person it identifies; a name alone identifies no one.
 */
export const legalRepresentativeCode = (options: Options = {}) =>
  field('code')(
    'legalRepresentativeCode',
    '法定代表人或负责人公民身份号码',
    "legal representative's citizen ID number",
    {
      required: false,
      codeOf: 'person',
      note: '法人和其他组织填写；严重失信的，据此记入其本人信用记录（B26）。仅填姓名无法确定本人。填写号码的，应同时填写姓名',
      ...options,
    },
  );

export const validUntil = (label: string, options: Options = {}) =>
  date('validUntil', label, 'valid until', {
    required: false,
    notBeforeIdentified: true,
    example: '2027-03-15',
    note: '不得早于认定日期',
    ...options,
  });

export const amount = (key: string, label: string, labelEn: string, example: number, options: Options = {}) =>
  decimal(key, label, labelEn, { min: 0, example, ...options });

/** A6's twelve grounds for a black list, in the article's order (the value names the ground). */
export const BLACKLIST_GROUNDS = [
  'A6(1) 严重危害人民群众身体健康和公共安全',
  'A6(2) 严重破坏市场公平竞争秩序',
  'A6(3) 非法占用自然资源或严重违反城乡规划建设管理',
  'A6(4) 严重扰乱社会秩序',
  'A6(5) 去产能中拒不履行法定义务和社会责任',
  'A6(6) 提供虚假文件证明骗取政府资金支持',
  'A6(7) 有履行能力拒不履行生效法律文书的失信被执行人',
  'A6(8) 拒不履行国防义务、危害国防利益',
  'A6(9) 对违法违规行为拒不改正',
  'A6(10) 提供不符合标准的建设工程设计方案',
  'A6(11) 提供虚假承诺或不履行承诺',
  'A6(12) 经职能部门认定的其他失信情形',
];

/** A5's four grounds for a red list. */
export const REDLIST_GROUNDS = [
  'A5(1) 党中央、国务院、国家部委依法依规认定的荣誉',
  'A5(2) 省级（含）以上行业协会商会推荐的诚信会员',
  'A5(3) 省级（含）以上新闻媒体挖掘的诚信主体',
  'A5(4) 县级（含）以上政府、市级以上党政机关和司法机关认定的诚信荣誉',
];

/** Providers of records about dishonesty found in administrative enforcement across the city. */
export const ENFORCEMENT_DEPARTMENTS = [
  'HA-GSJ',
  'HA-ZLJ',
  'HA-SYJ',
  'HA-TAX',
  'HA-RSJ',
  'HA-AJJ',
  'HA-HBJ',
  'HA-ZJJ',
  'HA-JTJ',
  'HA-GTJ',
  'HA-WJW',
  'HA-CGJ',
  'HA-WJJ',
  'HA-GAJ',
];

/** What every negative item shares: B15 severity required, B27 validity from policy, not a list. */
export const NEGATIVE_DEFAULTS = {
  category: 'negative',
  usagePeriod: null,
  publicationPeriod: null,
  severityRequired: true,
  listType: null,
} as const;

/** The authority that decided, as a negative item's field. */
export const authority = (label: string, example: string) =>
  unit('authority', label, 'deciding authority', example);
