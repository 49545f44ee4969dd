/** The procedures API: decisions outside the platform the credit office records (issue 15 W3). */
import { z } from 'zod';
import { EVIDENCE_NAME_MAX, EVIDENCE_NOTE_MAX, EVIDENCE_TYPE_NAMES } from './evidence-files.ts';
import { OBJECTION_GROUNDS } from './objection-procedure.ts';
import { EXTERNAL_DECISION_KINDS } from './procedures.tables.ts';

/** Strict (issue 14 §6): an unknown property is REQUEST_INVALID, naming it. */
export const ExternalDecisionBody = z
  .object({
    recordId: z.uuid().describe('决定所涉记录的平台记录编号（任一版本）'),
    kind: z
      .enum(EXTERNAL_DECISION_KINDS)
      .describe(
        'administrative_review: 行政复议决定; court_judgment: 人民法院判决、裁定; revocation: 原决定机关撤销或变更决定',
      ),
    documentNumber: z.string().min(1).max(100).describe('文号，如 淮政复决〔2026〕15号'),
    authority: z.string().min(1).max(200).describe('作出决定的机关，如 淮安市人民政府'),
    decidedOn: z.string().describe('决定日期 YYYY-MM-DD，不晚于今天'),
    summary: z.string().min(1).max(2000).describe('决定内容：撤销、变更了什么'),
  })
  .strict();

export const ExternalDecisionView = z.object({
  id: z.string().describe('决定编号：报送更正时填入 changeBasis'),
  recordId: z.string(),
  recordKey: z.string(),
  providerDepartment: z.string(),
  kind: z.enum(EXTERNAL_DECISION_KINDS),
  kindLabel: z.string(),
  documentNumber: z.string(),
  authority: z.string(),
  decidedOn: z.string(),
  summary: z.string(),
  recordedAt: z.string(),
  appliedBy: z
    .object({ recordId: z.string(), version: z.number().int() })
    .nullable()
    .describe('依据本决定报送的记录版本；尚未报送为 null'),
});

