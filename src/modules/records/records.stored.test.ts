/**
 * What a stored record carries besides its content: validity end by severity (B27) with the policy
 * that computed it, push timeliness against the official holiday calendar (A9, A22), sealed identity
 * codes in fields (B33, decision 0003), and row digests in the audit chain (A20).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine } from '../../testing/engines.ts';
import { verifyRows } from '../audit/row-digests.service.ts';
import { exampleRow } from '../catalog/index.ts';
import { citizenId, penalty, push, type RecordsTestApp, recordsTestApp, setClock } from './test-support.ts';

/** A black-list entry for a person (A8(1)), identified on `identifiedOn`. */
async function blacklistRow(t: RecordsTestApp, n: number, identifiedOn: string) {
  const item = (await t.ctx.catalog.current('blacklist-person'))!;
  const row = exampleRow(item) as { fields: Record<string, unknown> } & Record<string, unknown>;
  delete row.fields.gender;
  delete row.fields.age;
  row.fields.validUntil = '2028-12-31';
  return {
    ...row,
    providerRecordId: `B-${n}`,
    subject: { code: citizenId('19800101', String(200 + n)), name: `名单人${n}` },
    severity: '严重',
    identifiedOn,
  };
}

describeEachEngine('stored records: validity, timeliness, sealing, audit (B27, A9, A20)', (getStore) => {
  let t: RecordsTestApp;
  before(async () => {
    t = await recordsTestApp(getStore());
  });
  after(async () => t.close());

  it('B27: validity ends 1 year after identification for 一般 and 3 years for 严重, with the policy version', async () => {
    setClock('2026-11-26T08:00:00.000Z');
    const rows = [
      penalty(1, { severity: '一般', identifiedOn: '2024-03-15' }),
      penalty(2, { severity: '严重', identifiedOn: '2024-03-15' }),
    ];
    const result = await push(t, 'HA-TAX', rows);
    assert.equal(result.summary.created, 2);
    const [ordinary] = await t.intake.repository.versions('HA-TAX', 'P-1');
    const [severe] = await t.intake.repository.versions('HA-TAX', 'P-2');
    assert.equal(ordinary!.validity_ends_on, '2025-03-15', 'counted from identification, not the push');
    assert.equal(severe!.validity_ends_on, '2027-03-15');
    assert.deepEqual([severe!.policy_id, severe!.policy_version], [t.ctx.policy.id, t.ctx.policy.version]);
  });

  it('A9: a list decision pushed 14 days later across National Day is on time (5 working days); 10 is late', async () => {
    setClock('2025-10-10T02:00:00.000Z'); // 10:00 in Huai'an
    const rows = [
      await blacklistRow(t, 1, '2025-09-26'),
      await blacklistRow(t, 2, '2025-09-19'),
      penalty(3, { identifiedOn: '2025-09-19' }),
    ];
    const result = await push(t, 'HA-TAX', rows);
    assert.equal(result.summary.created, 3, JSON.stringify(result.results.map((r) => r.errors)));
    const stored = async (id: string) => (await t.intake.repository.versions('HA-TAX', id))[0]!;
    const onTime = await stored('B-1');
    assert.deepEqual([onTime.push_workdays, onTime.push_late, onTime.push_provisional], [5, 0, 0]);
    const late = await stored('B-2');
    assert.deepEqual([late.push_workdays, late.push_late], [10, 1]);
    const notAList = await stored('P-3');
    assert.deepEqual([notAList.push_workdays, notAList.push_late], [10, 0], 'figure kept, no verdict');

    const corrected = {
      ...rows[1]!,
      reason: '更正认定依据',
      fields: { ...(rows[1]!.fields as Record<string, unknown>), legalBasis: '更正后的依据' },
    };
    setClock('2025-10-20T02:00:00.000Z');
    assert.equal((await push(t, 'HA-TAX', [corrected])).results[0]!.outcome, 'new_version');
    const [, second] = await t.intake.repository.versions('HA-TAX', 'B-2');
    assert.deepEqual([second!.push_workdays, second!.push_late], [17, 0], 'a correction is not a late push');

    const stats = await t.intake.stats('2025-10-10', '2025-10-10');
    assert.equal(stats.pushDeadlineWorkdays, 7);
    assert.deepEqual(stats.departments, [
      { department: 'HA-TAX', pushed: 3, late: 1, provisional: 0, refused: 0 },
    ]);
  });

  it('W13, A9, B27, A12: a late push and a record already past its validity come back with warnings, not a plain created', async () => {
    setClock('2025-10-10T02:00:00.000Z');
    const warned = (r: { warnings?: { code: string; field: string; actual?: string }[] }) =>
      (r.warnings ?? []).map((w) => [w.code, w.field, w.actual]);
    const removed = await blacklistRow(t, 11, '2025-09-19');
    (removed.fields as Record<string, unknown>).validUntil = '2025-10-09';
    const result = await push(t, 'HA-TAX', [
      await blacklistRow(t, 10, '2025-09-19'),
      penalty(12, { severity: '一般', identifiedOn: '2024-09-30' }),
      await blacklistRow(t, 13, '2025-09-26'),
      removed,
    ]);
    assert.deepEqual(
      result.results.map((r) => r.outcome),
      ['created', 'created', 'created', 'created'],
    );
    assert.deepEqual(warned(result.results[0]!), [['PUSH_LATE', 'identifiedOn', '10']]);
    assert.match(result.results[0]!.warnings![0]!.message, /超过名单 7 个工作日的报送时限（A9）/);
    assert.deepEqual(warned(result.results[1]!), [['ALREADY_EXPIRED', 'identifiedOn', '2025-09-30']]);
    assert.deepEqual(warned(result.results[2]!), [], 'on time and valid: nothing to say');
    assert.deepEqual(warned(result.results[3]!), [
      ['PUSH_LATE', 'identifiedOn', '10'],
      ['ALREADY_EXPIRED', 'fields.validUntil', '2025-10-09'],
    ]);
    // the item's usage period (B8: an interview is kept one year) ends a record by the same rule
    const interview = exampleRow((await t.ctx.catalog.current('interview'))!) as Record<string, unknown>;
    const [used] = (
      await push(t, 'HA-FGW', [{ ...interview, providerRecordId: 'I-1', identifiedOn: '2024-05-01' }])
    ).results;
    assert.deepEqual(
      [used!.outcome, warned(used!)],
      ['created', [['ALREADY_EXPIRED', 'identifiedOn', '2025-05-01']]],
    );
    assert.match(used!.warnings![0]!.message, /使用期限.*2025-05-01 到期（B8）/);
    // The figures keep counting the late ones (A22): B-10 and B-11 of this batch.
    const stats = await t.intake.stats('2025-10-10', '2025-10-10');
    const tax = stats.departments.find((d) => d.department === 'HA-TAX')!;
    assert.equal(tax.late, 1 + 2, 'B-2 of the earlier test and the two late rows here');
    // A retry is `unchanged`, with nothing more to say.
    const again = await push(t, 'HA-TAX', [await blacklistRow(t, 10, '2025-09-19')]);
    assert.deepEqual([again.results[0]!.outcome, warned(again.results[0]!)], ['unchanged', []]);
  });

  it('W8, B2: a record on a 12-year-old is refused and stores nothing; on a 17-year-old only with the B2 ground, kept under row digests', async () => {
    setClock('2026-11-26T08:00:00.000Z');
    const child = citizenId('20140101', '777');
    const refused = await push(t, 'HA-TAX', [
      penalty(30, { subject: { code: child, name: '王小明' }, identifiedOn: '2026-10-08' }),
    ]);
    assert.deepEqual(
      refused.results[0]!.errors!.map((e) => [e.code, e.field, e.actual]),
      [['RECORD_SUBJECT_UNDER_16', 'subject.code', '12']],
    );
    assert.equal(await t.ctx.subjects.findByCode(child), undefined, 'not even registered as a subject');
    assert.deepEqual(await t.intake.repository.versions('HA-TAX', 'P-30'), []);

    const teen = { code: citizenId('20090601', '778'), name: '李小红' };
    const without = await push(t, 'HA-TAX', [penalty(31, { subject: teen, identifiedOn: '2026-10-08' })]);
    assert.equal(without.results[0]!.errors![0]!.code, 'RECORD_SUBJECT_MINOR');
    const row = penalty(31, { subject: { ...teen, selfSupporting: true }, identifiedOn: '2026-10-08' });
    const created = await push(t, 'HA-TAX', [row]);
    assert.equal(created.results[0]!.outcome, 'created', JSON.stringify(created.results[0]));
    const [stored] = await t.intake.repository.versions('HA-TAX', 'P-31');
    assert.equal(stored!.subject_ground, 'B2');
    assert.equal((await push(t, 'HA-TAX', [row])).results[0]!.outcome, 'unchanged');
    assert.deepEqual((await verifyRows(t.ctx.store)).problems, []);
    // The ground is vouched for by the record's row digest: edited in the database, verify names it.
    await t.ctx.store.db
      .updateTable('records')
      .set({ subject_ground: null })
      .where('id', '=', stored!.id)
      .execute();
    const problems = (await verifyRows(t.ctx.store)).problems;
    assert.deepEqual(
      problems.map((p) => [p.table, p.id]),
      [['records', stored!.id]],
    );
    await t.ctx.store.db
      .updateTable('records')
      .set({ subject_ground: 'B2' })
      .where('id', '=', stored!.id)
      .execute();
  });

  it('counts refused rows per department by the day the batch arrived (A22)', async () => {
    setClock('2025-10-13T02:00:00.000Z');
    await push(t, 'HA-GSJ', [penalty(4), penalty(5, { identifiedOn: '2025-13-01' })]);
    const stats = await t.intake.stats('2025-10-11', '2025-10-13');
    assert.deepEqual(stats.departments, [
      { department: 'HA-GSJ', pushed: 1, late: 0, provisional: 0, refused: 1 },
    ]);
    await assert.rejects(t.intake.stats('2025-10-13', '2025-10-01'), /RECORD_STATS_RANGE_INVALID|不晚于/);
  });

  it('seals identity codes in fields: no plaintext at rest, found by blind index (B33, decision 0003)', async () => {
    setClock('2026-11-26T08:00:00.000Z');
    const principal = citizenId('19751224', '555');
    const row: Record<string, unknown> = { ...penalty(6), item: 'test-coded-penalty' };
    (row.fields as Record<string, unknown>).principalCode = principal;
    const result = await push(t, 'HA-TAX', [row]);
    assert.equal(result.results[0]!.outcome, 'created');
    const [stored] = await t.intake.repository.versions('HA-TAX', 'P-6');
    const sealed = stored!.fields.principalCode as { sealed: string; index: string };
    assert.ok(!JSON.stringify(stored!.fields).includes(principal));
    assert.equal(t.ctx.sealer.open(sealed.sealed), principal);
    assert.equal(sealed.index, t.ctx.sealer.blindIndex(principal));
    assert.equal((await push(t, 'HA-TAX', [row])).results[0]!.outcome, 'unchanged', 'digest over the index');
  });

  it('digests each record as stored, also text the engines store otherwise (a lone surrogate becomes U+FFFD)', async () => {
    setClock('2026-11-26T08:00:00.000Z');
    const row = penalty(9, {
      providerRecordId: 'P-9\ud800',
      subject: { code: citizenId('19900307', '109'), name: '测试人\udc009' },
      reason: '来源\ud83d更正',
    });
    (row.fields as Record<string, unknown>).fineAmount = '1,234.5';
    const result = await push(t, 'HA-TAX', [row]);
    assert.equal(result.results[0]!.outcome, 'created', JSON.stringify(result.results[0]!.errors));
    const [stored] = await t.intake.repository.versions('HA-TAX', 'P-9\ufffd');
    assert.equal(stored!.reason, '来源\ufffd更正');
    const verdict = await verifyRows(t.ctx.store);
    assert.deepEqual(verdict.problems, []);
  });

  it('writes and finds a batch of any size: 1,300 rows in full and partial inserts and lookups', async () => {
    setClock('2026-11-26T08:00:00.000Z');
    const rows = Array.from({ length: 1300 }, (_, n) =>
      penalty(n, {
        providerRecordId: `BULK-${n}`,
        subject: { code: citizenId('19850101', String(100 + (n % 300))), name: `批量人${n % 300}` },
      }),
    );
    assert.equal((await push(t, 'HA-TAX', rows)).summary.created, 1300);
    assert.equal((await push(t, 'HA-TAX', rows)).summary.unchanged, 1300, 'every stored record found again');
    const verdict = await verifyRows(t.ctx.store);
    assert.deepEqual(verdict.problems, []);
  });

  it('records every written row in the audit chain, and one intake entry per batch without values (A20)', async () => {
    const verdict = await verifyRows(t.ctx.store);
    assert.deepEqual(verdict.problems, []);
    assert.ok(verdict.checked >= 7);
    const entries = await Array.fromAsync(t.ctx.audit.repository.entries());
    const intake = entries.filter((e) => e.action === 'records.intake');
    assert.ok(intake.length >= 5);
    const refusedBatch = intake.find((e) => e.actorDepartment === 'HA-GSJ')!;
    assert.equal(refusedBatch.actorRole, 'system');
    assert.deepEqual(
      [refusedBatch.detail.created, refusedBatch.detail.refused, refusedBatch.detail.errorCodes],
      [1, 1, { CATALOG_FIELD_TYPE: 1 }],
    );
  });

  it('detects a record edited in place afterwards (records are immutable, A20)', async () => {
    await t.ctx.store.db
      .updateTable('records')
      .set({ severity: '一般' })
      .where('provider_record_id', '=', 'P-2')
      .where('provider_department', '=', 'HA-TAX')
      .execute();
    const verdict = await verifyRows(t.ctx.store);
    assert.deepEqual(
      verdict.problems.map((p) => [p.table, p.reason]),
      [['records', 'row_digest_mismatch']],
    );
  });
});
