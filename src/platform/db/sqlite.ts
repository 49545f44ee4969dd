import { closeSync, mkdirSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Capabilities, Store } from './engine.ts';
import { checkpointElsewhere, FALLBACK_AUTOCHECKPOINT_PAGES } from './sqlite-checkpointer.ts';

export const SQLITE_CAPABILITIES: Capabilities = {
  engine: 'sqlite',
  uuidType: 'text',
  timestampType: 'text',
  jsonType: 'text',
  blobType: 'blob',
  concurrentWriters: false,
  maxBindParameters: 32_766,
  bulkLoad: 'batched-insert',
};

const STATEMENT_CACHE = 1000;
/** How often the writer takes the last checkpoint pass itself (see openSqlite). */
const WRITER_PASS_MS = 200;
/** Frames in the log (8 MB of 4 KB pages) before the writer takes its pass. */
const WRITER_PASS_FRAMES = 2048;
const MAX_CACHED_SQL = 4096;
const LONG_STATEMENT_CACHE = 16;

/**
 * Kysely prepares every statement anew, a large share of the server's CPU under check load. Statements
 * are kept by their SQL (least recently used dropped past 1,000). Statements over 4 KB — IN lists and
 * multi-row inserts — are kept apart, only the 16 most recent: most are each prepared for one bulk
 * operation, but the recorder's full 500-row insert of hits recurs with every large check. A statement
 * still iterating (`busy`) is never handed out twice: a fresh one is prepared instead. Figures:
 * docs/PERFORMANCE.md.
 */
function withStatementCache(database: SqliteDatabase.Database) {
  const short = new Map<string, SqliteDatabase.Statement>();
  const long = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      // Write transactions take the write lock at BEGIN: a deferred one that read first fails with
      // SQLITE_BUSY_SNAPSHOT when another connection (the CLI, another server) committed in between;
      // an immediate one waits its turn (busy_timeout). Every transaction here writes.
      const sql = text === 'begin' ? 'begin immediate' : text;
      const cache = sql.length <= MAX_CACHED_SQL ? short : long;
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > (cache === short ? STATEMENT_CACHE : LONG_STATEMENT_CACHE)) {
          cache.delete(cache.keys().next().value!);
        }
      }
      return statement;
    },
  };
}

/** Opens (creating if needed) an SQLite file in WAL mode; `:memory:` for throwaway databases. */
export function openSqlite<DB>(file: string): Store<DB> {
  if (file !== ':memory:') {
    // Owner-only (issue 14 §5): the directory when it is created, and the file before SQLite opens it;
    // SQLite gives the -wal and -shm files the database file's mode. An existing file keeps its mode
    // (`serve` warns when others may read it).
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
  }
  const database = new SqliteDatabase(file);
  // WAL lets readers proceed while one writer commits; busy_timeout waits instead of failing
  // when the CLI and the server write at the same moment.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // A city-sized file (millions of subjects and records) needs more than SQLite's default page cache:
  // 128 MB per connection (its effect on name search and checks: docs/PERFORMANCE.md).
  database.pragma('cache_size = -131072');
  // Reads of a large file through the OS page cache without copying (1 GB window).
  database.pragma('mmap_size = 1073741824');
  // The WAL-index header: the change counter (the check index, decision 0011) and the log's length
  // (the writer's checkpoint pass below), read from one open file.
  const wal = file === ':memory:' ? undefined : walIndexHeader(`${file}-shm`);
  // Checkpoints on their own thread (sqlite-checkpointer.ts); the writer's own only as a safety valve.
  let stopCheckpoints: (() => Promise<void>) | undefined;
  if (file !== ':memory:') {
    database.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    const stopThread = checkpointElsewhere(file);
    // The log starts again from its beginning only when a write transaction begins with every frame
    // already copied. Under steady load the thread never quite catches up with the writer between two
    // commits, and the log grew to the safety valve's size. So the writer takes the last, short pass
    // itself, between its transactions: what was committed since the thread's pass. Only once the log
    // holds WRITER_PASS_FRAMES since it last started again: each pass ends with an fsync of the
    // database file on this thread (its cost under check load: docs/PERFORMANCE.md).
    const lastPass = setInterval(() => {
      if (!database.inTransaction && (wal?.frames() ?? WRITER_PASS_FRAMES) >= WRITER_PASS_FRAMES) {
        database.pragma('wal_checkpoint(PASSIVE)');
      }
    }, WRITER_PASS_MS);
    lastPass.unref();
    stopCheckpoints = async () => {
      clearInterval(lastPass);
      await stopThread();
    };
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  // AUTOINCREMENT's high-water mark, still right when rows have been deleted. Read on a second,
  // read-only connection that sees every commit at once without waiting behind this connection's
  // transactions (the check index's feed head, decision 0011); `:memory:` has only the one connection.
  const HEAD = 'select seq from sqlite_sequence where name = ?';
  let watcher: { connection: SqliteDatabase.Database; head: SqliteDatabase.Statement } | undefined;
  const autoIncrementHead =
    file === ':memory:'
      ? async (table: string) => {
          const row = await sql<{
            seq: number;
          }>`select seq from sqlite_sequence where name = ${table}`.execute(db);
          return Number(row.rows[0]?.seq ?? 0);
        }
      : (table: string) => {
          if (!watcher) {
            const connection = new SqliteDatabase(file, { readonly: true });
            watcher = { connection, head: connection.prepare(HEAD).pluck() };
          }
          return Number(watcher.head.get(table) ?? 0);
        };
  return {
    db,
    capabilities: SQLITE_CAPABILITIES,
    describe: `sqlite:${file}`,
    autoIncrementHead,
    ...(wal ? { changeCounter: wal.read } : {}),
    close: async () => {
      watcher?.connection.close();
      await stopCheckpoints?.();
      wal?.close();
      await db.destroy();
    },
  };
}

/** The WAL-index header's version field for every SQLite since 3.7.0 (fileformat2, "WAL-index format"). */
const WAL_INDEX_VERSION = 3007000;

/**
 * Fields of the WAL-index header, read from the shared-memory file every connection to a WAL database
 * maps: one read of 20 bytes, no lock, no transaction. `read` is the change counter (`iChange`): every
 * commit by any connection bumps it. `frames` is `mxFrame`, the frames in the log since it last started
 * again. Undefined when the header is not there or not the documented one (then callers ask the
 * database, or act as if the log were full). The header is in the machine's byte order; a read racing a
 * commit sees the old or the new value, and a commit is only done once its header is written.
 */
function walIndexHeader(shmFile: string) {
  const header = Buffer.alloc(20);
  const little = endianness() === 'LE';
  let fd: number | undefined;
  const field = (offset: number): number | undefined => {
    try {
      fd ??= openSync(shmFile, 'r');
      if (readSync(fd, header, 0, 20, 0) < 20) return undefined;
    } catch {
      return undefined;
    }
    const version = little ? header.readUInt32LE(0) : header.readUInt32BE(0);
    if (version !== WAL_INDEX_VERSION || header[12] !== 1) return undefined;
    return little ? header.readUInt32LE(offset) : header.readUInt32BE(offset);
  };
  return {
    read: (): number | undefined => field(8),
    frames: (): number | undefined => field(16),
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
