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
import { loadConfig } from '../platform/config.ts';
import type { HttpApp } from '../platform/http/server.ts';
import type { TestStore } from './engines.ts';

export type TestApp = { ctx: AppContext; app: HttpApp; close(): Promise<void> };

export async function createTestApp(
  store: TestStore,
  options: { now?: () => string; policy?: Policy } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyong-app-'));
  // Everything under the data directory (key file, anchor log) is the test's own.
  const config = { ...loadConfig({ XINYONG_DATA_DIR: dataDir }), databaseUrl: store.url };
  const ctx = await createAppContext(config, {
    store,
    ...(options.now ? { now: options.now } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  });
  const app = await createApp(ctx);
  await app.ready();
  return {
    ctx,
    app,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The shipped policy with generous rate limits, for suites that make many requests from one address. */
export async function relaxedPolicy(): Promise<Policy> {
  const policy = structuredClone(await loadPolicyFile(DEFAULT_POLICY_PATH)) as Policy;
  const access = policy.access as { rateLimits: { publicPerMinute: number; loginPerMinute: number } };
  access.rateLimits = { ...access.rateLimits, publicPerMinute: 100_000, loginPerMinute: 100_000 };
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
