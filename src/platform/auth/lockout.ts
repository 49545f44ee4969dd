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
};

export type LockoutStatus = {
  locked: boolean;
  /** when locked: the instant (ISO 8601 UTC) the lock ends */
  until?: string;
  /** failures still allowed before the account locks; 0 while locked */
  remaining: number;
};

const MINUTE_MS = 60_000;

function requirePolicy(policy: LockoutPolicy): void {
  const valid = [policy.maxFailures, policy.windowMinutes, policy.lockMinutes].every(
    (value) => Number.isInteger(value) && value > 0,
  );
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
 * a rightful user locked out forever by guessing on).
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
  let counting: number[] = [];
  for (const t of times) {
    if (t < lockedUntil) continue;
    counting = counting.filter((earlier) => earlier > t - windowMs);
    counting.push(t);
    if (counting.length >= policy.maxFailures) {
      lockedUntil = t + policy.lockMinutes * MINUTE_MS;
      counting = [];
    }
  }

  if (at < lockedUntil) return { locked: true, until: new Date(lockedUntil).toISOString(), remaining: 0 };
  const recent = counting.filter((t) => t > at - windowMs).length;
  return { locked: false, remaining: policy.maxFailures - recent };
}
