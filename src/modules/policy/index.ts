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
  publicationClassOf,
  repairNoticePeriod,
  SEVERITIES,
  type Severity,
  subtractPolicyDuration,
  surnameLength,
  validityOf,
} from './policy.ts';
export type {
  BlacklistRepairRules,
  CalendarPeriod,
  CountWithin,
  MaskRule,
  NameMaskRule,
  NegativeRepairRules,
  Policy,
  PublicationClass,
  PublicationClasses,
  PublicationClassKey,
  ValidityEntry,
  WorkdaysPeriod,
} from './policy-file.ts';
export { CONSENT_GRANT_LIMITS, PolicySchema, PUBLICATION_CLASSES } from './policy-file.ts';
export {
  canonicalJson,
  type PolicyValidation,
  parsePolicy,
  policyFingerprint,
  policyStamp,
  validatePolicy,
} from './policy-parse.ts';
