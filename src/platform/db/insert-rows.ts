import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Table = keyof Database & string;

/** Compiled SQL by engine (the dialect's adapter, shared by a database and its transactions). */
const byAdapter = new WeakMap<object, Map<string, string>>();
const MAX_SHAPES = 2000;

/**
 * Multi-row INSERTs for hot paths (the check recorder writes thousands of rows a second): the SQL of
 * each shape (table, columns, row count) is built by Kysely once — so placeholders and quoting are
 * the engine's — and reused with new parameters, instead of building and compiling a query per call.
 * Values are bound as given (JSON columns take `toJson` text, as everywhere).
 */
export async function insertRows<T extends Table>(
  db: Kysely<Database>,
  table: T,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const adapter = db.getExecutor().adapter;
  let compiled = byAdapter.get(adapter);
  if (!compiled) {
    compiled = new Map();
    byAdapter.set(adapter, compiled);
  }
  const key = `${table}\u0000${columns.join(',')}\u0000${rows.length}`;
  let text = compiled.get(key);
  if (text === undefined) {
    const template = rows.map(() => Object.fromEntries(columns.map((c) => [c, ''])));
    text = db
      .insertInto(table)
      .values(template as never)
      .compile().sql;
    if (compiled.size >= MAX_SHAPES) compiled.clear();
    compiled.set(key, text);
  }
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
