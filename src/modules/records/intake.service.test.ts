import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { toCount } from '../../platform/db/engine.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { citizenId, penalty, push, type RecordsTestApp, recordsTestApp, setClock } from './test-support.ts';

describeEachEngine('intake: idempotency, versions, provider rights (B4, B8, A20)', (getStore) => {
  let t: RecordsTestApp;
  before(async () => {
    t = await recordsTestApp(getStore());
  });
  after(async () => t.close());
  const batches = async () =>
    toCount(
      (
        await t.ctx.store.db
          .selectFrom('intake_batches')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates records, and the same batch pushed again is all unchanged with no new row (idempotent retry)', async () => {
    setClock('2026-11-26T08:00:00.000Z');
    const rows = [penalty(1), penalty(2), penalty(3)];
    const first = await push(t, 'HA-TAX', rows);
    assert.deepEqual(first.summary, {
      total: 3,
      created: 3,
      unchanged: 0,
      newVersion: 0,
      refused: 0,
      aborted: 0,
    });
    assert.ok(first.results.every((r) => r.outcome === 'created' && r.version === 1 && r.recordId));
    const count = await t.intake.repository.count();

    const retry = await push(t, 'HA-TAX', rows);
    assert.deepEqual(retry.summary, {
      total: 3,
      created: 0,
      unchanged: 3,
      newVersion: 0,
      refused: 0,
      aborted: 0,
    });
    assert.deepEqual(
      retry.results.map((r) => r.recordId),
      first.results.map((r) => r.recordId),
      'an unchanged row names the stored version',
    );
    assert.equal(await t.intake.repository.count(), count);
  });

  it('a changed record is refused without a reason, and becomes version 2 with one; version 1 stays (A20, B33)', async () => {
    const changed = penalty(1, {});
    (changed.fields as Record<string, unknown>).fineAmount = '5';
    const refused = await push(t, 'HA-TAX', [changed]);
    assert.equal(refused.results[0]!.outcome, 'refused');
    assert.equal(refused.results[0]!.errors![0]!.code, 'RECORD_REASON_REQUIRED');

    const versioned = await push(t, 'HA-TAX', [{ ...changed, reason: '复议后罚款金额变更' }]);
    assert.equal(versioned.results[0]!.outcome, 'new_version');
    assert.equal(versioned.results[0]!.version, 2);
    const versions = await t.intake.repository.versions('HA-TAX', 'P-1');
    assert.deepEqual(
      versions.map((v) => [v.version, v.fields.fineAmount, v.reason]),
      [
        [1, 3, null],
        [2, 5, '复议后罚款金额变更'],
      ],
    );
    assert.equal(versions[0]!.record_key, versions[1]!.record_key, 'one logical record');
    const again = await push(t, 'HA-TAX', [{ ...changed, reason: '复议后罚款金额变更' }]);
    assert.equal(again.results[0]!.outcome, 'unchanged', 'the new version pushed again is unchanged');
  });

  it('refuses an item the catalog does not list the provider for (B8), and an unknown item', async () => {
    const judgment = { ...penalty(10), item: 'criminal-judgment' };
    const result = await push(t, 'HA-TAX', [judgment, { ...penalty(11), item: 'no-such-item' }]);
    assert.deepEqual(
      result.results.map((r) => r.errors?.[0]?.code),
      ['RECORD_PROVIDER_NOT_ALLOWED', 'RECORD_ITEM_UNKNOWN'],
    );
  });

  it("B4: another provider sending the same record id creates its own record, never touching the first's", async () => {
    const before = await t.intake.repository.versions('HA-TAX', 'P-2');
    const other = penalty(2, { reason: '试图修改他人记录' });
    (other.fields as Record<string, unknown>).fineAmount = '99';
    const result = await push(t, 'HA-GSJ', [other]);
    assert.equal(result.results[0]!.outcome, 'created');
    assert.equal(result.results[0]!.version, 1);
    assert.deepEqual(await t.intake.repository.versions('HA-TAX', 'P-2'), before, 'HA-TAX record unchanged');
    const own = await t.intake.repository.versions('HA-GSJ', 'P-2');
    assert.notEqual(own[0]!.record_key, before[0]!.record_key);
  });

  it('reports every problem of a row: bad code, missing field, future identification, missing severity', async () => {
    const badCode = `${citizenId().slice(0, 17)}${citizenId().endsWith('0') ? '1' : '0'}`;
    const missingField = penalty(21);
    delete (missingField.fields as Record<string, unknown>).documentNumber;
    const rows = [
      penalty(20, { subject: { code: badCode, name: '错号' } }),
      missingField,
      penalty(22, { identifiedOn: '2026-11-27' }),
      penalty(23, { severity: undefined }),
      penalty(24),
    ];
    const result = await push(t, 'HA-TAX', rows);
    const [code, missing, future, severity, ok] = result.results;
    assert.equal(code!.errors![0]!.code, 'RECORD_SUBJECT_CODE');
    assert.equal(code!.errors![0]!.field, 'subject.code');
    assert.equal(code!.errors![0]!.position, 18, 'names the wrong character');
    assert.deepEqual(
      [missing!.errors![0]!.code, missing!.errors![0]!.field],
      ['CATALOG_FIELD_MISSING', 'fields.documentNumber'],
    );
    assert.equal(future!.errors![0]!.code, 'RECORD_IDENTIFIED_IN_FUTURE');
    assert.equal(severity!.errors![0]!.code, 'RECORD_SEVERITY_REQUIRED');
    assert.equal(ok!.outcome, 'created', 'accept_valid writes the valid row');
    assert.equal(result.summary.refused, 4);
  });

  it('all_or_nothing writes nothing — no record, no subject — when one row fails, and says which', async () => {
    const subjects = await t.ctx.subjects.count();
    const records = await t.intake.repository.count();
    const batchesBefore = await batches();
    const result = await push(
      t,
      'HA-TAX',
      [penalty(30), penalty(31, { identifiedOn: 'yesterday' }), penalty(32)],
      'all_or_nothing',
    );
    assert.deepEqual(
      result.results.map((r) => [r.outcome, r.errors?.[0]?.code]),
      [
        ['refused', 'RECORD_BATCH_ABORTED'],
        ['refused', 'CATALOG_FIELD_TYPE'],
        ['refused', 'RECORD_BATCH_ABORTED'],
      ],
    );
    assert.equal(result.summary.aborted, 2);
    assert.equal(await t.intake.repository.count(), records);
    assert.equal(await t.ctx.subjects.count(), subjects);
    assert.equal(await batches(), batchesBefore + 1, 'the refused batch itself is on record');

    const fixed = await push(t, 'HA-TAX', [penalty(30), penalty(31), penalty(32)], 'all_or_nothing');
    assert.equal(fixed.summary.created, 3);
  });

  it('all_or_nothing also rolls back when a row fails against stored records (no reason for a change)', async () => {
    const records = await t.intake.repository.count();
    const changed = penalty(30);
    (changed.fields as Record<string, unknown>).fineAmount = '7';
    const result = await push(t, 'HA-TAX', [penalty(33), changed], 'all_or_nothing');
    assert.deepEqual(
      result.results.map((r) => r.errors?.[0]?.code),
      ['RECORD_BATCH_ABORTED', 'RECORD_REASON_REQUIRED'],
    );
    assert.equal(await t.intake.repository.count(), records);
  });

  it('two pushes of the same new records at once write each record once (the unique key decides)', async () => {
    const records = await t.intake.repository.count();
    const rows = [penalty(60), penalty(61), penalty(62)];
    const [a, b] = await Promise.all([push(t, 'HA-TAX', rows), push(t, 'HA-TAX', rows)]);
    assert.equal(a.summary.created + b.summary.created, 3);
    assert.equal(a.summary.unchanged + b.summary.unchanged, 3);
    assert.equal(await t.intake.repository.count(), records + 3);
  });

  it('refuses the same record twice in one batch', async () => {
    const result = await push(t, 'HA-TAX', [penalty(40), penalty(40)]);
    assert.equal(result.results[1]!.errors![0]!.code, 'RECORD_DUPLICATE_IN_BATCH');
    assert.equal(result.results[0]!.outcome, 'created');
  });

  it('flags a known code arriving with another name for review and keeps the registered name', async () => {
    const code = citizenId('19900307', '101');
    const result = await push(t, 'HA-TAX', [penalty(50, { subject: { code, name: '测试人一' } })]);
    assert.equal(result.results[0]!.outcome, 'created');
    assert.ok(result.results[0]!.warnings?.some((w) => w.code === 'SUBJECT_NAME_CONFLICT'));
    const subject = (await t.ctx.subjects.findByCode(code))!;
    assert.equal(subject.name, '测试人1', 'never silently overwritten');
    const conflicts = await t.intake.repository.nameConflicts(subject.id);
    assert.deepEqual(
      conflicts.map((c) => [c.known_name, c.submitted_name, c.status]),
      [['测试人1', '测试人一', 'open']],
    );
  });
});
