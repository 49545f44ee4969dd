import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Capabilities, Store } from './engine.ts';
import type { Database } from './schema.ts';

export const SQLITE_CAPABILITIES: Capabilities = {
  engine: 'sqlite',
  uuidType: 'text',
  timestampType: 'text',
  jsonType: 'text',
  concurrentWriters: false,
  maxBindParameters: 32_766,
  bulkLoad: 'batched-insert',
};

/** Opens (creating if needed) an SQLite file in WAL mode; `:memory:` for throwaway databases. */
export function openSqlite(file: string): Store {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SqliteDatabase(file);
  // WAL lets readers proceed while one writer commits; busy_timeout waits instead of failing
  // when the CLI and the server write at the same moment.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // A city-sized file (millions of subjects and records) needs more than SQLite's 2 MB page cache:
  // 128 MB per connection roughly halved name-search and check latencies at 1M subjects.
  database.pragma('cache_size = -131072');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    capabilities: SQLITE_CAPABILITIES,
    describe: `sqlite:${file}`,
    close: () => db.destroy(),
  };
}
