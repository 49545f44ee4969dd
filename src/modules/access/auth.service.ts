import {
  csrfTokenFor,
  hashSessionToken,
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
import { accountsRepository } from './accounts.repository.ts';
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

const LOGIN_FAILED = () =>
  new AppError('AUTH_LOGIN_FAILED', 401, '账号或密码错误', 'Wrong login or password');

/**
 * Sign-in with password (+ TOTP where enabled), lockout after repeated failures, web sessions and
 * API keys. All thresholds come from the policy's `access` section.
 */
export function authService(deps: { store: Store; sealer: Sealer; policy: Policy; now: () => string }) {
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
  const lockoutPolicy = deps.policy.access.loginLockout;
  const lastMarked = new Map<string, number>();
  /** presented API key (by its SHA-256) → the key row it verified against (see actorForApiKey) */
  const verified = verifiedSecrets<ApiKeyWithHash>(VERIFIED_KEYS);

  async function lockState(login: string, now: string) {
    const failures = await accounts.recentFailures(
      login,
      minutesBefore(now, lockoutPolicy.windowMinutes + lockoutPolicy.lockMinutes),
    );
    return lockoutStatus(
      failures,
      {
        maxFailures: lockoutPolicy.maxFailures,
        windowMinutes: lockoutPolicy.windowMinutes,
        lockMinutes: lockoutPolicy.lockMinutes,
      },
      new Date(now),
    );
  }

  return {
    accounts,
    sessions,
    apiKeys,

    /**
     * Checks the credentials and opens a session. A locked login is refused before the password is
     * looked at (so guessing during the lock learns nothing); unknown logins and wrong passwords get
     * the same answer.
     */
    async login(input: { login: string; password: string; totp?: string | undefined }) {
      const now = deps.now();
      const lock = await lockState(input.login, now);
      if (lock.locked) {
        throw new AppError(
          'AUTH_LOCKED',
          429,
          `登录失败次数过多，账号已锁定至 ${lock.until}`,
          `Too many failed sign-ins; locked until ${lock.until}`,
          { until: lock.until },
        );
      }
      const account = await accounts.findByLogin(input.login);
      const passwordOk = account ? await verifyPassword(input.password, account.passwordHash) : false;
      if (!account || !passwordOk || account.status !== 'active') {
        await accounts.recordAttempt(input.login, false, now);
        throw LOGIN_FAILED();
      }
      if (account.totpSecretSealed) {
        if (!input.totp) {
          throw new AppError(
            'AUTH_TOTP_REQUIRED',
            401,
            '请输入动态验证码',
            'Enter the one-time code from your authenticator',
          );
        }
        const totp = verifyTotp(deps.sealer.open(account.totpSecretSealed), input.totp, {
          at: Date.parse(now),
          window: 1,
        });
        if (!totp.ok || !(await accounts.claimTotpStep(account.id, totp.step))) {
          await accounts.recordAttempt(input.login, false, now);
          throw new AppError(
            'AUTH_TOTP_INVALID',
            401,
            '动态验证码错误或已使用',
            'The one-time code is wrong or was already used',
          );
        }
      }
      await accounts.recordAttempt(input.login, true, now);
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
