import { type Kysely, sql } from 'kysely';
import { toCount } from '../../platform/db/engine.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { AuditedTable } from './row-digest.ts';

/**
 * The SQL that reads a registered table for row-digest verification. Table and column names come from
 * the code's registry (never from a request) and are quoted as identifiers.
 */

/** Every row, in pages by id (`id > last`), so a large table streams through constant memory. */
export async function* scanAuditedTable(
  db: Kysely<Database>,
  table: AuditedTable,
  pageSize = 1000,
): AsyncGenerator<Record<string, unknown>> {
  const id = sql.ref(table.idColumn);
  let last: unknown;
  for (;;) {
    const after = last === undefined ? sql`` : sql`where ${id} > ${last}`;
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${sql.table(table.table)} ${after} order by ${id} limit ${pageSize}`.execute(db);
    yield* rows;
    if (rows.length < pageSize) return;
    last = rows.at(-1)![table.idColumn];
  }
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
