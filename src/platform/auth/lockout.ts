import { AppError } from '../errors.ts';

/**
 * Account lockout against password guessing, as a pure rule: the numbers come from the active
 * policy (decision 0004), the failed attempts from the caller's store, the clock from the caller.
 */
export type LockoutPolicy = {
  /** failed attempts within the window that lock the account */
  maxFailures: number;
  /** how far back failures count, in minutes */
  windowMinutes: number;
  /** how long the account stays locked after the last of those failures, in minutes */
  lockMinutes: number;
  /**
   * Backoff (issue 14 §4): each further lock within the failures given lasts `factor` times the one
   * before, up to `maxLockMinutes`. Absent: every lock lasts `lockMinutes`.
   */
  backoff?: { factor: number; maxLockMinutes: number } | undefined;
};

/**
 * The platform's backoff: the second lock of a login from one source lasts twice the first, and so on,
 * up to a day; the failures that count are those since the last success from that source, within
 * `lockoutMemoryMinutes` (decision 0019). Mechanics of the lock, like the password hash's cost, not a
 * number of the policy: the policy's `loginLockout` sets the first lock.
 */
export const LOCKOUT_BACKOFF = Object.freeze({ factor: 2, maxLockMinutes: 24 * 60 });

/** How far back failures are read for a lockout decision with backoff: long enough to see every lock. */
export function lockoutMemoryMinutes(policy: LockoutPolicy): number {
  const longest = Math.max(policy.lockMinutes, policy.backoff?.maxLockMinutes ?? 0);
  return policy.windowMinutes + 2 * longest;
}

export type LockoutStatus = {
  locked: boolean;
  /** when locked: the instant (ISO 8601 UTC) the lock ends */
  until?: string;
  /** failures still allowed before the account locks; 0 while locked */
  remaining: number;
};

const MINUTE_MS = 60_000;

function requirePolicy(policy: LockoutPolicy): void {
  const numbers = [policy.maxFailures, policy.windowMinutes, policy.lockMinutes];
  if (policy.backoff) numbers.push(policy.backoff.maxLockMinutes);
  const valid =
    numbers.every((value) => Number.isInteger(value) && value > 0) &&
    (!policy.backoff || (policy.backoff.factor >= 1 && Number.isFinite(policy.backoff.factor)));
  if (!valid) {
    throw new AppError(
      'LOCKOUT_POLICY_INVALID',
      500,
      '账户锁定策略的次数和分钟数应为正整数',
      'The lockout policy needs positive whole numbers of failures and minutes',
      { policy },
    );
  }
}

function instant(value: string | Date): number {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) {
    throw new AppError(
      'LOCKOUT_TIMESTAMP_INVALID',
      500,
      '登录失败时间无法解析',
      'A failed-attempt time cannot be read',
      {
        value: String(value),
      },
    );
  }
  return ms;
}

/**
 * Whether the account is locked at `now`, given its failed login attempts (in any order).
 *
 * The account locks when `maxFailures` failures fall within `windowMinutes` of each other, until
 * `lockMinutes` after the failure that reached the count. A lock wipes the slate: once it has
 * expired, the account has the full number of attempts again, rather than relocking at the next
 * slip because the old failures are still inside the window. Failures recorded while locked do not
 * extend the lock (the login refuses them before checking any password, so an attacker cannot keep
 * a rightful user locked out forever by guessing on). With `backoff`, the n-th lock among the
 * failures given lasts lockMinutes × factorⁿ⁻¹ (at most maxLockMinutes): the caller passes the
 * failures since the last success, so a success resets the backoff.
 */
export function lockoutStatus(
  failures: readonly (string | Date)[],
  policy: LockoutPolicy,
  now: Date,
): LockoutStatus {
  requirePolicy(policy);
  const windowMs = policy.windowMinutes * MINUTE_MS;
  const at = now.getTime();
  const times = failures
    .map(instant)
    .filter((t) => t <= at)
    .sort((a, b) => a - b);

  let lockedUntil = Number.NEGATIVE_INFINITY;
  let locks = 0;
  let counting: number[] = [];
  for (const t of times) {
    if (t < lockedUntil) continue;
    counting = counting.filter((earlier) => earlier > t - windowMs);
    counting.push(t);
    if (counting.length >= policy.maxFailures) {
      const minutes = policy.backoff
        ? Math.min(
            policy.lockMinutes * policy.backoff.factor ** locks,
            Math.max(policy.backoff.maxLockMinutes, policy.lockMinutes),
          )
        : policy.lockMinutes;
      lockedUntil = t + minutes * MINUTE_MS;
      locks++;
      counting = [];
    }
  }

  if (at < lockedUntil) return { locked: true, until: new Date(lockedUntil).toISOString(), remaining: 0 };
  const recent = counting.filter((t) => t > at - windowMs).length;
  return { locked: false, remaining: policy.maxFailures - recent };
}
