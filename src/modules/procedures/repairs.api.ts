/** The repairs API (信用修复, issue 16; A18–A19, B31–B32). Strict bodies (issue 14 §6). */
import { z } from 'zod';
import { EvidenceView, OpenFilter, StandingView } from './procedures.api.ts';

const date = z.string().describe('YYYY-MM-DD，不晚于今天');

const Stated = z
  .object({
    obligationsMetOn: date.optional().describe('全面履行法定义务或完成整改的日期（A18(1)(2)）'),
    correctedOn: date.optional().describe('纠正失信行为的日期（B31(1)）'),
    creditManagementSystemOn: date.optional().describe('建立信用管理制度的日期（A18(3)、B31(3)，组织）'),
    majorRepentance: z
      .string()
      .max(2000)
      .optional()
      .describe('其他重大悔改表现（A18(3)）：填写即按 A18(3) 审查'),
  })
  .strict();

export const EligibilityQuery = z
  .object({
    recordId: z.uuid().describe('要修复的记录（平台记录编号）'),
    obligationsMetOn: date.optional(),
    correctedOn: date.optional(),
    creditManagementSystemOn: date.optional(),
    majorRepentance: z.string().max(2000).optional(),
  })
  .strict();

export const CenterEligibilityQuery = EligibilityQuery.extend({
  subjectCode: z.string().min(1).max(64).describe('信息主体的统一社会信用代码或公民身份号码'),
}).strict();

const Free = z.object({ zh: z.string(), en: z.string() }).describe('信用修复免费');

export const EligibilityView = z.object({
  path: z.string().describe('适用的条款：A18(1)、A18(2)、A18(3)、B31'),
  verdict: z
    .enum(['eligible', 'not_yet', 'excluded', 'needs_judgement'])
    .describe('eligible 可以申请；not_yet 尚不满足；excluded 不得修复；needs_judgement 待提供单位判断'),
  applicationDate: z.string(),
  earliestDate: z.string().nullable().describe('最早可申请的日期（仅差时间条件时）'),
  lastDayOfUse: z.string().nullable(),
  conditions: z.array(
    z.object({
      code: z.string(),
      article: z.string(),
      role: z.enum(['requirement', 'exclusion']),
      status: z.enum(['met', 'not_met', 'judgement']),
      metFrom: z.string().nullable(),
      facts: z.record(z.string(), z.unknown()),
      zh: z.string(),
      en: z.string(),
    }),
  ),
  summary: z.object({ zh: z.string(), en: z.string() }),
  policy: z.object({ id: z.string(), version: z.string() }),
  free: Free,
});

export const CommitmentQuery = z.object({ recordId: z.uuid() }).strict();
export const CenterCommitmentQuery = CommitmentQuery.extend({
  subjectCode: z.string().min(1).max(64),
}).strict();
export const CommitmentView = z.object({
  text: z.string().describe('信用承诺书全文（按当日日期生成）'),
  digest: z.string().describe('承诺书的 SM3 摘要：申请时提交，表示签署的正是这份文本'),
  free: Free,
});

export const OwnRepairBody = z
  .object({
    recordId: z.uuid().describe('要修复的记录（平台记录编号）'),
    stated: Stated.optional(),
    proof: z
      .string()
      .min(1)
      .max(4000)
      .describe('履行义务、纠正失信行为的证明：缴款凭证号、整改报告等；凭证本身以文件提交（/evidence）'),
    commitmentDigest: z.string().min(1).max(128).describe('所签署信用承诺书的摘要（GET …/commitment）'),
  })
  .strict();

export const CenterRepairBody = OwnRepairBody.extend({
  subjectCode: z.string().min(1).max(64).describe('信息主体的统一社会信用代码或公民身份号码'),
}).strict();

