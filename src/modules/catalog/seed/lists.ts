/**
 * Seed items: red and black lists (A3–A12, B17). A black list entry carries at least A8's content.
 * A8's name and ID number (or USCC) are the row's subject, and its 认定日期 is the row's identification
 * date, so they are not repeated as fields and cannot disagree with them. A person's 性别 and 年龄 are
 * read off the ID number when left blank. The publication period is the identifying unit's (A12):
 * the `validUntil` field, not a catalog period.
 */
import type { CatalogItemDraft } from '../catalog.ts';
import {
  BLACKLIST_GROUNDS,
  choice,
  documentNumber,
  ENFORCEMENT_DEPARTMENTS,
  facts,
  integer,
  legalRepresentative,
  legalRepresentativeCode,
  OPTIONAL,
  REDLIST_GROUNDS,
  text,
  unit,
  validUntil,
  yesNo,
} from './fields.ts';

const LIST_PROVIDERS = ['HA-FY', ...ENFORCEMENT_DEPARTMENTS, 'HA-FGW', 'HA-JRB'];
const list = {
  usageScope: 'public',
  updateCycle: 'realtime',
  usagePeriod: null,
  publicationPeriod: null,
  providerDepartments: LIST_PROVIDERS,
} as const;
const black = { ...list, category: 'negative', severityRequired: true, listType: 'black' } as const;
const red = { ...list, category: 'positive', severityRequired: false, listType: 'red' } as const;

/** D §3(1): the e-commerce dishonesty the platform collects. */
const EC_DISHONESTY = [
  'D§3(1) 恶意评价',
  'D§3(1) 刷单炒信',
  'D§3(1) 虚假流量',
  'D§3(1) 货不对板',
  'D§3(1) 假冒伪劣',
  'D§3(1) 价格欺诈',
  '其他',
];

const platform = text('platform', '电子商务平台', 'e-commerce platform', {
  maxLength: 200,
  example: '示例电商平台',
});
const identifyingUnit = unit('identifyingUnit', '认定单位', 'identifying unit', '淮安市中级人民法院');
const grounds = choice('dishonestyType', '失信类型', 'kind of dishonesty', BLACKLIST_GROUNDS, {
  example: BLACKLIST_GROUNDS[6],
  note: 'A6 的十二类情形',
});
const penaltyDocument = documentNumber(
  '处罚文书及文号',
  'penalty document and number',
  '（2024）苏08执12号决定书',
);

