/**
 * The measures catalog of joint incentives and punishments (A13, A14, D §5): measures as versioned
 * data, the business scenarios, the seed Huai'an catalog and the pure decision rule of a credit check.
 */

export { type DecisionResult, decide, type EntryForDecision } from './decide.ts';
export {
  MeasureContentSchema,
  MeasureDraftSchema,
  type MeasureIssue,
  type MeasureReferences,
  parseMeasureDraft,
} from './measure-draft.ts';
export type { MeasuresRepository, PublishOutcome } from './measures.repository.ts';
export type { SeedResult } from './measures.seed.ts';
export type { MeasuresService } from './measures.service.ts';
export * from './measures.ts';
export { isScenario, SCENARIO_CODES, SCENARIOS, type Scenario, type ScenarioCode } from './scenarios.ts';
export { SEED_MEASURES } from './seed.ts';
