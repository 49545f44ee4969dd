import { badRequest } from '../errors.ts';
import type { Store } from './engine.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';

/**
 * Opens the store a URL names: `postgres://…` / `postgresql://…` → PostgreSQL; `sqlite:FILE`,
 * `file:FILE`, a bare path or `:memory:` → SQLite.
 */
export function openStore<DB>(url: string): Store<DB> {
  const file = sqliteFileOf(url);
  if (file === undefined) return openPostgres<DB>(url);
  if (file === '') {
    throw badRequest(
      'DATABASE_URL_INVALID',
      `DATABASE_URL "${url}" 未指明文件；示例：sqlite:./data/xinyong.db 或 postgres://user:pass@host/db`,
      `DATABASE_URL "${url}" names no file; e.g. sqlite:./data/xinyong.db or postgres://user:pass@host/db`,
    );
  }
  return openSqlite<DB>(file);
}

/** The SQLite file a database URL names (`:memory:` included), or undefined for PostgreSQL. */
export function sqliteFileOf(url: string): string | undefined {
  if (/^postgres(ql)?:\/\//.test(url)) return undefined;
  return url.replace(/^(sqlite|file):/, '');
}
