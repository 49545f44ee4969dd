import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { redactUrl } from '../config.ts';
import type { Capabilities, Store } from './engine.ts';

export const POSTGRES_CAPABILITIES: Capabilities = {
  engine: 'postgres',
  uuidType: 'uuid',
  timestampType: 'timestamptz',
  jsonType: 'jsonb',
  blobType: 'bytea',
  concurrentWriters: true,
  maxBindParameters: 65_535,
  bulkLoad: 'copy',
};

// Both engines hand instants back as ISO 8601 strings and plain dates as YYYY-MM-DD, so code above
// the repositories never sees a driver-specific Date. BIGINT (count) stays a string; use toCount.
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const DATE = 1082;
pg.types.setTypeParser(TIMESTAMPTZ, (v) => new Date(v).toISOString());
pg.types.setTypeParser(TIMESTAMP, (v) => new Date(`${v}Z`).toISOString());
pg.types.setTypeParser(DATE, (v) => v);

export function openPostgres<DB>(url: string, options: { max?: number } = {}): Store<DB> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle pooled connection that the server ends (restart, failover, a dropped database) is emitted
  // as a pool 'error'; unhandled, it would crash the process. pg discards that client and the next
  // query opens a fresh connection, so there is nothing more to do here.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    capabilities: POSTGRES_CAPABILITIES,
    describe: redactUrl(url),
    close: () => db.destroy(),
  };
}
