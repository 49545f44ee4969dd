/** The records API: pushing credit records, intake statistics per department, reading records. */
import { z } from 'zod';
import { INTAKE_MODES, MAX_ROWS_PER_CALL } from './intake.types.ts';

export const RowErrorView = z.object({
  code: z.string(),
  field: z.string().describe('dotted path: fields.fineAmount, subject.code, identifiedOn'),
  message: z.string(),
  messageEn: z.string(),
  position: z.number().int().optional().describe('identity codes: 1-based position of the wrong character'),
  expected: z.string().optional(),
  actual: z.string().optional(),
  cause: z.string().optional(),
});

const RecordRow = z
  .unknown()
  .describe(
    'RecordRowInput: { item, providerRecordId, subject: { code, name, selfSupporting? (B2: true for a ' +
      'person of 16 or 17 living on their own labour; under 16 is refused) }, severity?: 一般|较重|严重, ' +
      'identifiedOn: YYYY-MM-DD, fields: { key: value }, reason? (required for a change), changeBasis? ' +
      '(the id of the decision a change rests on; required when the change weakens a negative record: ' +
      'lower severity, earlier identification or removal date, a fact dropped, another subject; A20, B33) }. ' +
      'Checked row by row: a bad row is refused in the results, not the whole request.',
  );

/** Strict (issue 14 §6); each row is checked by the catalog, which refuses unknown keys itself. */
export const IntakeBody = z
  .object({
    mode: z
      .enum(INTAKE_MODES)
      .default('accept_valid')
      .describe(
        'all_or_nothing: nothing is written if any row is refused; accept_valid: valid rows are written',
      ),
    rows: z.array(RecordRow).min(1).max(MAX_ROWS_PER_CALL),
  })
  .strict();

export const IntakeResponse = z.object({
  batchId: z.string(),
  summary: z.object({
    total: z.number().int(),
    created: z.number().int(),
    unchanged: z.number().int(),
    newVersion: z.number().int(),
    refused: z.number().int(),
    aborted: z.number().int().describe('valid rows withheld by an all-or-nothing batch (counted in refused)'),
  }),
  results: z.array(
    z.object({
      index: z.number().int(),
      providerRecordId: z.string().optional(),
      outcome: z.enum(['created', 'unchanged', 'new_version', 'refused']),
      recordId: z.string().optional(),
      version: z.number().int().optional(),
      errors: z.array(RowErrorView).optional(),
      warnings: z.array(RowErrorView).optional(),
    }),
  ),
});

export const StatsQuery = z.object({
  from: z.string().describe('first China date, YYYY-MM-DD'),
  to: z.string().describe('last China date, YYYY-MM-DD (inclusive)'),
});

export const StatsResponse = z.object({
  from: z.string(),
  to: z.string(),
  pushDeadlineWorkdays: z.number().int(),
  departments: z.array(
    z.object({
      department: z.string(),
      pushed: z.number().int(),
      late: z.number().int(),
      provisional: z.number().int(),
      refused: z.number().int(),
    }),
  ),
});

export const SubjectCodeParams = z.object({ code: z.string().min(1).max(64) });

/** A counterparty's read under consents (B21): the purpose is the consent's, so it is checked there. */
export const ConsentedReadHeaders = z.object({
  'x-purpose': z
    .string()
    .max(1000)
    .optional()
    .describe(
      '查询用途，须与授权的用途一致（B21；见 GET /api/v1/me/consents/received）；中文以 UTF-8 百分号编码（encodeURIComponent）发送；缺少时答 PURPOSE_REQUIRED。' +
        '\nThe purpose of the read, as the consent gives it (B21; see GET /api/v1/me/consents/received), percent-encoded UTF-8; without it: PURPOSE_REQUIRED.',
    ),
});

export const RecordView = z.object({
  id: z.string(),
  recordKey: z.string(),
  version: z.number().int(),
  item: z.string(),
  itemVersion: z.number().int().describe('记录所依据的目录项版本'),
  itemName: z.string(),
  usageScope: z.enum(['public', 'government', 'authorized']),
  providerDepartment: z.string(),
  severity: z.string().nullable(),
  subjectGround: z
    .string()
    .nullable()
    .describe('B2：认定时16、17周岁并以自己的劳动收入为主要生活来源的，为 B2；其他为 null'),
  identifiedOn: z.string(),
  validityEndsOn: z.string().nullable(),
  publicationEndsOn: z
    .string()
    .nullable()
    .describe('公示期限的最后一天（B8）：目录项规定了公示期限时；null 表示在有效期内公示'),
  expired: z.boolean().describe('不再有效（state 不为 current）'),
  state: z
    .enum(['current', 'expired', 'removed', 'usage_ended', 'withdrawn', 'repaired'])
    .describe(
      'current 有效；expired 有效期或移出日期已过（B27、A12）；removed 已移出名单（A4），或记入责任人的来源记录已不再及于本人（B26）；usage_ended 使用期限届满（B8）；withdrawn 依据异议或外部决定撤销（A20）；repaired 信用修复已采纳，原记录转为档案（A19、B32）',
    ),
  stateBasis: z.string().nullable().describe('终止所依据的条款：A4、A12、B27、B8、B26、A20、A19、B32'),
  fields: z
    .record(z.string(), z.unknown())
    .describe('目录项字段；其中的公民身份号码仅对报送单位完整显示，对其他读者隐去中间部分'),
  readBasis: z.string(),
  consentId: z
    .string()
    .nullable()
    .describe('读取所依据的授权（readBasis 为 consent 时；B21、B24），其他情形为 null'),
  changeBasis: z
    .object({ kind: z.string(), id: z.string() })
    .nullable()
    .describe(
      '本版本所依据的决定（减轻失信信息的更正，A20、B33）：external_decision 为信用办登记的外部决定，objection 为成立的异议',
    ),
  procedure: z
    .object({ kind: z.enum(['objection', 'repair']), id: z.string() })
    .nullable()
    .describe('正在进行的程序：objection 异议处理中（A16）；repair 信用修复办理中（A19、B32）'),
  derivedFrom: z
    .object({
      basis: z.string().describe('B26'),
      recordId: z.string().describe('来源记录（组织的记录）的版本'),
      recordKey: z.string(),
      role: z
        .string()
        .describe('legal_representative 法定代表人；principal 主要负责人；responsible 直接责任人'),
      organization: z.object({ id: z.string(), name: z.string(), code: z.string() }).nullable(),
    })
    .nullable()
    .describe(
      'B26：严重失信法人和其他组织的失信信息记入其法定代表人、主要负责人和直接责任人的信用记录；本记录随来源记录更正、失效而变化；平台报送的记录为 null',
    ),
});

export const RecordsResponse = z.object({
  records: z.array(RecordView),
  /** records that exist but this caller may not read, by reason (so a clerk knows consent is needed) */
  withheld: z.object({
    CONSENT_REQUIRED: z.number().int(),
    SCOPE_DENIED: z.number().int(),
    EXPIRED: z.number().int(),
    REMOVED: z.number().int(),
    WITHDRAWN: z.number().int().describe('依据决定撤销的记录（A20）'),
    REPAIRED: z.number().int().describe('信用修复后转为档案的记录（A19、B32）'),
    PUBLICATION_ENDED: z
      .number()
      .int()
      .describe('公示期限已满、不再向社会公开的记录（B8；仅对未登录的公众计数）'),
  }),
});
