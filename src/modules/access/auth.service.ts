import { randomBytes } from 'node:crypto';
import {
  csrfTokenFor,
  hashPassword,
  hashSessionToken,
  LOCKOUT_BACKOFF,
  type LockoutPolicy,
  lockoutMemoryMinutes,
  lockoutStatus,
  newSessionToken,
  parseApiKey,
  verifyApiKeySecret,
  verifyCsrfToken,
  verifyPassword,
  verifyTotp,
} from '../../platform/auth/index.ts';
import { verifiedSecrets } from '../../platform/auth/verified-secrets.ts';
import { expiringCache } from '../../platform/cache.ts';
import type { Sealer } from '../../platform/crypto/sealing.ts';
import { AppError } from '../../platform/errors.ts';
import { systemWriter } from '../audit/row-digests.service.ts';
import type { Store } from '../database.ts';
import type { Policy } from '../policy/index.ts';
import { type Account, accountsRepository } from './accounts.repository.ts';
import type { Actor } from './actor.ts';
import { type ApiKeyWithHash, apiKeysRepository } from './api-keys.repository.ts';
import { sessionsRepository } from './sessions.repository.ts';

const minutesBefore = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) - minutes * 60_000).toISOString();
const hoursAfter = (iso: string, hours: number) =>
  new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

/** Presented API keys remembered as verified (all forgotten past this many). */
const VERIFIED_KEYS = 10_000;
/**
 * How long a key's row is served from memory: a department system calls thousands of times a second
 * (decision 0013). A revocation or rotation in this process takes effect at once; one by another
 * process (the CLI, another server) within this time.
 */
const KEY_ROW_MS = 1000;

/**
 * The one answer to every failed sign-in (issue 14 §4): unknown login, wrong password, disabled
 * account, and a missing, wrong or replayed one-time code of an account with TOTP on all read the
 * same, so the answer never tells a guesser that a login exists, that its password was right, or
 * that it has TOTP. Sign-in forms always offer the one-time code field.
 */
const LOGIN_FAILED = () =>
  new AppError(
    'AUTH_LOGIN_FAILED',
    401,
    '账号、密码或动态验证码错误（已启用动态验证码的账号须同时填写验证码）',
    'Wrong login, password or one-time code (accounts with TOTP need the code as well)',
  );

const WRONG_PASSWORD = () =>
  new AppError('AUTH_LOGIN_FAILED', 401, '当前密码错误', 'The current password is wrong');

/** Password hashing as the service uses it; a test may count the work done. */
export type PasswordHasher = {
  verify(plain: string, phc: string): Promise<boolean>;
  hash(plain: string): Promise<string>;
};
const ARGON2ID: PasswordHasher = { verify: verifyPassword, hash: hashPassword };

/**
 * Sign-in with password (+ TOTP where enabled), lockout after repeated failures, web sessions and
 * API keys. All thresholds come from the policy's `access` section.
 *
 * Lockout keys on the login AND the client's address (`source`, issue 14 §4): failures from one
 * address lock that login for that address only, so a stranger typing a known login locks only
 * himself out, with a lock that doubles at each repetition (decision 0019).
 */
