import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { compiledSql } from './cached-query.ts';

/**
 * Multi-row INSERTs for hot paths (the check recorder writes thousands of rows a second): the SQL of
 * each shape (table, columns, row count) is built by Kysely once — so placeholders and quoting are
 * the engine's — and reused with new parameters, instead of building and compiling a query per call.
 * Values are bound as given (JSON columns take `toJson` text, as everywhere).
 */
export async function insertRows<DB>(
  db: Kysely<DB> | Transaction<DB>,
  table: keyof DB & string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const text = compiledSql(db, `insert\u0000${table}\u0000${columns.join(',')}\u0000${rows.length}`, () => {
    const template = rows.map(() => Object.fromEntries(columns.map((c) => [c, ''])));
    return db
      .insertInto(table as never)
      .values(template as never)
      .compile().sql;
  });
  const parameters: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const row of rows) {
    if (row.length !== columns.length) {
      throw new Error(`insertRows ${table}: a row has ${row.length} values for ${columns.length} columns`);
    }
    for (const value of row) parameters[i++] = value;
  }
  await db.executeQuery(CompiledQuery.raw(text, parameters));
}