export const LIST_ITEMS: CatalogItemDraft[] = [
  {
    ...black,
    code: 'blacklist-person',
    name: '黑名单（自然人）',
    nameEn: 'Black list: natural persons',
    description: '职能部门依法认定的失信自然人（A6），7 个工作日内推送（A9）。',
    subjectKinds: ['person'],
    basis: ['A6', 'A8(1)', 'A9', 'A12', 'B17'],
    fields: [
      choice('gender', '性别', 'gender', ['男', '女'], {
        required: false,
        derivedFrom: 'subjectGender',
        example: '男',
        note: '可留空：按公民身份号码填写',
      }),
      integer('age', '年龄', 'age', {
        required: false,
        derivedFrom: 'subjectAge',
        min: 0,
        max: 150,
        example: 39,
        note: '认定时的周岁年龄；可留空：按公民身份号码推算',
      }),
      // A8(1) names 工作单位 among a black-listed person's content: required, 无 where there is none.
      text('employer', '工作单位', 'employer', {
        maxLength: 200,
        noneValue: '无',
        example: '淮安市示例贸易有限公司',
        note: '没有工作单位的，填写“无”',
      }),
      yesNo('stateEmployee', '是否国家工作人员', 'state employee', {
        required: false,
        example: '否',
        note: '是国家工作人员的，市信用中心通报其所在单位（A11）',
      }),
      facts('主要失信事实', 'main facts', '拒不履行（2023）苏0812民初789号民事判决确定的给付义务', {
        note: '法院判决的，写判决主要内容',
      }),
      grounds,
      text('legalBasis', '认定依据', 'legal basis', {
        maxLength: 500,
        example: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
      }),
      penaltyDocument,
      identifyingUnit,
      validUntil('有效期至（移出日期）', { required: true }),
    ],
  },
  {
    ...black,
    code: 'blacklist-organization',
    name: '黑名单（法人和其他组织）',
    nameEn: 'Black list: organizations',
    description: '职能部门依法认定的失信法人和其他组织（A6），7 个工作日内推送（A9）。',
    subjectKinds: ['organization'],
    basis: ['A6', 'A8(2)', 'A9', 'A11', 'A12', 'B17'],
    fields: [
      text('registeredAddress', '注册地址', 'registered address', {
        maxLength: 200,
        example: '淮安市清江浦区示例路1号',
      }),
      choice(
        'unitNature',
        '单位性质',
        'nature of the unit',
        ['企业', '国有企业', '事业单位', '国家机关', '社会组织', '个体工商户', '其他'],
        {
          note: '国家机关、事业单位、国有企业的，市信用中心通报其上级单位或主管部门（A11）',
        },
      ),
      facts(
        '主要失信事实及依据',
        'main facts and basis',
        '以围标串标方式参与政府采购项目，依据《政府采购法》第七十七条认定',
      ),
      grounds,
      legalRepresentative({ required: true }),
      legalRepresentativeCode(),
      penaltyDocument,
      identifyingUnit,
      validUntil('有效期至', { required: true }),
    ],
  },
  {
    ...red,
    code: 'redlist-person',
    name: '红名单（自然人）',
    nameEn: 'Red list: natural persons',
    description: '职能部门依法认定的守信自然人（A5），作为联合激励对象（A13）。',
    subjectKinds: ['person'],
    basis: ['A5', 'A9', 'A12', 'B17'],
    fields: [
      choice('ground', '列入依据', 'ground', REDLIST_GROUNDS, { example: REDLIST_GROUNDS[3] }),
      text('honorName', '荣誉或诚信称号', 'honor', { maxLength: 200, example: '淮安市诚实守信模范' }),
      text('employer', '工作单位', 'employer', {
        required: false,
        maxLength: 200,
        example: '淮安市示例贸易有限公司',
      }),
      identifyingUnit,
      documentNumber('认定文件文号', 'document number', '淮文明委〔2024〕2号', OPTIONAL),
      validUntil('有效期至'),
    ],
  },
  {
    ...red,
    code: 'redlist-organization',
    name: '红名单（法人和其他组织）',
    nameEn: 'Red list: organizations',
    description: '职能部门依法认定的守信法人和其他组织（A5），作为联合激励对象（A13）。',
    subjectKinds: ['organization'],
    basis: ['A5', 'A9', 'A12', 'B17'],
    fields: [
      choice('ground', '列入依据', 'ground', REDLIST_GROUNDS, { example: REDLIST_GROUNDS[3] }),
      text('honorName', '荣誉或诚信称号', 'honor', { maxLength: 200, example: '江苏省诚信示范企业' }),
      identifyingUnit,
      documentNumber('认定文件文号', 'document number', '苏信用办〔2024〕3号', OPTIONAL),
      legalRepresentative(),
      validUntil('有效期至'),
    ],
  },
  // D §5: the e-commerce red and black lists, with measures of their own (issue 15 W7). D §3(1) names
  // the dishonesty collected in e-commerce.
  {
    ...black,
    listType: 'ec-black',
    code: 'ecommerce-blacklist',
    name: '电子商务领域失信黑名单',
    nameEn: 'E-commerce black list',
    description: '电子商务领域的失信主体（D §3(1)、D §5(2)），适用电子商务领域的惩戒措施。',
    subjectKinds: ['person', 'organization'],
    providerDepartments: ['HA-SWJ', 'HA-GSJ'],
    basis: ['D§3(1)', 'D§5(2)', 'A8', 'A9', 'A12'],
    fields: [
      platform,
      text('shop', '店铺名称或账号', 'shop or account', {
        required: false,
        maxLength: 200,
        example: '示例旗舰店',
      }),
      choice('dishonestyType', '失信类型', 'kind of dishonesty', EC_DISHONESTY, {
        example: EC_DISHONESTY[1],
      }),
      facts('主要失信事实', 'main facts', '组织虚假交易（刷单）提高店铺信誉'),
      legalRepresentative(),
      legalRepresentativeCode(),
      documentNumber('认定文件文号', 'document number', '淮商务〔2026〕8号'),
      identifyingUnit,
      validUntil('有效期至（移出日期）', { required: true }),
    ],
  },
  {
    ...red,
    listType: 'ec-red',
    code: 'ecommerce-redlist',
    name: '电子商务领域守信红名单',
    nameEn: 'E-commerce red list',
    description: '电子商务领域的守信主体（D §5(1)），适用电子商务领域的激励措施。',
    subjectKinds: ['person', 'organization'],
    providerDepartments: ['HA-SWJ', 'HA-GSJ'],
    basis: ['D§5(1)', 'A9', 'A12'],
    fields: [
      platform,
      text('honorName', '荣誉或诚信称号', 'honor', { maxLength: 200, example: '电子商务诚信示范企业' }),
      identifyingUnit,
      documentNumber('认定文件文号', 'document number', '淮商务〔2026〕9号', OPTIONAL),
      validUntil('有效期至'),
    ],
  },
  // A13(4): the rural red list (红名单农村群体), which alone earns the rural credit products.
  {
    ...red,
    listType: 'rural-red',
    code: 'redlist-rural',
    name: '农村守信红名单',
    nameEn: 'Rural red list',
    description:
      '农业农村部门认定的守信农户、信用示范户和农民专业合作社（A5、A13(4)），适用红名单激励措施和农村群体优惠信贷。',
    subjectKinds: ['person', 'organization'],
    providerDepartments: ['HA-NW'],
    basis: ['A5', 'A13(4)', 'A9', 'A12'],
    fields: [
      choice('ground', '列入依据', 'ground', REDLIST_GROUNDS, { example: REDLIST_GROUNDS[3] }),
      text('honorName', '荣誉或诚信称号', 'honor', { maxLength: 200, example: '淮安市信用示范户' }),
      text('village', '所在乡镇（街道）、村（社区）', 'township and village', {
        maxLength: 200,
        example: '淮安区示例镇示例村',
      }),
      identifyingUnit,
      documentNumber('认定文件文号', 'document number', '淮农〔2026〕6号', OPTIONAL),
      validUntil('有效期至'),
    ],
  },
];
