/**
 * The credit check (issue 5 points 5–7): decisions per scenario (A13, A14, C §5(2)), expired entries
 * ignored (A12, B27), mixed batches, name mismatch, recording (B33), feedback and the A21 report.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Insertable } from 'kysely';
import { backfillCheckDigests0012 } from '../../migrations/0012-check-digests.audit.ts';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { scanAuditedTable } from '../audit/audited-rows.repository.ts';
import { CHECK_PARTS_AUDITED } from '../audit/index.ts';
import { verifyRows } from '../audit/row-digests.service.ts';
import { exampleRow } from '../catalog/index.ts';
import { citizenId } from '../catalog/test-support.ts';
import {
  blackOrg,
  blackPerson,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  push,
  redOrg,
  redPerson,
  setClock,
} from '../lists/test-support.ts';
import { checkRecorder } from './check-recorder.service.ts';
import type { CheckTable } from './checks.tables.ts';
import { checkHeaderRow } from './test-support.ts';

describeEachEngine('checks: decisions, recording, feedback, A21 report', (getStore) => {
  let t: TestApp;
  let blackCo: DemoSubject;
  let redCo: DemoSubject;
  let cleanCo: DemoSubject;
  let expiredCo: DemoSubject;
  let lessSeriousCo: DemoSubject;
  let blackPersonS: DemoSubject;
  let key = '';
  let otherKey = '';
  const session: Record<string, Record<string, string>> = {};

  before(async () => {
    setClock('2024-03-05T02:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 30, organizations: 40 });
    const companies = await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise');
    [blackCo, redCo, cleanCo, expiredCo] = companies as [DemoSubject, DemoSubject, DemoSubject, DemoSubject];
    lessSeriousCo = companies[4]!;
    blackPersonS = (await demoSubjects(t, 'person', (a) => a.employerDepartmentCode === undefined))[0]!;
    // an old 一般 black entry: B27 validity of 1 year has long passed
    await push(t, 'HA-GSJ', [
      blackOrg(
        'OLD-1',
        expiredCo,
        { severity: '一般', identifiedOn: '2024-03-01' },
        { validUntil: '2025-02-28' },
      ),
    ]);
    setClock('2026-11-26T02:00:00.000Z');
    await push(t, 'HA-GSJ', [blackOrg('B-1', blackCo)]);
    await push(t, 'HA-GSJ', [
      blackOrg('B-2', lessSeriousCo, { severity: '较重' }, { validUntil: '2027-11-19' }),
    ]);
    await push(t, 'HA-FGW', [redOrg('R-1', redCo)]);
    await push(t, 'HA-FY', [blackPerson('BP-1', blackPersonS)]);
    key = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-CZJ',
        permissions: ['checks.run', 'checks.report'],
        label: '政府采购系统',
        createdBy: 'test',
      })
    ).key;
    otherKey = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-ZJJ',
        permissions: ['checks.run', 'checks.report'],
        label: '住建审批系统',
        createdBy: 'test',
      })
    ).key;
    session.office = await signIn(t.app, 'demo.office');
  });
  after(() => t.close());

  const check = (scenario: string, subjects: { code: string; name?: string }[], k = key) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { authorization: `Bearer ${k}` },
      payload: { scenario, purpose: '投标资格审查', subjects },
    });

  /** A 严重 record of a catalog item's example row about `subject`, pushed and created. */
  async function pushExample(
    code: string,
    department: string,
    id: string,
    subject: DemoSubject,
    fields: Record<string, unknown> = {},
  ) {
    const example = exampleRow((await t.ctx.catalog.current(code))!) as { fields: Record<string, unknown> };
    const pushed = await push(t, department, [
      {
        ...example,
        providerRecordId: id,
        subject: { code: subject.code, name: subject.name },
        severity: '严重',
        identifiedOn: '2026-11-20',
        fields: { ...example.fields, ...fields },
      },
    ]);
    assert.equal(pushed.results[0]!.outcome, 'created', JSON.stringify(pushed.results[0]));
  }

  it('A14(1), A14(5): a black-listed company is blocked for public resource trading and for fiscal funds', async () => {
    for (const scenario of ['public_resource_trading', 'fiscal_funds']) {
      const res = await check(scenario, [{ code: blackCo.code, name: blackCo.name }]);
      assert.equal(res.statusCode, 200, res.body);
      const [r] = res.json().results;
      assert.equal(r.decision, 'block', scenario);
      assert.equal(r.entries[0].listType, 'black');
      assert.ok(
        r.measures.some(
          (m: { effect: string; article: string }) => m.effect === 'block' && /^A14/.test(m.article),
        ),
      );
      assert.ok(
        r.measures.every((m: { legalBasis: unknown[] }) => m.legalBasis.length > 0),
        'each measure with its legal basis',
      );
    }
  });

  it('answers carry exactly the documented fields: no subject id, no blind index (B33)', async () => {
    const res = await check('public_resource_trading', [
      { code: blackCo.code, name: '别的名字' },
      { code: 'not a code' },
      { code: cleanCo.code },
    ]);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), [
      'checkId',
      'checkedAt',
      'policyVersion',
      'results',
      'scenario',
      'summary',
    ]);
    const allowed = [
      'code',
      'decision',
      'entries',
      'error',
      'index',
      'measures',
      'registered',
      'subjectKind',
      'warnings',
    ];
    for (const r of body.results) {
      for (const key of Object.keys(r)) assert.ok(allowed.includes(key), `unexpected field ${key}`);
    }
    assert.ok(!res.body.includes(blackCo.id), 'the internal subject id is not sent');
    assert.ok(!res.body.includes(t.ctx.sealer.blindIndex(blackCo.code)), 'the blind index is not sent');
    assert.equal(body.results[0].warnings[0].code, 'NAME_MISMATCH');
    assert.equal(body.results[1].error.code.startsWith('CODE_'), true);
  });

  it('an unrelated scenario gets only the measures that apply there, and a warning for the black entry', async () => {
    const trading = (await check('public_resource_trading', [{ code: blackCo.code }])).json().results[0];
    const honors = (await check('honors', [{ code: blackCo.code }])).json().results[0];
    const codes = (r: { measures: { code: string }[] }) => r.measures.map((m) => m.code);
    assert.ok(!codes(honors).includes('a14-05-public-resource-trading'));
    assert.notDeepEqual(codes(honors), codes(trading));
    const exit = (await check('exit_control', [{ code: blackCo.code }])).json().results[0];
    assert.equal(exit.measures.length, 0, 'A14(12) exit bans reach judgment debtors, not this company');
    assert.equal(exit.decision, 'warn', 'the black entry still reaches the clerk');
  });

  it('W12, A14(11): honours are taken from a 严重 black-listed company, not from a 较重 one', async () => {
    const codes = (r: { measures: { code: string }[] }) => r.measures.map((m) => m.code);
    const severe = (await check('honors', [{ code: blackCo.code }])).json().results[0];
    assert.equal(severe.decision, 'block');
    assert.deepEqual(codes(severe), ['a14-11-honors']);
    const less = (await check('honors', [{ code: lessSeriousCo.code }])).json().results[0];
    assert.equal(less.entries[0].severity, '较重');
    assert.deepEqual([less.decision, codes(less)], ['warn', []], 'the entry reaches the clerk, no measure');
    const trading = (await check('public_resource_trading', [{ code: lessSeriousCo.code }])).json()
      .results[0];
    assert.equal(trading.decision, 'block', 'other punishments are not limited by severity');
  });

  it("W4, A14(12), C §5(2): a person on the courts' 失信被执行人 list is blocked in exit control, high consumption and public resource trading", async () => {
    const debtor = (await demoSubjects(t, 'person', (a) => a.employerDepartmentCode === undefined))[1]!;
    await pushExample('judgment-debtor', 'HA-FY', 'JD-1', debtor);
    const expected = {
      exit_control: 'a14-12-exit-control',
      high_consumption: 'a14-10-high-consumption',
      public_resource_trading: 'a14-05-public-resource-trading',
    };
    for (const [scenario, measure] of Object.entries(expected)) {
      const [r] = (await check(scenario, [{ code: debtor.code }])).json().results;
      assert.equal(r.decision, 'block', scenario);
      assert.ok(
        r.measures.some((m: { code: string }) => m.code === measure),
        `${scenario}: ${JSON.stringify(r.measures)}`,
      );
      assert.deepEqual(
        r.entries.map((e: { listType: string; ground: string }) => [e.listType, e.ground]),
        [['debtor', 'A6(7)']],
      );
    }
  });

  it('W7, D §5(2): a company on the e-commerce black list is blocked on e-commerce platforms; elsewhere D §5 does not reach', async () => {
    const shop = (await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise'))[6]!;
    await pushExample('ecommerce-blacklist', 'HA-SWJ', 'EC-1', shop, { validUntil: '2029-11-19' });
    const [ec] = (await check('e_commerce', [{ code: shop.code }])).json().results;
    assert.equal(ec.decision, 'block');
    assert.ok(ec.measures.some((m: { code: string }) => m.code === 'd5-2-platform-sanctions'));
    const [loans] = (await check('credit_loans', [{ code: shop.code }])).json().results;
    assert.deepEqual(
      [loans.decision, loans.measures],
      ['warn', []],
      'the entry reaches the clerk; no measure',
    );
  });

  it('W7, A13(4): a farmer on the rural red list is offered rural credit; a red-listed person elsewhere is not', async () => {
    const [farmer, other] = (
      await demoSubjects(t, 'person', (a) => a.employerDepartmentCode === undefined)
    ).slice(2, 4) as [DemoSubject, DemoSubject];
    const rural = (await t.ctx.catalog.current('redlist-rural'))!;
    const example = exampleRow(rural) as { fields: Record<string, unknown> };
    const pushed = await push(t, 'HA-NW', [
      {
        ...example,
        providerRecordId: 'RR-1',
        subject: { code: farmer.code, name: farmer.name },
        identifiedOn: '2026-11-20',
      },
    ]);
    assert.equal(pushed.results[0]!.outcome, 'created', JSON.stringify(pushed.results[0]));
    await push(t, 'HA-FGW', [redPerson('RP-W7', other)]);
    const codes = (r: { measures: { code: string }[] }) => r.measures.map((m) => m.code);
    const [f] = (await check('credit_loans', [{ code: farmer.code }])).json().results;
    assert.equal(f.decision, 'favor');
    assert.ok(codes(f).includes('a13-4-rural-credit'), JSON.stringify(f.measures));
    const [o] = (await check('credit_loans', [{ code: other.code }])).json().results;
    assert.ok(!codes(o).includes('a13-4-rural-credit'));
  });

  it('A13(4): a red-listed company is favored in public resource trading with no bid deposit', async () => {
    const [r] = (await check('public_resource_trading', [{ code: redCo.code }])).json().results;
    assert.equal(r.decision, 'favor');
    assert.ok(r.measures.some((m: { code: string }) => m.code === 'a13-4-no-bid-deposit'));
  });

  it('C §5(2): a black-listed person is blocked for high consumption', async () => {
    const [r] = (await check('high_consumption', [{ code: blackPersonS.code }])).json().results;
    assert.equal(r.decision, 'block');
  });

  it('A12, B27: an expired black entry never counts', async () => {
    const [r] = (await check('public_resource_trading', [{ code: expiredCo.code }])).json().results;
    assert.equal(r.decision, 'none');
    assert.deepEqual(r.entries, []);
    assert.equal(r.registered, true);
  });

  it('a batch of valid, invalid and unknown codes: per-subject results, never a failed batch', async () => {
    const unknown = citizenId('19851231', '777');
    const bad = `${blackCo.code.slice(0, 17)}${blackCo.code.endsWith('0') ? '1' : '0'}`;
    const res = await check('public_resource_trading', [
      { code: blackCo.code, name: blackCo.name },
      { code: unknown },
      { code: bad },
      { code: 'abc' },
      { code: cleanCo.code, name: '另一个名字有限公司' },
      { code: redCo.code.toLowerCase() },
    ]);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    const results = body.results;
    assert.equal(results[0].decision, 'block');
    assert.equal(results[1].decision, 'none', 'a valid code with no record is none, not an error');
    assert.equal(results[1].registered, false);
    assert.equal(results[2].decision, null);
    assert.equal(results[2].error.code, 'CODE_CHECKSUM');
    assert.equal(results[3].error.code.startsWith('CODE_'), true);
    assert.equal(results[4].decision, 'none');
    assert.equal(results[4].warnings[0].code, 'NAME_MISMATCH');
    assert.equal(results[5].decision, 'favor', 'codes are normalized (lower case accepted)');
    assert.deepEqual(body.summary, { total: 6, block: 1, warn: 0, favor: 1, none: 2, error: 2 });
  });

  it('a code registered as an exception (only its check character fails) is checked, not refused', async () => {
    const wrong = (code: string) => `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`;
    const person = wrong(citizenId('19700101', '555'));
    const org = wrong('91320811696707409A');
    for (const code of [person, org]) {
      const before = (await check('licensing', [{ code }])).json().results[0];
      assert.equal(before.decision, null, code);
      await t.ctx.codes.registerException({
        code,
        reason: '早期颁发的证件（测试）',
        registeredBy: 'test',
        now: t.ctx.now(),
      });
      const after = (await check('licensing', [{ code }])).json().results[0];
      assert.equal(after.decision, 'none', JSON.stringify(after));
    }
  });

  it('entries under objection or repair notice are reported with that status (A15, A19)', async () => {
    const [entry] = await t.ctx.store.db
      .selectFrom('list_entries')
      .select('id')
      .where('subject_id', '=', blackCo.id)
      .execute();
    await t.ctx.store.db
      .updateTable('list_entries')
      .set({ procedure: 'objection' })
      .where('id', '=', entry!.id)
      .execute();
    const [r] = (await check('public_resource_trading', [{ code: blackCo.code }])).json().results;
    assert.equal(r.entries[0].procedure, 'objection');
    await t.ctx.store.db
      .updateTable('list_entries')
      .set({ procedure: null })
      .where('id', '=', entry!.id)
      .execute();
  });

  it('B33: every check is recorded — who, system, purpose, scenario, results, policy version — and audited', async () => {
    const res = await check('fiscal_funds', [{ code: blackCo.code }, { code: cleanCo.code }]);
    const { checkId } = res.json();
    const header = await t.ctx.store.db
      .selectFrom('checks')
      .selectAll()
      .where('id', '=', checkId)
      .executeTakeFirstOrThrow();
    assert.equal(header.department, 'HA-CZJ');
    assert.equal(header.actor_role, 'system');
    assert.ok(header.api_key_id);
    assert.equal(header.purpose, '投标资格审查');
    assert.equal(header.scenario, 'fiscal_funds');
    assert.equal(header.policy_version, t.ctx.policy.version);
    assert.equal(Number(header.block_count), 1);
    // One part: the results are in the header row (migration 0012), code-free.
    const results = fromJson<unknown[][]>(header.results);
    assert.equal(results.length, 2);
    assert.ok(!JSON.stringify(results).includes(blackCo.code), 'codes are stored as their blind index');
    const parts = await t.ctx.store.db
      .selectFrom('check_parts')
      .select('part')
      .where('check_id', '=', checkId)
      .execute();
    assert.equal(parts.length, 0);
    const hits = await t.ctx.store.db
      .selectFrom('check_hits')
      .selectAll()
      .where('check_id', '=', checkId)
      .execute();
    assert.equal(hits.length, 1);
    // Decision 0012: the chain vouches for the rows by digest, and `audit verify` holds them to it.
    const vouched = async (table: string, id: string) => {
      const entries = await t.ctx.store.db
        .selectFrom('audit_entries')
        .select('detail')
        .where('action', '=', 'rows.written')
        .where('target_type', '=', table)
        .execute();
      return entries.some((e) =>
        fromJson<{ rows: [string, string][] }>(e.detail).rows.some(([rowId]) => rowId === id),
      );
    };
    assert.ok(await vouched('checks', checkId));
    assert.ok(await vouched('check_hits', hits[0]!.id));
    const clean = await verifyRows(t.ctx.store);
    assert.deepEqual(clean.problems, []);
    // A check's purpose changed afterwards is named.
    await t.ctx.store.db
      .updateTable('checks')
      .set({ purpose: '另有他用' })
      .where('id', '=', checkId)
      .execute();
    const edited = await verifyRows(t.ctx.store);
    assert.deepEqual(
      edited.problems.map((p) => [p.table, p.id, p.reason]),
      [['checks', checkId, 'row_digest_mismatch']],
    );
    await t.ctx.store.db
      .updateTable('checks')
      .set({ purpose: '投标资格审查' })
      .where('id', '=', checkId)
      .execute();
    assert.deepEqual((await verifyRows(t.ctx.store)).problems, []);
  });

  it('decision 0013: a check large enough to be digested on the digest thread verifies, and an edited hit is named', async () => {
    const before = t.ctx.checks.stats().digests;
    // 600 subjects: about 90 KB of rows to digest, past what is hashed inline (64 KB).
    const subjects = Array.from({ length: 600 }, (_, i) => ({
      code: [blackCo, redCo, cleanCo][i % 3]!.code,
    }));
    const res = await check('public_resource_trading', subjects);
    assert.equal(res.statusCode, 200);
    const { checkId, summary } = res.json();
    assert.deepEqual([summary.block, summary.favor, summary.none], [200, 200, 200]);
    const after = t.ctx.checks.stats().digests;
    assert.equal(after.offloaded, before.offloaded + 1, 'hashed on the thread');
    assert.equal(after.fellBack, before.fellBack);
    assert.deepEqual((await verifyRows(t.ctx.store)).problems, []);
    const hit = await t.ctx.store.db
      .selectFrom('check_hits')
      .select(['id', 'measures'])
      .where('check_id', '=', checkId)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    await t.ctx.store.db
      .updateTable('check_hits')
      .set({ measures: toJson([]) })
      .where('id', '=', hit.id)
      .execute();
    assert.deepEqual(
      (await verifyRows(t.ctx.store)).problems.map((p) => [p.table, p.id, p.reason]),
      [['check_hits', hit.id, 'row_digest_mismatch']],
    );
    await t.ctx.store.db
      .updateTable('check_hits')
      .set({ measures: toJson(fromJson<string[]>(hit.measures)) })
      .where('id', '=', hit.id)
      .execute();
    assert.deepEqual((await verifyRows(t.ctx.store)).problems, []);
  });

  it('bad requests: unknown scenario, missing purpose, too many subjects', async () => {
    const unknown = await check('nonsense', [{ code: blackCo.code }]);
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.code, 'CHECK_SCENARIO_UNKNOWN');
    const noPurpose = await t.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { authorization: `Bearer ${key}` },
      payload: { scenario: 'licensing', purpose: ' ', subjects: [{ code: blackCo.code }] },
    });
    assert.equal(noPurpose.json().error.code, 'CHECK_PURPOSE_REQUIRED');
    const tooMany = await check(
      'licensing',
      Array.from({ length: 10_001 }, () => ({ code: blackCo.code })),
    );
    assert.equal(tooMany.statusCode, 400);
  });

  it('feedback is recorded once, checked against the measures offered, and counted in the A21 quarterly report', async () => {
    const res = await check('public_resource_trading', [
      { code: blackCo.code },
      { code: redCo.code },
      { code: cleanCo.code },
    ]);
    const { checkId } = res.json();
    const post = (payload: object, k = key) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/checks/${checkId}/feedback`,
        headers: { authorization: `Bearer ${k}` },
        payload,
      });
    const ok = await post({
      position: 0,
      measuresApplied: ['a14-05-public-resource-trading'],
      outcome: 'refused',
      legalBasis: '淮政发〔2018〕103号 第十四条第（五）项',
      decidedOn: '2026-11-26',
      businessRef: 'CG-2026-001',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const dup = await post({
      position: 0,
      measuresApplied: [],
      outcome: 'refused',
      legalBasis: 'x',
      decidedOn: '2026-11-26',
    });
    assert.equal(dup.statusCode, 409);
    const notOffered = await post({
      code: redCo.code,
      measuresApplied: ['a14-05-public-resource-trading'],
      outcome: 'favored',
      legalBasis: 'x',
      decidedOn: '2026-11-26',
    });
    assert.equal(notOffered.json().error.code, 'FEEDBACK_MEASURE_NOT_OFFERED');
    const future = await post({
      code: redCo.code,
      measuresApplied: ['a13-4-no-bid-deposit'],
      outcome: 'favored',
      legalBasis: 'x',
      decidedOn: '2026-12-30',
    });
    assert.equal(future.json().error.code, 'FEEDBACK_INVALID');
    const foreign = await post(
      { position: 1, measuresApplied: [], outcome: 'approved', legalBasis: 'x', decidedOn: '2026-11-26' },
      otherKey,
    );
    assert.equal(foreign.statusCode, 403);
    const favored = await post({
      code: redCo.code,
      measuresApplied: ['a13-4-no-bid-deposit'],
      outcome: 'favored',
      amount: '200000.00',
      legalBasis: '淮政发〔2018〕103号 第十三条第（四）项',
      decidedOn: '2026-11-26',
    });
    assert.equal(favored.statusCode, 201, favored.body);

    const report = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/joint-measures?quarter=2026Q4',
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(report.statusCode, 200, report.body);
    const mine = report.json().departments;
    assert.equal(mine.length, 1, 'a department sees its own report');
    const d = mine[0];
    assert.equal(d.department, 'HA-CZJ');
    assert.ok(d.checks >= 1 && d.hits.total >= 2);
    assert.equal(d.measuresApplied['a14-05-public-resource-trading'], 1);
    assert.equal(d.measuresApplied['a13-4-no-bid-deposit'], 1);
    assert.equal(d.feedbackReceived, 2);
    assert.equal(d.feedbackMissing, d.hits.total - 2);

    const all = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/joint-measures?quarter=2026Q4',
      headers: session.office!,
    });
    assert.ok(all.json().departments.some((x: { department: string }) => x.department === 'HA-CZJ'));
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/joint-measures?quarter=2026Q4&format=xlsx',
      headers: session.office!,
    });
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('联合奖惩实施情况')!;
    const row = sheet.getRows(3, sheet.rowCount)!.find((r) => r.getCell(1).value === 'HA-CZJ')!;
    assert.equal(row.getCell(9).value, 2, 'feedback received');
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/joint-measures?quarter=2026Q5',
      headers: session.office!,
    });
    assert.equal(bad.json().error.code, 'REPORT_QUARTER_INVALID');
  });

  it('issue 14 §6: a report quarter before the rules’ year or after the current quarter is refused', async () => {
    const report = (quarter: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/joint-measures?quarter=${quarter}`,
        headers: session.office!,
      });
    for (const quarter of ['2017Q4', '2027Q1', '9999Q4']) {
      const res = await report(quarter);
      assert.equal(res.statusCode, 400, `${quarter}: ${res.body}`);
      assert.equal(res.json().error.code, 'REPORT_QUARTER_OUT_OF_RANGE', quarter);
    }
    assert.equal((await report('2018Q1')).statusCode, 200);
  });

  /** A check header of one subject with no decision, under this app's policy (decision 0012 tests). */
  const checkRow = (
    id: string,
    what: { purpose: string; scenario: string; channel: 'api' | 'stream' },
  ): Insertable<CheckTable> =>
    checkHeaderRow(id, { ...what, policy_id: t.ctx.policy.id, policy_version: t.ctx.policy.version });
  /** Part n of a check: one subject at position n, decision none. */
  const partRow = (checkId: string, n: number) => ({
    check_id: checkId,
    part: n,
    first_position: n,
    results: toJson([[n, null, 'none', null, [], [], []]]),
  });

  it('decision 0012: a streamed check — header at its first part, again with its final counts — verifies; an edited part is named', async () => {
    const recorder = checkRecorder(t.ctx.store);
    const db = t.ctx.store.db;
    const id = uuidv7();
    const header = checkRow(id, { purpose: '批量核查', scenario: 'fiscal_funds', channel: 'stream' });
    const partOf = (n: number) => partRow(id, n);
    await recorder.writePart(header, partOf(0), [], true);
    await recorder.writePart({ ...header, subject_count: 2, none_count: 2 }, partOf(1), [], false);
    await recorder.finishStream({ ...header, subject_count: 2, none_count: 2 }, true);
    assert.deepEqual(
      (await verifyRows(t.ctx.store)).problems,
      [],
      'the header as finished is the one on record',
    );

    // Parts are keyed by check and part number, and scanned in that order a row at a time as well.
    const scanned: string[] = [];
    for await (const row of scanAuditedTable(db, CHECK_PARTS_AUDITED, 1)) {
      if (row.check_id === id) scanned.push(`${row.check_id}/${row.part}`);
    }
    assert.deepEqual(scanned, [`${id}/0`, `${id}/1`]);

    await db
      .updateTable('check_parts')
      .set({ first_position: 7 })
      .where('check_id', '=', id)
      .where('part', '=', 1)
      .execute();
    const edited = await verifyRows(t.ctx.store);
    assert.deepEqual(
      edited.problems.map((p) => [p.table, p.id, p.reason]),
      [['check_parts', `${id}/1`, 'row_digest_mismatch']],
    );
    await db
      .updateTable('check_parts')
      .set({ first_position: 1 })
      .where('check_id', '=', id)
      .where('part', '=', 1)
      .execute();
    assert.deepEqual((await verifyRows(t.ctx.store)).problems, []);
  });

  it('migration 0012: check rows stored before it are given their digests, and verify from then on', async () => {
    const db = t.ctx.store.db;
    const id = uuidv7();
    // A check as 0009–0011 wrote it: header and part, vouched for only by its own checks.run entry.
    await db
      .insertInto('checks')
      .values(checkRow(id, { purpose: '迁移前的核查', scenario: 'licensing', channel: 'api' }))
      .execute();
    await db.insertInto('check_parts').values(partRow(id, 0)).execute();
    const before = await verifyRows(t.ctx.store);
    assert.deepEqual(before.problems.map((p) => [p.table, p.id, p.reason]).sort(), [
      ['check_parts', `${id}/0`, 'row_unrecorded'],
      ['checks', id, 'row_unrecorded'],
    ]);
    await backfillCheckDigests0012(db as never);
    assert.deepEqual((await verifyRows(t.ctx.store)).problems, []);
  });

  it('streaming check: NDJSON in, NDJSON out, one recorded check; CSV in and out', async () => {
    const lines = `${[blackCo, redCo, cleanCo].map((s) => JSON.stringify({ code: s.code })).join('\n')}\nnot json\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/checks/stream?scenario=public_resource_trading&purpose=${encodeURIComponent('批量核查')}`,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      payload: lines,
    });
    assert.equal(res.statusCode, 200, res.body);
    const out = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(out[0].checkId);
    assert.deepEqual(
      out.slice(1, 5).map((r: { decision: string | null }) => r.decision),
      ['block', 'favor', 'none', null],
    );
    assert.deepEqual(out[5].summary, { total: 4, block: 1, warn: 0, favor: 1, none: 1, error: 1 });
    const header = await t.ctx.store.db
      .selectFrom('checks')
      .selectAll()
      .where('id', '=', out[0].checkId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(header.subject_count), 4);
    assert.equal(header.channel, 'stream');

    const csv = await t.app.inject({
      method: 'POST',
      url: `/api/v1/checks/stream?scenario=fiscal_funds&purpose=${encodeURIComponent('批量核查')}`,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv', accept: 'text/csv' },
      payload: `代码,名称\n${blackCo.code},${blackCo.name}\n`,
    });
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(csv.body, new RegExp(`\\n0,${blackCo.code},block,black,`));
    const badScenario = await t.app.inject({
      method: 'POST',
      url: `/api/v1/checks/stream?scenario=x&purpose=${encodeURIComponent('批量核查')}`,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      payload: lines,
    });
    assert.equal(badScenario.statusCode, 400);
  });
});
