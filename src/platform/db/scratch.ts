/**
 * Throwaway databases for tests and benchmarks: an SQLite file in a fresh temporary folder,
 * or a fresh database on a PostgreSQL server (created here, dropped by `dispose`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { EngineName, Store } from './engine.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';

export type ScratchStore<DB = unknown> = {
  store: Store<DB>;
  url: string;
  dir: string;
  dispose(): Promise<void>;
};

/** Why the PostgreSQL server at `url` cannot be used, or undefined when it can. */
export async function postgresUnavailable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
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

/**
 * A new, empty database on `engine`; `prepare` (typically the application's migrations) runs on it
 * before it is handed over.
 */
export async function createScratchStore<DB = unknown>(
  engine: EngineName,
  options: { prefix: string; postgresUrl: string; prepare?: (store: Store<DB>) => Promise<unknown> },
): Promise<ScratchStore<DB>> {
  const dir = mkdtempSync(path.join(tmpdir(), `${options.prefix}-`));
  if (engine === 'sqlite') {
    const file = path.join(dir, 'scratch.db');
    const store = openSqlite<DB>(file);
    await options.prepare?.(store);
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
  const name = `${options.prefix.replaceAll('-', '_')}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(options.postgresUrl);
  url.pathname = `/${name}`;
  const store = openPostgres<DB>(url.toString(), { max: 4 });
  await options.prepare?.(store);
  return {
    store,
    url: url.toString(),
    dir,
    async dispose() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: options.postgresUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
