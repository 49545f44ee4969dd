/**
 * A policy's numbers are data the platform's decisions rest on; a database remembers the digest of
 * each (id, version) it ran under and refuses a file whose content changed under the same version
 * (POLICY_VERSION_CONFLICT). This holds the shipped files to the digests their versions were released
 * with, so a change to a shipped policy without a new version fails here rather than on a city's
 * upgrade.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadPolicyFile } from './policy.loader.ts';
import { policyFingerprint } from './policy-parse.ts';

const POLICIES = path.resolve(import.meta.dirname, '../../../policies');

/** `id@version` → the digest it shipped with. A new version adds a line; an old line never changes. */
const RELEASED: Record<string, string> = {
  'huaian-2018@1.1.0': '54929b5f36677b7c5d78272bc338158c843a7b583ac2b480b9bb820bbdfff989',
  'huaian-2018@1.2.0': '9e389380a52a242d5f8b19c4f4f1ba98ef117bd13ea128282564b1341a6349bb',
  'national-2026@1.0.0': 'd46f52901ef77da9ae5959011251357384a3929028b4805f41a983dac4ed180d',
  'national-2026@1.1.0': 'e861f59a55e540511693979593d0888b4a57a9ffb00f8117a4dee6eab67dcf2c',
};

describe('shipped policy versions', () => {
  for (const file of ['huaian-2018.json', 'national-2026.json']) {
    it(`${file}: its content is the one its version was released with (raise the version to change it)`, async () => {
      const policy = await loadPolicyFile(path.join(POLICIES, file));
      const key = `${policy.id}@${policy.version}`;
      assert.ok(key in RELEASED, `${key} is not in RELEASED: add its digest when releasing a new version`);
      assert.equal(
        policyFingerprint(policy),
        RELEASED[key],
        `${file} changed under version ${policy.version}: raise its version (and add the new digest here)`,
      );
    });
  }

  it('decision 0040: a policy file written before the consent-grant limits loads, with the same digest as before', async () => {
    const raw = JSON.parse(readFileSync(path.join(POLICIES, 'huaian-2018.json'), 'utf8'));
    delete raw.access.rateLimits.consentGrantsPerTenMinutes;
    delete raw.access.rateLimits.consentGrantsPerAddressPerTenMinutes;
    const dir = await mkdtemp(path.join(tmpdir(), 'xinyong-policy-'));
    try {
      const file = path.join(dir, 'older.json');
      await writeFile(file, JSON.stringify(raw));
      const older = await loadPolicyFile(file);
      assert.equal(older.access.rateLimits.consentGrantsPerTenMinutes, undefined);
      // nothing was added to the parsed policy, so its digest is the file's own
      const shipped = await loadPolicyFile(path.join(POLICIES, 'huaian-2018.json'));
      assert.notEqual(policyFingerprint(older), policyFingerprint(shipped));
      assert.equal(Object.hasOwn(older.access.rateLimits, 'consentGrantsPerTenMinutes'), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
