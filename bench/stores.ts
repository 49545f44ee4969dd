/**
 * Fresh, migrated databases for the benchmark: an SQLite file in a temporary folder, and a PostgreSQL
 * database created on the server named by XINYONG_BENCH_PG_URL (else XINYONG_TEST_PG_URL, else the
 * local default) and dropped afterwards. PostgreSQL is measured only when reachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { EngineName, Store } from '../src/platform/db/engine.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { openSqlite } from '../src/platform/db/sqlite.ts';

export const BENCH_PG_URL =
  process.env.XINYONG_BENCH_PG_URL ??
  process.env.XINYONG_TEST_PG_URL ??
  'postgres://postgres:postgres@127.0.0.1:5432/postgres';

export type BenchStore = { store: Store; url: string; dir: string; dispose(): Promise<void> };

/** Why PostgreSQL cannot be used, or undefined when it can. */
export async function postgresUnavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL, connectionTimeoutMillis: 3000 });
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

export async function freshStore(engine: EngineName): Promise<BenchStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-bench-'));
  if (engine === 'sqlite') {
    const file = path.join(dir, 'bench.db');
    const store = openSqlite(file);
    await migrateToLatest(store);
    return {
      store,
      url: `sqlite:${file}`,
      dir,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `xinyong_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${name}`;
  const store = openPostgres(url.toString(), { max: 4 });
  await migrateToLatest(store);
  return {
    store,
    url: url.toString(),
    dir,
    async dispose() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: BENCH_PG_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