export function authService(deps: {
  store: Store;
  sealer: Sealer;
  policy: Policy;
  now: () => string;
  passwords?: PasswordHasher;
}) {
  const passwords = deps.passwords ?? ARGON2ID;
  /**
   * An argon2id hash of a random password nobody knows, made with the same cost as stored hashes: an
   * unknown login is verified against it, so it costs what a known one costs (issue 14 §4).
   */
  let dummyHash: Promise<string> | undefined;
  const dummy = () => {
    dummyHash ??= passwords.hash(randomBytes(32).toString('base64url'));
    return dummyHash;
  };
  // Writes of accounts, sessions and keys are vouched for on the audit chain (issue 14 §3).
  const writer = systemWriter(deps.policy);
  const accounts = accountsRepository(deps.store, writer);
  const sessions = sessionsRepository(deps.store, writer);
  const storedKeys = apiKeysRepository(deps.store, writer);
  const keyRows = expiringCache<string, ApiKeyWithHash>({ ttlMs: KEY_ROW_MS, maxEntries: VERIFIED_KEYS });
  /**
   * The stored keys; a revocation here drops the key's row from memory at once. Revoke through this
   * (`auth.apiKeys`), not through a repository of one's own: that would leave the row in memory for up
   * to KEY_ROW_MS (another process's revocation is read within that time anyway).
   */
  const apiKeys = {
    ...storedKeys,
    async revoke(id: string, now: string): Promise<boolean> {
      keyRows.delete(id);
      return storedKeys.revoke(id, now);
    },
  };
  /** The key's row as read at most KEY_ROW_MS ago; unknown ids are never remembered. */
  async function keyRow(id: string): Promise<ApiKeyWithHash | undefined> {
    const hit = keyRows.get(id);
    if (hit) return hit;
    const key = await storedKeys.findWithHash(id);
    if (key) keyRows.set(id, key);
    else keyRows.delete(id);
    return key;
  }
  const csrfKey = deps.sealer.deriveKey('csrf');
  const lockoutPolicy: LockoutPolicy = {
    maxFailures: deps.policy.access.loginLockout.maxFailures,
    windowMinutes: deps.policy.access.loginLockout.windowMinutes,
    lockMinutes: deps.policy.access.loginLockout.lockMinutes,
    backoff: LOCKOUT_BACKOFF,
  };
  const lastMarked = new Map<string, number>();
  /** presented API key (by its SHA-256) → the key row it verified against (see actorForApiKey) */
  const verified = verifiedSecrets<ApiKeyWithHash>(VERIFIED_KEYS);

  /** Refuses a login locked for this source, before any password is looked at. */
  async function refuseIfLocked(login: string, source: string, now: string) {
    const failures = await accounts.recentFailures(
      login,
      source,
      minutesBefore(now, lockoutMemoryMinutes(lockoutPolicy)),
    );
    const lock = lockoutStatus(failures, lockoutPolicy, new Date(now));
    if (lock.locked) {
      throw new AppError(
        'AUTH_LOCKED',
        429,
        `登录失败次数过多，已锁定至 ${lock.until}`,
        `Too many failed attempts; locked until ${lock.until}`,
        { until: lock.until },
      );
    }
  }

  return {
    accounts,
    sessions,
    apiKeys,

    /**
     * Checks the credentials and opens a session. A login locked for this source is refused before
     * the password is looked at (so guessing during the lock learns nothing). Every failure gets the
     * same answer after the same work: an unknown login is verified against a dummy hash, and a
     * missing or wrong one-time code reads like a wrong password.
     */
    async login(input: { login: string; password: string; totp?: string | undefined }, source: string) {
      const now = deps.now();
      // Made at the first sign-in of any login, known or not, so not even the first answer tells.
      const fallback = dummy();
      await refuseIfLocked(input.login, source, now);
      const account = await accounts.findByLogin(input.login);
      const passwordOk = await passwords.verify(input.password, account?.passwordHash ?? (await fallback));
      let ok = account !== undefined && passwordOk && account.status === 'active';
      if (ok && account?.totpSecretSealed) {
        const totp = input.totp
          ? verifyTotp(deps.sealer.open(account.totpSecretSealed), input.totp, {
              at: Date.parse(now),
              window: 1,
            })
          : ({ ok: false } as const);
        ok = totp.ok && (await accounts.claimTotpStep(account.id, totp.step));
      }
      if (!ok || !account) {
        await accounts.recordAttempt(input.login, source, false, now);
        throw LOGIN_FAILED();
      }
      await accounts.recordAttempt(input.login, source, true, now);
      const token = newSessionToken();
      const expiresAt = hoursAfter(now, deps.policy.access.session.maxHours);
      const sessionId = await sessions.create({
        tokenHash: hashSessionToken(token),
        accountId: account.id,
        now,
        expiresAt,
      });
      return { token, sessionId, expiresAt, csrfToken: csrfTokenFor(token, csrfKey), account };
    },

    /**
     * A signed-in person confirms a sensitive act (a new password, a second factor, another account)
     * with the password, and with `secondFactor` also a current one-time code when TOTP is on: counted
     * like a sign-in of the account from this source and locked alike (issue 14 §4), so a taken-over
     * session cannot guess either at leisure. A success is recorded only when everything asked held.
     */
    async confirmPassword(
      account: Account,
      password: string,
      source: string,
      options: { secondFactor?: string | undefined; requireSecondFactor?: boolean } = {},
    ): Promise<void> {
      const now = deps.now();
      await refuseIfLocked(account.login, source, now);
      const fail = async (error: AppError) => {
        await accounts.recordAttempt(account.login, source, false, now);
        return error;
      };
      if (!(await passwords.verify(password, account.passwordHash))) throw await fail(WRONG_PASSWORD());
      if (options.requireSecondFactor && account.totpSecretSealed) {
        const code = options.secondFactor;
        const check = code
          ? verifyTotp(deps.sealer.open(account.totpSecretSealed), code, { at: Date.parse(now), window: 1 })
          : ({ ok: false } as const);
        if (!check.ok || !(await accounts.claimTotpStep(account.id, check.step))) {
          throw await fail(
            new AppError(
              'AUTH_TOTP_INVALID',
              400,
              '须提供现有动态验证码密钥的当前验证码（currentCode），且每个验证码只能用一次',
              'A current code of the TOTP secret in use is needed (currentCode), each code once only',
              { field: 'currentCode' },
            ),
          );
        }
      }
      await accounts.recordAttempt(account.login, source, true, now);
    },

    /** A new password, and every other session of the account ended (issue 14 §4). */
    async changePassword(account: Account, keepSessionId: string, next: string): Promise<number> {
      const now = deps.now();
      await accounts.setPassword(account.id, await passwords.hash(next), now);
      return sessions.revokeOthers(account.id, keepSessionId, now);
    },

    async logout(sessionId: string) {
      await sessions.revoke(sessionId, deps.now());
    },

    csrfTokenFor: (sessionToken: string) => csrfTokenFor(sessionToken, csrfKey),
    verifyCsrf: (sessionToken: string, token: string) => verifyCsrfToken(sessionToken, token, csrfKey),

    /** The account behind a session cookie, or undefined when it is unknown, expired or revoked. */
    async actorForSession(token: string): Promise<Actor | undefined> {
      const live = await sessions.findLive(hashSessionToken(token), deps.now());
      if (!live) return undefined;
      const account = await accounts.findById(live.accountId);
      if (!account) return undefined;
      return {
        kind: 'account',
        accountId: account.id,
        login: account.login,
        role: account.role,
        departmentCode: account.departmentCode,
        regionCode: account.regionCode,
        subjectId: account.subjectId,
        sessionId: live.sessionId,
      };
    },

    /** The department system behind an API key; a malformed, unknown, revoked or expired key is refused. */
    async actorForApiKey(full: string): Promise<Actor> {
      const refused = (reason: string, reasonEn: string) =>
        new AppError('API_KEY_INVALID', 401, `API 密钥无效：${reason}`, `Invalid API key: ${reasonEn}`);
      // A key presented again is not parsed and hashed again while its row, as it was verified
      // against, is still the one in memory (at most KEY_ROW_MS old): a revocation or rotation here
      // drops that row, one elsewhere is read within a second, and either way the key is verified anew.
      let key = verified.get(full);
      if (key && (await keyRow(key.id)) !== key) {
        verified.forget(full);
        key = undefined;
      }
      if (!key) {
        const parsed = parseApiKey(full);
        if (!parsed) throw refused('格式不正确', 'malformed');
        const found = await keyRow(parsed.keyId);
        if (!found || !verifyApiKeySecret(parsed.secret, found.secretHash))
          throw refused('密钥不存在', 'unknown key');
        verified.remember(full, found);
        key = found;
      }
      const now = deps.now();
      if (key.revokedAt) throw refused(`已于 ${key.revokedAt} 吊销`, `revoked at ${key.revokedAt}`);
      if (key.expiresAt && key.expiresAt <= now)
        throw refused(`已于 ${key.expiresAt} 过期`, `expired at ${key.expiresAt}`);
      // Recording use is informational: at most once a minute per key, so checks at high rates do
      // not turn every read into a write.
      if ((lastMarked.get(key.id) ?? 0) < Date.parse(now) - 60_000) {
        lastMarked.set(key.id, Date.parse(now));
        await apiKeys.markUsed(key.id, now);
      }
      return {
        kind: 'system',
        apiKeyId: key.id,
        departmentCode: key.departmentCode,
        regionCode: null,
        permissions: key.permissions,
      };
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
