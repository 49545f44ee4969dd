import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { sql } from 'kysely';
import { openSqlite } from './sqlite.ts';

const root = mkdtempSync(path.join(tmpdir(), 'xinyong-sqlite-files-'));
after(() => rmSync(root, { recursive: true, force: true }));

it('issue 14 §5: the database file, its -wal and -shm files and a directory made for them are owner-only', async () => {
  // The usual umask lets others read what is created; the modes must not depend on it.
  const previous = process.umask(0o022);
  try {
    const file = path.join(root, 'data', 'xinyong.db');
    const store = openSqlite(file);
    await sql`create table t (x integer)`.execute(store.db);
    await sql`insert into t values (1)`.execute(store.db);
    const modes = Object.fromEntries(
      [file, `${file}-wal`, `${file}-shm`].map((f) => [
        path.basename(f),
        (statSync(f).mode & 0o777).toString(8),
      ]),
    );
    await store.close();
    assert.deepEqual(modes, { 'xinyong.db': '600', 'xinyong.db-wal': '600', 'xinyong.db-shm': '600' });
    assert.equal((statSync(path.dirname(file)).mode & 0o777).toString(8), '700');
  } finally {
    process.umask(previous);
  }
});
