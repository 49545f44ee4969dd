/**
 * GB/T 2260 administrative division codes, as carried by citizen ID numbers (characters 1–6) and
 * USCCs (characters 3–8).
 *
 * Region policy:
 * - Every province-level code is known (11–65, 71, 81, 82).
 * - Jiangsu is listed in full: every current prefecture and county and the abolished codes real
 *   numbers still carry (see regions.jiangsu.ts). A Jiangsu code whose prefecture is unknown
 *   (e.g. 3299xx) is not a region.
 * - Outside Jiangsu only the province is checked: a code of a known province that is not in the
 *   table is accepted and reported as that province (e.g. 110105 → 北京市).
 * - Inside Jiangsu a code of a known prefecture whose county is not listed (e.g. the development-zone
 *   codes registration authorities use, like 320594 for 苏州工业园区) is accepted as that prefecture;
 *   the caller decides whether to warn (citizen IDs do, USCCs do not).
 */
import { JIANGSU_ABOLISHED, JIANGSU_CURRENT } from './regions.jiangsu.ts';
import type { CodeRegion } from './types.ts';

export type RegionLevel = 'province' | 'prefecture' | 'county';

export type Region = {
  code: string;
  name: string;
  /** e.g. 江苏省淮安市清江浦区 */
  fullName: string;
  level: RegionLevel;
  parentCode?: string;
  /** The code is no longer in GB/T 2260 but real numbers still carry it. */
  abolished?: boolean;
  /** Former names, or what became of an abolished division. */
  note?: string;
};

export const HUAIAN_REGION_CODE = '320800';

const PROVINCES = `
110000 北京市
120000 天津市
130000 河北省
140000 山西省
150000 内蒙古自治区
210000 辽宁省
220000 吉林省
230000 黑龙江省
310000 上海市
320000 江苏省
330000 浙江省
340000 安徽省
350000 福建省
360000 江西省
370000 山东省
410000 河南省
420000 湖北省
430000 湖南省
440000 广东省
450000 广西壮族自治区
460000 海南省
500000 重庆市
510000 四川省
520000 贵州省
530000 云南省
540000 西藏自治区
610000 陕西省
620000 甘肃省
630000 青海省
640000 宁夏回族自治区
650000 新疆维吾尔自治区
710000 台湾省
810000 香港特别行政区
820000 澳门特别行政区
`;

// Residence permits of Hong Kong, Macau and Taiwan residents (2018) carry 810000, 820000 and
// 830000; 83 is not a province, so only the exact code is accepted.
const RESIDENCE_PERMIT_CODES = `
830000 台湾居民 | 港澳台居民居住证中台湾居民的地址码 | 台湾居民（港澳台居民居住证）
`;

// Provinces whose prefectures and counties are all listed; elsewhere only the province is checked.
const LISTED_IN_FULL = new Set(['320000']);

type Row = { code: string; name: string; note?: string; fullName?: string };

function parseRows(text: string): Row[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [head = '', note, fullName] = line.split(' | ');
      const [code = '', name = ''] = head.split(' ');
      return { code, name, ...(note ? { note } : {}), ...(fullName ? { fullName } : {}) };
    });
}

function levelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'prefecture' : 'county';
}

function buildTable(): Map<string, Region> {
  const table = new Map<string, Region>();
  const add = (row: Row, abolished: boolean) => {
    const level = levelOf(row.code);
    const province = table.get(`${row.code.slice(0, 2)}0000`);
    const prefecture = level === 'county' ? table.get(`${row.code.slice(0, 4)}00`) : undefined;
    const parent = level === 'province' ? undefined : (prefecture ?? province);
    const chain = [level === 'province' ? undefined : province?.name, prefecture?.name, row.name];
    const region: Region = {
      code: row.code,
      name: row.name,
      fullName: row.fullName ?? chain.filter((part) => part !== undefined).join(''),
      level,
      ...(parent ? { parentCode: parent.code } : {}),
      ...(abolished ? { abolished: true } : {}),
      ...(row.note ? { note: row.note } : {}),
    };
    table.set(row.code, Object.freeze(region));
  };
  for (const row of parseRows(PROVINCES)) add(row, false);
  for (const row of parseRows(RESIDENCE_PERMIT_CODES)) add(row, false);
  for (const row of parseRows(JIANGSU_CURRENT)) if (!table.has(row.code)) add(row, false);
  for (const row of parseRows(JIANGSU_ABOLISHED)) add(row, true);
  return table;
}

const REGIONS = buildTable();
const SORTED = [...REGIONS.values()].sort((a, b) => a.code.localeCompare(b.code));

/** The listed region with exactly this 6-digit code, current or abolished. */
export function findRegion(code6: string): Region | undefined {
  return REGIONS.get(code6);
}

/** Every listed region (provinces, all of Jiangsu incl. abolished codes), ordered by code. */
export function listRegions(): Region[] {
  return [...SORTED];
}

/** The current county-level divisions of 淮安市. */
export function huaianCounties(): Region[] {
  return SORTED.filter((r) => r.parentCode === HUAIAN_REGION_CODE && r.level === 'county' && !r.abolished);
}

export type RegionMatch = {
  region: CodeRegion;
  /** false when the code was accepted at province (or, in Jiangsu, prefecture) level. */
  listed: boolean;
};

// USCCs of national registration authorities (central organs, national foundations) carry 100000.
const NATIONAL: CodeRegion = { code: '100000', name: '国家', fullName: '国家级登记管理机关' };

/** Resolves a region code by the policy above; `undefined` means it is not a region. */
export function resolveRegionCode(code6: string, options: { national: boolean }): RegionMatch | undefined {
  if (!/^\d{6}$/.test(code6)) return undefined;
  if (options.national && code6 === NATIONAL.code) return { region: NATIONAL, listed: true };
  const exact = REGIONS.get(code6);
  if (exact) return { region: toCodeRegion(exact), listed: true };
  const province = REGIONS.get(`${code6.slice(0, 2)}0000`);
  if (!province || province.code === '830000') return undefined;
  if (!LISTED_IN_FULL.has(province.code)) return { region: toCodeRegion(province), listed: false };
  const prefecture = REGIONS.get(`${code6.slice(0, 4)}00`);
  return prefecture ? { region: toCodeRegion(prefecture), listed: false } : undefined;
}

function toCodeRegion(region: Region): CodeRegion {
  return {
    code: region.code,
    name: region.name,
    fullName: region.fullName,
    ...(region.abolished ? { abolished: true } : {}),
  };
}
