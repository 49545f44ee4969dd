/**
 * Test support: a full application (context + HTTP app, no listening socket) on a test store.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../app/app.ts';
import { type AppContext, createAppContext } from '../app/context.ts';
import { DEMO_PASSWORD } from '../modules/demo/demo.loader.ts';
import type { Policy } from '../modules/policy/index.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from '../modules/policy/policy.loader.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import type { HttpApp } from '../platform/http/server.ts';
import type { TestStore } from './engines.ts';
import { type LogScan, logScan } from './log-scan.ts';

export type TestApp = {
  ctx: AppContext;
  app: HttpApp;
  /** the app's log at trace level, scanned for personal data when it closes (issue 14 §5) */
  logs: LogScan;
  close(): Promise<void>;
};

export async function createTestApp(
  store: TestStore,
  options: { now?: () => string; policy?: Policy; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyong-app-'));
  // Everything under the data directory (key file, anchor log) is the test's own.
  // No web build unless the suite gives one (`config.webDist`): `/` is the plain landing page.
  const config = {
    ...loadConfig({ XINYONG_DATA_DIR: dataDir }),
    databaseUrl: store.url,
    webDist: path.join(dataDir, 'no-web-build'),
    ...options.config,
  };
  const ctx = await createAppContext(config, {
    store,
    ...(options.now ? { now: options.now } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  });
  // Every line at trace level goes through the scanner; close() fails on personal data (issue 14 §5).
  const logs = logScan();
  const app = await createApp(ctx, { logger: logs.logger });
  await app.ready();
  return {
    ctx,
    app,
    logs,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      const persons = await store.db
        .selectFrom('subjects')
        .select('name')
        .where('kind', '=', 'person')
        .execute();
      const findings = logs.findings(persons.map((p) => p.name));
      if (findings.length > 0) {
        // A failed hook skips the suite's later ones (the store's disposal): close it here, or the
        // process would wait on its connections.
        await store.close();
        assert.deepEqual(findings, [], 'personal data in the request log (issue 14 §5)');
      }
    },
  };
}

/**
 * The shipped policy (or another policy file) with generous rate limits, for suites that make many
 * requests from one address.
 */
export async function relaxedPolicy(path: string = DEFAULT_POLICY_PATH): Promise<Policy> {
  const policy = structuredClone(await loadPolicyFile(path)) as Policy;
  const access = policy.access as { rateLimits: Record<string, unknown> };
  access.rateLimits = {
    ...access.rateLimits,
    publicPerMinute: 100_000,
    loginPerMinute: 100_000,
    consentGrantsPerTenMinutes: 100_000,
    consentGrantsPerAddressPerTenMinutes: 100_000,
  };
  (policy as { version: string }).version = `${policy.version}-test`;
  return policy;
}

/** Signs a demo account in; the headers a later request needs (session cookie and CSRF token). */
export async function signIn(
  app: HttpApp,
  login: string,
  password = DEMO_PASSWORD,
): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'xinyong_session')!;
  return { cookie: `xinyong_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken };
}

/** The composition root itself, for suites that build several contexts on one store (two processes). */
export { type AppContext, createAppContext } from '../app/context.ts';
