/**
 * WAL checkpoints happen on their own thread (decision 0012): the writer's automatic checkpoint is
 * pushed out to a safety valve, so what reaches the database file does so because the thread (or the
 * writer's short last pass) copied it, not because a commit stalled to do it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openSqlite } from './sqlite.ts';
import { FALLBACK_AUTOCHECKPOINT_PAGES } from './sqlite-checkpointer.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-checkpoint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite checkpoints off the writing thread', () => {
  it('copies committed pages into the database file without any commit taking a checkpoint', async () => {
    const file = path.join(dir, 'a.db');
    const store = openSqlite(file);
    try {
      await sql`create table t (id integer primary key, v text)`.execute(store.db);
      const before = statSync(file).size;
      // About 2 MB in 20 commits: far below the writer's own threshold, so it never checkpoints.
      for (let i = 0; i < 20; i++) {
        await store.db.transaction().execute(async (trx) => {
          for (let j = 0; j < 50; j++) await sql`insert into t (v) values (${'x'.repeat(2000)})`.execute(trx);
        });
      }
      assert.ok(2_000_000 / 4096 < FALLBACK_AUTOCHECKPOINT_PAGES);
      const deadline = Date.now() + 5000;
      while (statSync(file).size < before + 1_500_000 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(
        statSync(file).size >= before + 1_500_000,
        `the database file holds the rows (${statSync(file).size} bytes; ${before} before)`,
      );
    } finally {
      await store.close();
    }
  });

  it('closing a store waits for the thread to let go of the file; the file opens again at once', async () => {
    const file = path.join(dir, 'b.db');
    const first = openSqlite(file);
    await sql`create table t (id integer primary key)`.execute(first.db);
    await first.close();
    rmSync(file, { force: true });
    const second = openSqlite(file);
    try {
      await sql`create table t (id integer primary key)`.execute(second.db);
      const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(second.db);
      assert.equal(Number(rows[0]!.n), 0);
    } finally {
      await second.close();
    }
  });
});
