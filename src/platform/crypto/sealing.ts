import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hash,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

/**
 * Sensitive personal fields at rest (B33, C §4): an ID number is stored only as
 * - a keyed blind index (HMAC-SHA256 with the index key) for exact lookups, and
 * - authenticated ciphertext (AES-256-GCM with the data key) to show it to those allowed to see it.
 * Keys come from the environment or a key file outside the database, never from the database.
 *
 * The sealing algorithm is chosen by configuration: AES-256-GCM, or the Chinese commercial standards
 * SM4 (GB/T 32907) in CTR mode with an HMAC-SM3 (GB/T 32905) tag over IV and ciphertext
 * (encrypt-then-MAC, since Node's OpenSSL offers no SM4-GCM). Each envelope's prefix names its algorithm,
 * so values sealed under either can be opened whatever the current setting (a switch needs no rewrite).
 */
export const SEAL_ALGORITHMS = ['aes-256-gcm', 'sm4'] as const;
export type SealAlgorithm = (typeof SEAL_ALGORITHMS)[number];
export type Sealer = {
  seal(plain: string): string;
  open(sealed: string): string;
  /**
   * Bytes (a file) sealed the same way: the algorithm's prefix in ASCII, then IV, tag and ciphertext
   * as bytes (no base64: a file is not made a third larger).
   */
  sealBytes(plain: Uint8Array): Buffer;
  openBytes(sealed: Uint8Array): Buffer;
  /** The blind index of a plain text (an identity code): HMAC-SHA256 under the index key, hex; for exact lookups. */
  blindIndex(plain: string): string;
  /** A 32-byte key for another purpose (e.g. CSRF tokens), derived from the index key by label. */
  deriveKey(label: string): Buffer;
  /**
   * A copy of the blind-index key, for worker threads of this process that compute `blindIndex` for large
   * batches (checks/code-pool.service.ts). Never logged, persisted or sent anywhere else.
   */
  blindIndexKey(): Buffer;
};

const AES_PREFIX = 'a256gcm.';
const SM4_PREFIX = 'sm4ctr-hsm3.';

