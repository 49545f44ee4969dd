/**
 * How the portal's subject page groups a subject's public records, like a national credit report
 * (信用中国 / 国家企业信用信息公示): 基础信息, 行政许可 and 行政处罚 (双公示, C §6(3)), 守信激励/红名单,
 * 严重失信主体名单/黑名单, 信用承诺, 其他. One table decides it from the catalog (code, list type,
 * category), read top down; `public-groups.test.ts` holds it to every seeded item. Pure.
 */
import type { CatalogCategory } from '../catalog/index.ts';

export const PUBLIC_GROUPS = [
  'basic',
  'licensing',
  'penalties',
  'red',
  'black',
  'commitments',
  'other',
] as const;
export type PublicGroup = (typeof PUBLIC_GROUPS)[number];

export const PUBLIC_GROUP_LABELS: Record<PublicGroup, { zh: string; en: string }> = {
  basic: { zh: '基础信息', en: 'basic information' },
  licensing: { zh: '行政许可', en: 'administrative licensing' },
  penalties: { zh: '行政处罚', en: 'administrative penalties' },
  red: { zh: '守信激励', en: 'trustworthiness: red lists and honours' },
  black: { zh: '严重失信主体名单', en: 'dishonesty: black lists' },
  commitments: { zh: '信用承诺', en: 'credit commitments' },
  other: { zh: '其他', en: 'other' },
};

/** Items named by their code: the 双公示 pair, commitments and registration-like basics. */
const BY_CODE: Readonly<Record<string, PublicGroup>> = {
  registration: 'basic',
  qualification: 'basic',
  'person-basic': 'basic',
  'admin-license': 'licensing', // B10(3), 双公示
  'admin-penalty': 'penalties', // B12(9), 双公示
  'credit-commitment': 'commitments', // B13(2), D §3(2)
};

/** A list item by its list's polarity (a city may add list types; `watch` is never a public list). */
const BY_POLARITY: Readonly<Record<string, PublicGroup>> = { red: 'red', black: 'black', watch: 'other' };

/** The rest by category: honours and other positive information are 守信激励 (A13, B11). */
const BY_CATEGORY: Readonly<Record<CatalogCategory, PublicGroup>> = {
  basic: 'basic',
  positive: 'red',
  negative: 'other',
  other: 'other',
};

export type GroupedItem = { code: string; category: CatalogCategory; listType: string | null };

/** The group of an item: by code, else by its list's polarity, else by category. */
export function groupOf(
  item: GroupedItem,
  polarityOf: (listType: string) => string | undefined,
): PublicGroup {
  const byCode = BY_CODE[item.code];
  if (byCode) return byCode;
  if (item.listType !== null) {
    const byPolarity = BY_POLARITY[polarityOf(item.listType) ?? ''];
    if (byPolarity) return byPolarity;
  }
  return BY_CATEGORY[item.category];
}
