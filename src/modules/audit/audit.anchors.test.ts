/**
 * Issue 14 §2: every break is named, and cutting the newest entries off is caught by the external
 * anchor log, which the chain head is appended to at any moment.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { describeEachEngine, type TestStore } from '../../testing/engines.ts';
import { entryHash } from './audit.chain.ts';
import { appendAuditMany, entryAt, readAuditEntries } from './audit.repository.ts';
import { anchorDay, anchorHead, verifyAudit } from './audit.service.ts';
import { sampleEntry } from './test-support.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-anchors-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let logs = 0;
const freshLog = () => path.join(dir, `anchors-${logs++}.jsonl`);

/** Deletes entries after `seq` and sets the head back to it: what an administrator cutting the chain does. */
async function cutAfter(store: TestStore, seq: number) {
  const last = (await entryAt(store.db, seq))!;
  await sql`delete from audit_entries where seq > ${seq}`.execute(store.db);
  await sql`update audit_head set seq = ${last.seq}, hash = ${last.hash}`.execute(store.db);
}

const breaksOf = (report: Awaited<ReturnType<typeof verifyAudit>>) =>
  report.breaks.map((b) => [b.seq, b.reason]);

describeEachEngine('issue 14 §2: the audit chain against its external anchors', (getStore) => {
  it('issue 14 §2: verify names every break in the database — an edit, a deletion, another edit', async () => {
    const store = getStore();
    await appendAuditMany(
      store,
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => sampleEntry(n)),
    );
    await sql`update audit_entries set purpose = 'x' where seq = 2`.execute(store.db);
    await sql`delete from audit_entries where seq = 5`.execute(store.db);
    await sql`update audit_entries set target_id = 'someone-else' where seq = 7`.execute(store.db);
    const report = await verifyAudit(store, []);
    assert.deepEqual(breaksOf(report), [
      [2, 'hash_mismatch'],
      [5, 'gap'],
      [7, 'hash_mismatch'],
    ]);
    assert.equal(report.breakCount, 3);
    assert.deepEqual([report.firstBroken?.seq, report.firstBroken?.reason], [2, 'hash_mismatch']);
  });

  it('issue 14 §2: the newest entries cut off are caught by the latest head anchor, not by the chain alone', async () => {
    const store = getStore();
    await sql`delete from audit_entries`.execute(store.db);
    await sql`update audit_head set seq = 0, hash = ${'0'.repeat(64)}`.execute(store.db);
    const log = freshLog();
    await appendAuditMany(
      store,
      [1, 2, 3, 4, 5, 6].map((n) => sampleEntry(n)),
    );
    const first = await anchorHead(store, log, { now: '2026-11-26T08:00:00.000Z' });
    await appendAuditMany(store, [sampleEntry(7), sampleEntry(8)]);
    const latest = await anchorHead(store, log, { now: '2026-11-26T08:05:00.000Z' });
    assert.deepEqual([first.seq, latest.seq], [6, 8]);
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.kind, l.seq, l.hash]),
      [
        ['head', 6, first.hash],
        ['head', 8, latest.hash],
      ],
    );
    const intact = await verifyAudit(store, [], { anchorLog: log });
    assert.equal(intact.ok, true, JSON.stringify(intact.breaks));
    assert.deepEqual(intact.anchorsChecked, { stored: 0, published: 0, external: 2 });

    await cutAfter(store, 7);
    assert.equal((await verifyAudit(store, [])).ok, true, 'the chain alone cannot tell it was cut');
    const cut = await verifyAudit(store, [], { anchorLog: log });
    assert.deepEqual(breaksOf(cut), [[8, 'anchor_mismatch']]);
    assert.match(
      cut.breaks[0]!.detail,
      /external anchor 2026-11-26T08:05:00.000Z names seq 8 but the chain ends at 7/,
    );

    // Cut further and append new entries past the anchor: the anchored hash is no longer there.
    await cutAfter(store, 5);
    await appendAuditMany(store, [sampleEntry(96), sampleEntry(97), sampleEntry(98)]);
    const rewritten = await verifyAudit(store, [], { anchorLog: log });
    assert.deepEqual(breaksOf(rewritten), [
      [6, 'anchor_mismatch'],
      [8, 'anchor_mismatch'],
    ]);
    assert.match(rewritten.breaks[1]!.detail, /the history up to seq 8 was rewritten/);
  });

  it('issue 14 §2: a history recomputed from an edit on, head and all, still misses the anchor', async () => {
    const store = getStore();
    await sql`delete from audit_entries`.execute(store.db);
    await sql`update audit_head set seq = 0, hash = ${'0'.repeat(64)}`.execute(store.db);
    const log = freshLog();
    await appendAuditMany(
      store,
      [1, 2, 3, 4].map((n) => sampleEntry(n)),
    );
    await anchorHead(store, log);
    // Rewrite entry 2's purpose and recompute every hash after it, and the head.
    let prev = (await entryAt(store.db, 1))!.hash;
    for await (const e of readAuditEntries(store.db, { after: 1 })) {
      const content = e.seq === 2 ? { ...e, purpose: '改写' } : e;
      const hash = entryHash(prev, content);
      await sql`update audit_entries set purpose = ${content.purpose}, prev_hash = ${prev}, hash = ${hash} where seq = ${e.seq}`.execute(
        store.db,
      );
      prev = hash;
    }
    await sql`update audit_head set hash = ${prev}`.execute(store.db);
    assert.equal((await verifyAudit(store, [])).ok, true, 'every link holds');
    assert.deepEqual(breaksOf(await verifyAudit(store, [], { anchorLog: log })), [[4, 'anchor_mismatch']]);
  });

  it('issue 14 §2: a head that names no stored entry is not anchored; a day anchor is logged too', async () => {
    const store = getStore();
    const log = freshLog();
    await sql`update audit_head set seq = seq + 1`.execute(store.db);
    await assert.rejects(
      anchorHead(store, log),
      (e) => e instanceof AppError && e.code === 'AUDIT_CHAIN_BROKEN',
    );
    await sql`update audit_head set seq = seq - 1`.execute(store.db);
    await sql`delete from audit_entries`.execute(store.db);
    await sql`delete from audit_anchors`.execute(store.db);
    await sql`update audit_head set seq = 0, hash = ${'0'.repeat(64)}`.execute(store.db);
    await appendAuditMany(store, [sampleEntry(1, { at: '2020-01-10T03:00:00.000Z' })]);
    const day = await anchorDay(store, '2020-01-10', { anchorLog: log });
    const [line] = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual([line.kind, line.day, line.seq, line.hash], ['day', '2020-01-10', day.seq, day.hash]);
    // A line cut short by a crash is reported, not fatal; the anchors around it still count.
    appendFileSync(log, '{"kind":"head","at":"2020-01-11T00:00:00.000Z","seq":1,"ha\n');
    await anchorHead(store, log);
    const report = await verifyAudit(store, [], { anchorLog: log });
    assert.equal(report.ok, true, JSON.stringify(report.breaks));
    assert.deepEqual(report.anchorLog?.unreadableLines, [2]);
    assert.equal(report.anchorsChecked.external, 2);
  });

  it('issue 14 §2: a missing anchor log is no anchors, not an error', async () => {
    const report = await verifyAudit(getStore(), [], { anchorLog: path.join(dir, 'never-written.jsonl') });
    assert.equal(report.anchorsChecked.external, 0);
    assert.equal(report.ok, true, JSON.stringify(report.breaks));
  });
});
