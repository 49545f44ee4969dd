import { type Kysely, sql } from 'kysely';

export type EngineName = 'sqlite' | 'postgres';

/**
 * What differs between the engines, decided once here (STYLE §3) instead of `if (sqlite)` scattered
 * through repositories. Migrations and repositories ask for a capability, never for the engine name.
 */
export type Capabilities = {
  engine: EngineName;
  /** column type for UUIDv7 primary keys: native `uuid` on PostgreSQL, text on SQLite */
  uuidType: 'uuid' | 'text';
  /** column type for instants; both engines hand back ISO 8601 strings (see postgres.ts type parsers) */
  timestampType: 'timestamptz' | 'text';
  /** column type for JSON documents; write with `toJson`, read with `fromJson` */
  jsonType: 'jsonb' | 'text';
  /** column type for bytes (evidence files): `bytea` or `blob`; both drivers hand back a Buffer */
  blobType: 'bytea' | 'blob';
  /** several processes may write at once (PostgreSQL) or one writer at a time (SQLite WAL) */
  concurrentWriters: boolean;
  /** largest number of bind parameters one statement may carry */
  maxBindParameters: number;
  /** bulk load path: COPY FROM STDIN (PostgreSQL) or batched inserts in one transaction (SQLite) */
  bulkLoad: 'copy' | 'batched-insert';
};

/**
 * An open database. Generic in its tables: the platform knows none of them; the application opens it as
 * `Store<Database>` (src/modules/database.ts).
 */
export type Store<DB = unknown> = {
  db: Kysely<DB>;
  capabilities: Capabilities;
  /** the URL with any password redacted, for logs */
  describe: string;
  /**
   * The change signal: "has anyone committed since N?" without a query. A number every commit to the
   * database changes, by any connection in any process (SQLite: the WAL-index change counter in the
   * shared-memory file, a single read). Equal readings mean nobody committed in between; undefined
   * when it cannot be read (then ask the database). Absent on PostgreSQL and SQLite `:memory:`.
   */
  changeCounter?: () => number | undefined;
  /**
   * The last number an AUTOINCREMENT key of `table` has handed out, as committed by every connection
   * in any process — rows since deleted included. SQLite on a file reads it on a separate read-only
   * connection, without waiting behind this connection's transactions (a few microseconds); SQLite
   * `:memory:` has only its one connection and asks through it. Absent where keys are not handed out in
   * commit order (PostgreSQL): there, ask a table that is.
   */
  autoIncrementHead?: (table: string) => number | Promise<number>;
  close(): Promise<void>;
};

/** Whether the database answers a trivial query (health checks). */
export async function databaseReachable<DB>(store: Store<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}

/** JSON columns: both engines accept a JSON string on write. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** JSON columns: PostgreSQL (jsonb) returns parsed values, SQLite returns text. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** COUNT(*) comes back as a string (bigint) from pg and as a number from SQLite. */
export function toCount(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}
