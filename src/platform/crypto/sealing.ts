import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

/**
 * Sensitive personal fields at rest (B33, C §4): an ID number is stored only as
 * - a keyed blind index (HMAC-SHA256 with the index key) for exact lookups, and
 * - authenticated ciphertext (AES-256-GCM with the data key) to show it to those allowed to see it.
 * Keys come from the environment or a key file outside the database, never from the database.
 * (SM4/SM3 as a configurable alternative is planned with the access issue; the envelope's prefix
 * names the algorithm so both can coexist.)
 */
export type Sealer = {
  seal(plain: string): string;
  open(sealed: string): string;
  digest(plain: string): string;
  /** A 32-byte key for another purpose (e.g. CSRF tokens), derived from the index key by label. */
  deriveKey(label: string): Buffer;
};

const PREFIX = 'a256gcm.';

export function createSealer(keys: { dataKey: Buffer; indexKey: Buffer }): Sealer {
  if (keys.dataKey.length !== 32 || keys.indexKey.length !== 32) {
    throw new AppError('KEY_INVALID', 500, '数据密钥应为 32 字节', 'Data keys must be 32 bytes');
  }
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.dataKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('unknown sealing algorithm');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', keys.dataKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    digest(plain) {
      return createHmac('sha256', keys.indexKey).update(plain, 'utf8').digest('hex');
    },
    deriveKey(label) {
      return createHmac('sha256', keys.indexKey).update(`xinyong:derive:${label}`, 'utf8').digest();
    },
  };
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
 * Keys from XINYONG_DATA_KEY / XINYONG_INDEX_KEY, else from `<dataDir>/keys.json`, which is created
 * (mode 0600) on first start so a fresh clone runs. Production sets the environment variables or
 * mounts the key file from a secret store; losing the key file makes sealed codes unreadable.
 */
export function loadKeys(options: {
  dataKey?: string | undefined;
  indexKey?: string | undefined;
  dataDir: string;
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
  const file = path.join(options.dataDir, 'keys.json');
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
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
