/**
 * The departments 淮政发〔2018〕103号 names (mostly as 责任单位) and the units the platform needs: reference
 * data, loaded by `xinyong init` (modules/reference) and so by `xinyong demo`. Catalog items and measures
 * name departments by these codes.
 */
import { huaianCounties } from '../identity-codes/index.ts';
import type { DepartmentKind } from './departments.repository.ts';

export type { DepartmentKind };

/**
 * The nature of the unit. It decides A11 notifications: a black-listed state organ, public institution
 * or state-owned enterprise is reported to its superior (`parentCode`).
 */
export type DepartmentNature =
  | 'state_organ'
  | 'party_organ'
  | 'judicial'
  | 'public_institution'
  | 'people_organization'
  | 'state_owned_enterprise';

export interface SeedDepartment {
  /** Stable ASCII code; catalog items, measures, accounts and records reference it, so never renumber. */
  code: string;
  /** Full official name as of the 2018 document. */
  name: string;
  /** The name as the seed document writes it (市发改委 style). */
  shortName: string;
  /** Other spellings the seed uses for the same unit. */
  aliases?: readonly string[];
  /** GB/T 2260: 320800 for city-level units, the county code for county ones. */
  regionCode: string;
  kinds: readonly DepartmentKind[];
  /** Superior organ, where it is part of this seed (A11). Vertical agencies report outside the city. */
  parentCode?: string;
  nature: DepartmentNature;
  /**
   * 'seed': `shortName` (and every alias) occurs in 淮政发〔2018〕103号, mostly as a 责任单位.
   * 'platform': a role the platform needs that the document names only generically.
   */
  source: 'seed' | 'platform';
}

const CITY = '320800';
const PROVIDER_USER: readonly DepartmentKind[] = ['provider', 'user'];

function cityUnit(
  code: string,
  shortName: string,
  name: string,
  nature: DepartmentNature,
  parentCode: string | undefined,
  extra: Partial<SeedDepartment> = {},
): SeedDepartment {
  return {
    code,
    name,
    shortName,
    regionCode: CITY,
    kinds: PROVIDER_USER,
    ...(parentCode ? { parentCode } : {}),
    nature,
    source: 'seed',
    ...extra,
  };
}

const GOV = 'HA-GOV';
const CPC = 'HA-CPC';

/*
 * City-level units, named with their 2018 official names. The 2019 institutional reform renamed or
 * merged several: 工商局, 质监局 and 食药监局 became 市场监督管理局; 经信委 became 工业和信息化局 (credit work
 * moved to 发改委); 国土局 became 自然资源和规划局; 环保局 became 生态环境局; 安监局 became 应急管理局;
 * 农委 became 农业农村局; 卫计委 became 卫生健康委员会; 文广新局 and 旅游局 merged into 文化广电和旅游局;
 * 法制办 merged into 司法局; 物价局 merged into 发改委; 金融办 became 地方金融监督管理局; 银监分局 became
 * 银保监分局; 公安消防支队 became 消防救援支队. The seed keeps the document's names.
 */
