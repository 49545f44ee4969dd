/**
 * The measures catalog as the platform ships it: every incentive of A13 (its four groups split into
 * the distinct measures they name), the fifteen punishments of A14, and the e-commerce incentives and
 * punishments of D §5(1)–(2). `text` quotes the source (淮政发〔2018〕103号; the stored copy lost its
 * full-width punctuation, which is restored here); a test holds every text to the document. The credit
 * office edits the catalog afterwards (a new version each time); departments are the demo's codes.
 *
 * Reading choices (README "Seed"):
 * - A14 says 限制 for most punishments; a clerk's system treats them as `block` (C §5(2): black-listed
 *   subjects are locked and intercepted). 从严控制 (A14(3)), 相应的 (A14(13)) and the associations' graded
 *   sanctions (A14(14)) are `restrict`: the business may go on under stricter conditions. A14(15) is
 *   social exposure: `warn`.
 * - A14(11) names two measures for two targets: an industry ban for the responsible persons and the
 *   loss of honours for the dishonest subject itself. They are two measures with one article.
 * - A14(12) reaches only judgment debtors who can pay and refuse: `grounds: ['A6(7)']`.
 * - A14(12) also brings the courts' 失信被执行人 list within joint punishment: every A14 measure binds
 *   the `debtor` list as well as the black list (its entries are A6(7); issue 15 W4).
 * - A14(11)'s loss of honours is for 严重失信主体: `severities: ['严重']` (issue 15 W12).
 * - D §5's measures bind the e-commerce red and black lists (`ec-red`, `ec-black`) and the e-commerce
 *   scenario only (issue 15 W7; DOMAIN: e-commerce measures bind e-commerce lists and scenarios):
 *   bound to every red list, D §5(1)'s green channel reached red-listed persons in licensing.
 * - A13(4)'s rural credit is for 红名单农村群体: it binds the rural red list (`rural-red`) only; the
 *   other A13 incentives bind both red lists (issue 15 W7).
 * - C §6(2)'s restrictions on severely dishonest persons — hiring as civil servants or public
 *   institution staff, nomination as candidate deputies or committee members — are measures of their
 *   own (issue 15 W7): 严重 entries of persons on the black and debtor lists.
 */
import type { LegalBasis, MeasureDraft } from './measures.ts';

const DOC_A = '淮政发〔2018〕103号《淮安市守信联合激励和失信联合惩戒实施办法（试行）》';
const DOC_C = '淮政发〔2018〕103号《淮安市加强个人诚信体系建设的实施意见》';
const DOC_D = '淮政发〔2018〕103号《淮安市全面加强电子商务领域诚信建设的实施意见》';
/** Named by A1 as a basis of the whole 办法. */
const STATE_COUNCIL_2016_33 =
  '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）';
/** Named by D's preamble as the guidance it implements. */
const NDRC_2016_2794 = '《关于全面加强电子商务领域诚信建设的指导意见》（发改财金〔2016〕2794号）';

const A_ITEMS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
];

const basisA = (article: 13 | 14, item: number): LegalBasis[] => [
  { document: DOC_A, provision: `第${article === 13 ? '十三' : '十四'}条第（${A_ITEMS[item - 1]}）项` },
  { document: STATE_COUNCIL_2016_33 },
];
const basisC62: LegalBasis[] = [{ document: DOC_C, provision: '六、（二）' }];
const basisD = (item: 1 | 2): LegalBasis[] => [
  { document: DOC_D, provision: `五、（${A_ITEMS[item - 1]}）` },
  { document: NDRC_2016_2794 },
];

const BOTH = ['person', 'organization'] as const;
/**
 * The lists A14's punishments bind: the black list, and the courts' 失信被执行人 list, which A14(12)
 * brings within joint punishment (issue 15 W4).
 */
const BLACK_LISTS = ['black', 'debtor'];
/**
 * The lists A13's incentives bind: the red list, and the rural red list (信用户、信用示范户 and rural
 * cooperatives the agriculture department names), which alone earns A13(4)'s rural credit (issue 15 W7).
 */
