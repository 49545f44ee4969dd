import path from 'node:path';

/**
 * Runtime configuration, read once from the environment. Every setting has a default that makes
 * `xinyong serve` work on a fresh clone: an SQLite file under ./data and port 3000.
 */
export type Config = {
  /** `sqlite:<file>` (or a bare file path, or `:memory:`) or `postgres://…` */
  databaseUrl: string;
  dataDir: string;
  host: string;
  port: number;
  policyPath: string | undefined;
  logLevel: string;
  /** 32-byte keys as 64 hex chars; when absent a key file under dataDir is used (created on first start). */
  dataKey: string | undefined;
  indexKey: string | undefined;
  /** mark the session cookie Secure (set behind HTTPS; off for http://localhost) */
  cookieSecure: boolean;
  /** how sensitive fields are sealed at rest: 'aes-256-gcm' (default) or 'sm4' (SM4-CTR + HMAC-SM3) */
  sealAlgorithm: string;
  /** real-name verifier for subject self-registration: 'demo' (demonstrations only) or 'none' (disabled) */
  identityVerifier: string;
  /** what an uploaded spreadsheet may hold: data rows, and MiB once unpacked (issue 14 §6) */
  uploadMaxRows: number;
  uploadMaxUnpackedMb: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.XINYONG_DATA_DIR ?? 'data');
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT 应为 0–65535 的整数 / PORT must be an integer 0–65535, got "${env.PORT}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL || `sqlite:${path.join(dataDir, 'xinyong.db')}`,
    dataDir,
    host: env.HOST || '127.0.0.1',
    port,
    policyPath: env.XINYONG_POLICY || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    dataKey: env.XINYONG_DATA_KEY || undefined,
    indexKey: env.XINYONG_INDEX_KEY || undefined,
    cookieSecure: env.XINYONG_COOKIE_SECURE === 'true',
    sealAlgorithm: env.XINYONG_SEAL_ALGORITHM || 'aes-256-gcm',
    identityVerifier: env.XINYONG_IDENTITY_VERIFIER || 'demo',
    uploadMaxRows: positiveInteger(env, 'XINYONG_UPLOAD_MAX_ROWS', 100_000),
    uploadMaxUnpackedMb: positiveInteger(env, 'XINYONG_UPLOAD_MAX_UNPACKED_MB', 512),
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} 应为正整数 / ${name} must be a positive integer, got "${text}"`);
  }
  return value;
}

/** A database URL safe to print: the password is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
