import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createSealer, hmacSha256Hex, loadKeys } from './sealing.ts';

const sealer = createSealer({ dataKey: Buffer.alloc(32, 1), indexKey: Buffer.alloc(32, 2) });

describe('sealing of sensitive fields (B33)', () => {
  it('round-trips and never contains the plaintext', () => {
    const sealed = sealer.seal('11010519491231002X');
    assert.ok(!sealed.includes('11010519491231002X'));
    assert.equal(sealer.open(sealed), '11010519491231002X');
  });

  it('uses a fresh IV each time, so equal codes do not seal equally', () => {
    assert.notEqual(sealer.seal('x'), sealer.seal('x'));
  });

  it('computes the blind index exactly as createHmac does, for any text and key', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXYx淮安市𠀀 -';
    for (let round = 0; round < 200; round++) {
      const key = randomBytes(round % 3 === 0 ? 64 : 32);
      const hmac = hmacSha256Hex(key);
      const length = round === 199 ? 300 : round % 40;
      const text = Array.from(
        { length },
        (_, i) => [...alphabet][(round * 7 + i * 13) % [...alphabet].length],
      ).join('');
      assert.equal(
        hmac(text),
        createHmac('sha256', key).update(text, 'utf8').digest('hex'),
        JSON.stringify(text),
      );
      // the buffers are reused: a shorter text after a longer one still digests only itself
      assert.equal(hmac('1'), createHmac('sha256', key).update('1', 'utf8').digest('hex'));
    }
  });

  it('gives a stable blind index for lookups, different under another key', () => {
    assert.equal(sealer.blindIndex('a'), sealer.blindIndex('a'));
    const other = createSealer({ dataKey: Buffer.alloc(32, 1), indexKey: Buffer.alloc(32, 3) });
    assert.notEqual(sealer.blindIndex('a'), other.blindIndex('a'));
  });

  it('detects a tampered ciphertext', () => {
    const sealed = sealer.seal('440524188001010014');
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.at(-1)}`;
    assert.throws(() => sealer.open(flipped));
  });

  it('seals with SM4 (GB/T 32907) + SM3 tag when configured, and opens either kind', () => {
    const keys = { dataKey: Buffer.alloc(32, 1), indexKey: Buffer.alloc(32, 2) };
    const sm4 = createSealer(keys, 'sm4');
    const sealed = sm4.seal('32081219800101001X');
    assert.match(sealed, /^sm4ctr-hsm3\./);
    assert.ok(!sealed.includes('32081219800101001X'));
    assert.equal(sm4.open(sealed), '32081219800101001X');
    assert.equal(
      sealer.open(sealed),
      '32081219800101001X',
      'an AES-configured sealer still opens SM4 values',
    );
    assert.equal(sm4.open(sealer.seal('x')), 'x', 'and the other way round');
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.at(-1)}`;
    assert.throws(() => sm4.open(flipped), /SM3 tag/);
  });

  it('issue 16: seals bytes (an evidence file) under either algorithm, as bytes, and detects tampering', () => {
    const keys = { dataKey: Buffer.alloc(32, 1), indexKey: Buffer.alloc(32, 2) };
    const file = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 0xab), Buffer.from('%%EOF')]);
    for (const [algorithm, prefix] of [
      ['aes-256-gcm', 'a256gcm.'],
      ['sm4', 'sm4ctr-hsm3.'],
    ] as const) {
      const s = createSealer(keys, algorithm);
      const sealed = s.sealBytes(file);
      assert.equal(sealed.subarray(0, prefix.length).toString('latin1'), prefix);
      assert.equal(sealed.indexOf('%PDF'), -1, `${algorithm}: no plaintext`);
      assert.ok(sealed.length < file.length + 64, `${algorithm}: not base64-inflated`);
      assert.ok(s.openBytes(sealed).equals(file));
      assert.ok(
        createSealer(keys, algorithm === 'sm4' ? 'aes-256-gcm' : 'sm4')
          .openBytes(sealed)
          .equals(file),
      );
      const flipped = Buffer.from(sealed);
      flipped[flipped.length - 1]! ^= 1;
      assert.throws(() => s.openBytes(flipped));
      assert.throws(() => s.openBytes(Buffer.from('%PDF-1.4')), /unknown sealing algorithm/);
    }
  });

  it('creates a private key file on first start and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-keys-'));
    const first = loadKeys({ dataDir: dir });
    const second = loadKeys({ dataDir: dir });
    assert.deepEqual(first.dataKey, second.dataKey);
    assert.equal(statSync(path.join(dir, 'keys.json')).mode & 0o777, 0o600);
    assert.match(readFileSync(path.join(dir, 'keys.json'), 'utf8'), /indexKey/);
  });

  it('issue 14 §5: a key file named outside the data directory is created there, owner-only, in an owner-only directory', () => {
    const previous = process.umask(0o022);
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-keys-'));
      const file = path.join(dir, 'secrets', 'xinyong-keys.json');
      const keys = loadKeys({ dataDir: path.join(dir, 'data'), keyFile: file });
      assert.equal(keys.source, file);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(path.dirname(file)).mode & 0o777, 0o700);
      assert.deepEqual(loadKeys({ dataDir: '/elsewhere', keyFile: file }).indexKey, keys.indexKey);
    } finally {
      process.umask(previous);
    }
  });

  it('rejects a malformed key from the environment', () => {
    assert.throws(() => loadKeys({ dataDir: '/nonexistent', dataKey: 'abc', indexKey: 'def' }), /64/);
  });
});
