/**
 * Test support: every repository suite on both engines (STYLE §3), each store migrated to the latest
 * version and typed with the application's tables. Platform suites that need no tables use
 * `platform/db/test-engines.ts` directly.
 */
import { migrateToLatest } from '../migrations/index.ts';
import type { Database } from '../modules/database.ts';
import type { EngineName } from '../platform/db/engine.ts';
import {
  createTestStore as createEngineTestStore,
  describeEachEngine as describeEachEngineWith,
  type TestStore as EngineTestStore,
} from '../platform/db/test-engines.ts';

export { TEST_PG_URL } from '../platform/db/test-engines.ts';

export type TestStore = EngineTestStore<Database>;

/** A migrated, empty store on the given engine; `dispose` removes it entirely. */
export function createTestStore(engine: EngineName): Promise<{ store: TestStore; dispose(): Promise<void> }> {
  return createEngineTestStore<Database>(engine, { prepare: migrateToLatest });
}

/** `describeEachEngine('subjects repository', (getStore) => { it(...) })`: the suite once per engine. */
export function describeEachEngine(
  name: string,
  fn: (getStore: () => TestStore, engine: 'sqlite' | 'postgres') => void,
): void {
  describeEachEngineWith<Database>(name, fn, { prepare: migrateToLatest });
}