const RED_LISTS = ['red', 'rural-red'];
type Seed = Omit<MeasureDraft, 'grounds' | 'severities' | 'active' | 'subjectKinds' | 'appliesTo'> &
  Partial<Pick<MeasureDraft, 'grounds' | 'severities' | 'appliesTo'>> & {
    subjectKinds: readonly ('person' | 'organization')[];
  };

const measure = (m: Seed): MeasureDraft => ({
  ...m,
  subjectKinds: [...m.subjectKinds],
  appliesTo: m.appliesTo ?? ['subject'],
  grounds: m.grounds ?? [],
  severities: m.severities ?? [],
  active: true,
});

/** A13: incentives for the red list (four groups). */
const A13: MeasureDraft[] = [
  measure({
    code: 'a13-1-integrity-model',
    title: '树立为诚信典型并公示宣传',
    text: '职能部门在行政监管和服务中要将列入红名单的信息主体树立为诚信典型，并及时在门户网站和信用淮安等网站进行公示。新闻媒体要深入挖掘宣传诚实守信红名单典型人物、企业和事迹。',
    article: 'A13(1)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['publicity'],
    subjectKinds: BOTH,
    legalBasis: basisA(13, 1),
    implementingDepartments: ['HA-XYZX', 'HA-XYB', 'HA-WMB'],
  }),
  measure({
    code: 'a13-1-exhibition-promotion',
    title: '会展、银企对接中重点推介',
    text: '在会展、银企对接等活动中重点推介诚信示范企业。',
    article: 'A13(1)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['publicity', 'credit_loans'],
    subjectKinds: ['organization'],
    legalBasis: basisA(13, 1),
    implementingDepartments: ['HA-SWJ', 'HA-JRB', 'HA-RH'],
  }),
  measure({
    code: 'a13-2-green-channel',
    title: '行政审批“绿色通道”“容缺受理”',
    text: '职能部门在办理行政审批过程中，对红名单市场主体实施“绿色通道”“容缺受理”等便利服务措施，对部分申报材料不具备的，实行先信用承诺后补报材料',
    article: 'A13(2)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['licensing', 'production_license', 'project_approval'],
    subjectKinds: ['organization'],
    legalBasis: basisA(13, 2),
    implementingDepartments: ['HA-SPJ', 'HA-FGW'],
  }),
  measure({
    code: 'a13-2-fewer-inspections',
    title: '优化检查方式、减少检查频次',
    text: '在日常检查、专项检查中优化检查方式，减少检查频次。',
    article: 'A13(2)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['daily_supervision'],
    subjectKinds: ['organization'],
    legalBasis: basisA(13, 2),
    implementingDepartments: ['HA-GSJ', 'HA-ZLJ', 'HA-SYJ', 'HA-AJJ', 'HA-HBJ'],
  }),
  measure({
    code: 'a13-3-fiscal-priority',
    title: '财政性资金项目和优惠政策优先考虑',
    text: '职能部门在实施财政性资金项目安排、招商引资配套政策等各类优惠政策中，优先考虑红名单信息主体，加大扶持力度。',
    article: 'A13(3)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['fiscal_funds'],
    subjectKinds: BOTH,
    legalBasis: basisA(13, 3),
    implementingDepartments: ['HA-CZJ', 'HA-FGW', 'HA-SWJ'],
  }),
  measure({
    code: 'a13-3-trading-credit-points',
    title: '公共资源交易信用加分',
    text: '在公共资源交易领域，依法依规对红名单信息主体采取信用加分等措施。',
    article: 'A13(3)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['public_resource_trading'],
    subjectKinds: BOTH,
    legalBasis: basisA(13, 3),
    implementingDepartments: ['HA-FGW', 'HA-CZJ', 'HA-ZJJ', 'HA-GTJ'],
  }),
  measure({
    code: 'a13-3-personal-priority',
    title: '教育、就业、社会保障等领域重点支持和优先便利',
    text: '在教育、就业、创业、社会保障、城市入户、住房租赁等领域对红名单个人给予重点支持和优先便利。',
    article: 'A13(3)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['public_services'],
    subjectKinds: ['person'],
    legalBasis: basisA(13, 3),
    implementingDepartments: ['HA-JYJ', 'HA-RSJ', 'HA-GAJ', 'HA-ZJJ'],
  }),
  measure({
    code: 'a13-3-integrity-card',
    title: '个人诚信卡和票价优惠',
    text: '探索发行个人诚信卡，根据信用积分给予公共文化、旅游、体育设施、城市交通系统票价优惠等便利服务。',
    article: 'A13(3)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['public_services'],
    subjectKinds: ['person'],
    legalBasis: basisA(13, 3),
    implementingDepartments: ['HA-XYB', 'HA-WGXJ', 'HA-LYJ', 'HA-JTJ'],
  }),
  measure({
    code: 'a13-4-no-bid-deposit',
    title: '免收投标保证金',
    text: '对纳入红名单投标企业，不收取投标保证金。',
    article: 'A13(4)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['public_resource_trading'],
    subjectKinds: ['organization'],
    legalBasis: basisA(13, 4),
    implementingDepartments: ['HA-FGW', 'HA-CZJ', 'HA-ZJJ'],
  }),
  measure({
    code: 'a13-4-credit-products',
    title: '“信易贷”等守信激励产品',
    text: '开发应用面向红名单信息市场主体“信易贷”“信易债”“税源贷”“税易贷”“税贷通”等守信激励产品。',
    article: 'A13(4)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['credit_loans'],
    subjectKinds: ['organization'],
    legalBasis: basisA(13, 4),
    implementingDepartments: ['HA-RH', 'HA-YJFJ', 'HA-JRB', 'HA-TAX'],
  }),
  measure({
    code: 'a13-4-rural-credit',
    title: '红名单农村群体优惠信贷产品',
    text: '开发激励红名单农村群体的优惠信贷产品。',
    article: 'A13(4)',
    // 红名单农村群体: subjects on the rural red list, not every red-listed person (issue 15 W7).
    listTypes: ['rural-red'],
    effect: 'favor',
    scenarios: ['credit_loans'],
    subjectKinds: BOTH,
    legalBasis: basisA(13, 4),
    implementingDepartments: ['HA-RH', 'HA-YJFJ', 'HA-JRB', 'HA-NW'],
  }),
  measure({
    code: 'a13-4-service-fees',
    title: '绿色服务通道、降低或减免服务费用',
    text: '对红名单信息主体提供绿色服务通道、降低或减免服务费用等优惠和便利。',
    article: 'A13(4)',
    listTypes: [...RED_LISTS],
    effect: 'favor',
    scenarios: ['public_services', 'public_resource_trading'],
    subjectKinds: BOTH,
    legalBasis: basisA(13, 4),
    implementingDepartments: ['HA-SPJ', 'HA-FGW'],
  }),
];

