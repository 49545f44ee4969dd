/**
 * Test support: run one suite against every engine (STYLE §3, "every repository test runs on both").
 *
 * SQLite: a fresh file in a temporary folder per suite. PostgreSQL: a fresh database per suite on the
 * server named by XINYONG_TEST_PG_URL (default postgres://postgres:postgres@127.0.0.1:5432/postgres),
 * dropped afterwards. Where PostgreSQL is unreachable the PostgreSQL suites are skipped and say why —
 * except under CI=true, where they fail, so nothing can silently skip in CI.
 */
import { after, before, describe } from 'node:test';
import type { EngineName, Store } from './engine.ts';
import { createScratchStore, postgresUnavailable } from './scratch.ts';

export const TEST_PG_URL =
  process.env.XINYONG_TEST_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const inCi = process.env.CI === 'true';

const pgUnavailable = await postgresUnavailable(TEST_PG_URL);

export type TestStore<DB = unknown> = Store<DB> & { engine: EngineName; url: string };

export type EngineSuiteOptions<DB> = {
  /** run on each new store before the suite (the application's migrations, or a test's own tables) */
  prepare?: (store: Store<DB>) => Promise<unknown>;
};

/** Creates an empty store on the given engine, prepared; `dispose` removes it entirely. */
export async function createTestStore<DB = unknown>(
  engine: EngineName,
  options: EngineSuiteOptions<DB> = {},
): Promise<{ store: TestStore<DB>; dispose(): Promise<void> }> {
  const scratch = await createScratchStore<DB>(engine, {
    prefix: 'xinyong-test',
    postgresUrl: TEST_PG_URL,
    ...(options.prepare ? { prepare: options.prepare } : {}),
  });
  return { store: { ...scratch.store, engine, url: scratch.url }, dispose: scratch.dispose };
}

/**
 * `describeEachEngine('subjects repository', (getStore) => { it(...) })` defines the suite once per
 * engine. The store is prepared (`options.prepare`) and otherwise empty at the start of the suite, and
 * shared by its tests. Application suites use `src/testing/engines.ts`, which prepares it with the
 * migrations.
 */
export function describeEachEngine<DB = unknown>(
  name: string,
  fn: (getStore: () => TestStore<DB>, engine: 'sqlite' | 'postgres') => void,
  options: EngineSuiteOptions<DB> = {},
): void {
  for (const engine of ['sqlite', 'postgres'] as const) {
    const skip =
      engine === 'postgres' && pgUnavailable !== undefined && !inCi
        ? `PostgreSQL not reachable (${pgUnavailable}); set XINYONG_TEST_PG_URL`
        : false;
    describe(`${name} [${engine}]`, { skip }, () => {
      let current: { store: TestStore<DB>; dispose(): Promise<void> } | undefined;
      before(async () => {
        if (engine === 'postgres' && pgUnavailable !== undefined) {
          throw new Error(`CI=true but PostgreSQL is not reachable at ${TEST_PG_URL}: ${pgUnavailable}`);
        }
        current = await createTestStore<DB>(engine, options);
      });
      fn(() => {
        if (!current) throw new Error('store not ready');
        return current.store;
      }, engine);
      // Registered after the suite's own hooks, so it runs after them: a suite's teardown (closing its
      // app, scanning its log) still has its store.
      after(async () => {
        await current?.dispose();
      });
    });
  }
}