export const RepairStepBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('opinion'),
      agrees: z.boolean().describe('同意修复：true'),
      reasons: z.string().min(1).max(4000).describe('书面修复意见及理由'),
      judged: z
        .object({
          impactRemoved: z.boolean().optional().describe('不良影响基本消除（A18(1)、B31(1)）'),
          repentanceAccepted: z.boolean().optional().describe('其他重大悔改表现得到认可（A18(3)）'),
          preventionEffective: z.boolean().optional().describe('已采取有效措施防止再次发生（A18(3)）'),
        })
        .strict()
        .optional(),
      findings: z
        .object({
          inBankruptcyProceedings: z.boolean().optional().describe('正在破产程序中（B31(2)2）'),
          ignoredRemindersOrInterviews: z.boolean().optional().describe('无视信用提醒、约谈（B31(2)6）'),
          declaredExclusion: z
            .object({ reason: z.string().min(1).max(500), reasonEn: z.string().min(1).max(500) })
            .strict()
            .optional()
            .describe('本部门规定不得修复的其他情形（B31(2)7）'),
        })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('notice_objected'),
      statement: z
        .string()
        .min(1)
        .max(4000)
        .optional()
        .describe('公示期间收到的异议内容；登记公众提交的异议时可省略（取提交的异议理由）'),
      objector: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .describe('异议人（可为“匿名”）；登记公众提交的异议时可省略'),
      submissionId: z
        .uuid()
        .optional()
        .describe(
          '登记公众在门户网站提交的异议（GET /api/v1/repairs/:id 的 submissions）：按其提交日判断是否在公示期内',
        ),
    })
    .strict(),
  z
    .object({
      kind: z.literal('notice_objection_verified'),
      founded: z.boolean().describe('异议属实：true（不予修复）'),
      reasons: z.string().min(1).max(4000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('decided'),
      adopted: z.boolean().describe('采纳修复：true'),
      reasons: z.string().min(1).max(4000),
    })
    .strict(),
]);

/** A public submission as the repair's parties see it (issue 17): contact details to the center only. */
export const SubmissionView = z.object({
  id: z.string(),
  submittedOn: z.string(),
  submittedAt: z.string(),
  grounds: z.string(),
  name: z.string().nullable().describe('异议人姓名（仅信用中心可见；未填写为 null）'),
  contact: z.string().nullable().describe('联系方式（仅信用中心可见；未填写为 null）'),
  status: z
    .enum(['received', 'recorded', 'dismissed'])
    .describe('received 待处理；recorded 已登记为公示异议；dismissed 不予登记'),
  stepSeq: z.number().int().nullable(),
  dismissalReason: z.string().nullable(),
  handledAt: z.string().nullable(),
});

export const DismissSubmissionBody = z
  .object({ reason: z.string().min(1).max(2000).describe('不予登记的理由（如与修复事项无关、重复提交）') })
  .strict();
export const SubmissionIdParam = z.object({ id: z.uuid(), submissionId: z.uuid() });

/** Issue 17: an objection the public submits on the portal during a repair's notice (A19, B32). */
export const PublicNoticeObjectionBody = z
  .object({
    name: z.string().trim().min(1).max(50).optional().describe('姓名或单位名称（可不填）'),
    contact: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('联系方式（电话或电子邮箱，可不填；仅信用中心可见）'),
    grounds: z.string().trim().min(5).max(2000).describe('异议的事实和理由（5 至 2000 字）'),
  })
  .strict();

export const PublicNoticeObjectionResponse = z.object({
  submissionId: z.string(),
  repairId: z.string(),
  submittedOn: z.string(),
  noticeUntil: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
  free: Free,
});

