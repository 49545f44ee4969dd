/**
 * Data the platform must never collect (B14: "禁止归集自然人的宗教信仰、基因、血型、疾病和病史信息以及
 * 法律、法规规定禁止归集的其他个人信息"; A15(2) lets a subject object to such data). Kept as data here,
 * in one place, so a reviewer can read the whole rule; `forbidden.ts` compiles it once.
 *
 * Decisions (the text is narrow, and refusing a lawful record is also harm):
 * - 民族 (ethnicity) is NOT forbidden: B10(1) lists it among a person's basic information.
 * - Biometrics (指纹, 人脸) are not in B14, and no law forbids collecting them outright (PIPL art. 28
 *   makes them sensitive, not forbidden). They are not blocked here; no catalog item defines such a
 *   field, and a field an item does not define is refused anyway (CATALOG_FIELD_UNKNOWN), so none is stored.
 * - Disability (残疾) is not illness and is not blocked.
 * - Content is matched only in a personal context (信仰佛教, A型血, 患有…, 乙肝携带), never on a lone word:
 *   companies are called 信仰科技, 淮安市佛教协会 is a registered organization, penalties cite the
 *   《传染病防治法》 and 《艾滋病防治条例》, hospitals are penalized for 伪造病历, safety records say 隐患,
 *   and false-advertising penalties name diseases a product claimed to cure.
 * - B14 protects a natural person's own data. Illness stated of a number of people who are not named
 *   ("导致23名消费者被确诊为食物中毒", "泄露12名乙肝患者的信息") is the harm a record's subject caused, the
 *   lawful substance of a food-safety or medical penalty (A6(1), B12(5); issue 15 W9): a medical match
 *   directly after a count of the people it concerns (`COUNTED_PEOPLE`, `COUNTED_GROUPS`), in the same
 *   clause, is not forbidden. A named person's illness ("法定代表人张三患有…", "张三等3人均患有…",
 *   or a count in another clause), and every religion, gene and blood-type match, still is.
 */

/** Field names: a name containing one of these is forbidden (Chinese keys and spreadsheet headers). */
export const FORBIDDEN_NAME_PARTS_ZH: readonly string[] = [
  '宗教',
  '信仰',
  '基因',
  '血型',
  '疾病',
  '病史',
  '病历',
  '病例',
  '病情',
  '诊断',
  '既往史',
  '艾滋',
  '传染病',
  '精神病',
  '健康状况',
];

/**
 * Field names in Latin letters: English words and pinyin, matched as whole words of the key
 * (camelCase, snake_case and kebab-case are split), so `labor` never matches `abo` and
 * `bloodDonation` (volunteering, B11(2)) stays allowed.
 */
export const FORBIDDEN_NAME_WORDS: readonly string[] = [
  // religion
  'religion',
  'religions',
  'religious',
  'faith',
  'creed',
  'zongjiao',
  'xinyang',
  // genes
  'gene',
  'genes',
  'genetic',
  'genetics',
  'genome',
  'genotype',
  'dna',
  'jiyin',
  // blood type
  'bloodtype',
  'bloodgroup',
  'xuexing',
  // illness and medical history
  'illness',
  'illnesses',
  'disease',
  'diseases',
  'sickness',
  'diagnosis',
  'diagnoses',
  'hiv',
  'jibing',
  'bingshi',
  'bingli',
  'bingqing',
  'zhenduan',
  'aizibing',
];

/** Adjacent words that together name forbidden data (`blood` + `type`, `medical` + `history`). */
export const FORBIDDEN_NAME_PHRASES: readonly (readonly [string, string])[] = [
  ['blood', 'type'],
  ['blood', 'group'],
  ['medical', 'history'],
  ['medical', 'record'],
  ['medical', 'records'],
  ['medical', 'condition'],
  ['health', 'condition'],
  ['health', 'status'],
  ['religious', 'belief'],
];

/**
 * Content patterns (regular-expression sources, compiled with the `u` and `i` flags) for free text.
 * Each needs a personal context: a belief held, a blood type of someone, an illness someone has.
 */
export const FORBIDDEN_CONTENT_PATTERNS: readonly { topic: string; pattern: string }[] = [
  // 宗教信仰
  {
    topic: 'religion',
    pattern:
      '(?:信仰|信奉|皈依|改信)(?:了)?(?:佛教|基督教|天主教|伊斯兰教?|道教|东正教|犹太教|印度教|宗教|藏传佛教)',
  },
  { topic: 'religion', pattern: '(?:佛教|基督教?|天主教|伊斯兰教|道教|东正教)(?:信徒|教徒|徒)' },
  { topic: 'religion', pattern: '宗教信仰\\s*[为是:：]' },
  { topic: 'religion', pattern: '穆斯林|受洗' },
  // 基因 (not 转基因: GMO penalties are lawful records)
  { topic: 'gene', pattern: '(?<!转)基因(?:检测|测序|序列|信息|型|报告|鉴定|缺陷|突变)' },
  { topic: 'gene', pattern: 'DNA\\s*(?:检测|鉴定|序列|样本|比对)|亲子鉴定' },
  // 血型
  { topic: 'blood', pattern: '(?<![A-Za-z])(?:AB|A|B|O)\\s*型\\s*(?:血|RH|Rh)' },
  { topic: 'blood', pattern: '^\\s*(?:AB|A|B|O)\\s*型\\s*$' },
  { topic: 'blood', pattern: '血型\\s*(?:为|是|[:：])?\\s*(?:AB|A|B|O|Rh|RH|熊猫)' },
  { topic: 'blood', pattern: 'Rh\\s*[阴阳]性|熊猫血' },
  // 疾病和病史
  { topic: 'medical', pattern: '(?<!隐)患有|罹患|患病|病史|既往史' },
  { topic: 'medical', pattern: '(?:被|经|已)?(?:确诊|诊断)(?:为|患|出)' },
  {
    topic: 'medical',
    pattern: '(?:乙肝|乙型肝炎|丙肝|丙型肝炎|HIV|艾滋病?)\\s*(?:病毒)?\\s*(?:携带|感染|阳性|患者|病人)',
  },
  { topic: 'medical', pattern: '大三阳|小三阳|(?:HIV|艾滋病?)\\s*\\+' },
  { topic: 'medical', pattern: '精神病(?:人|患者|史)|精神疾病患者' },
  {
    topic: 'medical',
    pattern: '(?:精神分裂症?|抑郁症|癫痫|尿毒症|白血病)\\s*(?:患者|病人|病史|发作)',
  },
];

/**
 * A count of people (23名, 3人, 多名, 数十人, 12例) — the unnamed people a medical match in the same clause
 * is about (see the decisions above).
 */
export const COUNTED_PEOPLE =
  '(?:\\d+|[一二两三四五六七八九十百千万几数多若干]+)\\s*(?:余|多)?\\s*(?:名|人|位|例)';

/** The unnamed people a count may name (23名消费者); the illness must follow them directly. */
export const COUNTED_GROUPS =
  '消费者|顾客|就餐者|学生|幼儿|儿童|员工|职工|工人|群众|村民|居民|患者|病人|人员|游客|旅客|乘客';

/** Where a clause ends (commas included): a medical match is judged with the text from here on. */
export const CLAUSE_END = '[。；;！!？?，,\\n]';
