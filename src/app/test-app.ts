/**
 * Test support: a full application (context + HTTP app, no listening socket) on a test store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../platform/config.ts';
import type { TestStore } from '../platform/db/test-engines.ts';
import type { HttpApp } from '../platform/http/server.ts';
import { createApp } from './app.ts';
import { type AppContext, createAppContext } from './context.ts';

export type TestApp = { ctx: AppContext; app: HttpApp; close(): Promise<void> };

export async function createTestApp(
  store: TestStore,
  options: { now?: () => string } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyong-app-'));
  const config = { ...loadConfig({}), dataDir, databaseUrl: store.url };
  const ctx = await createAppContext(config, { store, ...(options.now ? { now: options.now } : {}) });
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
