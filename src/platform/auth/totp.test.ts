import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  hotp,
  otpauthUri,
  totp,
  totpStep,
  verifyTotp,
} from './totp.ts';

const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = base32Encode(RFC_KEY);

describe('HOTP (RFC 4226)', () => {
  it('matches the Appendix D test values', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    assert.deepEqual(
      expected.map((_, counter) => hotp(RFC_KEY, counter)),
      expected,
    );
  });
});

describe('TOTP (RFC 6238)', () => {
  // Appendix B, SHA-1 rows: time in seconds → 8-digit TOTP.
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];

  it('matches the Appendix B SHA-1 vectors with 8 digits', () => {
    for (const [seconds, code] of vectors)
      assert.equal(totp(RFC_SECRET, { at: seconds * 1000, digits: 8 }), code);
  });

  it('matches the same vectors truncated to 6 digits', () => {
    for (const [seconds, code] of vectors)
      assert.equal(totp(RFC_SECRET, { at: seconds * 1000 }), code.slice(-6));
  });

  it('accepts the current step and one step either side, returning the step that matched', () => {
    const at = 1_234_567_890_000;
    const current = totpStep(at);
    for (const offset of [-1, 0, 1]) {
      const code = hotp(RFC_KEY, current + offset);
      assert.deepEqual(verifyTotp(RFC_SECRET, code, { at, window: 1 }), { ok: true, step: current + offset });
    }
    assert.deepEqual(verifyTotp(RFC_SECRET, '890 059', { at: 1_234_567_890_000, window: 1 }).ok, false);
  });

  it('refuses codes two steps away', () => {
    const at = 1_234_567_890_000;
    for (const offset of [-2, 2]) {
      assert.deepEqual(verifyTotp(RFC_SECRET, hotp(RFC_KEY, totpStep(at) + offset), { at, window: 1 }), {
        ok: false,
      });
    }
  });

  it('refuses a code whose step was already used (replay), but accepts a later one', () => {
    const at = 59_000;
    const first = verifyTotp(RFC_SECRET, '287082', { at, window: 1 });
    assert.deepEqual(first, { ok: true, step: 1 });
    const lastUsedStep = first.ok ? first.step : undefined;
    assert.deepEqual(verifyTotp(RFC_SECRET, '287082', { at, window: 1, lastUsedStep }), { ok: false });
    assert.deepEqual(verifyTotp(RFC_SECRET, '755224', { at, window: 1, lastUsedStep }), { ok: false });
    assert.deepEqual(verifyTotp(RFC_SECRET, '359152', { at: 61_000, window: 1, lastUsedStep }), {
      ok: true,
      step: 2,
    });
  });

  it('refuses malformed codes without throwing', () => {
    for (const code of ['', '28708', '2870820', 'abcdef', '２８７０８２']) {
      assert.deepEqual(verifyTotp(RFC_SECRET, code, { at: 59_000, window: 1 }), { ok: false }, code);
    }
    assert.deepEqual(verifyTotp(RFC_SECRET, ' 287 082 ', { at: 59_000, window: 1 }), { ok: true, step: 1 });
  });
});

describe('base32 (RFC 4648, no padding)', () => {
  it('matches the RFC 4648 §10 test vectors without padding', () => {
    const vectors = ['', 'MY', 'MZXQ', 'MZXW6', 'MZXW6YQ', 'MZXW6YTB', 'MZXW6YTBOI'];
    assert.deepEqual(
      ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((text) => base32Encode(Buffer.from(text))),
      vectors,
    );
    assert.equal(base32Decode('mzxw 6ytb-oi======').toString(), 'foobar');
  });

  it('round-trips random bytes of every length', () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = randomBytes(length);
      assert.deepEqual(base32Decode(base32Encode(bytes)), bytes);
    }
  });

  it('rejects characters outside the alphabet', () => {
    assert.throws(() => base32Decode('MZXW1'), { code: 'TOTP_SECRET_INVALID' });
  });

  it('generates 160-bit secrets', () => {
    const secret = generateTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal(base32Decode(secret).length, 20);
    assert.notEqual(generateTotpSecret(), secret);
  });
});

describe('otpauth URI', () => {
  it('labels the account with the issuer, percent-encoded', () => {
    assert.equal(
      otpauthUri({ issuer: '信用淮安', account: 'zhang.san@huaian', secret: 'gezd gnbv' }),
      'otpauth://totp/%E4%BF%A1%E7%94%A8%E6%B7%AE%E5%AE%89:zhang.san%40huaian' +
        '?secret=GEZDGNBV&issuer=%E4%BF%A1%E7%94%A8%E6%B7%AE%E5%AE%89&algorithm=SHA1&digits=6&period=30',
    );
  });
});