export const RepairView = z.object({
  id: z.string(),
  recordId: z.string(),
  recordKey: z.string(),
  entryId: z.string().nullable(),
  providerDepartment: z.string(),
  targetKind: z.enum(['black_list_entry', 'negative_record']),
  path: z.string(),
  article: z.string().describe('A19（黑名单）或 B32（其他失信信息）'),
  stated: z.record(z.string(), z.unknown()),
  proof: z.string(),
  evidence: z
    .array(EvidenceView)
    .describe('证明材料文件（缴款凭证、整改报告等的扫描件；A19、B32），按提交顺序，含已被替换的'),
  commitment: z.object({ text: z.string(), digest: z.string() }),
  filedVia: z.enum(['subject', 'center']),
  filedAt: z.string(),
  state: z
    .enum(['opinion', 'notice', 'notice_objection', 'adoption', 'repaired', 'refused', 'lapsed'])
    .describe('lapsed：记录已依据决定撤销（A20），修复申请随之终止'),
  stateLabel: z.string(),
  open: z.boolean(),
  steps: z.array(
    z.object({
      step: z.enum(['opinion', 'notice_verification', 'adoption']),
      party: z.enum(['provider', 'center']),
      article: z.string(),
      opened: z.string(),
      due: z.string(),
      provisional: z.boolean(),
      closed: z.string().nullable(),
      standing: StandingView,
    }),
  ),
  opinion: z
    .object({
      agrees: z.boolean(),
      on: z.string(),
      reasons: z.string(),
      judged: z.record(z.string(), z.unknown()),
      findings: z.record(z.string(), z.unknown()),
    })
    .nullable(),
  notice: z
    .object({ from: z.string(), until: z.string(), provisional: z.boolean(), running: z.boolean() })
    .nullable()
    .describe('修复意见公示（A19、B32）'),
  noticeObjections: z.array(
    z.object({
      on: z.string(),
      statement: z.string(),
      founded: z.boolean().nullable(),
      reasons: z.string().nullable(),
      submissionId: z.string().nullable().describe('由公众在门户网站提交的异议登记时：该提交的编号'),
    }),
  ),
  submissions: z
    .array(SubmissionView)
    .describe(
      '公众在公示期间通过门户网站提交的异议（信用中心可见全部，含姓名和联系方式；提供单位可见异议理由；信息主体不可见）',
    ),
  decision: z
    .object({
      adopted: z.boolean(),
      on: z.string(),
      reasons: z.string(),
      decisionNumber: z.string().nullable(),
    })
    .nullable(),
  refusedBy: z.enum(['provider', 'notice_objection', 'center']).nullable(),
  nextSteps: z.array(z.string()),
  free: Free,
  policy: z.object({ id: z.string(), version: z.string() }),
});

export const RepairsQuery = z
  .object({
    open: OpenFilter,
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const RepairsResponse = z.object({ repairs: z.array(RepairView) });
export const RepairIdParam = z.object({ id: z.uuid() });

export const RepairNoticesQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(1000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const RepairNoticesResponse = z.object({
  notices: z.array(
    z.object({
      repairId: z.string(),
      subjectName: z.string().describe('组织全称；自然人按 A7 隐去部分姓名'),
      subjectKind: z.string(),
      item: z.string(),
      itemName: z.string(),
      providerDepartment: z.string(),
      providerName: z.string().describe('信息提供单位（出具修复意见的单位）'),
      record: z
        .object({
          date: z.string(),
          dateLabel: z.string().describe('日期的含义，如 处罚决定日期、认定日期'),
          documentNumber: z.string().nullable().describe('决定书文号（记录所载）'),
          severity: z.string().nullable(),
        })
        .describe('拟修复的记录'),
      opinion: z
        .object({
          on: z.string(),
          reasons: z
            .string()
            .nullable()
            .describe('修复意见的理由；自然人的为 null（A7：自由文本可能含个人信息）'),
        })
        .describe('信息提供单位同意修复的书面意见（A19、B32）'),
      article: z.string(),
      from: z.string(),
      until: z.string(),
      provisional: z.boolean(),
      objectionUrl: z.string().describe('公示期间提出异议：POST 此地址（免登录）'),
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  free: Free,
  objections: z.object({ zh: z.string(), en: z.string() }).describe('公示期间如何提出异议（A19、B32）'),
});
