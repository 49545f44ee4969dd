/**
 * B14, A15(2): religion, genes, blood type, illness and medical history are never collected. A row
 * carrying them — by a field's name or in free text — is refused with FORBIDDEN_DATA naming the field,
 * and the value is found nowhere afterwards: not in the database file (with its WAL) or a dump, not
 * in the audit trail, not in the HTTP response, not in the logs.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { promisify } from 'node:util';
import type { HttpApp } from '../../platform/http/server.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import {
  ORGANIZATION_CODE,
  penalty,
  type RecordsTestApp,
  recordsHttpApp,
  recordsTestApp,
  setClock,
} from './test-support.ts';

const run = promisify(execFile);

// Each value carries an ASCII marker, so the search also sees it in any encoding of the text around.
const BLOOD = 'O型Rh阳性QX7731';
const RELIGION = '当事人信仰佛教多年ZK4419';
const IN_RECORD_ID = '穆斯林MK2203';
const STORED = '正常记录VALIDMARK8842';
const FORBIDDEN = [BLOOD, RELIGION, IN_RECORD_ID, 'QX7731', 'ZK4419', 'MK2203'];

describeEachEngine('forbidden data is refused and stored nowhere (B14, A15(2))', (getStore) => {
  let t: RecordsTestApp;
  let app: HttpApp;
  const logs: string[] = [];
  let key = '';
  let responses = '';

  before(async () => {
    setClock('2026-11-26T08:00:00.000Z');
    t = await recordsTestApp(getStore());
    app = await recordsHttpApp(t, logs);
    ({ key } = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-TAX',
      permissions: ['records.write'],
      label: '税务归集系统',
      createdBy: 'test',
    }));
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  async function send(mode: string, rows: unknown[]) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: { authorization: `Bearer ${key}` },
      payload: { mode, rows },
    });
    responses += res.body;
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }

  const withFields = (n: number, fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const row = penalty(n, extra);
    Object.assign(row.fields as Record<string, unknown>, fields);
    return row;
  };

  it('refuses a forbidden field name, forbidden free text and a forbidden record id, naming the field only', async () => {
    const body = await send('accept_valid', [
      withFields(1, { bloodType: BLOOD }),
      withFields(2, { facts: RELIGION }),
      penalty(3, { providerRecordId: IN_RECORD_ID }),
      withFields(4, { facts: STORED }),
    ]);
    const [name, text, id, ok] = body.results;
    assert.deepEqual(
      name.errors.map((e: { code: string; field: string }) => [e.code, e.field]),
      [['FORBIDDEN_DATA', 'fields.bloodType']],
    );
    assert.deepEqual([text.errors[0].code, text.errors[0].field], ['FORBIDDEN_DATA', 'fields.facts']);
    assert.deepEqual([id.errors[0].code, id.errors[0].field], ['FORBIDDEN_DATA', 'providerRecordId']);
    assert.equal(id.providerRecordId, undefined, 'not even the record id is echoed');
    assert.equal(ok.outcome, 'created');
  });

  it('refuses them in an all-or-nothing batch too', async () => {
    const body = await send('all_or_nothing', [withFields(5, { facts: RELIGION }), penalty(6)]);
    assert.deepEqual(
      body.results.map((r: { errors: { code: string }[] }) => r.errors[0]!.code),
      ['FORBIDDEN_DATA', 'RECORD_BATCH_ABORTED'],
    );
  });

  it("W9, B14: a food-safety penalty stating how many consumers fell ill is recorded; a named person's illness is not", async () => {
    const company = { code: ORGANIZATION_CODE, name: '淮安市示例餐饮管理有限公司' };
    const body = await send('accept_valid', [
      withFields(7, { facts: '供应的盒饭导致23名消费者被确诊为食物中毒' }, { subject: company }),
      withFields(8, { facts: '法定代表人张三患有糖尿病，未履行食品安全管理职责' }, { subject: company }),
    ]);
    const [harm, named] = body.results;
    assert.equal(harm.outcome, 'created', JSON.stringify(harm));
    assert.deepEqual([named.errors[0].code, named.errors[0].field], ['FORBIDDEN_DATA', 'fields.facts']);
    const [stored] = await t.intake.repository.versions('HA-TAX', 'P-7');
    assert.match(JSON.stringify(stored!.fields), /23名消费者被确诊为食物中毒/);
  });

  async function storedText(): Promise<string> {
    const store = getStore();
    if (store.engine === 'sqlite') {
      const file = store.url.replace(/^sqlite:/, '');
      return [file, `${file}-wal`]
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f).toString('utf8'))
        .join('\n');
    }
    const { stdout } = await run('pg_dump', ['--no-owner', '--dbname', store.url], {
      maxBuffer: 512 * 1024 * 1024,
    });
    return stdout;
  }

  it('leaves the values nowhere: database, audit trail, responses, logs', async () => {
    const stored = await storedText();
    assert.ok(stored.includes(STORED), 'the search sees stored field text, so it would see the others');
    const audit = JSON.stringify(await Array.fromAsync(t.ctx.audit.repository.entries()));
    assert.ok(audit.includes('FORBIDDEN_DATA'), 'the refusal itself is in the audit trail, by code');
    assert.ok(logs.length > 0 && responses.length > 0);
    const places = { database: stored, audit, responses, logs: logs.join('\n') };
    const found = Object.entries(places).flatMap(([place, text]) =>
      FORBIDDEN.filter((value) => text.includes(value)).map((value) => `${place}: ${value}`),
    );
    assert.deepEqual(found, []);
  });
});
