/**
 * Issue 14 §4: sign-in takes the same work whether or not the login exists. An unknown login is
 * verified against a dummy argon2id hash of the same cost as stored ones, counted here (no timings in
 * tests: the work is what is compared).
 */

import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { hashPassword, parsePasswordHash, verifyPassword } from '../../platform/auth/index.ts';
import { createSealer } from '../../platform/crypto/sealing.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { TEST_WRITER } from '../audit/test-support.ts';
import type { Policy } from '../policy/index.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from '../policy/policy.loader.ts';
import { accountsRepository } from './accounts.repository.ts';
import { authService } from './auth.service.ts';

const sealer = createSealer({ dataKey: Buffer.alloc(32, 3), indexKey: Buffer.alloc(32, 4) });
const now = () => '2026-11-26T08:00:00.000Z';

describeEachEngine('issue 14 §4: sign-in work', (getStore) => {
  let policy: Policy;
  let storedHash = '';
  before(async () => {
    policy = await loadPolicyFile(DEFAULT_POLICY_PATH);
    storedHash = await hashPassword('Huaian-Staff-2026!');
    await accountsRepository(getStore(), TEST_WRITER).create(
      {
        login: 'work.staff',
        displayName: '工作人员',
        role: 'user_staff',
        departmentCode: null,
        regionCode: null,
        subjectId: null,
        passwordHash: storedHash,
        totpSecretSealed: null,
      },
      now(),
    );
  });

  it('issue 14 §4: an unknown login is verified against a dummy hash of the same cost as a known one', async () => {
    const verified: string[] = [];
    const auth = authService({
      store: getStore(),
      sealer,
      policy,
      now,
      passwords: {
        verify: async (plain, phc) => {
          verified.push(phc);
          return verifyPassword(plain, phc);
        },
        hash: hashPassword,
      },
    });
    const attempt = (login: string) =>
      auth.login({ login, password: 'Wrong-Password-2026' }, '10.2.2.2').then(
        () => assert.fail('must be refused'),
        (error: { code: string; message: string }) => [error.code, error.message],
      );
    const unknown = await attempt('nobody.at.all');
    const known = await attempt('work.staff');
    assert.deepEqual(unknown, known, 'the same answer');
    assert.equal(verified.length, 2, 'one password verification each');
    const [dummy, real] = verified.map((phc) => parsePasswordHash(phc));
    assert.ok(dummy && real);
    assert.notEqual(verified[0], storedHash, 'the unknown login was verified against a dummy hash');
    assert.equal(verified[1], storedHash);
    assert.deepEqual(
      [dummy.memoryKiB, dummy.passes, dummy.parallelism, dummy.hash.length],
      [real.memoryKiB, real.passes, real.parallelism, real.hash.length],
      'at the same cost',
    );
  });
});
