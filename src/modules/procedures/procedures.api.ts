/** The procedures API: decisions outside the platform the credit office records (issue 15 W3). */
import { z } from 'zod';
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