/** A14: the fifteen punishments of the black list. */
const A14: MeasureDraft[] = [
  measure({
    code: 'a14-01-fiscal-funds',
    title: '限制安排财政性资金项目',
    text: '限制安排财政性资金项目',
    article: 'A14(1)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['fiscal_funds'],
    subjectKinds: BOTH,
    legalBasis: basisA(14, 1),
    implementingDepartments: ['HA-CZJ', 'HA-FGW'],
  }),
  measure({
    code: 'a14-02-licensing',
    title: '暂停行政许可审批项目',
    text: '暂停行政许可审批项目',
    article: 'A14(2)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['licensing'],
    subjectKinds: BOTH,
    legalBasis: basisA(14, 2),
    implementingDepartments: ['HA-SPJ'],
  }),
  measure({
    code: 'a14-03-production-license',
    title: '从严控制生产许可证发放',
    text: '从严控制生产许可证发放',
    article: 'A14(3)',
    listTypes: [...BLACK_LISTS],
    effect: 'restrict',
    scenarios: ['production_license'],
    subjectKinds: ['organization'],
    legalBasis: basisA(14, 3),
    implementingDepartments: ['HA-ZLJ', 'HA-SYJ', 'HA-SPJ'],
  }),
  measure({
    code: 'a14-04-project-approval',
    title: '限制新增项目审批、核准',
    text: '限制新增项目审批、核准',
    article: 'A14(4)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['project_approval'],
    subjectKinds: BOTH,
    legalBasis: basisA(14, 4),
    implementingDepartments: ['HA-FGW', 'HA-SPJ'],
  }),
  measure({
    code: 'a14-05-public-resource-trading',
    title: '限制参与公共资源交易活动',
    text: '限制参与公共资源交易活动',
    article: 'A14(5)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['public_resource_trading'],
    subjectKinds: BOTH,
    legalBasis: basisA(14, 5),
    implementingDepartments: ['HA-FGW', 'HA-CZJ', 'HA-ZJJ', 'HA-GTJ'],
  }),
  measure({
    code: 'a14-06-concession',
    title: '限制基础设施和公用事业特许经营',
    text: '限制基础设施和公用事业特许经营',
    article: 'A14(6)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['concession'],
    subjectKinds: ['organization'],
    legalBasis: basisA(14, 6),
    implementingDepartments: ['HA-FGW', 'HA-ZJJ', 'HA-CGJ'],
  }),
  measure({
    code: 'a14-07-share-transfer-listing',
    title: '限制在全国股份转让系统挂牌、融资',
    text: '限制在全国股份转让系统挂牌、融资',
    article: 'A14(7)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['securities_financing'],
    subjectKinds: ['organization'],
    legalBasis: basisA(14, 7),
    implementingDepartments: ['HA-JRB'],
  }),
  measure({
    code: 'a14-08-internet-services',
    title: '限制从事互联网信息服务',
    text: '限制从事互联网信息服务等',
    article: 'A14(8)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['internet_services'],
    subjectKinds: BOTH,
    legalBasis: basisA(14, 8),
    implementingDepartments: ['HA-TGB', 'HA-WXB'],
  }),
  measure({
    code: 'a14-09-financial-services',
    title: '限制提供贷款、保荐、承销、保险等服务',
    text: '限制向其提供贷款、保荐、承销、保险等服务',
    article: 'A14(9)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['credit_loans', 'securities_financing'],
    subjectKinds: BOTH,
    legalBasis: basisA(14, 9),
    implementingDepartments: ['HA-RH', 'HA-YJFJ', 'HA-JRB'],
  }),
  measure({
    code: 'a14-10-high-consumption',
    title: '限制高消费',
    text: '限制购买不动产、乘坐飞机、乘坐高等级列车和席次、旅游度假、入住星级以上宾馆及其他高消费行为等措施',
    article: 'A14(10)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['high_consumption'],
    subjectKinds: BOTH,
    legalBasis: basisA(14, 10),
    implementingDepartments: ['HA-FY', 'HA-GTJ', 'HA-LYJ', 'HA-JTJ'],
  }),
  measure({
    code: 'a14-11-industry-ban',
    title: '对法定代表人、主要负责人和直接责任注册执业人员实施行业禁入',
    text: '依法对其法定代表人、主要负责人和对失信行为负有直接责任的注册执业人员等实施行业禁入措施',
    article: 'A14(11)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['licensing', 'recruitment'],
    appliesTo: ['responsible_person'],
    subjectKinds: ['person'],
    legalBasis: basisA(14, 11),
    implementingDepartments: ['HA-RSJ', 'HA-SPJ', 'HA-ZJJ'],
  }),
  measure({
    code: 'a14-11-honors',
    title: '撤销荣誉称号、取消评先评优资格',
    text: '及时撤销严重失信主体已取得的荣誉称号，取消参加评先评优资格',
    article: 'A14(11)',
    listTypes: [...BLACK_LISTS],
    // 严重失信主体: entries marked 严重 only (issue 15 W12)
    severities: ['严重'],
    effect: 'block',
    scenarios: ['honors'],
    subjectKinds: BOTH,
    legalBasis: basisA(14, 11),
    implementingDepartments: ['HA-RSJ', 'HA-WMB', 'HA-ZZB'],
  }),
  measure({
    code: 'a14-12-exit-control',
    title: '对失信被执行人限制出境',
    text: '对有履行能力但拒不履行生效法律文书确定义务的失信被执行人实施限制出境等联合惩戒措施。将各级法院发布的失信被执行人名单纳入跨地区、跨部门的联合惩戒范围，推动失信行为信息共享、结果互认',
    article: 'A14(12)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['exit_control'],
    subjectKinds: ['person'],
    grounds: ['A6(7)'],
    legalBasis: basisA(14, 12),
    implementingDepartments: ['HA-FY', 'HA-GAJ'],
  }),
  measure({
    code: 'a14-13-responsible-persons',
    title: '对法定代表人、主要负责人和其他直接责任人员采取相应惩戒',
    text: '对各级行政机关和企事业单位失信行为，依照法律法规和政策规定对其法定代表人、主要负责人和其他负有直接责任人员采取相应的联合惩戒措施',
    article: 'A14(13)',
    listTypes: [...BLACK_LISTS],
    effect: 'restrict',
    scenarios: [
      'recruitment',
      'honors',
      'fiscal_funds',
      'public_resource_trading',
      'high_consumption',
      'daily_supervision',
    ],
    appliesTo: ['responsible_person'],
    subjectKinds: ['person'],
    legalBasis: basisA(14, 13),
    implementingDepartments: ['HA-ZZB', 'HA-RSJ', 'HA-GZW', 'HA-XYB'],
  }),
  measure({
    code: 'a14-14-industry-discipline',
    title: '行业协会商会实施行业惩戒',
    text: '各行业协会商会要按照行业标准、行规、行约等方式对黑名单会员开展行业惩戒，视情节轻重实行警告、行业内通报批评、公开谴责、不予接纳、劝退等惩戒措施',
    article: 'A14(14)',
    listTypes: [...BLACK_LISTS],
    effect: 'restrict',
    scenarios: ['industry_self_discipline'],
    subjectKinds: BOTH,
    legalBasis: basisA(14, 14),
    implementingDepartments: ['HA-MZJ'],
  }),
  measure({
    code: 'a14-15-public-exposure',
    title: '鼓励媒体、公众举报、披露和曝光',
    text: '鼓励媒体、公众对非法经营、隐蔽生产经营场所、事故隐患、安全生产违法黑名单企业及其他失信行为进行举报、披露和曝光，通过社会舆论的道德谴责，形成社会震慑力，约束社会成员的失信行为',
    article: 'A14(15)',
    listTypes: [...BLACK_LISTS],
    effect: 'warn',
    scenarios: ['publicity'],
    subjectKinds: BOTH,
    legalBasis: basisA(14, 15),
    implementingDepartments: ['HA-XYZX', 'HA-AJJ', 'HA-WXB'],
  }),
];

