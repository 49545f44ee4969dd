import { words } from './names.ts';

/**
 * Streets and towns of Huai'an's county-level divisions, for registered addresses and for the names
 * of township governments, schools and health centres. Plausible demo data, drawn from the current
 * (post-2016) divisions; not an authoritative gazetteer.
 */
export interface CountyPlaces {
  /** Urban roads of the county seat or district. */
  roads: readonly string[];
  /** Towns (镇), townships (乡) and sub-districts (街道). */
  towns: readonly string[];
}

export const COUNTY_PLACES: Readonly<Record<string, CountyPlaces>> = {
  // 清江浦区 (the former 清河区 and 清浦区, merged 2016)
  '320812': {
    roads: words(
      '淮海南路 淮海北路 淮海东路 淮海西路 健康东路 健康西路 北京南路 承德南路 解放东路 解放西路 交通路 水渡口大道 深圳路 枚乘路 明远路 富准路 西安南路 大同路 人民南路',
    ),
    towns: words(
      '清河街道 清浦街道 长东街道 长西街道 浦楼街道 水渡口街道 淮海街道 柳树湾街道 城南街道 和平镇 武墩镇 黄码乡',
    ),
  },
  // 淮安区 (the former 楚州区, renamed 2012, same code)
  '320803': {
    roads: words(
      '翔宇大道 漕运东路 漕运西路 镇淮楼东路 镇淮楼西路 宁连路 南门大街 西长街 楚州大道 北门大街 东长街 施恩路',
    ),
    towns: words(
      '淮城街道 河下街道 山阳街道 车桥镇 平桥镇 泾口镇 流均镇 博里镇 钦工镇 施河镇 石塘镇 苏嘴镇 季桥镇 南闸镇 顺河镇 马甸镇 朱桥镇 范集镇',
    ),
  },
  '320804': {
    roads: words(
      '北京东路 北京西路 长江东路 长江西路 黄河东路 黄河西路 承德北路 淮河东路 淮泗路 嫩江路 山东路 红豆路',
    ),
    towns: words(
      '王家营街道 长江路街道 徐溜镇 渔沟镇 吴城镇 码头镇 南陈集镇 丁集镇 五里镇 刘老庄镇 高家堰镇 西宋集镇 三树镇 赵集镇 袁集乡 古寨乡 凌桥乡',
    ),
  },
  // 洪泽区 (the former 洪泽县 320829, a district since 2016)
  '320813': {
    roads: words('东风路 人民南路 人民北路 洪泽湖大道 东七街 大庆路 建设路 西顺河路 湖滨大道 北京路'),
    towns: words('高良涧街道 朱坝街道 黄集街道 岔河镇 西顺河镇 老子山镇 三河镇 蒋坝镇 东双沟镇 共和镇'),
  },
  '320826': {
    roads: words('红日大道 安东路 海安路 淮浦路 五岛湖路 涟城北路 金城路 郑梁梅大道 东门路'),
    towns: words(
      '涟城街道 保滩街道 朱码街道 陈师街道 高沟镇 唐集镇 大东镇 五港镇 梁岔镇 石湖镇 岔庙镇 东胡集镇 南集镇 义兴镇 成集镇 红窑镇 黄营镇 方渡镇',
    ),
  },
  '320830': {
    roads: words(
      '淮河北路 淮河南路 金源南路 金源北路 五墩路 山水大道 东方大道 盱城中路 象山路 都梁路 工四路',
    ),
    towns: words(
      '盱城街道 太和街道 古桑街道 马坝镇 官滩镇 桂五镇 管镇镇 河桥镇 鲍集镇 黄花塘镇 淮河镇 天泉湖镇 穆店乡',
    ),
  },
  '320831': {
    roads: words('金湖东路 金湖西路 建设路 衡阳路 健康路 黎城路 工园路 神华大道 荷花大道'),
    towns: words('黎城街道 金南镇 塔集镇 银涂镇 前锋镇 吕良镇 陈桥镇 戴楼街道 金北街道'),
  },
};

/** Region codes retired by the 2001 and 2016 adjustments, mapped to the county that succeeded them. */
export const HISTORICAL_ID_REGIONS: readonly {
  code: string;
  name: string;
  successor: string;
  until: number;
}[] = [
  { code: '320802', name: '清河区', successor: '320812', until: 2016 },
  { code: '320811', name: '清浦区', successor: '320812', until: 2016 },
  { code: '320829', name: '洪泽县', successor: '320813', until: 2016 },
  { code: '320821', name: '淮阴县', successor: '320804', until: 2001 },
  { code: '320882', name: '淮安市(县级)', successor: '320803', until: 2001 },
];

export function placesOf(regionCode: string): CountyPlaces {
  const places = COUNTY_PLACES[regionCode];
  if (!places) throw new RangeError(`no demo places for region ${regionCode}`);
  return places;
}
