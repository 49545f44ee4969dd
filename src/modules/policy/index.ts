/** Policy as versioned data: load it, read numbers through helpers, stamp decisions with it. */
export { jsonErrorOffset, lineAndColumn } from './json-position.ts';
export { MESSAGES, type PolicyIssue } from './policy.messages.ts';
export {
  addPolicyDuration,
  type CalendarDuration,
  COMPOUND_SURNAMES,
  maskCitizenId,
  maskPersonName,
  maskPhone,
  maskWith,
  policyRef,
  SEVERITIES,
  type Severity,
  subtractPolicyDuration,
  surnameLength,
  validityOf,
} from './policy.ts';
export type {
  CalendarPeriod,
  CountWithin,
  MaskRule,
  NameMaskRule,
  Policy,
  ValidityEntry,
  WorkdaysPeriod,
} from './policy-file.ts';
export { PolicySchema } from './policy-file.ts';
export {
  canonicalJson,
  type PolicyValidation,
  parsePolicy,
  policyFingerprint,
  policyStamp,
  validatePolicy,
} from './policy-parse.ts';
