import { type Kysely, type RawBuilder, sql } from 'kysely';
import { toCount } from '../../platform/db/engine.ts';
import type { Database } from '../database.ts';
import { type AuditedTable, keyColumnsOf } from './row-digest.ts';

/**
 * The SQL that reads a registered table for row-digest verification. Table and column names come from
 * the code's registry (never from a request) and are quoted as identifiers.
 */

/**
 * Every row, in pages by key (`key > last`, column by column for a key of several), so a large table
 * streams through constant memory.
 */
export async function* scanAuditedTable(
  db: Kysely<Database>,
  table: AuditedTable,
  pageSize = table.pageSize ?? 1000,
): AsyncGenerator<Record<string, unknown>> {
  const keys = keyColumnsOf(table);
  const order = sql.join(keys.map((k) => sql.ref(k)));
  let last: Record<string, unknown> | undefined;
  for (;;) {
    const after = last === undefined ? sql`` : sql`where ${keyAfter(keys, last)}`;
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${sql.table(table.table)} ${after} order by ${order} limit ${pageSize}`.execute(db);
    yield* rows;
    if (rows.length < pageSize) return;
    last = rows.at(-1)!;
  }
}

/**
 * `key > last`: for a key of several columns the row-value comparison `(a, b) > (x, y)`, which both
 * engines compare column by column and answer from the key's index (an OR of the columns would not).
 */
function keyAfter(keys: readonly string[], last: Record<string, unknown>): RawBuilder<unknown> {
  if (keys.length === 1) return sql`${sql.ref(keys[0]!)} > ${last[keys[0]!]}`;
  const columns = sql.join(keys.map((k) => sql.ref(k)));
  const values = sql.join(keys.map((k) => sql`${last[k]}`));
  return sql`(${columns}) > (${values})`;
}

export async function countAuditedRows(db: Kysely<Database>, table: AuditedTable): Promise<number> {
  const { rows } = await sql<{ n: unknown }>`select count(*) as n from ${sql.table(table.table)}`.execute(db);
  return toCount(rows[0]?.n);
}

/** The table's columns as the database has them (undefined when the table does not exist). */
export async function actualColumns(db: Kysely<Database>, table: string): Promise<string[] | undefined> {
  const tables = await db.introspection.getTables();
  const found = tables.find((t) => t.name === table && (t.schema === undefined || t.schema === 'public'));
  return found?.columns.map((c) => c.name);
}
