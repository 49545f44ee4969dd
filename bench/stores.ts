/**
 * Fresh, migrated databases for the benchmark: an SQLite file in a temporary folder, and a PostgreSQL
 * database created on the server named by XINYONG_BENCH_PG_URL (else XINYONG_TEST_PG_URL, else the
 * local default) and dropped afterwards. PostgreSQL is measured only when reachable.
 */
import { migrateToLatest } from '../src/migrations/index.ts';
import type { Database } from '../src/modules/database.ts';
import type { EngineName } from '../src/platform/db/engine.ts';
import {
  createScratchStore,
  type ScratchStore,
  postgresUnavailable as unavailable,
} from '../src/platform/db/scratch.ts';

export const BENCH_PG_URL =
  process.env.XINYONG_BENCH_PG_URL ??
  process.env.XINYONG_TEST_PG_URL ??
  'postgres://postgres:postgres@127.0.0.1:5432/postgres';

export type BenchStore = ScratchStore<Database>;

/** Why PostgreSQL cannot be used, or undefined when it can. */
export const postgresUnavailable = (): Promise<string | undefined> => unavailable(BENCH_PG_URL);

export const freshStore = (engine: EngineName): Promise<BenchStore> =>
  createScratchStore<Database>(engine, {
    prefix: 'xinyong-bench',
    postgresUrl: BENCH_PG_URL,
    prepare: migrateToLatest,
  });
