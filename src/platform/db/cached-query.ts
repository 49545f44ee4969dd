import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.ts';

/** SQL by engine (the dialect's adapter, shared by a database and its transactions) and shape key. */
const byAdapter = new WeakMap<object, Map<string, string>>();

/**
 * A statement of a hot path (the audit head's update, per group of checks) built and compiled by
 * Kysely once per engine — placeholders and quoting are the engine's — then run with new parameters.
 * `build` makes the query with the very values in `parameters`; the first build checks that they come
 * out in that order, so a changed query cannot silently bind values to the wrong placeholders.
 */
export async function executeCached<R>(
  db: Kysely<Database>,
  key: string,
  build: (db: Kysely<Database>) => Compilable<R>,
  parameters: readonly unknown[],
): Promise<QueryResult<R>> {
  const adapter = db.getExecutor().adapter;
  let compiled = byAdapter.get(adapter);
  if (!compiled) {
    compiled = new Map();
    byAdapter.set(adapter, compiled);
  }
  let text = compiled.get(key);
  if (text === undefined) {
    const query = build(db).compile();
    const built = query.parameters;
    if (built.length !== parameters.length || built.some((p, i) => p !== parameters[i])) {
      throw new Error(
        `executeCached ${key}: the query binds ${JSON.stringify(built)}, not ${JSON.stringify(parameters)}`,
      );
    }
    text = query.sql;
    compiled.set(key, text);
  }
  return db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
}
