import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { it } from 'node:test';
import { promisify } from 'node:util';
import { openStore } from '../../platform/db/database.ts';
import { describeEachEngine, type TestStore } from '../../testing/engines.ts';
import { appendAudit } from './audit.repository.ts';
import { verifyAudit } from './audit.service.ts';
import { sampleEntry } from './test-support.ts';

const WORKER = path.resolve(import.meta.dirname, 'append-worker.fixture.ts');
const run = promisify(execFile);
const APPENDERS = 4;
const EACH = 50;

async function assertIntactAndContiguous(store: TestStore, expected: number) {
  const report = await verifyAudit(store, []);
  assert.equal(report.ok, true, JSON.stringify(report.firstBroken));
  assert.equal(report.entries, expected);
  const seqs = (await store.db.selectFrom('audit_entries').select('seq').orderBy('seq').execute()).map(
    (r) => r.seq,
  );
  assert.deepEqual(
    seqs,
    Array.from({ length: expected }, (_, i) => i + 1),
  );
}

describeEachEngine('audit appenders running at once', (getStore) => {
  it(`keeps one intact, contiguous chain with ${APPENDERS} concurrent appenders × ${EACH} (A20, C §4(1))`, async () => {
    const store = getStore();
    // Where several writers may run at once (PostgreSQL) each appender has its own pool, so the
    // head row lock is what serializes them; SQLite has one writer at a time by design.
    const own = store.capabilities.concurrentWriters;
    const stores = Array.from({ length: APPENDERS }, () => (own ? openStore(store.url) : store));
    try {
      await Promise.all(
        stores.map(async (s, a) => {
          for (let i = 0; i < EACH; i++) await appendAudit(s, sampleEntry(i, { requestId: `a${a}-${i}` }));
        }),
      );
    } finally {
      if (own) await Promise.all(stores.map((s) => s.close()));
    }
    await assertIntactAndContiguous(store, APPENDERS * EACH);
    const ids = await store.db.selectFrom('audit_entries').select('request_id').execute();
    assert.equal(new Set(ids.map((r) => r.request_id)).size, APPENDERS * EACH);
  });

  it(`keeps one intact, contiguous chain with ${APPENDERS} appender processes × ${EACH} (A20, C §4(1))`, async () => {
    const store = getStore();
    const before = APPENDERS * EACH;
    await Promise.all(
      Array.from({ length: APPENDERS }, (_, p) =>
        run(process.execPath, [WORKER, store.url, String(EACH), `proc-${p}`]),
      ),
    );
    await assertIntactAndContiguous(store, before + APPENDERS * EACH);
    const perProcess = await store.db
      .selectFrom('audit_entries')
      .select(['actor_id', (eb) => eb.fn.countAll().as('n')])
      .where('actor_id', 'like', 'proc-%')
      .groupBy('actor_id')
      .execute();
    assert.deepEqual(
      perProcess.map((r) => Number(r.n)),
      Array(APPENDERS).fill(EACH),
    );
  });
});
