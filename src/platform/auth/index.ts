/**
 * Security primitives for sign-in and API access: pure functions over strings, bytes and clocks,
 * with no database and no HTTP, shared by the auth service, the CLI and tests.
 */
export {
  LOCKOUT_BACKOFF,
  type LockoutPolicy,
  type LockoutStatus,
  lockoutMemoryMinutes,
  lockoutStatus,
} from './lockout.ts';
export {
  ARGON2ID_PARAMETERS,
  type Argon2idParameters,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyPassword,
} from './password.ts';
export {
  checkPasswordStrength,
  PASSWORD_RULES,
  type PasswordProblem,
  type PasswordProblemCode,
  type PasswordStrengthOptions,
  passwordRejected,
} from './password-strength.ts';
export {
  constantTimeEqual,
  csrfTokenFor,
  hashApiKeySecret,
  hashSessionToken,
  type NewApiKey,
  newApiKey,
  newSessionToken,
  parseApiKey,
  verifyApiKeySecret,
  verifyCsrfToken,
} from './tokens.ts';
export {
  base32Decode,
  base32Encode,
  checkTotpEnrollment,
  generateTotpSecret,
  hotp,
  type OtpauthOptions,
  otpauthUri,
  TOTP_PARAMETERS,
  type TotpEnrollmentCheck,
  type TotpOptions,
  type TotpVerification,
  type TotpVerifyOptions,
  totp,
  totpEnrollmentFor,
  totpStep,
  verifyTotp,
} from './totp.ts';
