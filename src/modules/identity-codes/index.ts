/**
 * Identity codes (DOMAIN.md "Identity"): citizen ID numbers (GB 11643), unified social credit codes
 * (GB 32100) and organization codes (GB 11714), with GB/T 2260 regions. Pure functions: no I/O, and
 * bad input yields a result with a stable error code, never an exception. See README.md here for
 * the decisions (kind detection, region policy, earliest birth date, registered exceptions).
 */

export { checkCode } from './check.ts';
export { checkCitizenId, citizenIdCheckChar, upgradeCitizenId15 } from './citizen-id.ts';
export { EXCUSABLE_CODE_ERRORS } from './code-errors.ts';
export { normalizeCode } from './normalize.ts';
export { checkOrganizationCode, organizationCodeCheckChar } from './organization-code.ts';
export type { Region, RegionLevel } from './regions.ts';
export { findRegion, HUAIAN_REGION_CODE, huaianCounties, listRegions } from './regions.ts';
export type {
  CheckOptions,
  CodeCheck,
  CodeError,
  CodeException,
  CodeKind,
  CodeRegion,
  CodeWarning,
} from './types.ts';
export { checkUscc, usccCheckChar } from './uscc.ts';
