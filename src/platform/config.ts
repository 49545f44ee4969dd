import { existsSync, readdirSync } from 'node:fs';
import { isIP } from 'node:net';
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
  /**
   * the policy file the platform runs under (XINYONG_POLICY: a shipped policy's id such as
   * `national-2026`, or a file path); undefined: the default, `policies/huaian-2018.json`
   */
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
  /**
   * A demonstration environment (`XINYONG_DEMO=true`, `xinyong serve --demo`, `npm run demo`): the demo
   * identity verifier may be used, and the server says so on start, on the landing page and in
   * `/api/health`. Never on by default.
   */
  demo: boolean;
  /**
   * The real-name verifier for subject self-registration (access/identity-verification.ts): 'none'
   * (self-registration off, the default), 'demo' (a demo environment only; its default there), or
   * 'module:PATH' (a deployment's adapter module).
   */
  identityVerifier: string;
  /**
   * Whom to believe about the client's address (X-Forwarded-For), fastify's `trustProxy`: false (the
   * default: the socket's peer is the client), the reverse proxies' addresses and CIDR ranges (the
   * safe form), or true (any peer: only when the server is reachable through the proxy alone, since a
   * direct client could otherwise claim any address). Lockout and rate limits key on the client's
   * address.
   */
  trustProxy: boolean | string[];
  /**
   * the external anchor log of the audit chain (append-only JSON lines, outside the database; ship it
   * off the machine): a file path, default `<dataDir>/audit-anchors.jsonl`; undefined when set to `none`
   */
  auditAnchorFile: string | undefined;
  /** how often `serve` appends the chain head to the anchor log, in seconds (0: never on a schedule) */
  auditAnchorEverySeconds: number;
  /**
   * how often `serve` ticks the procedures scheduler — reminders of deadlines due within a working day,
   * escalations of overdue steps (issue 16, decision 0031) — in seconds (0: never; run
   * `xinyong procedures tick` from cron instead)
   */
  proceduresTickEverySeconds: number;
  /** what an uploaded spreadsheet may hold: data rows, and MiB once unpacked (issue 14 §6) */
  uploadMaxRows: number;
  uploadMaxUnpackedMb: number;
  /**
   * the built web application (`npm run web:build`) `serve` hands to browsers, default `web/dist` in the
   * package; when it holds no `index.html`, `/` is a plain landing page saying how to build it
   */
  webDist: string;
};

/** A configuration mistake, said in both languages; `serve` and every command stop on it. */
function invalid(zh: string, en: string): never {
  throw new Error(`${zh} / ${en}`);
}

function parseTrustProxy(value: string | undefined): boolean | string[] {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  const entries = text.split(',').map((s) => s.trim());
  const wrong = entries.filter((entry) => {
    const [address, bits, extra] = entry.split('/');
    if (extra !== undefined || !address) return true;
    const version = isIP(address);
    if (version === 0) return true;
    if (bits === undefined) return false;
    const n = Number(bits);
    return !/^\d+$/.test(bits) || n > (version === 4 ? 32 : 128);
  });
  if (wrong.length > 0) {
    invalid(
      `XINYONG_TRUST_PROXY 应为 false、true 或以逗号分隔的反向代理地址/网段，无法识别：${wrong.join(', ')}`,
      `XINYONG_TRUST_PROXY must be false, true or comma-separated reverse proxy addresses/CIDR ranges; not understood: ${wrong.join(', ')}`,
    );
  }
  return entries;
}

function parseFlag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return invalid(`${name} 应为 true 或 false`, `${name} must be true or false, got "${value}"`);
}

/**
 * The identity verifier setting, checked: the demo verifier only in a demo environment, so that a
 * setting copied from a demonstration can never open self-registration on real data.
 */
export function identityVerifierSetting(value: string | undefined, demo: boolean): string {
  const chosen = value?.trim() || (demo ? 'demo' : 'none');
  if (chosen === 'none') return chosen;
  if (chosen === 'demo') {
    if (!demo) {
      invalid(
        'XINYONG_IDENTITY_VERIFIER=demo 只能用于演示环境（XINYONG_DEMO=true 或 xinyong serve --demo）',
        'XINYONG_IDENTITY_VERIFIER=demo is for a demo environment only (XINYONG_DEMO=true or xinyong serve --demo)',
      );
    }
    return chosen;
  }
  if (chosen.startsWith('module:') && chosen.length > 'module:'.length) return chosen;
  return invalid(
    `XINYONG_IDENTITY_VERIFIER 应为 none、demo 或 module:适配器文件路径，收到 "${chosen}"`,
    `XINYONG_IDENTITY_VERIFIER must be none, demo or module:PATH-TO-ADAPTER, got "${chosen}"`,
  );
}