export const ExternalDecisionsQuery = z
  .object({
    recordId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const ExternalDecisionsResponse = z.object({ decisions: z.array(ExternalDecisionView) });

// ---------------------------------------------------------------------------------------------------
// The subject's inbox (issue 16, decision 0032)

export const SubjectInboxQuery = z
  .object({
    unread: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('true：只看未读通知'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.uuid().optional().describe('上一页返回的 next：取更早的通知'),
  })
  .strict();

export const SubjectNoticeView = z.object({
  id: z.string(),
  kind: z
    .string()
    .describe(
      'objection.filed 受理回执; objection.verification_requested 转核实; objection.upheld / objection.rejected 审核结果; ' +
        'objection.corrected 已更正; objection.appeal_received 申诉受理; objection.appeal_upheld / objection.appeal_rejected 申诉决定',
    ),
  article: z.string().describe('依据条款，如 A16, B29'),
  procedure: z
    .object({ kind: z.string(), id: z.string() })
    .nullable()
    .describe('通知所涉的程序（异议、信用修复）及其编号'),
  recordId: z.string().nullable().describe('所涉的本人信用记录'),
  title: z.string(),
  titleEn: z.string(),
  message: z.string().describe('通知正文（中文）'),
  messageEn: z.string().describe('the notice in English'),
  detail: z.record(z.string(), z.unknown()).describe('期限、结果、理由、申诉途径等，供程序读取'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const SubjectInboxResponse = z.object({
  notices: z.array(SubjectNoticeView),
  unread: z.number().int().describe('全部未读通知数'),
  next: z.string().nullable().describe('下一页的 before；没有更多为 null'),
});

export const SubjectNoticeIdParam = z.object({ id: z.uuid() });

export const NoContent = z.null();

// ---------------------------------------------------------------------------------------------------
// Objections (issue 16; A15–A16, B28–B29)

const GROUND = z
  .enum(OBJECTION_GROUNDS)
  .describe(
    'wrong_or_incomplete 信息有误或不完整（A15、B28）; forbidden_data 采集了依法禁止采集的信息（B14）; ' +
      'past_validity 超过有效期仍在使用（B27）; cross_check 对红黑名单交叉比对结果有异议（A4）',
  );

export const OwnObjectionBody = z
  .object({
    recordId: z.uuid().describe('要提出异议的记录（平台记录编号）'),
    ground: GROUND,
    explanation: z.string().min(1).max(2000).describe('异议理由：哪里有误、应当如何'),
  })
  .strict();

export const CenterObjectionBody = OwnObjectionBody.extend({
  subjectCode: z.string().min(1).max(64).describe('信息主体的统一社会信用代码或公民身份号码'),
}).strict();

export const ObjectionStepBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('verification_requested') }).strict(),
  z
    .object({
      kind: z.literal('verified'),
      confirmed: z.boolean().describe('核实后确有错误：true'),
      reasons: z.string().min(1).max(2000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('decided'),
      outcome: z
        .enum(['upheld', 'rejected'])
        .describe('upheld 异议成立（提供单位须更正）; rejected 不成立（信息维持）'),
      reasons: z.string().min(1).max(2000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('appealed'),
      reasons: z.string().min(1).max(2000).describe('窗口代信息主体提出申诉（A17、B30）'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('appeal_decided'),
      outcome: z
        .enum(['upheld', 'rejected'])
        .describe('信用办的申诉决定（A17、B30）：upheld 申诉成立（提供单位须更正）; rejected 不成立'),
      reasons: z.string().min(1).max(2000),
    })
    .strict(),
]);

export const AppealBody = z
  .object({ reasons: z.string().min(1).max(2000).describe('申诉理由：对异议处理结果的哪一点不服，为什么') })
  .strict();

/** How a step stands today: on time, due today, overdue, closed on time or late, no deadline. */
export const StandingView = z.object({
  state: z.enum(['on_time', 'due_today', 'overdue', 'closed_on_time', 'closed_late', 'no_deadline']),
  workdaysLeft: z.number().int().nullable(),
  provisional: z.boolean(),
  zh: z.string(),
  en: z.string(),
});

/** `?open=true|false`: only open (or closed) procedures; absent: all. */
export const OpenFilter = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

const StepView = z.object({
  step: z.enum(['review', 'verification', 'correction', 'appeal']),
  party: z.enum(['center', 'provider', 'credit_office']),
  article: z.string(),
  opened: z.string(),
  due: z.string().nullable().describe('规定未设期限的步骤（申诉决定）为 null'),
  provisional: z.boolean().describe('期限跨越尚未公布节假日安排的年份，按暂定日历计算'),
  closed: z.string().nullable(),
  standing: StandingView,
});

export const EvidenceView = z.object({
  id: z.string(),
  name: z
    .string()
    .describe('文件名（已规范：去除路径和不可见字符，扩展名与类型一致）：按文本显示，勿作为 HTML 插入'),
  type: z.enum(EVIDENCE_TYPE_NAMES).describe('按文件内容判断的类型'),
  mediaType: z.string(),
  size: z.number().int().describe('字节数'),
  sm3: z.string().describe('文件内容的 SM3 摘要（十六进制）：下载的文件应与之相符'),
  addedVia: z.enum(['subject', 'center']).describe('subject 信息主体本人提交; center 信用中心窗口代为提交'),
  addedAt: z.string(),
  supersedes: z.string().nullable().describe('本文件替换的证据材料'),
  supersededBy: z.string().nullable().describe('替换本文件的证据材料；被替换的文件仍保存、可查阅'),
  note: z.string().nullable(),
});

export const ObjectionView = z.object({
  id: z.string(),
  recordId: z.string(),
  recordKey: z.string(),
  entryId: z.string().nullable(),
  providerDepartment: z.string(),
  ground: z.enum(OBJECTION_GROUNDS),
  groundLabel: z.string(),
  groundArticle: z.string(),
  explanation: z.string(),
  filedVia: z.enum(['subject', 'center']),
  filedAt: z.string(),
  state: z.enum([
    'review',
    'verification',
    'correction',
    'corrected',
    'rejected',
    'appeal',
    'appeal_rejected',
  ]),
  stateLabel: z.string(),
  open: z.boolean(),
  steps: z.array(StepView),
  verification: z.object({ confirmed: z.boolean(), on: z.string(), reasons: z.string() }).nullable(),
  outcome: z
    .object({ outcome: z.enum(['upheld', 'rejected']), on: z.string(), reasons: z.string() })
    .nullable()
    .describe('审核结果和理由（A16）'),
  correction: z.object({ recordId: z.string(), version: z.number().int(), on: z.string() }).nullable(),
  appeal: z
    .object({
      on: z.string(),
      reasons: z.string(),
      outcome: z
        .object({ outcome: z.enum(['upheld', 'rejected']), on: z.string(), reasons: z.string() })
        .nullable(),
    })
    .nullable()
    .describe('申诉（A17、B30）及信用办的决定'),
  evidence: z.array(EvidenceView).describe('证据材料（A15、B28），按提交顺序'),
  nextSteps: z.array(z.string()).describe('调用者现在可以进行的步骤'),
  policy: z.object({ id: z.string(), version: z.string() }),
});

export const ObjectionsQuery = z
  .object({
    open: OpenFilter,
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const ObjectionsResponse = z.object({ objections: z.array(ObjectionView) });
export const ObjectionIdParam = z.object({ id: z.uuid() });

/**
 * An evidence file is sent as the request body itself (any Content-Type; the type is read from the
 * bytes); its name and, when it replaces a file, which and why, in the query (decision 0033).
 */
export const EvidenceQuery = z
  .object({
    name: z
      .string()
      .max(1000)
      .optional()
      .describe(`文件名（URL 编码的 UTF-8）；去除路径，最长保留 ${EVIDENCE_NAME_MAX} 个字符`),
    supersedes: z.uuid().optional().describe('替换本异议中已提交的某个证据材料（原文件保留）'),
    note: z.string().max(EVIDENCE_NOTE_MAX).optional().describe('说明：替换已提交的文件时必填，写明原因'),
  })
  .strict();

export const EvidenceParams = z.object({ id: z.uuid(), evidenceId: z.uuid() });
