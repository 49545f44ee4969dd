/**
 * The ceiling of bench:intake: the benchmark rows written straight into `records`, no validation, no
 * sealing, no digests, no audit. Two ways, both measured:
 * - `query`: multi-row INSERTs through the query layer (Kysely), as the platform's repositories write;
 * - `bulk`: each engine's fastest path (decision 0002's `bulkLoad`): one prepared INSERT re-run inside
 *   a transaction on SQLite (better-sqlite3), COPY FROM STDIN on PostgreSQL (pg-copy-streams).
 */
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../src/modules/database.ts';
import { rowsPerStatement } from '../src/modules/records/records.repository.ts';

const { from: copyFrom } = createRequire(import.meta.url)('pg-copy-streams') as {
  from(sql: string): Writable;
};

export type RawRecord = Record<(typeof COLUMNS)[number], string | number | null>;

export const COLUMNS = [
  'id',
  'record_key',
  'version',
  'item_code',
  'item_version',
  'provider_department',
  'provider_record_id',
  'subject_id',
  'subject_name',
  'subject_ground',
  'severity',
  'identified_on',
  'received_at',
  'validity_ends_on',
  'policy_id',
  'policy_version',
  'fields',
  'content_digest',
  'reason',
  'push_workdays',
  'push_late',
  'push_provisional',
  'batch_id',
] as const;

export type RawInserter = { insert(rows: RawRecord[]): Promise<void>; close(): Promise<void> };

export function queryLayerInserter(store: Store): RawInserter {
  const chunk = rowsPerStatement(store, COLUMNS.length);
  return {
    async insert(rows) {
      await store.db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += chunk) {
          await trx
            .insertInto('records')
            .values(rows.slice(i, i + chunk) as never)
            .execute();
        }
      });
    },
    async close() {},
  };
}

/** `url`: `sqlite:FILE` or `postgres://…` of the benchmark's fresh database. */
export async function bulkInserter(url: string): Promise<RawInserter> {
  if (url.startsWith('sqlite:')) {
    const db = new SqliteDatabase(url.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const statement = db.prepare(
      `insert into records (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
    );
    const insertAll = db.transaction((rows: RawRecord[]) => {
      for (const row of rows) statement.run(COLUMNS.map((c) => row[c]));
    });
    return {
      async insert(rows) {
        insertAll(rows);
      },
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async insert(rows) {
      await client.query('begin');
      const stream = client.query(
        copyFrom(`copy records (${COLUMNS.join(', ')}) from stdin`) as never,
      ) as Writable;
      let text = '';
      for (const row of rows) text += `${COLUMNS.map((c) => copyText(row[c])).join('\t')}\n`;
      stream.end(text);
      await finished(stream);
      await client.query('commit');
    },
    async close() {
      await client.end();
    },
  };
}

/** COPY text format: \N for null; backslash, tab and line breaks escaped. */
function copyText(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