export function createSealer(
  keys: { dataKey: Buffer; indexKey: Buffer },
  algorithm: SealAlgorithm = 'aes-256-gcm',
): Sealer {
  if (keys.dataKey.length !== 32 || keys.indexKey.length !== 32) {
    throw new AppError('KEY_INVALID', 500, '数据密钥应为 32 字节', 'Data keys must be 32 bytes');
  }
  // SM4 takes a 128-bit key; the SM3 tag key is derived so the two never coincide.
  // Key objects prepared once (a raw key is imported again on every use, several times slower): the
  // blind index is computed for every code of every intake row, a seal for every new subject.
  const sm4Key = createSecretKey(
    createHmac('sm3', keys.dataKey).update('xinyong:sm4:enc').digest().subarray(0, 16),
  );
  const sm3MacKey = createSecretKey(createHmac('sm3', keys.dataKey).update('xinyong:sm4:mac').digest());
  const aesKey = createSecretKey(keys.dataKey);
  const indexOf = hmacSha256Hex(keys.indexKey);
  const sm4Tag = (iv: Buffer, body: Buffer) => createHmac('sm3', sm3MacKey).update(iv).update(body).digest();

  /** Encrypts: the envelope's prefix and its bytes, IV ‖ tag ‖ ciphertext. */
  const sealRaw = (plain: Uint8Array): [prefix: string, raw: Buffer] => {
    if (algorithm === 'sm4') {
      const iv = freshRandom(16);
      const cipher = createCipheriv('sm4-ctr', sm4Key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return [SM4_PREFIX, Buffer.concat([iv, sm4Tag(iv, body), body])];
    }
    const iv = freshRandom(12);
    const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return [AES_PREFIX, Buffer.concat([iv, cipher.getAuthTag(), body])];
  };
  /** Decrypts an envelope's bytes under the algorithm its prefix named; throws when tampered with. */
  const openRaw = (prefix: string, raw: Buffer): Buffer => {
    if (prefix === SM4_PREFIX) {
      const iv = raw.subarray(0, 16);
      const body = raw.subarray(48);
      if (!timingSafeEqual(raw.subarray(16, 48), sm4Tag(iv, body)))
        throw new Error('sealed value failed its SM3 tag');
      const decipher = createDecipheriv('sm4-ctr', sm4Key, iv);
      return Buffer.concat([decipher.update(body), decipher.final()]);
    }
    const decipher = createDecipheriv('aes-256-gcm', aesKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  };
  const prefixOf = (head: string) => [SM4_PREFIX, AES_PREFIX].find((p) => head.startsWith(p));
  return {
    seal(plain) {
      const [prefix, raw] = sealRaw(Buffer.from(plain, 'utf8'));
      return prefix + raw.toString('base64url');
    },
    open(sealed) {
      const prefix = prefixOf(sealed);
      if (!prefix) throw new Error('unknown sealing algorithm');
      return openRaw(prefix, Buffer.from(sealed.slice(prefix.length), 'base64url')).toString('utf8');
    },
    sealBytes(plain) {
      const [prefix, raw] = sealRaw(plain);
      return Buffer.concat([Buffer.from(prefix, 'latin1'), raw]);
    },
    openBytes(sealed) {
      const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      const prefix = prefixOf(bytes.subarray(0, 16).toString('latin1'));
      if (!prefix) throw new Error('unknown sealing algorithm');
      return openRaw(prefix, bytes.subarray(prefix.length));
    },
    blindIndex(plain) {
      return indexOf(plain);
    },
    blindIndexKey() {
      return Buffer.from(keys.indexKey);
    },
    deriveKey(label) {
      return createHmac('sha256', keys.indexKey).update(`xinyong:derive:${label}`, 'utf8').digest();
    },
  };
}

/**
 * HMAC-SHA256 (RFC 2104) of short texts, hex: the key's inner and outer pads are prepared once and
 * each digest is two one-shot hashes, about a fifth cheaper than createHmac per call — the blind index
 * is computed for every code of every check and intake row. sealing.test.ts compares it with createHmac.
 */
export function hmacSha256Hex(key: Buffer): (text: string) => string {
  if (key.length > 64) throw new Error('HMAC key longer than the SHA-256 block');
  const inner = Buffer.alloc(64 + 1024, 0);
  const outer = Buffer.alloc(64 + 32, 0);
  for (let i = 0; i < 64; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36;
    outer[i] = (key[i] ?? 0) ^ 0x5c;
  }
  return (text) => {
    if (text.length > 256) return createHmac('sha256', key).update(text, 'utf8').digest('hex');
    const n = inner.write(text, 64, 'utf8');
    hash('sha256', inner.subarray(0, 64 + n), 'buffer').copy(outer, 64);
    return hash('sha256', outer, 'hex');
  };
}

// IVs are drawn from the OS's CSPRNG in blocks (one call per 4 KiB instead of one per seal); each
// byte of a block is handed out once, so every IV is as fresh as a direct randomBytes call.
const RANDOM_BLOCK = 4096;
let randomBlock = Buffer.alloc(0);
let randomOffset = RANDOM_BLOCK;
function freshRandom(n: number): Buffer {
  if (randomOffset + n > RANDOM_BLOCK) {
    randomBlock = randomBytes(RANDOM_BLOCK);
    randomOffset = 0;
  }
  const bytes = randomBlock.subarray(randomOffset, randomOffset + n);
  randomOffset += n;
  return bytes;
}

function parseKey(name: string, hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new AppError(
      'KEY_INVALID',
      500,
      `${name} 应为 64 位十六进制（32 字节）`,
      `${name} must be 64 hex characters (32 bytes)`,
    );
  }
  return Buffer.from(hex, 'hex');
}

/**
 * Keys from XINYONG_DATA_KEY / XINYONG_INDEX_KEY, else from the key file (`keyFile`, by default
 * `<dataDir>/keys.json`), which is created owner-only (mode 0600, in a directory created 0700) on first
 * start so a fresh clone runs. A deployment sets the environment variables or keeps the key file outside
 * the data directory (README, "Deploying"); losing the key file makes sealed codes unreadable.
 */
export function loadKeys(options: {
  dataKey?: string | undefined;
  indexKey?: string | undefined;
  dataDir: string;
  keyFile?: string | undefined;
}): {
  dataKey: Buffer;
  indexKey: Buffer;
  source: string;
} {
  if (options.dataKey && options.indexKey) {
    return {
      dataKey: parseKey('XINYONG_DATA_KEY', options.dataKey),
      indexKey: parseKey('XINYONG_INDEX_KEY', options.indexKey),
      source: 'environment',
    };
  }
  const file = path.resolve(options.keyFile ?? path.join(options.dataDir, 'keys.json'));
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const keys = { dataKey: randomBytes(32).toString('hex'), indexKey: randomBytes(32).toString('hex') };
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { dataKey: string; indexKey: string };
  return {
    dataKey: parseKey(`${file} dataKey`, stored.dataKey),
    indexKey: parseKey(`${file} indexKey`, stored.indexKey),
    source: file,
  };
}
