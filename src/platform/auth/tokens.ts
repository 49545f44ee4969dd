import { createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';

/**
 * Bearer secrets: API keys for integrating systems, browser session tokens and the CSRF tokens
 * bound to them. Every one is 256 random bits; the database keeps only a hash, so someone who can
 * read the database (a backup, a replica, an injected query) cannot use what they read.
 */

// crypto.hash: the one-shot form, several times cheaper than createHash for short inputs.
const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/**
 * Compares two strings without leaking, through timing, where they first differ. Both sides are
 * hashed first so strings of different lengths compare in the same way and time (timingSafeEqual
 * itself requires equal lengths).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (text: string) => hash('sha256', text, 'buffer');
  return timingSafeEqual(digest(a), digest(b)) && a.length === b.length;
}

const SECRET_BYTES = 32; // 256 bits → 43 base64url characters
const KEY_ID_BYTES = 10; // 80 bits → 16 base32 characters; not secret, only unique
const KEY_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const API_KEY_PREFIX_PATTERN = /^[a-z]{2,8}$/;

/** 256 random bits, base64url without padding (43 characters). */
const newSecret = (): string => randomBytes(SECRET_BYTES).toString('base64url');

/** Only the canonical encoding of exactly 32 bytes: 43 characters whose last one carries no stray bits. */
const isSecret = (text: string): boolean =>
  /^[A-Za-z0-9_-]{43}$/.test(text) && Buffer.from(text, 'base64url').toString('base64url') === text;

function newKeyId(): string {
  // 10 bytes = 80 bits = exactly 16 base32 digits; lower case so the id reads well in logs and URLs.
  let bits = 0n;
  for (const byte of randomBytes(KEY_ID_BYTES)) bits = (bits << 8n) | BigInt(byte);
  let id = '';
  for (let i = 0; i < 16; i++) id = KEY_ID_ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)] + id;
  return id;
}

export type NewApiKey = {
  /** the key id: stored in clear, used to find the key's row */
  id: string;
  /** the secret part: hash it with `hashApiKeySecret` and store only the hash */
  secret: string;
  /** the full key `xy_<id>_<secret>`, to display to its owner ONCE at creation; never stored or logged */
  display: string;
  /** `xy_<id>_…`: safe to show in key lists and audit logs to say which key was used */
  hint: string;
};

/**
 * A new API key `<prefix>_<16-char id>_<43-char secret>`. The fixed prefix lets secret scanners
 * (and people) recognise a leaked key; the id lets the server fetch one row and compare one hash
 * instead of searching by hash.
 */
export function newApiKey(prefix = 'xy'): NewApiKey {
  if (!API_KEY_PREFIX_PATTERN.test(prefix)) {
    throw new AppError(
      'API_KEY_PREFIX_INVALID',
      500,
      'API 密钥前缀应为 2–8 个小写字母',
      'An API key prefix must be 2–8 lower-case letters',
    );
  }
  const id = newKeyId();
  const secret = newSecret();
  return { id, secret, display: `${prefix}_${id}_${secret}`, hint: `${prefix}_${id}_…` };
}

/**
 * Splits a presented key into id and secret, or undefined when it does not have exactly our format
 * (wrong prefix, lengths or characters), so garbage is refused before any database lookup.
 */
export function parseApiKey(full: string, prefix = 'xy'): { keyId: string; secret: string } | undefined {
  if (!API_KEY_PREFIX_PATTERN.test(prefix) || full.length !== prefix.length + 1 + 16 + 1 + 43)
    return undefined;
  const match = /^([a-z]{2,8})_([a-z2-7]{16})_([A-Za-z0-9_-]{43})$/.exec(full);
  if (!match || match[1] !== prefix || !isSecret(match[3]!)) return undefined;
  return { keyId: match[2]!, secret: match[3]! };
}

/**
 * SHA-256, not argon2, on purpose: a slow hash protects low-entropy human passwords against
 * guessing, but a 256-bit random secret cannot be guessed at any speed, while an API key is checked
 * on every request, where argon2's deliberate ~50 ms and 19 MiB would be a self-inflicted
 * denial of service.
 */
export const hashApiKeySecret = (secret: string): string => sha256Hex(secret);

/** True when a presented secret matches the stored hash (compared in constant time). */
export const verifyApiKeySecret = (secret: string, storedHash: string): boolean => {
  // A stored hash is 64 hex characters: the two digests compare as bytes, in constant time, without
  // hashing them again (this runs on every request of a department system).
  if (!/^[0-9a-f]{64}$/.test(storedHash)) return constantTimeEqual(hashApiKeySecret(secret), storedHash);
  return timingSafeEqual(hash('sha256', secret, 'buffer'), Buffer.from(storedHash, 'hex'));
};

/** A new session token for the cookie: 256 random bits, base64url (43 characters). */
export const newSessionToken = (): string => newSecret();

/** What the sessions table stores: a database reader cannot turn it back into a usable cookie. */
export const hashSessionToken = (token: string): string => sha256Hex(token);

function requireKey(key: Uint8Array): void {
  if (key.length < 32) {
    throw new AppError(
      'KEY_INVALID',
      500,
      'CSRF 密钥至少应为 32 字节',
      'The CSRF key must be at least 32 bytes',
    );
  }
}

/**
 * Synchronizer token (OWASP CSRF Prevention): HMAC of the session token under a server key. It is
 * bound to its session, needs no storage, and a page on another site cannot compute it because it
 * can read neither the cookie nor the key.
 */
export function csrfTokenFor(sessionToken: string, key: Uint8Array): string {
  requireKey(key);
  return createHmac('sha256', key).update(`csrf\0${sessionToken}`, 'utf8').digest('base64url');
}

/** True only when `csrfToken` was issued for this session under this key. */
export function verifyCsrfToken(sessionToken: string, csrfToken: string, key: Uint8Array): boolean {
  return constantTimeEqual(csrfTokenFor(sessionToken, key), csrfToken);
}
