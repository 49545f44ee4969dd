import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { TestStore } from '../../testing/engines.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { entryHash, verifyChain } from './audit.chain.ts';
import { appendAudit, appendAuditMany, readAuditEntries, readAuditHead } from './audit.repository.ts';
import { anchorDay, verifyAudit } from './audit.service.ts';
import { canonicalJson, GENESIS_HASH } from './canonical.ts';
import { sampleEntry } from './test-support.ts';

/** Reads one entry's raw row and gives back a function that puts it back exactly. */
async function takeRow(store: TestStore, seq: number) {
  const row = await store.db
    .selectFrom('audit_entries')
    .selectAll()
    .where('seq', '=', seq)
    .executeTakeFirstOrThrow();
  const restore = async () => {
    await store.db.deleteFrom('audit_entries').where('seq', '=', seq).execute();
    const detail = typeof row.detail === 'string' ? row.detail : canonicalJson(row.detail);
    await store.db
      .insertInto('audit_entries')
      .values({ ...row, detail })
      .execute();
  };
  return { row, restore };
}

const isError = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

async function brokenAt(store: TestStore) {
  const report = await verifyAudit(store, []);
  return report.firstBroken && [report.firstBroken.seq, report.firstBroken.reason];
}

describeEachEngine('audit chain in the database', (getStore) => {
  it('appends contiguous entries whose chain verifies (C §4(1): every query registered)', async () => {
    const store = getStore();
    const first = await appendAudit(store, sampleEntry(1));
    assert.equal(first.seq, 1);
    assert.equal(first.prevHash, GENESIS_HASH);
    const more = await appendAuditMany(
      store,
      [2, 3, 4, 5, 6, 7, 8].map((n) => sampleEntry(n)),
    );
    assert.deepEqual(
      more.map((r) => r.seq),
      [2, 3, 4, 5, 6, 7, 8],
    );
    const report = await verifyAudit(store, []);
    assert.equal(report.ok, true, JSON.stringify(report.firstBroken));
    assert.equal(report.entries, 8);
    assert.equal(report.headHash, more.at(-1)!.hash);
    assert.deepEqual(await readAuditHead(store.db), { seq: 8, hash: more.at(-1)!.hash });
    const stored = await store.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '=', 3)
      .executeTakeFirst();
    assert.equal(stored?.purpose, '行政许可审查 / licensing review');
    assert.equal(stored?.actor_department, 'HA-FGW');
  });

  it('names seq 3 when one byte of its purpose is changed in the database (A20, B33)', async () => {
    const store = getStore();
    const { restore } = await takeRow(store, 3);
    await sql`update audit_entries set purpose = 'x' where seq = 3`.execute(store.db);
    assert.deepEqual(await brokenAt(store), [3, 'hash_mismatch']);
    await restore();
    assert.equal((await verifyAudit(store, [])).ok, true);
  });

  it('names seq 5 when its detail or its result is changed (A20, B33)', async () => {
    const store = getStore();
    const { restore } = await takeRow(store, 5);
    await sql`update audit_entries set detail = ${canonicalJson({ fields: ['name', 'records'], n: 6 })} where seq = 5`.execute(
      store.db,
    );
    assert.deepEqual(await brokenAt(store), [5, 'hash_mismatch']);
    await restore();
    await sql`update audit_entries set result = 'denied' where seq = 5`.execute(store.db);
    assert.deepEqual(await brokenAt(store), [5, 'hash_mismatch']);
    await restore();
    assert.equal((await verifyAudit(store, [])).ok, true);
  });

  it('names a deleted middle entry as a gap (A20, B33)', async () => {
    const store = getStore();
    const { restore } = await takeRow(store, 4);
    await sql`delete from audit_entries where seq = 4`.execute(store.db);
    const report = await verifyAudit(store, []);
    assert.equal(report.ok, false);
    assert.deepEqual([report.firstBroken?.seq, report.firstBroken?.reason], [4, 'gap']);
    assert.match(report.firstBroken!.detail, /entries 4\.\.4 are missing/);
    await restore();
    assert.equal((await verifyAudit(store, [])).ok, true);
  });

  it('names a deleted last entry, or a rewound head, as head_mismatch (A20, B33)', async () => {
    const store = getStore();
    const { row, restore } = await takeRow(store, 8);
    await sql`delete from audit_entries where seq = 8`.execute(store.db);
    assert.deepEqual(await brokenAt(store), [8, 'head_mismatch']);
    await restore();
    await sql`update audit_head set hash = ${GENESIS_HASH}`.execute(store.db);
    assert.deepEqual(await brokenAt(store), [8, 'head_mismatch']);
    await sql`update audit_head set hash = ${row.hash}`.execute(store.db);
    assert.equal((await verifyAudit(store, [])).ok, true);
  });

  it('appends inside the caller transaction: a rollback leaves no entry and the head unmoved', async () => {
    const store = getStore();
    const before = await readAuditHead(store.db);
    await assert.rejects(
      store.db.transaction().execute(async (trx) => {
        await appendAuditMany(trx, [sampleEntry(90), sampleEntry(91)]);
        throw new Error('the work failed');
      }),
      /the work failed/,
    );
    assert.deepEqual(await readAuditHead(store.db), before);
    assert.equal((await verifyAudit(store, [])).entries, 8);
  });

  it('refuses an entry whose detail has a fraction, with the field named', async () => {
    await assert.rejects(
      appendAudit(getStore(), sampleEntry(1, { detail: { amount: 12.5 } })),
      (e: unknown) =>
        e instanceof AppError && e.code === 'AUDIT_ENTRY_INVALID' && /detail\.amount/.test(e.message),
    );
  });

  it('catches a whole history recomputed after an edit through the day anchor (A20, B33)', async () => {
    const store = getStore();
    // Entries of 2020-01-10 (China time), anchored; then later entries.
    await appendAuditMany(
      store,
      [1, 2].map((n) => sampleEntry(100 + n, { at: '2020-01-10T03:00:00.000Z' })),
    );
    await assert.rejects(
      anchorDay(store, '2020-01-10', { now: '2020-01-10T15:00:00.000Z' }),
      isError('AUDIT_DAY_NOT_OVER'),
    );
    const anchor = await anchorDay(store, '2020-01-10');
    assert.equal(anchor.seq, 10);
    assert.deepEqual(await anchorDay(store, '2020-01-10'), anchor);
    assert.deepEqual(await anchorDay(store, '2020-01-09'), { day: '2020-01-09', seq: 0, hash: GENESIS_HASH });
    await appendAuditMany(
      store,
      [1, 2, 3].map((n) => sampleEntry(200 + n)),
    );
    assert.equal((await verifyAudit(store, [])).ok, true);

    // The attacker edits entry 2 and recomputes every hash after it, and the head.
    await sql`update audit_entries set target_id = 'subject-999' where seq = 2`.execute(store.db);
    const rows = [];
    for await (const r of readAuditEntries(store.db)) rows.push(r);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const hash = entryHash(prev, r);
      await sql`update audit_entries set prev_hash = ${prev}, hash = ${hash} where seq = ${r.seq}`.execute(
        store.db,
      );
      prev = hash;
    }
    await sql`update audit_head set hash = ${prev}`.execute(store.db);

    const head = await readAuditHead(store.db);
    assert.equal((await verifyChain(readAuditEntries(store.db), head)).ok, true, 'every link holds');
    assert.deepEqual(await brokenAt(store), [10, 'anchor_mismatch']);
    await assert.rejects(anchorDay(store, '2020-01-10'), isError('AUDIT_ANCHOR_CONFLICT'));

    // Deleting the stored anchors too does not help against the published one.
    await sql`delete from audit_anchors`.execute(store.db);
    const published = await verifyAudit(store, [], { published: [anchor] });
    assert.deepEqual([published.firstBroken?.seq, published.firstBroken?.reason], [10, 'anchor_mismatch']);
    assert.match(published.firstBroken!.detail, /published anchor 2020-01-10/);
  });

  it('refuses to anchor a day over a broken stretch of the chain', async () => {
    const store = getStore();
    await sql`update audit_entries set purpose = 'x' where seq = 3`.execute(store.db);
    await assert.rejects(
      anchorDay(store, '2020-01-11'),
      (e: unknown) =>
        e instanceof AppError && e.code === 'AUDIT_CHAIN_BROKEN' && e.details?.firstBroken !== undefined,
    );
    await assert.rejects(
      anchorDay(store, '2026-13-01'),
      (e: unknown) => e instanceof AppError && e.code === 'AUDIT_DAY_INVALID',
    );
  });
});
