import type { Rng, WeightedTable } from './prng.ts';

export type Gender = 'male' | 'female';

/**
 * Surnames weighted roughly by national frequency (‰ of the population, rounded), with the
 * Jiangsu-common ones (徐 朱 陆 顾 沈 钱 蒋 殷 倪 季 葛 卞 缪 仇) nudged up. The four compound surnames
 * are far rarer in reality (well under 0.1‰); they are over-weighted (~0.6%) so a demo of a few
 * thousand people shows some, and name handling gets exercised on three- and four-character names.
 */
export const SURNAMES: WeightedTable<string> = parseWeights(
  '王71 李70 张66 刘54 陈46 杨31 黄23 赵20 吴21 周19 徐21 孙15 马14 朱16 胡13 ' +
    '郭11 何11 林10 高10 罗9 郑9 梁8 谢7 宋6 唐6 许7 韩7 冯6 邓6 曹6 彭5 曾5 肖5 田5 ' +
    '董5 袁4 潘4 于4 蒋5 蔡4 余4 杜4 叶4 程4 苏3 魏3 吕3 丁4 任3 沈4 姚3 卢3 姜3 崔3 ' +
    '钟3 谭3 陆4 汪3 范3 金3 石3 廖2 贾2 夏2 韦2 付2 方2 白2 邹2 孟2 熊2 秦2 邱2 江2 ' +
    '尹2 薛2 闫2 段2 雷2 侯2 龙2 史2 陶2 黎1 贺2 顾3 毛2 郝1 龚1 邵2 万1 钱2 严1 武1 ' +
    '戴2 孔1 汤1 殷1 倪1 季1 葛1 卞1 缪1 仇1 欧阳2 上官1 司马1 诸葛1 ',
);

/** Splits a space-separated word list. */
export function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

/** Parses '王71 李70 …' into [surname, weight] pairs. */
function parseWeights(text: string): [string, number][] {
  return text
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const match = /^(\D+)([\d.]+)$/.exec(entry);
      if (!match) throw new Error(`bad weight entry: ${entry}`);
      return [match[1] as string, Number(match[2])];
    });
}

/** Given-name characters by generation: names given before ~1980 differ visibly from later ones. */
const GIVEN: Readonly<Record<Gender, { older: readonly string[]; newer: readonly string[] }>> = {
  male: {
    older: [...'国建军华平明志强伟勇林兵刚春海德福荣祥庆宏文成生忠东玉胜金宝山才发富'],
    newer: [...'伟磊涛斌超辉鹏飞鑫波宁俊峰浩宇轩晨博杰睿泽昊天凯洋旭锐翔健子宸铭然皓'],
  },
  female: {
    older: [...'秀英兰桂珍凤芳华玉红梅霞萍琴云芬丽娟敏静燕春翠金美淑'],
    newer: [...'芳娟敏静丽艳娜婷慧莉琳雪倩颖佳欣怡雨萱涵悦琪璐晶洁岚楠蕾薇瑶梦彤诗'],
  },
};

/** Share of people with a one-character given name (王芳 rather than 王芳芳). */
const SINGLE_GIVEN_SHARE = 0.25;

export function personName(rng: Rng, gender: Gender, birthYear: number): string {
  const pool = GIVEN[gender][birthYear < 1980 ? 'older' : 'newer'];
  const surname = rng.weighted(SURNAMES);
  const first = rng.pick(pool);
  if (rng.chance(SINGLE_GIVEN_SHARE)) return surname + first;
  let second = rng.pick(pool);
  // Doubled characters (婷婷, 磊磊) are common for girls and rare for boys.
  if (second === first && gender === 'male' && rng.chance(0.8)) second = rng.pick(pool);
  return surname + first + second;
}

/** Auspicious characters that make up trade names (字号), plus a few local ones. */
const TRADE_CHARS = [
  ...'华信恒通金源鑫盛达宏泰隆瑞丰安嘉永昌兴润明德远新天宇博正中和美利佳康汇诚益凯晟腾悦辰鸿锦创卓福祥万亿富旺顺楚韵淮',
];
const LOCAL_TRADE_NAMES = words('淮扬 运河 清江 洪泽湖 白马湖 盱眙 金湖 涟水 古淮 漕运 楚秀 里运河');

export function tradeName(rng: Rng): string {
  if (rng.chance(0.08)) return rng.pick(LOCAL_TRADE_NAMES);
  let second = rng.pick(TRADE_CHARS);
  const first = rng.pick(TRADE_CHARS);
  while (second === first) second = rng.pick(TRADE_CHARS);
  return first + second;
}

