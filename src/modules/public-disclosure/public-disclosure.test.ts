/**
 * The public disclosure API end to end (issue 17), on both engines, with the demo city and records
 * pushed as providers push them: what the portal shows is exactly what the rest of the platform holds
 * current and public — expired, removed (A4), past-publication (B8), government and authorized items
 * are absent; persons appear only masked (A7) and only through a current black-list entry, never by
 * ID number; every GET answers with a strong ETag and 304; exports are Excel-safe.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { createTestApp, signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { exampleRow, SEED_CATALOG } from '../catalog/index.ts';
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
import { maskCitizenId, maskPersonName } from '../policy/index.ts';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from '../policy/policy.loader.ts';
import { publicDisclosureService } from './public-disclosure.service.ts';
import { bilingual } from './public-policy.ts';
import type { IssuedReport } from './report-registry.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

describeEachEngine('public disclosure API (issue 17)', (getStore) => {
  let t: TestApp;
  let company: DemoSubject;
  let other: DemoSubject;
  let lapsed: DemoSubject;
  let listed: DemoSubject;
  let unlisted: DemoSubject;
  let honoured: DemoSubject;
  /** every public answer's body, to look for persons' codes and names (A7) */
  const bodies: { url: string; body: string }[] = [];
  let penaltyId = '';

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    bodies.push({ url, body: res.body });
    return res;
  };
  const ok = async (url: string): Promise<Json> => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json();
  };
  const row = (code: string, s: DemoSubject, over: Json = {}, fields: Json = {}) => {
    const item = SEED_CATALOG.find((i) => i.code === code)!;
    const example = exampleRow({ ...item, version: 1, publishedAt: '' }) as Json;
    return {
      ...example,
      providerRecordId: `${code}-${s.id.slice(-6)}-${over.identifiedOn ?? example.identifiedOn}`,
      subject: { code: s.code, name: s.name },
      ...over,
      fields: { ...example.fields, ...fields },
    };
  };
  const created = async (department: string, rows: unknown[]) => {
    const result = await push(t, department, rows);
    assert.equal(result.summary.created, rows.length, JSON.stringify(result.results));
    return result.results.map((r) => r.recordId!);
  };

  before(async () => {
    setClock('2026-11-26T02:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 20, organizations: 20 });
    const companies = await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise');
    [company, other, lapsed] = companies as [DemoSubject, DemoSubject, DemoSubject];
    const persons = await demoSubjects(t, 'person', (a) => a.employerDepartmentCode === undefined);
    [listed, unlisted, honoured] = persons as [DemoSubject, DemoSubject, DemoSubject];
    // B8: an item published for 3 months only (a clone of the penalty item)
    const penalty = SEED_CATALOG.find((d) => d.code === 'admin-penalty')!;
    await t.ctx.catalog.publish(
      { ...structuredClone(penalty), code: 'test-published-penalty', publicationPeriod: { months: 3 } },
      t.ctx.now(),
    );
    const noCode = { legalRepresentative: '欧阳明华', legalRepresentativeCode: null };
    penaltyId = (
      await created('HA-GSJ', [
        row('admin-penalty', company, { identifiedOn: '2026-10-15', severity: '一般' }, noCode),
        row('admin-penalty', company, { identifiedOn: '2025-01-10', severity: '一般' }, noCode), // B27: expired
        row('admin-penalty', company, { item: 'test-published-penalty', identifiedOn: '2026-06-01' }, noCode),
        row('credit-commitment', company, { identifiedOn: '2026-05-01' }),
      ])
    )[0]!;
    await created('HA-SPJ', [row('admin-license', company, { identifiedOn: '2026-03-15' })]);
    await created('HA-RSJ', [
      row('social-insurance-arrears', company, { identifiedOn: '2026-09-01' }, noCode),
    ]); // 政府共享
    // A4: the company's red entry is removed by its black listing
    await created('HA-FGW', [redOrg('R-C', company, { identifiedOn: '2026-11-02' })]);
    await created('HA-GSJ', [
      blackOrg('B-C', company, { identifiedOn: '2026-11-20' }, { documentNumber: '=HYPERLINK("x")' }),
    ]);
    await created('HA-FGW', [
      redOrg('R-O', other, { identifiedOn: '2026-11-10' }, { documentNumber: '+淮发改〔2026〕9号' }),
      // A12: past its removal date
      redOrg('R-L', lapsed, { identifiedOn: '2025-11-10' }, { validUntil: '2026-11-01' }),
    ]);
    await created('HA-FY', [blackPerson('B-P', listed, { identifiedOn: '2026-11-18' })]);
    await created('HA-FGW', [redPerson('R-P', honoured, { identifiedOn: '2026-11-05' })]);
  });
  after(() => t.close());

  it('A9, B18: the search box finds an organization by part of its name and by its code (any case, spaced), with its current red and black counts; an unknown code finds nothing', async () => {
    const part = [...company.name].slice(2, 6).join('');
    const byName = await ok(`/api/v1/public/search?q=${encodeURIComponent(part)}`);
    const hit = (byName.results as Json[]).find((r) => r.code === company.code)!;
    assert.deepEqual([hit.kind, hit.name, hit.counts], ['organization', company.name, { red: 0, black: 1 }]);
    assert.match(hit.regionName ?? '', /淮安|区|县/);
    const spaced = `${company.code.slice(0, 9).toLowerCase()} ${company.code.slice(9)}`;
    const byCode = await ok(`/api/v1/public/search?q=${encodeURIComponent(spaced)}`);
    assert.deepEqual([byCode.query.kind, byCode.results.map((r: Json) => r.code)], ['code', [company.code]]);
    const counts = (await ok(`/api/v1/public/search?q=${other.code}`)).results[0].counts;
    assert.deepEqual(counts, { red: 1, black: 0 });
    const unknown = await ok('/api/v1/public/search?q=91320800MA1XXXXX0Y');
    assert.deepEqual(unknown.results, []);
  });

  it('A7: a black-listed person is found by name only masked, as a handle; no person is found by ID number, and one without a current public black entry not by name either', async () => {
    const found = await ok(`/api/v1/public/search?q=${encodeURIComponent(listed.name)}`);
    const persons = (found.results as Json[]).filter((r) => r.kind === 'person');
    assert.equal(persons.length, 1, JSON.stringify(found));
    const policy = t.ctx.policy;
    assert.deepEqual(
      [persons[0]!.name, persons[0]!.code, persons[0]!.counts.black],
      [maskPersonName(policy, listed.name), maskCitizenId(policy, listed.code), 1],
    );
    assert.notEqual(persons[0]!.handle, listed.code);
    // the person's page by handle: the black entry only, masked
    const page = await ok(persons[0]!.entriesUrl);
    assert.deepEqual(
      page.entries.map((e: Json) => [e.listType, e.subject.name, e.ground, e.groundText]),
      [
        [
          'black',
          maskPersonName(policy, listed.name),
          'A6(7)',
          'A6(7) 有履行能力拒不履行生效法律文书的失信被执行人',
        ],
      ],
    );
    assert.equal((await get(persons[0]!.entriesUrl)).headers['cache-control'], 'no-store');
    // by ID number no person is found, black-listed or not (a code search reaches organizations only)
    assert.deepEqual((await ok(`/api/v1/public/search?q=${listed.code}`)).results, []);
    for (const s of [unlisted, honoured]) {
      assert.deepEqual((await ok(`/api/v1/public/search?q=${s.code}`)).results, []);
      const byName = await ok(`/api/v1/public/search?q=${encodeURIComponent(s.name)}`);
      assert.deepEqual(
        (byName.results as Json[]).filter((r) => r.kind === 'person'),
        [],
      );
    }
    // the public subject page refuses persons, as the older public view does
    assert.equal((await get(`/api/v1/public/subjects/${listed.code}/profile`)).statusCode, 404);
  });

  it('A7: a search by a black-listed person’s full ID number is answered exactly as an unknown code (the mask hides the birth date)', async () => {
    const unknown = `${listed.code.slice(0, 6)}19000101${listed.code.slice(14)}`;
    const person = await get(`/api/v1/public/search?q=${listed.code}`);
    const nobody = await get(`/api/v1/public/search?q=${unknown}`);
    assert.equal(person.statusCode, 200, person.body);
    assert.equal(person.body, nobody.body);
    assert.deepEqual(person.json().results, []);
    for (const header of ['etag', 'cache-control'])
      assert.equal(person.headers[header], nobody.headers[header], header);
    // an organization's code still finds it
    const org = await ok(`/api/v1/public/search?q=${company.code}`);
    assert.deepEqual(
      org.results.map((r: Json) => [r.kind, r.code]),
      [['organization', company.code]],
    );
  });

  it('A7: the lists’ name filter matches organizations only — no part of a masked person’s name finds them, in the lists or the exports', async () => {
    const given = [...listed.name].slice(1).join('');
    const honouredGiven = [...honoured.name].slice(1).join('');
    for (const [polarity, name] of [
      ['black', given],
      ['black', listed.name],
      ['red', honouredGiven],
    ] as const) {
      const page = await ok(`/api/v1/public/lists/${polarity}?name=${encodeURIComponent(name)}`);
      assert.deepEqual(
        page.entries.filter((e: Json) => e.subject.kind === 'person'),
        [],
        `${polarity} ${name}`,
      );
      assert.equal(page.total, page.entries.length);
      const csv = await get(`/api/v1/public/lists/${polarity}/export.csv?name=${encodeURIComponent(name)}`);
      assert.equal(csv.statusCode, 200);
      assert.doesNotMatch(csv.body, /自然人/, `${polarity} export ${name}`);
    }
    // without a name filter the persons are there, masked
    const all = await ok('/api/v1/public/lists/black');
    assert.ok(all.entries.some((e: Json) => e.subject.kind === 'person'));
  });

  it('A7, decision 0038: a red-listed person’s entry carries no handle (persons are published through black-list entries only); a black-listed person’s handle opens their page', async () => {
    const red = await ok('/api/v1/public/lists/red');
    const person = (red.entries as Json[]).find((e) => e.subject.kind === 'person')!;
    assert.equal(person.subject.name, maskPersonName(t.ctx.policy, honoured.name));
    assert.equal(person.subject.handle, null);
    const black = await ok('/api/v1/public/lists/black');
    const listedEntry = (black.entries as Json[]).find((e) => e.subject.kind === 'person')!;
    assert.equal(typeof listedEntry.subject.handle, 'string');
    await ok(`/api/v1/public/persons/${listedEntry.subject.handle}`);
  });

  it('B18, B27, A4, C §6(3): the subject page groups current public items like a credit report — each with provider, date, basis and validity; government, expired and A4-removed ones absent; noindex', async () => {
    const res = await get(`/api/v1/public/subjects/${company.code}/profile`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['x-robots-tag'], 'noindex');
    const body = res.json() as Json;
    assert.deepEqual(body.counts, {
      basic: 0,
      licensing: 1,
      penalties: 1,
      red: 0, // A4: removed by the black listing
      black: 1,
      commitments: 1,
      other: 0, // the social insurance arrears are 政府共享 (B18)
    });
    const group = (g: string) => (body.groups as Json[]).find((x) => x.group === g)!;
    const penalty = group('penalties').items[0] as Json;
    assert.deepEqual(
      [penalty.id, penalty.provider.code, penalty.date, penalty.dateLabel, penalty.legalBasis, penalty.state],
      [
        penaltyId,
        'HA-GSJ',
        '2026-10-15',
        '处罚决定日期',
        { articles: ['B12(9)', 'B15'], text: '《中华人民共和国产品质量法》第四十九条' },
        'current',
      ],
    );
    assert.match(penalty.provider.name, /市场监督|工商/);
    assert.equal(penalty.validityEndsOn, '2027-10-15'); // 一般: 1 year (B27)
    // A7: the legal representative's name masked
    assert.equal(penalty.fields.find((f: Json) => f.key === 'legalRepresentative').value, '欧阳**');
    assert.deepEqual(group('black').label, { zh: '严重失信主体名单', en: 'dishonesty: black lists' });
    assert.equal(group('black').items[0].validUntil, '2029-11-19');
    assert.deepEqual(
      group('licensing').items.map((i: Json) => i.item),
      ['admin-license'],
    );
    assert.equal(body.subject.name, company.name);
  });

  it('B8: a record past its item’s publication period leaves the public page, while government readers still use it', async () => {
    const body = await ok(`/api/v1/public/subjects/${company.code}/profile`);
    const items = (body.groups as Json[]).flatMap((g) => g.items as Json[]).map((i) => i.item);
    assert.ok(!items.includes('test-published-penalty'), items.join());
    const staff = await signIn(t.app, 'demo.user');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${company.code}/records`,
      headers: { ...staff, 'x-purpose': encodeURIComponent('招标资格审查') },
    });
    const published = (res.json().records as Json[]).find((r) => r.item === 'test-published-penalty')!;
    assert.deepEqual([published.state, published.publicationEndsOn], ['current', '2026-09-01']);
  });

  it('A16: a record under objection is marked on the subject page', async () => {
    const center = await signIn(t.app, 'demo.center');
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/objections',
      headers: { ...center, 'x-purpose': encodeURIComponent('窗口受理异议') },
      payload: {
        subjectCode: company.code,
        recordId: penaltyId,
        ground: 'wrong_or_incomplete',
        explanation: '罚款金额有误',
      },
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const body = await ok(`/api/v1/public/subjects/${company.code}/profile`);
    const penalty = (body.groups as Json[]).find((g) => g.group === 'penalties')!.items[0];
    assert.deepEqual(penalty.procedure, {
      kind: 'objection',
      label: { zh: '异议处理中', en: 'under objection (A16)' },
    });
  });

  it('A12, A4, A7: the lists show current public entries only, newest first, filtered and paged; persons masked', async () => {
    const red = await ok('/api/v1/public/lists/red');
    assert.deepEqual(
      red.entries.map((e: Json) => e.subject.name),
      [other.name, maskPersonName(t.ctx.policy, honoured.name)],
    ); // the company's (A4) and the lapsed one's (A12) are gone
    assert.equal(red.total, 2);
    const black = await ok('/api/v1/public/lists/black?pageSize=1');
    assert.deepEqual(
      [black.total, black.entries.length, black.entries[0].subject.code],
      [2, 1, company.code],
    );
    assert.equal(black.entries[0].legalRepresentative, '张*');
    const second = await ok('/api/v1/public/lists/black?pageSize=1&page=2');
    assert.deepEqual(
      [second.entries[0].subject.kind, second.entries[0].subject.code],
      ['person', maskCitizenId(t.ctx.policy, listed.code)],
    );
    const byDepartment = await ok('/api/v1/public/lists/black?department=HA-FY');
    assert.deepEqual(
      byDepartment.entries.map((e: Json) => e.subject.kind),
      ['person'],
    );
    const byName = await ok(
      `/api/v1/public/lists/black?name=${encodeURIComponent(company.name.slice(0, 4))}`,
    );
    assert.deepEqual(
      byName.entries.map((e: Json) => e.subject.code),
      [company.code],
    );
    const byDate = await ok('/api/v1/public/lists/black?listedFrom=2026-11-19&listedTo=2026-11-30');
    assert.deepEqual(
      byDate.entries.map((e: Json) => e.subject.code),
      [company.code],
    );
    const bad = await get('/api/v1/public/lists/red?listType=black');
    assert.equal(bad.json().error.code, 'PUBLIC_LIST_TYPE_INVALID');
    assert.equal((await get('/api/v1/public/lists/red?pageSize=101')).statusCode, 400);
  });

  it('ETag: every public GET carries a strong ETag of its body and answers If-None-Match with 304 and no body; organizations’ answers are publicly cacheable, persons’ never stored', async () => {
    for (const url of [
      `/api/v1/public/subjects/${company.code}/profile`,
      '/api/v1/public/lists/red',
      '/api/v1/public/policy',
      '/api/v1/public/repair-notices',
    ]) {
      const first = await get(url);
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[A-Za-z0-9_-]{43}"$/, url);
      const again = await get(url, { 'if-none-match': etag });
      assert.deepEqual([again.statusCode, again.body], [304, ''], url);
      assert.equal(again.headers.etag, etag);
      const stale = await get(url, { 'if-none-match': '"other"' });
      assert.equal(stale.statusCode, 200);
    }
    assert.equal(
      (await get(`/api/v1/public/subjects/${company.code}/profile`)).headers['cache-control'],
      'public, max-age=60',
    );
    assert.equal((await get('/api/v1/public/lists/black')).headers['cache-control'], 'no-store');
  });

  it('export: CSV in UTF-8 with a BOM, cells that a spreadsheet would run (= + - @) escaped; xlsx cells are strings; the cap stated', async () => {
    const csv = await get('/api/v1/public/lists/black/export.csv');
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.deepEqual(
      [csv.headers['x-export-cap'], csv.headers['x-total-count'], csv.headers['x-export-truncated']],
      ['10000', '2', 'false'],
    );
    assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
    assert.match(csv.body, /"'=HYPERLINK\(""x""\)"/);
    assert.ok(!csv.body.includes(listed.code) && !csv.body.includes(listed.name));
    const red = await get('/api/v1/public/lists/red/export.csv');
    assert.match(red.body, /,'\+淮发改〔2026〕9号,/);
    const xlsx = await get('/api/v1/public/lists/black/export.xlsx');
    assert.equal(xlsx.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const cells = sheet.getRow(2).values as unknown[];
    assert.ok(cells.includes('=HYPERLINK("x")'), JSON.stringify(cells));
    sheet.eachRow((r) => {
      r.eachCell((c) => assert.notEqual(c.type, ExcelJS.ValueType.Formula));
    });
  });

  it('A12, A16, A18–A19, B8, A13–A14: the rules in force, with the policy version and articles', async () => {
    const body = await ok('/api/v1/public/policy');
    assert.deepEqual([body.policy.id, body.policy.version], [t.ctx.policy.id, t.ctx.policy.version]);
    const rule = (section: string, key: string) =>
      (body.sections as Json[]).find((s) => s.key === section)!.rules.find((r: Json) => r.key === key);
    assert.deepEqual(
      [rule('validity', 'severe').text, rule('validity', 'severe').articles],
      ['3年', ['B27']],
    );
    assert.deepEqual(
      [rule('objection', 'review').text, rule('objection', 'review').articles],
      ['10个工作日', ['A16', 'B29']],
    );
    assert.deepEqual(rule('lists', 'removal').articles, ['A12']);
    assert.equal(rule('blacklistRepair', 'noticePeriod').text, '5个工作日');
    assert.equal(rule('negativeRepair', 'repairs').text, '5年内2次');
    const interview = (body.publication as Json[]).find((p) => p.item === 'admin-penalty')!;
    assert.ok(interview.articles.includes('B8'));
    const trading = (body.measures as Json[]).find((m) => m.scenario === 'public_resource_trading')!;
    assert.ok(trading.measures.length > 0);
    assert.ok(trading.measures.every((m: Json) => m.legalBasis.length > 0 && m.article));
    assert.match(body.free.zh, /不收取任何费用/);
  });

  it('B27, B29 (issue 17 review): every rule’s note comes as {zh, en}, the Chinese half without English, a GB/T kept whole', async () => {
    const body = await ok('/api/v1/public/policy');
    const notes = (body.sections as Json[]).flatMap((s) => s.rules.map((r: Json) => r.note)).filter(Boolean);
    assert.ok(notes.length > 10);
    for (const note of notes) {
      assert.deepEqual(Object.keys(note).sort(), ['en', 'zh']);
      assert.doesNotMatch(note.zh, /[A-Za-z]{3,} [A-Za-z]{2,}/, note.zh);
      assert.match(note.en, /^[A-Z0-9'"‘“]/, note.en);
    }
    const severe = (body.sections as Json[])
      .find((s) => s.key === 'validity')!
      .rules.find((r: Json) => r.key === 'ordinary');
    assert.match(severe.note.zh, /^一般失信信息有效期 1 年/);
    assert.match(severe.note.en, /^Counted from the date/);
    assert.deepEqual(bilingual('登录失败参照 GB/T 22239 处理。/ After GB/T 22239.'), {
      zh: '登录失败参照 GB/T 22239 处理。',
      en: 'After GB/T 22239.',
    });
  });

  it('C §5(3): report verification answers REPORT_NOT_FOUND while no report was issued; with a registry, a wrong code and an unknown number answer alike and a person is masked', async () => {
    const none = await get(`/api/v1/public/reports/verify?no=XYBG-2026-0001&code=K7Q2M9A`);
    assert.deepEqual([none.statusCode, none.json().error.code], [404, 'REPORT_NOT_FOUND']);
    // it is the report number and its 校验码 that are checked, not the subject's code
    assert.match(none.json().error.message, /报告编号和校验码/);
    assert.doesNotMatch(none.json().error.message, /统一社会信用代码|身份号码/);
    assert.match(none.json().error.message_en, /verification code/);
    const issued: IssuedReport = {
      reportNo: 'XYBG-2026-0001',
      reportType: { code: 'public', name: '公共信用信息报告' },
      issuer: { department: 'HA-XYZX', name: '淮安市公共信用信息中心' },
      subject: { kind: 'person', name: listed.name, code: listed.code },
      period: { from: '2023-11-26', to: '2026-11-26' },
      issuedAt: '2026-11-26T02:00:00.000Z',
      pdfSm3: 'a'.repeat(64),
      verificationCode: 'K7Q2M9A',
    };
    const service = publicDisclosureService({
      ...t.ctx,
      policyFingerprint: t.ctx.policyFingerprint,
      openObjections: (keys) => t.ctx.objections.openOnRecords(keys),
      repairs: (keys) => t.ctx.repairs.onRecords(keys),
      reports: {
        find: async (no, code) =>
          no === issued.reportNo && code === issued.verificationCode ? issued : undefined,
      },
    });
    const answer = await service.verifyReport(' XYBG-2026-0001 ', 'k7q2 m9a');
    assert.deepEqual(answer.subject, {
      kind: 'person',
      name: maskPersonName(t.ctx.policy, listed.name),
      code: maskCitizenId(t.ctx.policy, listed.code),
    });
    const wrongCode = await service.verifyReport('XYBG-2026-0001', 'K7Q2M9B').catch((e) => e);
    const unknownNo = await service.verifyReport('XYBG-2026-9999', 'K7Q2M9A').catch((e) => e);
    assert.deepEqual(
      [wrongCode.code, wrongCode.message, wrongCode.status],
      [unknownNo.code, unknownNo.message, unknownNo.status],
    );
  });

  it('A7: no answer of the public API held a listed person’s ID number or full name', () => {
    assert.ok(bodies.length > 20);
    for (const s of [listed, unlisted, honoured]) {
      const leak = bodies.find((b) => b.body.includes(s.code));
      assert.equal(leak, undefined, `${s.id}: code disclosed`);
      // (a search by the name echoes what the caller typed; nothing else may hold it)
      const typed = encodeURIComponent(s.name);
      const named = bodies.find((b) => !b.url.includes(typed) && b.body.includes(`"${s.name}"`));
      assert.equal(named, undefined, `${s.id}: name disclosed`);
    }
  });
});

describeEachEngine('public disclosure API: rate limit (A7, C §4)', (getStore) => {
  let t: TestApp;
  before(async () => {
    const policy = structuredClone(await loadPolicyFile(DEFAULT_POLICY_PATH));
    (policy.access.rateLimits as { publicPerMinute: number }).publicPerMinute = 3;
    t = await createTestApp(getStore(), { policy });
  });
  after(() => t.close());

  it('issue 17: every public route is documented in OpenAPI under the tag public, with an operationId', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Json;
    // (the older organization view, /api/v1/public/subjects/{code}, is the subjects module's)
    const operations = Object.entries(doc.paths as Json)
      .filter(([path]) => path.startsWith('/api/v1/public/') && path !== '/api/v1/public/subjects/{code}')
      .flatMap(([path, item]) =>
        Object.entries(item as Json).map(([method, op]) => [`${method} ${path}`, op as Json] as const),
      );
    assert.equal(operations.length, 16, operations.map(([k]) => k).join());
    for (const [key, op] of operations) {
      assert.ok(op.tags.includes('public'), key);
      assert.match(String(op.operationId), /^public[A-Z]/, key);
    }
  });

  it('A7, C §4: a client past the policy’s publicPerMinute gets 429 RATE_LIMITED with when to retry', async () => {
    const statuses: number[] = [];
    let last: Json = {};
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/policy' });
      statuses.push(res.statusCode);
      last = res.json();
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal(last.error.code, 'RATE_LIMITED');
    assert.ok(last.error.details.retryAfterSeconds > 0);
  });
});
