/**
 * Issue 14 §2: one anonymous request must not break the audit chain. Text that is not well-formed
 * Unicode is refused at the HTTP edge, and the audit chain and row digests hash text as it is stored
 * whatever a writer hands them, so the bytes hashed are the bytes stored.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, relaxedPolicy, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { loadDemoData } from '../demo/demo.loader.ts';
import { appendAudit } from './audit.repository.ts';
import type { AuditedTable } from './row-digest.ts';
import { recordRowsWritten, verifyRows } from './row-digests.service.ts';
import { sampleEntry } from './test-support.ts';

describeEachEngine('issue 14 §2: text that is not well-formed never breaks the audit trail', (getStore) => {
  let t: TestApp;
  let key = '';
  before(async () => {
    t = await createTestApp(getStore(), { policy: await relaxedPolicy() });
    await loadDemoData(t.ctx, { persons: 2, organizations: 1 });
    key = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-CZJ',
        permissions: ['checks.run'],
        label: '政府采购系统',
        createdBy: 'test',
      })
    ).key;
  });
  after(() => t.close());

  const intact = async () => {
    const report = await t.ctx.audit.verify();
    assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
    assert.equal(report.ok, true);
  };

  it('issue 14 §2: a lone surrogate in an anonymous login is refused (TEXT_NOT_WELL_FORMED, naming the field), and the chain verifies', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login":"nobody\\ud800","password":"whatever-it-is"}',
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'TEXT_NOT_WELL_FORMED');
    assert.deepEqual(res.json().error.details, { in: 'body', field: 'login' });
    await intact();
  });

  it("issue 14 §2: a lone surrogate in a check's purpose is refused before anything is recorded; the row digests hold", async () => {
    const before = await t.ctx.store.db.selectFrom('checks').select('id').execute();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: `{"scenario":"public_resource_trading","purpose":"投标资格审查\\udc00","subjects":[{"code":"91320800MA1XXXXX0X"}]}`,
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json().error.details, { in: 'body', field: 'purpose' });
    assert.equal((await t.ctx.store.db.selectFrom('checks').select('id').execute()).length, before.length);
    await intact();
  });

  it('issue 14 §2: invalid UTF-8 bytes, a malformed query and a malformed path are refused too; X-Purpose is decoded strictly', async () => {
    const bytes = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.concat([
        Buffer.from('{"login":"a'),
        Buffer.from([0xc0, 0xaf]),
        Buffer.from('","password":"x"}'),
      ]),
    });
    assert.equal(bytes.json().error.code, 'TEXT_NOT_WELL_FORMED');
    const query = await t.app.inject({ url: '/api/v1/catalog?category=%ED%A0%80' });
    assert.deepEqual([query.statusCode, query.json().error.code], [400, 'TEXT_NOT_WELL_FORMED']);
    const path = await t.app.inject({ url: '/api/v1/codes/%ED%A0%80' });
    assert.deepEqual([path.statusCode, path.json().error.code], [400, 'TEXT_NOT_WELL_FORMED']);
    const purpose = await t.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { authorization: `Bearer ${key}`, 'x-purpose': '%ED%A0%80' },
      payload: { scenario: 'public_resource_trading', purpose: '投标资格审查', subjects: [{ code: 'x' }] },
    });
    assert.equal(purpose.statusCode, 400, purpose.body);
    await intact();
  });

  it('issue 14 §2: a streamed check answers a malformed line at its index, and stores nothing of its text', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/checks/stream?scenario=public_resource_trading&purpose=${encodeURIComponent('投标资格审查')}`,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      payload: '{"code":"9132\\ud800","name":"王\\udc00"}\n',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /"index":0,.*"error":\{"code":"CODE_LENGTH"/);
    await intact();
  });

  it('issue 14 §2: the audit append itself hashes text as stored (defence in depth): a lone surrogate is U+FFFD in the hash and in the row', async () => {
    const record = await appendAudit(t.ctx.store, {
      ...sampleEntry(1),
      purpose: '核查\ud800',
      targetId: 'nobody\udc00',
      detail: { login: 'nobody\ud800', 'k\udc00': ['x\ud83d'] },
    });
    const stored = await t.ctx.store.db
      .selectFrom('audit_entries')
      .select(['purpose', 'target_id'])
      .where('seq', '=', record.seq)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { purpose: '核查\ufffd', target_id: 'nobody\ufffd' });
    assert.equal(record.purpose, stored.purpose);
    await intact();
  });

  it('issue 14 §2: a row digest hashes text as stored: a row written with a lone surrogate verifies', async () => {
    const table: AuditedTable = {
      table: 'wf_probe',
      idColumn: 'id',
      columns: { id: 'text', name: 'text', doc: 'json' },
    };
    const { db } = t.ctx.store;
    await sql`create table wf_probe (id text primary key, name text not null, doc text not null)`.execute(db);
    try {
      const row = { id: 'p\ud800', name: '王\udc00芳', doc: JSON.stringify({ note: 'ok' }) };
      await db.transaction().execute(async (trx) => {
        await sql`insert into wf_probe (id, name, doc) values (${row.id}, ${row.name}, ${row.doc})`.execute(
          trx,
        );
        await recordRowsWritten(
          trx,
          { table, rows: [row] },
          { actorRole: 'system', policyId: 'p', policyVersion: '1' },
        );
      });
      assert.deepEqual((await verifyRows(t.ctx.store, [table])).problems, []);
      await sql`update wf_probe set name = '王芳'`.execute(db);
      assert.deepEqual(
        (await verifyRows(t.ctx.store, [table])).problems.map((p) => [p.id, p.reason]),
        [['p\ufffd', 'row_digest_mismatch']],
      );
    } finally {
      await sql`drop table wf_probe`.execute(db);
    }
  });
});
