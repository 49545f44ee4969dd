/** The measures API: business scenarios, the measures catalog by version, and publishing a measure. */
import { z } from 'zod';
import { MeasureContentSchema, MeasureDraftSchema } from './measure-draft.ts';
import { SCENARIO_CODES } from './scenarios.ts';

export const MeasureView = MeasureDraftSchema.extend({
  grounds: z.array(z.string()),
  severities: z.array(z.string()),
  active: z.boolean(),
  version: z.int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
export const ScenarioView = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  articles: z.array(z.string()),
});
export const Published = z.object({
  measure: MeasureView,
  outcome: z.enum(['created', 'new_version', 'unchanged']),
});
export const MeasureParams = z.object({ code: z.string().min(1).max(60) });
const Reason = z.string().trim().min(2).max(500);

export const ScenariosResponse = z.object({ scenarios: z.array(ScenarioView) });

export const MeasuresQuery = z.object({
  scenario: z.enum(SCENARIO_CODES).optional().describe('业务场景代码'),
  listType: z.string().min(1).max(40).optional().describe('名单类型代码，如 red、black'),
  includeRetired: z.enum(['true', 'false']).optional().describe('是否包含已停用的措施'),
});
export const MeasuresResponse = z.object({ measures: z.array(MeasureView) });

export const MeasureHistoryResponse = z.object({ measure: MeasureView, versions: z.array(MeasureView) });

/** Strict, as the draft schema (issue 14 §6): an unknown property is REQUEST_INVALID, naming it. */
export const NewMeasureBody = MeasureDraftSchema.extend({ reason: Reason.optional() }).strict();
export const MeasureVersionBody = MeasureContentSchema.extend({ reason: Reason }).strict();
