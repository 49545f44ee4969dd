import path from 'node:path';
import { AppError } from './errors.ts';

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
  /** 32-byte keys as 64 hex chars; when absent the key file is used (created on first start). */
  dataKey: string | undefined;
  indexKey: string | undefined;
  /** the key file when the keys are not in the environment; default `<dataDir>/keys.json` */
  keyFile: string | undefined;
  /**
   * mark the session cookie Secure: always when served on another address than loopback; on loopback
   * only when XINYONG_COOKIE_SECURE=true (behind a TLS-terminating proxy on the same machine)
   */
  cookieSecure: boolean;
  /** how sensitive fields are sealed at rest: 'aes-256-gcm' (default) or 'sm4' (SM4-CTR + HMAC-SM3) */
  sealAlgorithm: string;
  /** real-name verifier for subject self-registration: 'demo' (demonstrations only) or 'none' (disabled) */
  identityVerifier: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.XINYONG_DATA_DIR ?? 'data');
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT 应为 0–65535 的整数 / PORT must be an integer 0–65535, got "${env.PORT}"`);
  }
  const host = env.HOST || '127.0.0.1';
  return {
    databaseUrl: env.DATABASE_URL || `sqlite:${path.join(dataDir, 'xinyong.db')}`,
    dataDir,
    host,
    port,
    policyPath: env.XINYONG_POLICY || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    dataKey: env.XINYONG_DATA_KEY || undefined,
    indexKey: env.XINYONG_INDEX_KEY || undefined,
    keyFile: env.XINYONG_KEY_FILE ? path.resolve(env.XINYONG_KEY_FILE) : undefined,
    cookieSecure: secureCookie(env.XINYONG_COOKIE_SECURE, host),
    sealAlgorithm: env.XINYONG_SEAL_ALGORITHM || 'aes-256-gcm',
    identityVerifier: env.XINYONG_IDENTITY_VERIFIER || 'demo',
  };
}

/** Whether a listening address is loopback only: a cookie sent there never crosses a network. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The session cookie is Secure unless the platform listens on loopback only (issue 14 §5): a session
 * token must not travel over a network in clear text. `true` also marks it Secure on loopback (behind
 * a TLS-terminating proxy on the same machine); `false` is refused on any other address.
 */
function secureCookie(setting: string | undefined, host: string): boolean {
  const loopback = isLoopbackHost(host);
  if (setting === undefined || setting === '' || setting === 'auto') return !loopback;
  if (setting === 'true') return true;
  if (setting === 'false' && loopback) return false;
  throw new AppError(
    'CONFIG_INVALID',
    500,
    setting === 'false'
      ? `XINYONG_COOKIE_SECURE=false 只能在只监听本机时使用（HOST=${host} 不是本机回环地址）：会话 Cookie 不得明文经过网络`
      : `XINYONG_COOKIE_SECURE 应为 true、false 或 auto，而不是 "${setting}"`,
    setting === 'false'
      ? `XINYONG_COOKIE_SECURE=false is allowed only when serving on loopback (HOST=${host} is not): a session cookie must not cross a network in clear text`
      : `XINYONG_COOKIE_SECURE must be true, false or auto, not "${setting}"`,
  );
}

/** A database URL safe to print: the password is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