const CITY_UNITS: readonly SeedDepartment[] = [
  cityUnit(GOV, '市政府', '淮安市人民政府', 'state_organ', undefined),
  cityUnit(CPC, '市委', '中共淮安市委员会', 'party_organ', undefined, {
    kinds: ['user'],
    source: 'platform',
  }),

  // The platform's own roles.
  cityUnit('HA-JXW', '市经信委', '淮安市经济和信息化委员会', 'state_organ', GOV),
  cityUnit('HA-XYB', '市信用办', '淮安市社会信用体系建设领导小组办公室', 'state_organ', 'HA-JXW', {
    kinds: ['credit_office'],
    // The seed writes "市经信委(信用办)": the office sits in 经信委.
    aliases: ['信用办'],
  }),
  cityUnit('HA-XYZX', '市公共信用信息中心', '淮安市公共信用信息中心', 'public_institution', 'HA-JXW', {
    kinds: ['credit_center'],
    aliases: ['市信用中心'],
  }),
  cityUnit('HA-FY', '市法院', '淮安市中级人民法院', 'judicial', undefined),
  cityUnit('HA-JCY', '市检察院', '淮安市人民检察院', 'judicial', undefined),
  // Named in D §6(3) only as "发改"; kept because catalog and policy data reference it.
  cityUnit('HA-FGW', '市发改委', '淮安市发展和改革委员会', 'state_organ', GOV, { source: 'platform' }),

  // Party organs and people's organizations.
  cityUnit('HA-ZZB', '市委组织部', '中共淮安市委组织部', 'party_organ', CPC, { kinds: ['user'] }),
  cityUnit('HA-WXB', '市委网信办', '中共淮安市委网络安全和信息化领导小组办公室', 'party_organ', CPC),
  cityUnit('HA-WMB', '市文明办', '淮安市精神文明建设指导委员会办公室', 'party_organ', CPC),
  cityUnit('HA-BB', '市编办', '淮安市机构编制委员会办公室', 'state_organ', GOV),
  cityUnit('HA-TSW', '团市委', '共青团淮安市委员会', 'people_organization', CPC),

  // Government departments (市各委办局).
  cityUnit('HA-GSJ', '市工商局', '淮安市工商行政管理局', 'state_organ', GOV),
  cityUnit('HA-ZLJ', '市质监局', '淮安市质量技术监督局', 'state_organ', GOV),
  cityUnit('HA-SYJ', '市食药监局', '淮安市食品药品监督管理局', 'state_organ', GOV),
  cityUnit('HA-SWJ', '市商务局', '淮安市商务局', 'state_organ', GOV),
  cityUnit('HA-SPJ', '市行政审批局', '淮安市行政审批局', 'state_organ', GOV),
  cityUnit('HA-JTJ', '市交通局', '淮安市交通运输局', 'state_organ', GOV),
  cityUnit('HA-WGXJ', '市文广新局', '淮安市文化广电新闻出版局', 'state_organ', GOV),
  cityUnit('HA-LYJ', '市旅游局', '淮安市旅游局', 'state_organ', GOV),
  cityUnit('HA-RSJ', '市人社局', '淮安市人力资源和社会保障局', 'state_organ', GOV),
  cityUnit('HA-GZW', '市国资委', '淮安市人民政府国有资产监督管理委员会', 'state_organ', GOV),
  cityUnit('HA-SFJ', '市司法局', '淮安市司法局', 'state_organ', GOV),
  cityUnit('HA-FZB', '市法制办', '淮安市人民政府法制办公室', 'state_organ', GOV),
  cityUnit('HA-JYJ', '市教育局', '淮安市教育局', 'state_organ', GOV),
  cityUnit('HA-WJW', '市卫计委', '淮安市卫生和计划生育委员会', 'state_organ', GOV),
  cityUnit('HA-ZJJ', '市住建局', '淮安市住房和城乡建设局', 'state_organ', GOV),
  cityUnit('HA-SLJ', '市水利局', '淮安市水利局', 'state_organ', GOV),
  cityUnit('HA-CGJ', '市城管局', '淮安市城市管理局', 'state_organ', GOV),
  cityUnit('HA-GAJ', '市公安局', '淮安市公安局', 'state_organ', GOV),
  cityUnit('HA-XFZD', '市消防支队', '淮安市公安消防支队', 'state_organ', 'HA-GAJ'),
  cityUnit('HA-JRB', '市金融办', '淮安市人民政府金融工作办公室', 'state_organ', GOV),
  cityUnit('HA-MZJ', '市民政局', '淮安市民政局', 'state_organ', GOV),
  cityUnit('HA-AJJ', '市安监局', '淮安市安全生产监督管理局', 'state_organ', GOV),
  cityUnit('HA-HBJ', '市环保局', '淮安市环境保护局', 'state_organ', GOV),
  cityUnit('HA-TJJ', '市统计局', '淮安市统计局', 'state_organ', GOV),
  cityUnit('HA-CZJ', '市财政局', '淮安市财政局', 'state_organ', GOV),
  cityUnit('HA-SJJ', '市审计局', '淮安市审计局', 'state_organ', GOV),
  cityUnit('HA-GTJ', '市国土局', '淮安市国土资源局', 'state_organ', GOV),
  cityUnit('HA-WJJ', '市物价局', '淮安市物价局', 'state_organ', GOV),
  cityUnit('HA-NW', '市农委', '淮安市农业委员会', 'state_organ', GOV),

  // Vertically managed agencies: their superior is provincial or national, outside this seed.
  cityUnit('HA-RH', '市人行', '中国人民银行淮安市中心支行', 'state_organ', undefined),
  // 银监会 was a public institution directly under the State Council.
  cityUnit(
    'HA-YJFJ',
    '淮安银监分局',
    '中国银行业监督管理委员会淮安监管分局',
    'public_institution',
    undefined,
  ),
  cityUnit('HA-TAX', '市税务局', '国家税务总局淮安市税务局', 'state_organ', undefined),
  cityUnit('HA-HG', '淮安海关', '中华人民共和国淮安海关', 'state_organ', undefined),
  cityUnit('HA-YZJ', '市邮政管理局', '淮安市邮政管理局', 'state_organ', undefined),
  cityUnit('HA-TGB', '市通管办', '淮安市通信管理办公室', 'state_organ', undefined),

  // Universities (C §2(5)) and utilities (C §3(1)) named as responsible units.
  cityUnit('HA-HYGXY', '淮阴工学院', '淮阴工学院', 'public_institution', undefined),
  cityUnit('HA-HYSFXY', '淮阴师范学院', '淮阴师范学院', 'public_institution', undefined),
  cityUnit(
    'HA-GDGS',
    '淮安供电公司',
    '国网江苏省电力有限公司淮安供电分公司',
    'state_owned_enterprise',
    undefined,
  ),
  // The next three full names are plausible but not verified against registration records.
  cityUnit('HA-ZLSGS', '市自来水公司', '淮安市自来水有限公司', 'state_owned_enterprise', 'HA-GZW'),
  cityUnit('HA-RDJT', '市热电集团', '淮安市热电集团有限公司', 'state_owned_enterprise', undefined),
  cityUnit('HA-RQGS', '市燃气公司', '淮安市燃气有限公司', 'state_owned_enterprise', undefined),
];

