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
  /**
   * the external anchor log of the audit chain (append-only JSON lines, outside the database; ship it
   * off the machine): a file path, default `<dataDir>/audit-anchors.jsonl`; undefined when set to `none`
   */
  auditAnchorFile: string | undefined;
  /** how often `serve` appends the chain head to the anchor log, in seconds (0: never on a schedule) */
  auditAnchorEverySeconds: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.XINYONG_DATA_DIR ?? 'data');
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT 应为 0–65535 的整数 / PORT must be an integer 0–65535, got "${env.PORT}"`);
  }
  const anchorEvery =
    env.XINYONG_AUDIT_ANCHOR_EVERY === undefined || env.XINYONG_AUDIT_ANCHOR_EVERY === ''
      ? 300
      : Number(env.XINYONG_AUDIT_ANCHOR_EVERY);
  if (!Number.isInteger(anchorEvery) || anchorEvery < 0) {
    throw new Error(
      `XINYONG_AUDIT_ANCHOR_EVERY 应为非负整数秒 / XINYONG_AUDIT_ANCHOR_EVERY must be a whole number of seconds ≥ 0, got "${env.XINYONG_AUDIT_ANCHOR_EVERY}"`,
    );
  }
  const anchorFile = env.XINYONG_AUDIT_ANCHOR_FILE || path.join(dataDir, 'audit-anchors.jsonl');
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
    auditAnchorFile: anchorFile === 'none' ? undefined : path.resolve(anchorFile),
    auditAnchorEverySeconds: anchorEvery,
  };
}

/** A database URL safe to print: the password is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
