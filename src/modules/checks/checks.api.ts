/** The checks API: a credit check, its streaming form, feedback of measures applied, the quarterly report. */
import { z } from 'zod';
import { MAX_SUBJECTS_PER_CHECK } from './checks.service.ts';
import { FEEDBACK_OUTCOMES } from './feedback.service.ts';

export const Entry = z.object({
  id: z.string(),
  listType: z.string(),
  listName: z.string(),
  polarity: z.enum(['red', 'black', 'watch']),
  origin: z
    .enum(['listed', 'associated'])
    .describe('associated: B26, the subject answers for a severely dishonest organization'),
  relationRole: z.string().nullable(),
  ground: z.string().nullable(),
  severity: z.string().nullable(),
  identifiedOn: z.string(),
  validUntil: z.string().nullable(),
  providerDepartment: z.string(),
  procedure: z.string().nullable().describe('objection | repair_notice: the entry is under that procedure'),
});
export const MeasureBrief = z.object({
  code: z.string(),
  version: z.number().int(),
  title: z.string(),
  effect: z.enum(['block', 'restrict', 'warn', 'favor']),
  article: z.string(),
  legalBasis: z.array(z.object({ document: z.string(), provision: z.string().optional() })),
  implementingDepartments: z.array(z.string()),
});
export const Problem = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  position: z.number().int().optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
});
export const SubjectResultView = z.object({
  index: z.number().int(),
  code: z.string(),
  decision: z
    .enum(['block', 'warn', 'favor', 'none'])
    .nullable()
    .describe('null: the code is invalid (see error)'),
  registered: z.boolean(),
  subjectKind: z.enum(['person', 'organization']).nullable(),
  entries: z.array(Entry),
  measures: z.array(MeasureBrief),
  warnings: z.array(Problem.pick({ code: true, message: true, messageEn: true })),
  error: Problem.optional(),
});
export const Summary = z.object({
  total: z.number().int(),
  block: z.number().int(),
  warn: z.number().int(),
  favor: z.number().int(),
  none: z.number().int(),
  error: z.number().int(),
});
/** Request bodies are strict (issue 14 §6): an unknown property is REQUEST_INVALID, naming it. */
export const CheckBody = z
  .object({
    scenario: z.string().min(1).max(60).describe('业务场景代码，见 GET /api/v1/scenarios'),
    purpose: z.string().min(1).max(200).describe('核查事由（B33），如“政府采购项目投标资格审查”'),
    subjects: z
      .array(z.object({ code: z.string().max(64), name: z.string().max(200).optional() }).strict())
      .min(1)
      .max(MAX_SUBJECTS_PER_CHECK),
  })
  .strict();
export const CheckResponse = z.object({
  checkId: z.string(),
  checkedAt: z.string(),
  scenario: z.string(),
  policyVersion: z.string(),
  summary: Summary,
  results: z.array(SubjectResultView),
});
export const FeedbackBody = z
  .object({
    position: z.number().int().min(0).optional().describe('the subject’s index in the check result'),
    code: z.string().max(64).optional().describe('or the subject’s code'),
    measuresApplied: z.array(z.string().max(80)).max(50).describe('codes of the measures actually applied'),
    outcome: z
      .enum(FEEDBACK_OUTCOMES)
      .describe('refused 不予受理/不予许可; restricted 从严审核; favored 激励便利; approved 正常办理; other'),
    amount: z
      .union([z.string().max(20), z.number()])
      .optional()
      .describe('yuan (e.g. bid deposit waived, funds withheld)'),
    legalBasis: z.string().min(1).max(500),
    decidedOn: z.string().describe('YYYY-MM-DD'),
    businessRef: z.string().max(100).optional().describe('the approval system’s own case number'),
    note: z.string().max(1000).optional(),
  })
  .strict();
export const FeedbackParams = z.object({ checkId: z.string().min(1).max(64) });
export const FeedbackResponse = z.object({
  feedbackId: z.string(),
  checkId: z.string(),
  position: z.number().int(),
  reportedAt: z.string(),
});
export const StreamQuery = z.object({
  scenario: z.string().min(1).max(60),
  purpose: z.string().min(1).max(200),
});
export const ReportQuery = z.object({
  quarter: z.string().max(7).describe('e.g. 2026Q4'),
  department: z.string().max(40).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