export const INDUSTRIES = words(
  '建设工程 建筑安装 房地产开发 商贸 食品 农业发展 生态农业 物流 医药 纺织 服饰 机械制造 电子科技 信息技术 新材料 盐化工 电气设备 汽车销售 餐饮管理 酒店管理 文化传媒 广告 装饰工程 环保科技 新能源 供应链管理 物业管理 劳务派遣 水产 粮油',
);

const SHOPS = words('小吃店 便利店 五金店 理发店 水果店 龙虾馆 汽车修理部 百货店 面馆 烧烤店 服装店 手机店');
const FARM_PRODUCTS = words(
  '稻米种植 蔬菜种植 龙虾养殖 螃蟹养殖 草莓种植 葡萄种植 苗木种植 食用菌种植 家禽养殖 生猪养殖 水产养殖 稻虾共作',
);
const SOCIETY_FIELDS = words(
  '餐饮 物流 软件 建筑业 会计 律师 旅游 个体劳动者 电子商务 食品安全 盐化工 房地产 汽车流通 家政服务 养老服务 龙虾产业 书法 摄影 企业家 青年创业',
);
const SOCIETY_FORMS = words('协会 行业协会 学会 研究会 促进会');
const HOME_PROVINCES = words('浙江 福建 安徽 山东 河南 江西 湖南 广东 温州 泉州 苏州 上海');
const PRIVATE_NON_ENTERPRISES = words(
  '职业培训学校 幼儿园 养老服务中心 社会工作服务中心 康复医院 艺术培训中心',
);
const SOE_FIELDS = words('城市建设投资 交通投资 水利投资 文化旅游发展 农业投资 国有资产经营 公用事业发展');

export interface CountyName {
  code: string;
  name: string;
}

/** 淮安市{字号}{行业}有限公司 / 江苏{字号}{行业}股份有限公司 / {county}{字号}{行业}有限公司 */
export function enterpriseName(
  rng: Rng,
  county: CountyName,
): { name: string; form: string; cityLevel: boolean } {
  const body = tradeName(rng) + rng.pick(INDUSTRIES);
  const roll = rng.next();
  if (roll < 0.4) return { name: `淮安市${body}有限公司`, form: '有限责任公司', cityLevel: true };
  if (roll < 0.5) return { name: `江苏${body}股份有限公司`, form: '股份有限公司', cityLevel: true };
  return { name: `${county.name}${body}有限公司`, form: '有限责任公司', cityLevel: false };
}

/** 个体工商户, named after its operator: 清江浦区王芳小吃店. */
export function individualBusinessName(rng: Rng, county: CountyName, operatorName: string): string {
  return `${county.name}${operatorName}${rng.pick(SHOPS)}`;
}

export function cooperativeName(rng: Rng, county: CountyName, town: string): string {
  return `${county.name}${town}${tradeName(rng)}${rng.pick(FARM_PRODUCTS)}专业合作社`;
}

/** 社会团体 (category 51): city or county associations, and chambers of commerce of other provinces. */
export function socialGroupName(rng: Rng, county: CountyName): string {
  if (rng.chance(0.15)) return `淮安市${rng.pick(HOME_PROVINCES)}商会`;
  const prefix = rng.chance(0.5) ? '淮安市' : county.name;
  return `${prefix}${rng.pick(SOCIETY_FIELDS)}${rng.pick(SOCIETY_FORMS)}`;
}

/** 民办非企业单位 (category 52). */
export function privateNonEnterpriseName(rng: Rng, county: CountyName): string {
  const prefix = rng.chance(0.4) ? '淮安市' : county.name;
  return `${prefix}${tradeName(rng)}${rng.pick(PRIVATE_NON_ENTERPRISES)}`;
}

/** 事业单位 (category 12) at township level: schools and health centres. */
export function publicInstitutionName(rng: Rng, county: CountyName, town: string): string {
  const unit = rng.pick(['中心小学', '初级中学', '卫生院', '中心幼儿园', '农业技术推广站', '文化站']);
  return `${county.name}${town}${unit}`;
}

/** 机关 (category 11): the township government or sub-district office. */
export function stateOrganName(county: CountyName, town: string): string {
  return `${county.name}${town}${town.endsWith('街道') ? '办事处' : '人民政府'}`;
}

export function stateOwnedEnterpriseName(rng: Rng, county: CountyName, cityLevel: boolean): string {
  const prefix = cityLevel ? '淮安市' : county.name;
  const suffix = rng.pick(['有限公司', '集团有限公司']);
  return `${prefix}${tradeName(rng)}${rng.pick(SOE_FIELDS)}${suffix}`;
}
