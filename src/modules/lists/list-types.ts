/**
 * List types are data (issue 5 point 1): the city's red and black lists, and any list it adds (e.g.
 * 重点关注名单). The polarity decides how the platform treats entries: red → incentives (A13), black →
 * punishments (A14) and the A4 cross-check, watch → a warning to the clerk.
 */
import { LIST_POLARITIES, type ListPolarity } from './lists.tables.ts';

export type ListType = {
  code: string;
  name: string;
  nameEn: string;
  polarity: ListPolarity;
  description: string;
};

export const SEED_LIST_TYPES: readonly ListType[] = [
  {
    code: 'red',
    name: '守信红名单',
    nameEn: 'red list (trustworthy)',
    polarity: 'red',
    description: '职能部门依法认定的守信主体（A5），作为联合激励对象（A13）。',
  },
  {
    code: 'black',
    name: '失信黑名单',
    nameEn: 'black list (dishonest)',
    polarity: 'black',
    description: '职能部门依法认定的失信主体（A6），作为联合惩戒对象（A14）；列入时从红名单中删除（A4）。',
  },
  {
    // A14(12), C §5(2): the courts' list is itself within joint punishment, whether or not the court
    // also pushes a black-list row (issue 15 W4). Its entries come from the `judgment-debtor` item.
    code: 'debtor',
    name: '失信被执行人名单',
    nameEn: "courts' list of dishonest judgment debtors",
    polarity: 'black',
    description: '各级法院发布的失信被执行人名单，纳入联合惩戒范围（A14(12)）；列入时从红名单中删除（A4）。',
  },
  {
    // A13(4): 红名单农村群体 — the agriculture department's red list of rural subjects, which alone
    // earns the rural credit products (issue 15 W7); a red list like the other for A13's incentives.
    code: 'rural-red',
    name: '农村守信红名单',
    nameEn: 'rural red list',
    polarity: 'red',
    description: '农业农村部门认定的守信农户、信用示范户和农民专业合作社等农村群体（A5、A13(4)）。',
  },
  {
    // D §5: e-commerce red and black lists, with measures of their own (issue 15 W7).
    code: 'ec-red',
    name: '电子商务领域守信红名单',
    nameEn: 'e-commerce red list',
    polarity: 'red',
    description: '电子商务领域守信主体（D §5(1)），适用电子商务领域的激励措施。',
  },
  {
    code: 'ec-black',
    name: '电子商务领域失信黑名单',
    nameEn: 'e-commerce black list',
    polarity: 'black',
    description:
      '电子商务领域失信主体（D §3(1)、D §5(2)），适用电子商务领域的惩戒措施；列入时从红名单中删除（A4）。',
  },
  {
    code: 'watch',
    name: '重点关注名单',
    nameEn: 'watch list',
    polarity: 'watch',
    description: '需重点关注、尚未列入黑名单的主体；核查时提示经办人员注意。',
  },
];

export const isPolarity = (value: string): value is ListPolarity =>
  (LIST_POLARITIES as readonly string[]).includes(value);
