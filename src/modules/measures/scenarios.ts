/**
 * Business scenarios (业务场景): where a user department checks a subject and applies the joint
 * measures (B19, B22, C §5(2)). A measure names the scenarios it applies to; the check API receives
 * one scenario and gets only those measures. The list is decided from the text: every scenario is
 * named by the articles listed with it, and every one is used by at least one seed measure.
 */
export type Scenario = {
  code: string;
  name: string;
  nameEn: string;
  /** the articles of 淮政发〔2018〕103号 that name this kind of business */
  articles: readonly string[];
};

export const SCENARIOS = [
  {
    code: 'licensing',
    name: '行政许可（行政审批）',
    nameEn: 'administrative licensing and approval',
    articles: ['A13(2)', 'A14(2)', 'A14(11)', 'B22', 'D§5(1)'],
  },
  {
    code: 'production_license',
    name: '生产许可证发放',
    nameEn: 'production licences',
    articles: ['A13(2)', 'A14(3)'],
  },
  {
    code: 'project_approval',
    name: '项目审批、核准',
    nameEn: 'project approval and ratification',
    articles: ['A13(2)', 'A14(4)', 'B22'],
  },
  {
    code: 'fiscal_funds',
    name: '财政性资金项目安排和优惠政策',
    nameEn: 'fiscal funds and preferential policies',
    articles: ['A13(3)', 'A14(1)', 'A14(13)', 'B22'],
  },
  {
    code: 'public_resource_trading',
    name: '公共资源交易（招标投标、政府采购等）',
    nameEn: 'public resource trading (tendering, government procurement, …)',
    articles: ['A13(3)', 'A13(4)', 'A14(5)', 'A14(13)', 'B22', 'D§5(1)'],
  },
  {
    code: 'concession',
    name: '基础设施和公用事业特许经营',
    nameEn: 'infrastructure and public utility concessions',
    articles: ['A14(6)'],
  },
  {
    code: 'securities_financing',
    name: '挂牌上市、保荐承销等直接融资',
    nameEn: 'listing, sponsorship, underwriting and other securities financing',
    articles: ['A14(7)', 'A14(9)', 'D§5(1)', 'D§5(2)'],
  },
  {
    code: 'credit_loans',
    name: '融资信贷和保险',
    nameEn: 'loans, credit and insurance',
    articles: ['A13(1)', 'A13(4)', 'A14(9)', 'B23', 'D§5(1)', 'D§5(2)'],
  },
  {
    code: 'internet_services',
    name: '互联网信息服务',
    nameEn: 'internet information services',
    articles: ['A14(8)'],
  },
  {
    code: 'e_commerce',
    name: '电子商务平台经营',
    nameEn: 'e-commerce platform business',
    articles: ['D§5(1)', 'D§5(2)'],
  },
  {
    code: 'daily_supervision',
    name: '日常监管和检查',
    nameEn: 'routine supervision and inspections',
    articles: ['A13(2)', 'A14(13)', 'B22', 'D§5(1)', 'D§5(2)'],
  },
  {
    code: 'public_services',
    name: '公共服务',
    nameEn: 'public services',
    articles: ['A13(3)', 'A13(4)', 'D§5(1)'],
  },
  {
    code: 'honors',
    name: '评先评优、表彰和荣誉称号',
    nameEn: 'honours, awards and evaluations',
    articles: ['A14(11)', 'A14(13)', 'B22', 'C§5(3)'],
  },
  {
    code: 'recruitment',
    name: '招录聘用和任职',
    nameEn: 'recruitment and appointment to posts',
    articles: ['A14(11)', 'A14(13)', 'C§5(3)', 'C§6(2)'],
  },
  {
    code: 'candidacy',
    name: '党代会代表、人大代表和政协委员候选人推荐',
    nameEn: 'nomination as a candidate deputy or committee member',
    articles: ['C§6(2)'],
  },
  {
    code: 'high_consumption',
    name: '高消费',
    nameEn: 'high consumption',
    articles: ['A14(10)', 'A14(13)'],
  },
  {
    code: 'exit_control',
    name: '出境',
    nameEn: 'leaving the country',
    articles: ['A14(12)'],
  },
  {
    code: 'industry_self_discipline',
    name: '行业协会商会自律管理',
    nameEn: 'self-discipline of industry associations and chambers of commerce',
    articles: ['A14(14)'],
  },
  {
    code: 'publicity',
    name: '宣传推介和曝光',
    nameEn: 'publicity, promotion and exposure',
    articles: ['A13(1)', 'A14(15)', 'D§5(1)'],
  },
] as const satisfies readonly Scenario[];

export type ScenarioCode = (typeof SCENARIOS)[number]['code'];

export const SCENARIO_CODES = SCENARIOS.map((s) => s.code) as [ScenarioCode, ...ScenarioCode[]];

export function isScenario(code: string): code is ScenarioCode {
  return (SCENARIO_CODES as readonly string[]).includes(code);
}
