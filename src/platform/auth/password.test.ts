import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ARGON2ID_PARAMETERS,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyPassword,
} from './password.ts';

// Reference implementation (P-H-C/phc-winner-argon2):
// echo -n password | argon2 somesalt -id -t 2 -m 16 -p 4 -l 32 -e
const REFERENCE = '$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$GpZ3sK/oH9p7VIiV56G/64Zo/8GaUw434IimaPqxwCo';

const CHEAP = { ...ARGON2ID_PARAMETERS, memoryKiB: 64, passes: 1 };

describe('password hashing (argon2id, PHC strings)', () => {
  it('hashes with the OWASP parameters into a PHC string and verifies the same password', async () => {
    const phc = await hashPassword('correct horse battery staple');
    assert.match(phc, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.equal(await verifyPassword('correct horse battery staple', phc), true);
    assert.equal(needsRehash(phc), false);
  });

  it('refuses a wrong password', async () => {
    const phc = await hashPassword('correct horse battery staple', CHEAP);
    assert.equal(await verifyPassword('correct horse battery stapler', phc), false);
    assert.equal(await verifyPassword('', phc), false);
  });

  it('uses a fresh salt each time', async () => {
    assert.notEqual(
      await hashPassword('同一个密码同一个密码', CHEAP),
      await hashPassword('同一个密码同一个密码', CHEAP),
    );
  });

  it('reads hashes made by the reference implementation, with the parameters they name', async () => {
    assert.equal(await verifyPassword('password', REFERENCE), true);
    assert.equal(await verifyPassword('Password', REFERENCE), false);
  });

  it('treats a tampered or malformed PHC string as a mismatch', async () => {
    const phc = await hashPassword('correct horse battery staple', CHEAP);
    const [, , version, cost, salt, hash] = phc.split('$') as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const flipped = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const tampered = [
      `$argon2id$${version}$${cost}$${flipped(salt)}$${hash}`,
      `$argon2id$${version}$${cost}$${salt}$${flipped(hash)}`,
      `$argon2id$${version}$${cost.replace('t=1', 't=2')}$${salt}$${hash}`,
      `$argon2i$${version}$${cost}$${salt}$${hash}`,
      `$argon2id$v=16$${cost}$${salt}$${hash}`,
      `$argon2id$${version}$m=99999999,t=1,p=1$${salt}$${hash}`,
      `$argon2id$${version}$${cost}$${salt}$${hash.slice(0, 10)}`,
      `$argon2id$${version}$${cost}$${salt}$${hash}=`,
      '',
      'not a hash',
    ];
    for (const candidate of tampered) {
      assert.equal(await verifyPassword('correct horse battery staple', candidate), false, candidate);
    }
  });

  it('normalises Unicode, so a full-width digit typed by an input method still matches', async () => {
    const phc = await hashPassword('淮安信用2024', CHEAP);
    assert.equal(await verifyPassword('淮安信用２０２４', phc), true);
  });

  it('asks for a rehash when the parameters change, and not otherwise', async () => {
    const phc = await hashPassword('correct horse battery staple', CHEAP);
    assert.equal(needsRehash(phc, CHEAP), false);
    assert.equal(needsRehash(phc, { ...CHEAP, memoryKiB: 128 }), true);
    assert.equal(needsRehash(phc, { ...CHEAP, passes: 3 }), true);
    assert.equal(needsRehash(phc, { ...CHEAP, parallelism: 2 }), true);
    assert.equal(needsRehash(phc, { ...CHEAP, hashBytes: 64 }), true);
    assert.equal(needsRehash(phc), true);
    assert.equal(needsRehash(REFERENCE), true);
    assert.equal(needsRehash('garbage'), true);
  });

  it('parses the parameters written into the string', () => {
    const parsed = parsePasswordHash(REFERENCE);
    assert.deepEqual(
      parsed && {
        m: parsed.memoryKiB,
        t: parsed.passes,
        p: parsed.parallelism,
        salt: parsed.salt.toString(),
      },
      { m: 65536, t: 2, p: 4, salt: 'somesalt' },
    );
  });
});
