import { createHmac, randomBytes } from 'node:crypto';
import { badRequest } from '../errors.ts';
import { constantTimeEqual } from './tokens.ts';

/**
 * One-time passwords for staff second factor: HOTP (RFC 4226) and TOTP (RFC 6238) with the
 * parameters every authenticator app supports without question: HMAC-SHA-1, 6 digits, 30 s steps.
 * Secrets travel as RFC 4648 base32 without padding, the form the `otpauth://` URI and manual
 * entry in the apps expect.
 */
export const TOTP_PARAMETERS = Object.freeze({ digits: 6, periodSeconds: 30, secretBytes: 20 });

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 §6 base32, upper case, no `=` padding. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Reads base32 as people type it from a screen: case, spaces, hyphens and padding are tolerated. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/=+$/, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) {
      throw badRequest(
        'TOTP_SECRET_INVALID',
        '密钥不是有效的 Base32 编码',
        'The secret is not valid base32',
        {
          character: char,
        },
      );
    }
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new shared secret: 160 random bits (the key length RFC 4226 §4 recommends), base32. */
export const generateTotpSecret = (): string => base32Encode(randomBytes(TOTP_PARAMETERS.secretBytes));

/** RFC 4226 §5.3: HMAC-SHA-1 over the 8-byte counter, dynamic truncation, last `digits` digits. */
export function hotp(
  key: Uint8Array,
  counter: number | bigint,
  digits: number = TOTP_PARAMETERS.digits,
): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 §4.2: the time step containing the instant `at` (ms since the epoch). */
export const totpStep = (at: number, periodSeconds: number = TOTP_PARAMETERS.periodSeconds): number =>
  Math.floor(at / 1000 / periodSeconds);

export type TotpOptions = { at?: number | undefined; digits?: number | undefined };

/** The code an authenticator app shows at `at` (default now) for a base32 secret. */
export function totp(secret: string, options: TotpOptions = {}): string {
  return hotp(base32Decode(secret), totpStep(options.at ?? Date.now()), options.digits);
}

export type TotpVerifyOptions = TotpOptions & {
  /** steps accepted either side of the current one, for clock drift and typing time (RFC 6238 §5.2) */
  window: number;
  /** the step of the last code this account used: it and earlier steps are refused (replay) */
  lastUsedStep?: number | undefined;
};

export type TotpVerification = { ok: true; step: number } | { ok: false };

/**
 * Checks a code typed by a person within ±`window` steps. On success returns the matched step: the
 * caller stores it and passes it back as `lastUsedStep`, so one code cannot be used twice
 * (RFC 6238 §5.2: the verifier MUST NOT accept the second attempt of the same OTP).
 */
export function verifyTotp(secret: string, code: string, options: TotpVerifyOptions): TotpVerification {
  const digits = options.digits ?? TOTP_PARAMETERS.digits;
  const typed = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(typed)) return { ok: false };
  const key = base32Decode(secret);
  const current = totpStep(options.at ?? Date.now());
  let matched: number | undefined;
  // Every step in the window is computed and compared, so timing does not tell which one matched.
  for (let step = current - options.window; step <= current + options.window; step++) {
    const usable = step >= 0 && (options.lastUsedStep === undefined || step > options.lastUsedStep);
    if (constantTimeEqual(hotp(key, Math.max(step, 0), digits), typed) && usable) matched ??= step;
  }
  return matched === undefined ? { ok: false } : { ok: true, step: matched };
}

export type OtpauthOptions = { issuer: string; account: string; secret: string };

/**
 * The Key URI scanned as a QR code (Google Authenticator "Key Uri Format"): label `issuer:account`,
 * issuer repeated as a parameter; percent-encoding (not `+`) so 信用淮安 shows correctly in every app.
 */
export function otpauthUri({ issuer, account, secret }: OtpauthOptions): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = [
    `secret=${base32Encode(base32Decode(secret))}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${TOTP_PARAMETERS.digits}`,
    `period=${TOTP_PARAMETERS.periodSeconds}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}

/**
 * Enrolment (issue 14 §4): the platform generates every TOTP secret, never the caller. The secret
 * handed out comes with an enrolment token, an HMAC under a server key over (account, secret,
 * expiry); binding the secret needs the token back, so a secret the caller chose, or one issued to
 * another account, or an expired one, is refused. Nothing is stored until the secret is bound.
 */
export type TotpEnrollmentCheck = 'ok' | 'not_issued' | 'expired';

const ENROLLMENT_VERSION = 'e1';

function enrollmentMac(accountId: string, secret: string, expiresAtMs: number, key: Uint8Array): string {
  return createHmac('sha256', key)
    .update(`totp-enrollment\0${accountId}\0${base32Encode(base32Decode(secret))}\0${expiresAtMs}`, 'utf8')
    .digest('base64url');
}

/** The token that goes with a freshly generated secret for this account, valid until `expiresAtMs`. */
export function totpEnrollmentFor(
  accountId: string,
  secret: string,
  expiresAtMs: number,
  key: Uint8Array,
): string {
  return `${ENROLLMENT_VERSION}.${expiresAtMs}.${enrollmentMac(accountId, secret, expiresAtMs, key)}`;
}

/** Whether `secret` was issued by the platform to this account with `token`, and is still to be bound. */
export function checkTotpEnrollment(
  accountId: string,
  secret: string,
  token: string,
  key: Uint8Array,
  nowMs: number,
): TotpEnrollmentCheck {
  const [version, expiry, mac, extra] = token.split('.');
  if (version !== ENROLLMENT_VERSION || !expiry || !/^\d{1,15}$/.test(expiry) || !mac || extra !== undefined)
    return 'not_issued';
  let expected: string;
  try {
    if (base32Decode(secret).length < TOTP_PARAMETERS.secretBytes) return 'not_issued';
    expected = enrollmentMac(accountId, secret, Number(expiry), key);
  } catch {
    return 'not_issued';
  }
  if (!constantTimeEqual(expected, mac)) return 'not_issued';
  return Number(expiry) <= nowMs ? 'expired' : 'ok';
}
