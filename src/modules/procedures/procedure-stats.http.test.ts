/**
 * The procedure statistics through the API on both engines (issue 16; A21, B35): objections filed and
 * decided, and a repair refused, through the services at the center's window and the provider's
 * system, across the 2026 国庆 holiday; then the credit center's quarterly figures per department —
 * and the previous quarter's, replayed as the procedures stood on its last day.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import {
  blackOrg,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  push,
  setClock,
} from '../lists/test-support.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

describeEachEngine('procedures: statistics for the A21/B35 reports', (getStore) => {
  let t: TestApp;
  let companies: DemoSubject[];
  let center: Record<string, string>;
  let zjjKey = '';

  /** 10:00 in China on a date; the center's session opened again. */
  async function day(date: string) {
    setClock(`${date}T02:00:00.000Z`);
    center = await signIn(t.app, 'demo.center');
  }
  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const purpose = (headers: Record<string, string>, text = '窗口受理信用异议') => ({
    ...headers,
    'x-purpose': encodeURIComponent(text),
  });
  async function pushed(department: string, row: Json) {
    const result = await push(t, department, [row]);
    assert.equal(result.results[0]!.outcome, 'created', JSON.stringify(result.results[0]));
    return result.results[0]!.recordId!;
  }
  async function objectAtWindow(s: DemoSubject, recordId: string) {
    const res = await api('POST', '/api/v1/objections', purpose(center), {
      subjectCode: s.code,
      recordId,
      ground: 'wrong_or_incomplete',
      explanation: '认定对象有误',
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  }
  async function decide(id: string, outcome: 'upheld' | 'rejected') {
    const res = await api('POST', `/api/v1/objections/${id}/steps`, center, {
      kind: 'decided',
      outcome,
      reasons: '经审核',
    });
    assert.equal(res.statusCode, 200, res.body);
  }
  const stats = (query: string) =>
    api('GET', `/api/v1/procedures/stats?${query}`, purpose(center, '编制季度信用联合奖惩实施情况报告'));

  before(async () => {
    setClock('2026-06-01T02:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 10, organizations: 20 });
    companies = await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise');
    zjjKey = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-ZJJ',
        permissions: ['records.write', 'repairs.read', 'repairs.act'],
        label: 'HA-ZJJ 系统',
        createdBy: 'test',
      })
    ).key;
  });
  after(() => t.close());

  it('A21, B35: per department, the quarter’s objections and repairs by outcome and the steps closed on time, late and overdue; a past quarter as it stood on its last day; the read registered with its purpose', async () => {
    const [a, b, c] = companies as [DemoSubject, DemoSubject, DemoSubject];
    await day('2026-06-01');
    const identified = { identifiedOn: '2026-06-01' };
    const recordA = await pushed('HA-GSJ', blackOrg('ST-1', a, identified, { validUntil: '2029-05-31' }));
    const recordB = await pushed('HA-GSJ', blackOrg('ST-2', b, identified, { validUntil: '2029-05-31' }));
    const recordC = await pushed('HA-ZJJ', {
      item: 'bidding-fraud',
      providerRecordId: 'ZJJ-ST-1',
      subject: { code: c.code, name: c.name },
      severity: '一般',
      identifiedOn: '2026-06-01',
      fields: {
        projectName: '淮安市示例道路改造工程',
        conduct: '围标串标',
        facts: '与其他投标人相互串通投标报价',
        handling: '取消中标资格，罚款',
        documentNumber: '淮住建罚〔2026〕90号',
        authority: '淮安市住房和城乡建设局',
      },
    });

    // Q3: an objection filed on 09-28 (review due 10-16)
    await day('2026-09-28');
    const late = await objectAtWindow(b, recordB);
    // Q4: one filed on 10-08 (review due 10-22), and a repair applied for (the opinion due 10-21)
    await day('2026-10-08');
    const upheld = await objectAtWindow(a, recordA);
    const commitment = await api(
      'GET',
      `/api/v1/repairs/commitment?subjectCode=${c.code}&recordId=${recordC}`,
      purpose(center, '窗口受理信用修复'),
    );
    assert.equal(commitment.statusCode, 200, commitment.body);
    const applied = await api('POST', '/api/v1/repairs', purpose(center, '窗口受理信用修复'), {
      subjectCode: c.code,
      recordId: recordC,
      stated: { correctedOn: '2026-06-10', creditManagementSystemOn: '2026-06-10' },
      proof: '已缴清罚款，整改报告附后',
      commitmentDigest: commitment.json().digest,
    });
    assert.equal(applied.statusCode, 201, applied.body);
    // 10-12: upheld on time (the correction due 10-15, never made); 10-20: the Q3 one rejected late
    await day('2026-10-12');
    await decide(upheld, 'upheld');
    await day('2026-10-20');
    await decide(late, 'rejected');
    // 10-26: the provider's opinion against the repair, after its deadline
    await day('2026-10-26');
    const against = await api(
      'POST',
      `/api/v1/repairs/${applied.json().id}/steps`,
      { authorization: `Bearer ${zjjKey}`, 'x-purpose': encodeURIComponent('办理信用修复') },
      { kind: 'opinion', agrees: false, reasons: '整改尚未完成' },
    );
    assert.equal(against.statusCode, 200, against.body);

    await day('2026-11-20');
    const q4 = await stats('quarter=2026Q4');
    assert.equal(q4.statusCode, 200, q4.body);
    const report = q4.json() as Json;
    assert.deepEqual(
      [report.quarter, report.from, report.to, report.asOf],
      ['2026Q4', '2026-10-01', '2026-12-31', '2026-11-20'],
    );
    const [gsj, zjj] = report.departments as Json[];
    assert.deepEqual(
      [gsj!.department, gsj!.departmentName !== 'HA-GSJ', zjj!.department],
      ['HA-GSJ', true, 'HA-ZJJ'],
    );
    assert.deepEqual(
      [gsj!.objections.filed, gsj!.objections.upheld, gsj!.objections.rejected, gsj!.objections.undecided],
      [1, 1, 0, 0],
      'the Q3 filing is not counted in Q4, its decision is',
    );
    const counts = (s: Json) => [s.closed, s.closedOnTime, s.closedLate, s.shareOnTime, s.openOverdue];
    assert.deepEqual(counts(gsj!.steps.center), [2, 1, 1, 0.5, 0]);
    assert.deepEqual(counts(gsj!.steps.provider), [0, 0, 0, null, 1], 'the correction due 10-15 is overdue');
    assert.deepEqual(zjj!.repairs, {
      applied: 1,
      repaired: 0,
      lapsed: 0,
      refused: { total: 1, byProvider: 1, byNoticeObjection: 0, byCenter: 0 },
      open: 0,
    });
    assert.deepEqual(counts(zjj!.steps.provider), [1, 0, 1, 0, 0]);
    assert.deepEqual(
      [report.city.objections.filed, report.city.repairs.applied, counts(report.city.steps.provider)],
      [1, 1, [1, 0, 1, 0, 1]],
    );

    // Q3 as it stood on 09-30: the objection filed then, not yet decided, its review not yet due
    const q3 = (await stats('quarter=2026-Q3')).json() as Json;
    assert.equal(q3.asOf, '2026-09-30');
    assert.deepEqual(
      q3.departments.map((d: Json) => [d.department, d.objections.filed, d.objections.undecided]),
      [['HA-GSJ', 1, 1]],
    );
    assert.deepEqual(counts(q3.city.steps.center), [0, 0, 0, null, 0]);

    // a date range; a bad period says what to give
    const range = (await stats('from=2026-10-20&to=2026-10-26')).json() as Json;
    assert.deepEqual(
      [range.quarter, counts(range.city.steps.center), counts(range.city.steps.provider)],
      [null, [1, 0, 1, 0, 0], [1, 0, 1, 0, 1]], // on 10-26 the correction is already overdue
    );
    const bad = await stats('from=2026-10-20');
    assert.deepEqual([bad.statusCode, bad.json().error.code], [400, 'PROCEDURE_STATS_PERIOD_INVALID']);

    // in the OpenAPI document, with its period parameters and the figures it answers
    const doc = (await api('GET', '/api/openapi.json', {})).json() as Json;
    const op = doc.paths['/api/v1/procedures/stats'].get;
    const query = op.parameters.filter((p: Json) => p.in === 'query');
    assert.deepEqual(query.map((p: Json) => p.name).sort(), ['from', 'quarter', 'to']);
    assert.ok(op.responses['200']);

    // B33: a staff read, registered with its stated purpose
    const read = await t.ctx.store.db
      .selectFrom('audit_entries')
      .select(['action', 'purpose'])
      .where('target_type', '=', 'procedure_stats')
      .orderBy('seq')
      .execute();
    assert.deepEqual(read.length, 3);
    assert.deepEqual(read[0], { action: 'procedures.read', purpose: '编制季度信用联合奖惩实施情况报告' });
  });
});
