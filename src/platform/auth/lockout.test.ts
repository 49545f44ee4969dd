import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lockoutMemoryMinutes, lockoutStatus } from './lockout.ts';

const policy = { maxFailures: 5, windowMinutes: 15, lockMinutes: 30 };
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const minutes = (n: number) => new Date(T0 + n * 60_000);
const failuresAt = (...offsets: number[]) => offsets.map((n) => minutes(n).toISOString());

describe('account lockout', () => {
  it('is open with every attempt left when nothing failed', () => {
    assert.deepEqual(lockoutStatus([], policy, minutes(0)), { locked: false, remaining: 5 });
  });

  it('counts down the attempts left within the window', () => {
    assert.deepEqual(lockoutStatus(failuresAt(0, 1, 2), policy, minutes(3)), { locked: false, remaining: 2 });
    assert.deepEqual(lockoutStatus(failuresAt(0, 1, 2, 3), policy, minutes(4)), {
      locked: false,
      remaining: 1,
    });
  });

  it('locks at the maximum within the window, until lockMinutes after the last failure', () => {
    const failures = failuresAt(0, 1, 2, 3, 10);
    assert.deepEqual(lockoutStatus(failures, policy, minutes(10)), {
      locked: true,
      until: minutes(40).toISOString(),
      remaining: 0,
    });
    assert.equal(lockoutStatus(failures, policy, minutes(39)).locked, true);
  });

  it('unlocks when the lock ends, with every attempt back', () => {
    assert.deepEqual(lockoutStatus(failuresAt(0, 1, 2, 3, 4), policy, minutes(34)), {
      locked: false,
      remaining: 5,
    });
  });

  it('forgets failures older than the window, so slips spread over time never lock', () => {
    const failures = failuresAt(0, 10, 20, 30, 40, 50, 60);
    assert.deepEqual(lockoutStatus(failures, policy, minutes(61)), { locked: false, remaining: 3 });
    assert.deepEqual(lockoutStatus(failuresAt(0, 1, 2, 3), policy, minutes(15)), {
      locked: false,
      remaining: 2,
    });
  });

  it('does not extend the lock for attempts recorded while locked', () => {
    const failures = failuresAt(0, 1, 2, 3, 4, 20, 33);
    assert.deepEqual(lockoutStatus(failures, policy, minutes(34)), { locked: false, remaining: 5 });
  });

  it('locks again after a lock when the maximum is reached anew', () => {
    const failures = failuresAt(0, 1, 2, 3, 4, 35, 36, 37, 38, 39);
    assert.deepEqual(lockoutStatus(failures, policy, minutes(40)), {
      locked: true,
      until: minutes(69).toISOString(),
      remaining: 0,
    });
  });

  it('reads failures in any order and ignores those after now', () => {
    assert.deepEqual(lockoutStatus(failuresAt(3, 0, 2, 1, 4), policy, minutes(5)).locked, true);
    assert.deepEqual(lockoutStatus(failuresAt(0, 1, 2, 3, 4), policy, minutes(3)), {
      locked: false,
      remaining: 1,
    });
  });

  it('accepts Date values as well as ISO strings', () => {
    const failures = [0, 1, 2, 3, 4].map(minutes);
    assert.equal(lockoutStatus(failures, policy, minutes(5)).locked, true);
  });

  it('refuses an invalid policy or timestamp', () => {
    assert.throws(() => lockoutStatus([], { ...policy, maxFailures: 0 }, minutes(0)), {
      code: 'LOCKOUT_POLICY_INVALID',
    });
    assert.throws(() => lockoutStatus([], { ...policy, lockMinutes: 1.5 }, minutes(0)), {
      code: 'LOCKOUT_POLICY_INVALID',
    });
    assert.throws(() => lockoutStatus(['yesterday'], policy, minutes(0)), {
      code: 'LOCKOUT_TIMESTAMP_INVALID',
    });
  });
});

describe('account lockout with backoff (issue 14 §4)', () => {
  const backoff = { ...policy, backoff: { factor: 2, maxLockMinutes: 100 } };

  it('issue 14 §4: each further lock lasts twice the one before, up to the maximum', () => {
    // first lock at 4 → until 34; second at 38 → until 98; third at 102 → until 202 (capped at 100)
    const failures = failuresAt(0, 1, 2, 3, 4, 34, 35, 36, 37, 38, 98, 99, 100, 101, 102);
    assert.deepEqual(
      lockoutStatus(failures.slice(0, 5), backoff, minutes(5)).until,
      minutes(34).toISOString(),
    );
    assert.deepEqual(
      lockoutStatus(failures.slice(0, 10), backoff, minutes(39)).until,
      minutes(98).toISOString(),
    );
    assert.deepEqual(lockoutStatus(failures, backoff, minutes(103)).until, minutes(202).toISOString());
    // without backoff, every lock lasts lockMinutes
    assert.deepEqual(lockoutStatus(failures, policy, minutes(103)).until, minutes(132).toISOString());
  });

  it('never shortens the first lock below the policy’s lockMinutes', () => {
    const short = { ...policy, backoff: { factor: 2, maxLockMinutes: 10 } };
    assert.equal(
      lockoutStatus(failuresAt(0, 1, 2, 3, 4), short, minutes(5)).until,
      minutes(34).toISOString(),
    );
  });

  it('reads failures far enough back to see every lock', () => {
    assert.equal(lockoutMemoryMinutes(backoff), 15 + 2 * 100);
    assert.equal(lockoutMemoryMinutes(policy), 15 + 2 * 30);
  });
});