/** Stable code prefixes for the county-level nodes. */
const COUNTY_PREFIX: Readonly<Record<string, string>> = {
  '320812': 'QJP',
  '320803': 'HAQ',
  '320804': 'HYQ',
  '320813': 'HZQ',
  '320826': 'LSX',
  '320830': 'XYX',
  '320831': 'JHX',
};

/** Code of a county's people's government node, e.g. 'HA-QJP-GOV'. */
export function countyGovernmentCode(regionCode: string): string {
  const prefix = COUNTY_PREFIX[regionCode];
  if (!prefix) throw new RangeError(`not a Huai'an county-level code: ${regionCode}`);
  return `HA-${prefix}-GOV`;
}

/** Each county/district platform (B16): its government and its credit office. */
function countyNodes(): SeedDepartment[] {
  return huaianCounties().flatMap((county) => {
    const government = countyGovernmentCode(county.code);
    return [
      {
        code: government,
        name: `淮安市${county.name}人民政府`,
        shortName: `${county.name}政府`,
        regionCode: county.code,
        kinds: ['regional_node', 'provider', 'user'],
        parentCode: GOV,
        nature: 'state_organ',
        source: 'platform',
      },
      {
        code: government.replace(/-GOV$/, '-XYB'),
        name: `淮安市${county.name}社会信用体系建设领导小组办公室`,
        shortName: `${county.name}信用办`,
        regionCode: county.code,
        kinds: ['regional_node', 'credit_office'],
        parentCode: government,
        nature: 'state_organ',
        source: 'platform',
      },
    ] satisfies SeedDepartment[];
  });
}

export const SEED_DEPARTMENTS: readonly SeedDepartment[] = [...CITY_UNITS, ...countyNodes()];
