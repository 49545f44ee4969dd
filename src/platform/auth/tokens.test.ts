import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  constantTimeEqual,
  csrfTokenFor,
  hashApiKeySecret,
  hashSessionToken,
  newApiKey,
  newSessionToken,
  parseApiKey,
  verifyApiKeySecret,
  verifyCsrfToken,
} from './tokens.ts';

describe('API keys', () => {
  it('shows the full key as xy_<16-char id>_<43-char secret> and parses it back', () => {
    const key = newApiKey();
    assert.match(key.display, /^xy_[a-z2-7]{16}_[A-Za-z0-9_-]{43}$/);
    assert.equal(key.display, `xy_${key.id}_${key.secret}`);
    assert.equal(key.hint, `xy_${key.id}_…`);
    assert.deepEqual(parseApiKey(key.display), { keyId: key.id, secret: key.secret });
  });

  it('takes another prefix', () => {
    const key = newApiKey('xyt');
    assert.deepEqual(parseApiKey(key.display, 'xyt'), { keyId: key.id, secret: key.secret });
    assert.equal(parseApiKey(key.display), undefined);
    assert.throws(() => newApiKey('XY_1'), { code: 'API_KEY_PREFIX_INVALID' });
  });

  it('is different every time', () => {
    const keys = Array.from({ length: 100 }, () => newApiKey());
    assert.equal(new Set(keys.map((k) => k.id)).size, 100);
    assert.equal(new Set(keys.map((k) => k.secret)).size, 100);
  });

  it('rejects garbage before any lookup: wrong prefix, lengths, characters', () => {
    const { id, secret, display } = newApiKey();
    const garbage = [
      '',
      'xy',
      `ab_${id}_${secret}`,
      `XY_${id}_${secret}`,
      `xy-${id}-${secret}`,
      `xy_${id.slice(1)}_${secret}`,
      `xy_${id}x_${secret}`,
      `xy_${id}_${secret.slice(1)}`,
      `xy_${id}_${secret}A`,
      `xy_${id.toUpperCase()}_${secret}`,
      `xy_${id.slice(1)}1_${secret}`,
      `xy_${id}_${secret.slice(1)}=`,
      `xy_${id}_${secret.slice(1)}+`,
      `${display} `,
      ` ${display}`,
      `Bearer ${display}`,
    ];
    for (const candidate of garbage) assert.equal(parseApiKey(candidate), undefined, candidate);
  });

  it('rejects a secret whose last character carries stray bits (non-canonical base64url)', () => {
    const { id } = newApiKey();
    const canonical = Buffer.alloc(32).toString('base64url');
    assert.ok(parseApiKey(`xy_${id}_${canonical}`));
    assert.equal(parseApiKey(`xy_${id}_${canonical.slice(0, 42)}B`), undefined);
  });

  it('stores a stable SHA-256 hash of the secret and verifies against it', () => {
    const { secret } = newApiKey();
    const stored = hashApiKeySecret(secret);
    assert.match(stored, /^[0-9a-f]{64}$/);
    assert.equal(hashApiKeySecret(secret), stored);
    assert.equal(hashApiKeySecret('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(verifyApiKeySecret(secret, stored), true);
    assert.equal(verifyApiKeySecret(newApiKey().secret, stored), false);
  });
});

describe('session tokens', () => {
  it('are 256-bit base64url and stored only as a hash', () => {
    const token = newSessionToken();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    assert.notEqual(newSessionToken(), token);
    assert.match(hashSessionToken(token), /^[0-9a-f]{64}$/);
    assert.equal(hashSessionToken(token), hashSessionToken(token));
    assert.notEqual(hashSessionToken(token), token);
  });
});

describe('CSRF tokens', () => {
  const key = randomBytes(32);

  it('verify for the session they were issued for, and fail for another session', () => {
    const session = newSessionToken();
    const csrf = csrfTokenFor(session, key);
    assert.equal(verifyCsrfToken(session, csrf, key), true);
    assert.equal(verifyCsrfToken(newSessionToken(), csrf, key), false);
  });

  it('fail under another key, and when tampered, truncated or empty', () => {
    const session = newSessionToken();
    const csrf = csrfTokenFor(session, key);
    assert.equal(verifyCsrfToken(session, csrf, randomBytes(32)), false);
    assert.equal(
      verifyCsrfToken(session, `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`, key),
      false,
    );
    assert.equal(verifyCsrfToken(session, csrf.slice(1), key), false);
    assert.equal(verifyCsrfToken(session, '', key), false);
  });

  it('need a key of at least 32 bytes', () => {
    assert.throws(() => csrfTokenFor(newSessionToken(), randomBytes(16)), { code: 'KEY_INVALID' });
  });
});

describe('constantTimeEqual', () => {
  it('compares strings of any length', () => {
    assert.equal(constantTimeEqual('', ''), true);
    assert.equal(constantTimeEqual('信用淮安', '信用淮安'), true);
    assert.equal(constantTimeEqual('abc', 'abd'), false);
    assert.equal(constantTimeEqual('abc', 'abcd'), false);
    assert.equal(constantTimeEqual('', 'a'), false);
  });
});