/** C §6(2): restrictions on severely dishonest persons (personal integrity). */
const C62: MeasureDraft[] = [
  measure({
    code: 'c6-2-civil-service',
    title: '限制招录（聘用）为公务员或事业单位工作人员',
    text: '限制被招录（聘用）为公务员或事业单位工作人员',
    article: 'C§6(2)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['recruitment'],
    subjectKinds: ['person'],
    severities: ['严重'],
    legalBasis: basisC62,
    implementingDepartments: ['HA-ZZB', 'HA-RSJ'],
  }),
  measure({
    code: 'c6-2-candidacy',
    title: '限制被推荐为党代会代表、人大代表和政协委员候选人',
    text: '限制被推荐为各级党代会代表、各级人大代表和政协委员候选人',
    article: 'C§6(2)',
    listTypes: [...BLACK_LISTS],
    effect: 'block',
    scenarios: ['candidacy'],
    subjectKinds: ['person'],
    severities: ['严重'],
    legalBasis: basisC62,
    implementingDepartments: ['HA-ZZB'],
  }),
];

/** D §5(1)–(2): joint incentives and punishments in e-commerce. */
const D5: MeasureDraft[] = [
  measure({
    code: 'd5-1-promotion',
    title: '商贸活动中加大对红名单主体推介',
    text: '在商贸活动中，加大对“红名单”主体推介力度',
    article: 'D§5(1)',
    listTypes: ['ec-red'],
    effect: 'favor',
    scenarios: ['e_commerce'],
    subjectKinds: BOTH,
    legalBasis: basisD(1),
    implementingDepartments: ['HA-SWJ', 'HA-XYB'],
  }),
  measure({
    code: 'd5-1-green-channel',
    title: '续期办证、开具上市证明绿色通道',
    text: '在续期办证、开具上市证明等方面给予绿色通道',
    article: 'D§5(1)',
    listTypes: ['ec-red'],
    effect: 'favor',
    scenarios: ['e_commerce'],
    subjectKinds: BOTH,
    legalBasis: basisD(1),
    implementingDepartments: ['HA-SPJ', 'HA-GSJ', 'HA-JRB'],
  }),
  measure({
    code: 'd5-1-convenience',
    title: '公共服务、市场交易、社会管理便利',
    text: '在公共服务、市场交易、社会管理等方面给予便利',
    article: 'D§5(1)',
    listTypes: ['ec-red'],
    effect: 'favor',
    scenarios: ['e_commerce'],
    subjectKinds: BOTH,
    legalBasis: basisD(1),
    implementingDepartments: ['HA-XYB', 'HA-SPJ', 'HA-GSJ'],
  }),
  measure({
    code: 'd5-1-platform-incentives',
    title: '电商平台在搜索排序、流量分配等方面给予倾斜',
    text: '鼓励电子商务平台对“红名单”主体在搜索排序、流量分配、营销活动参与机会、信用积分等方面给予倾斜，强化正面激励引导',
    article: 'D§5(1)',
    listTypes: ['ec-red'],
    effect: 'favor',
    scenarios: ['e_commerce'],
    subjectKinds: BOTH,
    legalBasis: basisD(1),
    implementingDepartments: ['HA-SWJ', 'HA-GSJ'],
  }),
  measure({
    code: 'd5-1-financial-support',
    title: '金融机构加大支持、优化贷款流程',
    text: '推动金融机构加大对“红名单”企业支持力度，优化贷款流程，创新金融产品',
    article: 'D§5(1)',
    listTypes: ['ec-red'],
    effect: 'favor',
    scenarios: ['e_commerce'],
    subjectKinds: ['organization'],
    legalBasis: basisD(1),
    implementingDepartments: ['HA-RH', 'HA-YJFJ', 'HA-JRB'],
  }),
  measure({
    code: 'd5-2-supervision',
    title: '加大监管力度、提高检查频次',
    text: '各有关行业主管、监管部门要加大对“黑名单”电子商务平台及相关企业的监管力度，提高检查频次',
    article: 'D§5(2)',
    listTypes: ['ec-black'],
    effect: 'restrict',
    scenarios: ['e_commerce'],
    subjectKinds: ['organization'],
    legalBasis: basisD(2),
    implementingDepartments: ['HA-GSJ', 'HA-SWJ', 'HA-WJJ'],
  }),
  measure({
    code: 'd5-2-business-financing',
    title: '依法限制经营、融资授信、上市合规证明开具',
    text: '依法限制经营、融资授信、上市合规证明开具等',
    article: 'D§5(2)',
    listTypes: ['ec-black'],
    effect: 'block',
    scenarios: ['e_commerce'],
    subjectKinds: ['organization'],
    legalBasis: basisD(2),
    implementingDepartments: ['HA-GSJ', 'HA-RH', 'HA-YJFJ', 'HA-JRB'],
  }),
  measure({
    code: 'd5-2-officer-ban',
    title: '限制担任企业法定代表人、负责人、董事、监事、高级管理人员',
    text: '对有关失信人员限制担任企业法定代表人、负责人、董事、监事、高级管理人员职务',
    article: 'D§5(2)',
    listTypes: ['ec-black'],
    effect: 'block',
    scenarios: ['e_commerce'],
    appliesTo: ['subject', 'responsible_person'],
    subjectKinds: ['person'],
    legalBasis: basisD(2),
    implementingDepartments: ['HA-GSJ', 'HA-SPJ'],
  }),
  measure({
    code: 'd5-2-platform-sanctions',
    title: '电商平台限制入驻、屏蔽或关闭店铺等惩戒',
    text: '支持电子商务平台按照有关管理规定，对“黑名单”主体实施限制入驻会员、降低信用等级、屏蔽或关闭店铺、查封电子商务账户、公开曝光等惩戒措施',
    article: 'D§5(2)',
    listTypes: ['ec-black'],
    effect: 'block',
    scenarios: ['e_commerce'],
    subjectKinds: BOTH,
    legalBasis: basisD(2),
    implementingDepartments: ['HA-SWJ', 'HA-GSJ'],
  }),
];

export const SEED_MEASURES: readonly MeasureDraft[] = [...A13, ...A14, ...C62, ...D5];
