import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from 'kysely';

/** SQL by engine (the dialect's adapter, shared by a database and its transactions) and shape key. */
const byAdapter = new WeakMap<object, Map<string, string>>();
/** Shapes kept per engine; past this, all are dropped and built again as they recur. */
const MAX_SHAPES = 2000;

/**
 * The SQL of a statement shape on this engine, built by `compile` the first time it is asked for and
 * kept for every later call (insertRows, executeCached).
 */
export function compiledSql<DB>(db: Kysely<DB>, key: string, compile: () => string): string {
  const adapter = db.getExecutor().adapter;
  let compiled = byAdapter.get(adapter);
  if (!compiled) {
    compiled = new Map();
    byAdapter.set(adapter, compiled);
  }
  let text = compiled.get(key);
  if (text === undefined) {
    text = compile();
    if (compiled.size >= MAX_SHAPES) compiled.clear();
    compiled.set(key, text);
  }
  return text;
}

/**
 * A statement of a hot path (the audit head's update, per group of checks) built and compiled by
 * Kysely once per engine — placeholders and quoting are the engine's — then run with new parameters.
 * `build` makes the query with the very values in `parameters`; the first build checks that they come
 * out in that order, so a changed query cannot silently bind values to the wrong placeholders.
 */
export async function executeCached<DB, R>(
  db: Kysely<DB>,
  key: string,
  build: (db: Kysely<DB>) => Compilable<R>,
  parameters: readonly unknown[],
): Promise<QueryResult<R>> {
  const text = compiledSql(db, key, () => {
    const query = build(db).compile();
    const built = query.parameters;
    if (built.length !== parameters.length || built.some((p, i) => p !== parameters[i])) {
      throw new Error(
        `executeCached ${key}: the query binds ${JSON.stringify(built)}, not ${JSON.stringify(parameters)}`,
      );
    }
    return query.sql;
  });
  return db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
}