/** The policy files shipped with the platform, `policies/<id>.json`. */
export const SHIPPED_POLICY_DIR: string = path.resolve(import.meta.dirname, '../../policies');

/** The ids of the shipped policies (`huaian-2018`, `national-2026`, …), sorted. */
export function shippedPolicyIds(): string[] {
  return readdirSync(SHIPPED_POLICY_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/**
 * XINYONG_POLICY: a policy id (lowercase letters, digits and hyphens, no dot or slash) names a shipped
 * file, `policies/<id>.json`; anything else is a file path, resolved against the working directory
 * (the loader validates it and names it in any error). Empty: the default policy.
 */
export function policySetting(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text)) return path.resolve(text);
  const file = path.join(SHIPPED_POLICY_DIR, `${text}.json`);
  if (existsSync(file)) return file;
  return invalid(
    `XINYONG_POLICY 为 "${text}",没有这个随附政策;可选:${shippedPolicyIds().join('、')},或给出政策文件路径(如 ./policies/city-2026.json)`,
    `XINYONG_POLICY is "${text}", which is no shipped policy; use one of ${shippedPolicyIds().join(', ')}, or a policy file path (such as ./policies/city-2026.json)`,
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.XINYONG_DATA_DIR ?? 'data');
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT 应为 0–65535 的整数 / PORT must be an integer 0–65535, got "${env.PORT}"`);
  }
  const demo = parseFlag('XINYONG_DEMO', env.XINYONG_DEMO);
  const host = env.HOST || '127.0.0.1';
  const anchorEvery =
    env.XINYONG_AUDIT_ANCHOR_EVERY === undefined || env.XINYONG_AUDIT_ANCHOR_EVERY === ''
      ? 300
      : Number(env.XINYONG_AUDIT_ANCHOR_EVERY);
  if (!Number.isInteger(anchorEvery) || anchorEvery < 0) {
    throw new Error(
      `XINYONG_AUDIT_ANCHOR_EVERY 应为非负整数秒 / XINYONG_AUDIT_ANCHOR_EVERY must be a whole number of seconds ≥ 0, got "${env.XINYONG_AUDIT_ANCHOR_EVERY}"`,
    );
  }
  const tickEvery =
    env.XINYONG_PROCEDURES_TICK_EVERY === undefined || env.XINYONG_PROCEDURES_TICK_EVERY === ''
      ? 900
      : Number(env.XINYONG_PROCEDURES_TICK_EVERY);
  if (!Number.isInteger(tickEvery) || tickEvery < 0) {
    throw new Error(
      `XINYONG_PROCEDURES_TICK_EVERY 应为非负整数秒 / XINYONG_PROCEDURES_TICK_EVERY must be a whole number of seconds ≥ 0, got "${env.XINYONG_PROCEDURES_TICK_EVERY}"`,
    );
  }
  const anchorFile = env.XINYONG_AUDIT_ANCHOR_FILE || path.join(dataDir, 'audit-anchors.jsonl');
  return {
    databaseUrl: env.DATABASE_URL || `sqlite:${path.join(dataDir, 'xinyong.db')}`,
    dataDir,
    host,
    port,
    policyPath: policySetting(env.XINYONG_POLICY),
    logLevel: env.LOG_LEVEL || 'info',
    dataKey: env.XINYONG_DATA_KEY || undefined,
    indexKey: env.XINYONG_INDEX_KEY || undefined,
    keyFile: env.XINYONG_KEY_FILE ? path.resolve(env.XINYONG_KEY_FILE) : undefined,
    cookieSecure: secureCookie(env.XINYONG_COOKIE_SECURE, host),
    sealAlgorithm: env.XINYONG_SEAL_ALGORITHM || 'aes-256-gcm',
    demo,
    identityVerifier: identityVerifierSetting(env.XINYONG_IDENTITY_VERIFIER, demo),
    trustProxy: parseTrustProxy(env.XINYONG_TRUST_PROXY),
    auditAnchorFile: anchorFile === 'none' ? undefined : path.resolve(anchorFile),
    auditAnchorEverySeconds: anchorEvery,
    proceduresTickEverySeconds: tickEvery,
    uploadMaxRows: positiveInteger(env, 'XINYONG_UPLOAD_MAX_ROWS', 100_000),
    uploadMaxUnpackedMb: positiveInteger(env, 'XINYONG_UPLOAD_MAX_UNPACKED_MB', 512),
    webDist: path.resolve(env.XINYONG_WEB_DIST || path.join(import.meta.dirname, '../../web/dist')),
  };
}

/** The configuration of a demonstration: `xinyong serve --demo` (what `npm run demo` runs). */
export function asDemo(config: Config, env: NodeJS.ProcessEnv = process.env): Config {
  return {
    ...config,
    demo: true,
    identityVerifier: identityVerifierSetting(env.XINYONG_IDENTITY_VERIFIER, true),
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
