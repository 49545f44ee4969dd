/**
 * Test support: run one suite against every engine (STYLE §3, "every repository test runs on both").
 *
 * SQLite: a fresh file in a temporary folder per suite. PostgreSQL: a fresh database per suite on the
 * server named by XINYONG_TEST_PG_URL (default postgres://postgres:postgres@127.0.0.1:5432/postgres),
 * dropped afterwards. Where PostgreSQL is unreachable the PostgreSQL suites are skipped and say why —
 * except under CI=true, where they fail, so nothing can silently skip in CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import type { EngineName, Store } from './engine.ts';
import { migrateToLatest } from './migrate.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';

export const TEST_PG_URL =
  process.env.XINYONG_TEST_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const inCi = process.env.CI === 'true';

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const pgUnavailable = await probePostgres();

export type TestStore = Store & { engine: EngineName; url: string };

/** Creates a migrated, empty store on the given engine; `dispose` removes it entirely. */
export async function createTestStore(
  engine: EngineName,
): Promise<{ store: TestStore; dispose(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-test-'));
    const file = path.join(dir, 'test.db');
    const store = openSqlite(file);
    await migrateToLatest(store);
    return {
      store: { ...store, engine, url: `sqlite:${file}` },
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `xinyong_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const store = openPostgres(url.toString(), { max: 4 });
  await migrateToLatest(store);
  return {
    store: { ...store, engine, url: url.toString() },
    async dispose() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: TEST_PG_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * `describeEachEngine('subjects repository', (getStore) => { it(...) })` defines the suite once per
 * engine. The store is migrated and empty at the start of the suite and shared by its tests.
 */
export function describeEachEngine(name: string, fn: (getStore: () => TestStore) => void): void {
  for (const engine of ['sqlite', 'postgres'] as const) {
    const skip =
      engine === 'postgres' && pgUnavailable !== undefined && !inCi
        ? `PostgreSQL not reachable (${pgUnavailable}); set XINYONG_TEST_PG_URL`
        : false;
    describe(`${name} [${engine}]`, { skip }, () => {
      let current: { store: TestStore; dispose(): Promise<void> } | undefined;
      before(async () => {
        if (engine === 'postgres' && pgUnavailable !== undefined) {
          throw new Error(`CI=true but PostgreSQL is not reachable at ${TEST_PG_URL}: ${pgUnavailable}`);
        }
        current = await createTestStore(engine);
      });
      after(async () => {
        await current?.dispose();
      });
      fn(() => {
        if (!current) throw new Error('store not ready');
        return current.store;
      });
    });
  }
}
