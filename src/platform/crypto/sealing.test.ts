import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createSealer, loadKeys } from './sealing.ts';

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

  it('gives a stable keyed digest for lookups, different under another key', () => {
    assert.equal(sealer.digest('a'), sealer.digest('a'));
    const other = createSealer({ dataKey: Buffer.alloc(32, 1), indexKey: Buffer.alloc(32, 3) });
    assert.notEqual(sealer.digest('a'), other.digest('a'));
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

  it('creates a private key file on first start and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-keys-'));
    const first = loadKeys({ dataDir: dir });
    const second = loadKeys({ dataDir: dir });
    assert.deepEqual(first.dataKey, second.dataKey);
    assert.equal(statSync(path.join(dir, 'keys.json')).mode & 0o777, 0o600);
    assert.match(readFileSync(path.join(dir, 'keys.json'), 'utf8'), /indexKey/);
  });

  it('rejects a malformed key from the environment', () => {
    assert.throws(() => loadKeys({ dataDir: '/nonexistent', dataKey: 'abc', indexKey: 'def' }), /64/);
  });
});
