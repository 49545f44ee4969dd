/**
 * Objections end to end through the HTTP API (issue 16; A15–A16, B28–B29, A20): a company objects to
 * its black listing; the entry and the record say so in every view and in the check; the center asks
 * the provider to verify and decides; an upheld objection is the basis of the provider's correction
 * (W3), which closes it; a rejected one leaves the record standing with the reasons.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import {
  blackOrg,
  type DemoSubject,
  demoSubjects,
  externalDecision,
  listsTestApp,
  push,
  setClock,
} from '../lists/test-support.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

describeEachEngine('procedures: objections (A15–A16, B28–B29)', (getStore) => {
  let t: TestApp;
  let company: DemoSubject;
  let others: DemoSubject[];
  let subject: Record<string, string>;
  let center: Record<string, string>;
  let providerKey = '';
  let otherProviderKey = '';
  let checkKey = '';
  let n = 0;
  const nextId = () => `OB-${++n}`;

  before(async () => {
    setClock('2026-11-26T02:00:00.000Z');
    t = await listsTestApp(getStore());
    const account = (await t.ctx.auth.accounts.findByLogin('demo.company'))!;
    const own = (await t.ctx.subjects.findById(account.subjectId!))!;
    company = { id: own.id, code: own.code, name: own.name, attributes: own.attributes };
    others = (await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise')).filter(
      (c) => c.id !== company.id,
    );
    subject = await signIn(t.app, 'demo.company');
    center = await signIn(t.app, 'demo.center');
    const issue = async (department: string, permissions: string[]) =>
      (
        await t.ctx.accountsAdmin.issueApiKey({
          departmentCode: department,
          permissions: permissions as never,
          label: `${department} 系统`,
          createdBy: 'test',
        })
      ).key;
    providerKey = await issue('HA-GSJ', ['records.write', 'objections.read', 'objections.act', 'inbox.read']);
    otherProviderKey = await issue('HA-SWJ', ['objections.read', 'objections.act']);
    checkKey = await issue('HA-CZJ', ['checks.run']);
  });
  after(() => t.close());
  beforeEach(() => setClock('2026-11-26T02:00:00.000Z'));

  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const bearer = (key: string, purpose = '处理信用异议') => ({
    authorization: `Bearer ${key}`,
    'x-purpose': encodeURIComponent(purpose),
  });
  const withPurpose = (headers: Record<string, string>) => ({
    ...headers,
    'x-purpose': encodeURIComponent('窗口受理信用异议'),
  });
  const check = async (s: DemoSubject) => {
    const res = await api('POST', '/api/v1/checks', bearer(checkKey), {
      scenario: 'public_resource_trading',
      purpose: '投标资格审查',
      subjects: [{ code: s.code }],
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().results[0] as Json;
  };
  /** The center files an objection for a subject at a service window (B28), with a stated purpose. */
  const atWindow = (
    s: { code: string } | string,
    recordId: string,
    ground = 'wrong_or_incomplete',
    explanation = '窗口代为提交',
  ) =>
    api('POST', '/api/v1/objections', withPurpose(center), {
      subjectCode: typeof s === 'string' ? s : s.code,
      recordId,
      ground,
      explanation,
    });
  const step = (id: string, headers: Record<string, string>, body: Json) =>
    api('POST', `/api/v1/objections/${id}/steps`, headers, body);
  async function listed(s: DemoSubject) {
    const id = nextId();
    const result = await push(t, 'HA-GSJ', [blackOrg(id, s)]);
    assert.equal(result.results[0]!.outcome, 'created', JSON.stringify(result.results[0]));
    return { providerRecordId: id, recordId: result.results[0]!.recordId! };
  }
  async function fileOwn(recordId: string) {
    const res = await api('POST', '/api/v1/me/objections', subject, {
      recordId,
      ground: 'wrong_or_incomplete',
      explanation: '本公司未参与该采购项目，围标串标的认定对象有误',
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Json;
  }

  it('A15, A16, B28–B29, A20: an upheld objection — flagged in every view and the check, verified by the provider, decided, corrected as a version naming it; the check follows and the subject sees the outcome', async () => {
    const { providerRecordId, recordId } = await listed(company);
    const filed = await fileOwn(recordId);
    // filed on Thursday 2026-11-26: 10 working days → Thursday 2026-12-10
    assert.deepEqual(
      [filed.state, filed.steps.map((s: Json) => [s.step, s.due, s.standing.state])],
      ['review', [['review', '2026-12-10', 'on_time']]],
    );
    assert.match(filed.steps[0].standing.zh, /2026-12-10 到期，还有 10 个工作日/);

    // while open: the check still blocks and says so; the subject's and the provider's reads say so
    const during = await check(company);
    assert.deepEqual([during.decision, during.entries[0].procedure], ['block', 'objection']);
    const mine = (await api('GET', '/api/v1/me/records', subject)).json().records as Json[];
    assert.deepEqual(mine.find((r) => r.id === recordId)?.procedure, { kind: 'objection', id: filed.id });
    const inbox = (await api('GET', '/api/v1/inbox', bearer(providerKey))).json().notifications as Json[];
    assert.ok(inbox.some((x) => x.kind === 'objection.filed' && x.body.objectionId === filed.id));

    // the center asks the provider to verify (5 working days: 2026-12-03), the provider confirms
    const asked = await step(filed.id, center, { kind: 'verification_requested' });
    assert.equal(asked.statusCode, 200, asked.body);
    assert.deepEqual(
      asked.json().steps.map((s: Json) => [s.step, s.due]),
      [
        ['review', '2026-12-10'],
        ['verification', '2026-12-03'],
      ],
    );
    const verified = await step(filed.id, bearer(providerKey), {
      kind: 'verified',
      confirmed: true,
      reasons: '经核，被认定围标串标的是另一家同名企业，认定对象有误',
    });
    assert.equal(verified.statusCode, 200, verified.body);
    assert.equal(verified.json().state, 'review');
    const decided = await step(filed.id, center, {
      kind: 'decided',
      outcome: 'upheld',
      reasons: '提供单位核实认定对象有误，异议成立',
    });
    assert.equal(decided.statusCode, 200, decided.body);
    // decided Thursday 2026-11-26: the correction is due in 3 working days (11-27, 11-30, 12-01)
    assert.deepEqual(
      [decided.json().state, decided.json().steps.at(-1).step, decided.json().steps.at(-1).due],
      ['correction', 'correction', '2026-12-01'],
    );

    // the correction: lifting the listing rests on the upheld objection (W3)
    const corrected = await push(t, 'HA-GSJ', [
      blackOrg(
        providerRecordId,
        company,
        { reason: '依异议审核结果更正：认定对象有误，即日移出', changeBasis: filed.id },
        { validUntil: '2026-11-25' },
      ),
    ]);
    assert.deepEqual(
      [corrected.results[0]!.outcome, corrected.results[0]!.errors],
      ['new_version', undefined],
      JSON.stringify(corrected.results[0]),
    );
    const after = await check(company);
    assert.deepEqual([after.decision, after.entries], ['none', []]);
    const closed = ((await api('GET', '/api/v1/me/objections', subject)).json().objections as Json[]).find(
      (o) => o.id === filed.id,
    )!;
    assert.deepEqual(
      [closed.state, closed.open, closed.outcome.outcome, closed.outcome.reasons, closed.correction.version],
      ['corrected', false, 'upheld', '提供单位核实认定对象有误，异议成立', 2],
    );
    assert.equal(closed.steps.at(-1).standing.state, 'closed_on_time');
    const entry = await t.ctx.store.db
      .selectFrom('list_entries')
      .select(['procedure'])
      .where('id', '=', filed.entryId)
      .executeTakeFirstOrThrow();
    assert.equal(entry.procedure, null, 'the flag is cleared with the correction');
    const report = await verifyAudit(t.ctx.store);
    assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
  });

  it('A16, B29: a rejected objection — the record stands with the reasons, the flag is cleared, and it is no basis for a correction', async () => {
    const c = others.shift()!;
    const { providerRecordId, recordId } = await listed(c);
    const filed = await atWindow(c.code, recordId, 'cross_check', '窗口代为提交：主体认为不应被列入');
    assert.equal(filed.statusCode, 201, filed.body);
    assert.equal(filed.json().filedVia, 'center');
    const id = filed.json().id as string;
    const rejected = await step(id, center, {
      kind: 'decided',
      outcome: 'rejected',
      reasons: '认定事实清楚，依据充分',
    });
    assert.deepEqual(
      [rejected.json().state, rejected.json().outcome.reasons],
      ['rejected', '认定事实清楚，依据充分'],
    );
    const result = await check(c);
    assert.deepEqual([result.decision, result.entries[0].procedure], ['block', null]);
    const tried = await push(t, 'HA-GSJ', [
      blackOrg(providerRecordId, c, { severity: '一般', reason: '更正', changeBasis: id }),
    ]);
    assert.deepEqual(
      tried.results[0]!.errors?.map((e) => e.code),
      ['CHANGE_BASIS_NOT_READY'],
    );
  });

  it('A17, B30: a rejected objection appealed to the credit office — upheld, the provider corrects on it and the check follows; the center cannot decide the appeal', async () => {
    const c = others.shift()!;
    const { providerRecordId, recordId } = await listed(c);
    const filed = await atWindow(c.code, recordId, 'wrong_or_incomplete', '窗口代为提交：处罚已被撤销');
    const id = filed.json().id as string;
    await step(id, center, { kind: 'decided', outcome: 'rejected', reasons: '未提供撤销文书' });
    // the subject here has no account: the center files the appeal at the window
    const appealed = await step(id, center, { kind: 'appealed', reasons: '补充提交撤销决定书' });
    assert.equal(appealed.statusCode, 200, appealed.body);
    assert.deepEqual(
      [
        appealed.json().state,
        appealed.json().steps.at(-1).party,
        appealed.json().steps.at(-1).standing.state,
      ],
      ['appeal', 'credit_office', 'no_deadline'],
    );
    assert.equal((await check(c)).entries[0].procedure, 'objection', 'flagged again while appealed');
    const office = await signIn(t.app, 'demo.office');
    const officeInbox = (await api('GET', '/api/v1/inbox', office)).json().notifications as Json[];
    assert.ok(officeInbox.some((x) => x.kind === 'objection.appealed' && x.body.objectionId === id));
    const byCenter = await step(id, center, {
      kind: 'appeal_decided',
      outcome: 'upheld',
      reasons: '自行决定',
    });
    assert.deepEqual([byCenter.statusCode, byCenter.json().error.code], [403, 'OBJECTION_STEP_FORBIDDEN']);
    const decided = await step(id, office, {
      kind: 'appeal_decided',
      outcome: 'upheld',
      reasons: '撤销决定书真实有效，申诉成立',
    });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.deepEqual(
      [decided.json().state, decided.json().appeal.outcome.outcome, decided.json().steps.at(-1).step],
      ['correction', 'upheld', 'correction'],
    );
    const corrected = await push(t, 'HA-GSJ', [
      blackOrg(providerRecordId, c, { withdrawn: true, reason: '依申诉决定撤销', changeBasis: id }),
    ]);
    assert.equal(corrected.results[0]!.outcome, 'new_version', JSON.stringify(corrected.results[0]));
    assert.deepEqual([(await check(c)).decision], ['none']);
  });

  it('A17: a subject appeals its own rejected objection; rejected again, the record stands and the flag is cleared', async () => {
    const own = await listed(company);
    const filed = await fileOwn(own.recordId);
    const early = await api('POST', `/api/v1/me/objections/${filed.id}/appeal`, subject, { reasons: '不服' });
    assert.deepEqual([early.statusCode, early.json().error.code], [409, 'OBJECTION_STEP_NOT_ALLOWED']);
    await step(filed.id, center, { kind: 'decided', outcome: 'rejected', reasons: '认定无误' });
    const appealed = await api('POST', `/api/v1/me/objections/${filed.id}/appeal`, subject, {
      reasons: '认定对象有误，请信用办复查',
    });
    assert.equal(appealed.statusCode, 200, appealed.body);
    const office = await signIn(t.app, 'demo.office');
    const decided = await step(filed.id, office, {
      kind: 'appeal_decided',
      outcome: 'rejected',
      reasons: '维持原认定',
    });
    assert.deepEqual([decided.json().state, decided.json().open], ['appeal_rejected', false]);
    const entry = await t.ctx.store.db
      .selectFrom('list_entries')
      .select(['procedure'])
      .where('id', '=', filed.entryId)
      .executeTakeFirstOrThrow();
    assert.equal(entry.procedure, null);
  });

  it('A15, A17: one procedure at a time on a record — a second objection after a rejection blocks the first one’s appeal; two filings at once give one objection', async () => {
    const c = others.shift()!;
    const { recordId } = await listed(c);
    const fileFor = () => atWindow(c.code, recordId, 'wrong_or_incomplete', '窗口代为提交');
    const [one, two] = await Promise.all([fileFor(), fileFor()]);
    assert.deepEqual([one.statusCode, two.statusCode].sort(), [201, 409], `${one.body} ${two.body}`);
    const first = (one.statusCode === 201 ? one : two).json().id as string;
    await step(first, center, { kind: 'decided', outcome: 'rejected', reasons: '认定无误' });
    const second = await fileFor();
    assert.equal(second.statusCode, 201, second.body);
    const appeal = await step(first, center, { kind: 'appealed', reasons: '不服' });
    assert.deepEqual([appeal.statusCode, appeal.json().error.code], [409, 'OBJECTION_ALREADY_OPEN']);
    assert.equal((await check(c)).entries[0].procedure, 'objection', 'the second objection keeps the flag');
  });

  it('A20, B26: an objection on a withdrawn record is refused; one on a record written from an organization’s is about the organization’s record, and its correction ends the person’s', async () => {
    const c = others.shift()!;
    const { providerRecordId, recordId } = await listed(c);
    const changeBasis = await externalDecision(t, recordId, '淮政复决〔2026〕51号');
    const withdrawn = await push(t, 'HA-GSJ', [
      blackOrg(providerRecordId, c, { withdrawn: true, reason: '撤销', changeBasis }),
    ]);
    assert.equal(withdrawn.results[0]!.outcome, 'new_version', JSON.stringify(withdrawn.results[0]));
    const onWithdrawn = await atWindow(c.code, recordId, 'wrong_or_incomplete', '已撤销');
    assert.deepEqual(
      [onWithdrawn.statusCode, onWithdrawn.json().error.code],
      [409, 'OBJECTION_RECORD_WITHDRAWN'],
    );
    // the registered legal representative's B26 record of another company's severe listing
    const d = others.shift()!;
    const source = await listed(d);
    const representative = (await t.ctx.subjects.findById(d.attributes.legalRepresentativeId as string))!;
    const derived = await t.ctx.store.db
      .selectFrom('records')
      .select(['id'])
      .where('derived_from', '=', source.recordId)
      .where('subject_id', '=', representative.id)
      .executeTakeFirstOrThrow();
    const onDerived = await atWindow(
      representative.code,
      derived.id,
      'wrong_or_incomplete',
      '不是该公司法定代表人',
    );
    // B26: the person's objection is about the organization's record, filed and followed by the person
    assert.equal(onDerived.statusCode, 201, onDerived.body);
    const b26 = onDerived.json();
    assert.deepEqual([b26.recordId, b26.providerDepartment], [source.recordId, 'HA-GSJ']);
    const seen = (await t.ctx.records.readable({ kind: 'operator', name: 'test' }, representative.id))
      .records;
    assert.deepEqual(seen.find((r) => r.id === derived.id)?.procedure, { kind: 'objection', id: b26.id });
    // upheld, the provider corrects the organization's record naming it: the person's record follows
    const decided = await step(b26.id, center, {
      kind: 'decided',
      outcome: 'upheld',
      reasons: '经核实，该公司法定代表人登记有误',
    });
    assert.equal(decided.json().state, 'correction', decided.body);
    const corrected = await push(t, 'HA-GSJ', [
      blackOrg(source.providerRecordId, d, {
        reason: '更正法定代表人',
        changeBasis: b26.id,
        severity: '一般',
      }),
    ]);
    assert.equal(corrected.results[0]!.outcome, 'new_version', JSON.stringify(corrected.results[0]));
    const closed = await api('GET', `/api/v1/objections/${b26.id}`, withPurpose(center));
    assert.equal(closed.json().state, 'corrected', closed.body);
    const sourceKey = (
      await t.ctx.store.db
        .selectFrom('records')
        .select(['record_key'])
        .where('id', '=', source.recordId)
        .executeTakeFirstOrThrow()
    ).record_key;
    const after = await t.ctx.store.db
      .selectFrom('records')
      .select(['derived_ended'])
      .where('derived_from_key', '=', sourceKey)
      .where('subject_id', '=', representative.id)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    // no longer 严重: the person's record ends with its source (B26)
    assert.equal(Number(after.derived_ended), 1);
  });

  it('A17: only the city’s credit office decides an appeal, not a county node’s; an open-only list finds open objections beyond the newest few', async () => {
    const c = others.shift()!;
    const { recordId } = await listed(c);
    const filed = (await atWindow(c.code, recordId, 'wrong_or_incomplete', '窗口代为提交')).json();
    await step(filed.id, center, { kind: 'decided', outcome: 'rejected', reasons: '认定无误' });
    await step(filed.id, center, { kind: 'appealed', reasons: '不服' });
    const county = {
      kind: 'account' as const,
      accountId: 'county-office',
      login: 'county.office',
      role: 'credit_office' as const,
      departmentCode: 'HA-QJP-XYB',
      regionCode: '320812',
      subjectId: null,
      sessionId: 'test',
    };
    await assert.rejects(
      t.ctx.objections.act(county, filed.id, {
        kind: 'appeal_decided',
        outcome: 'upheld',
        reasons: '越级决定',
      }),
      (e: { code?: string }) => e.code === 'OBJECTION_STEP_FORBIDDEN',
    );
    // three closed objections filed after it: the open one is still found with limit 3
    for (let i = 0; i < 3; i++) {
      const x = others.shift()!;
      const r = await listed(x);
      const o = (await atWindow(x.code, r.recordId, 'wrong_or_incomplete', '窗口代为提交')).json();
      await step(o.id, center, { kind: 'decided', outcome: 'rejected', reasons: '认定无误' });
    }
    const open = (await api('GET', '/api/v1/objections?open=true&limit=3', withPurpose(center))).json()
      .objections as Json[];
    assert.ok(
      open.some((o) => o.id === filed.id),
      JSON.stringify(open.map((o) => o.state)),
    );
    assert.ok(open.every((o) => o.open));
  });

  it('A16: a correction pushed without naming the upheld objection is kept with a warning; the same content naming it then closes the objection', async () => {
    const c = others.shift()!;
    const { providerRecordId, recordId } = await listed(c);
    const filed = (await atWindow(c.code, recordId, 'wrong_or_incomplete', '失信事实表述有误')).json();
    await step(filed.id, center, { kind: 'decided', outcome: 'upheld', reasons: '事实表述有误' });
    const fixed = blackOrg(
      providerRecordId,
      c,
      { reason: '按异议更正事实表述' },
      { facts: '以串通投标方式参与政府采购项目' },
    );
    const unnamed = (await push(t, 'HA-GSJ', [fixed])).results[0]!;
    const awaiting = unnamed.warnings?.find((w) => w.code === 'OBJECTION_AWAITING_CORRECTION');
    assert.equal(unnamed.outcome, 'new_version');
    assert.ok(awaiting, JSON.stringify(unnamed.warnings));
    assert.match(awaiting.message, new RegExp(filed.id));
    const still = (await api('GET', `/api/v1/objections/${filed.id}`, withPurpose(center))).json();
    assert.equal(still.state, 'correction');
    const named = (await push(t, 'HA-GSJ', [{ ...fixed, changeBasis: filed.id }])).results[0]!;
    assert.deepEqual([named.outcome, named.version], ['new_version', 3], JSON.stringify(named));
    const closed = (await api('GET', `/api/v1/objections/${filed.id}`, withPurpose(center))).json();
    assert.deepEqual([closed.state, closed.correction.version], ['corrected', 3]);
    // and a retry of that push is unchanged, not a second use of the objection
    assert.equal(
      (await push(t, 'HA-GSJ', [{ ...fixed, changeBasis: filed.id }])).results[0]!.outcome,
      'unchanged',
    );
  });

  it('A16: overdue steps are listed with who must act and how many working days late (the CLI lists them the same way)', async () => {
    const c = others.shift()!;
    const { recordId } = await listed(c);
    const filed = (await atWindow(c.code, recordId, 'wrong_or_incomplete', '窗口代为提交')).json();
    assert.equal(filed.steps[0].due, '2026-12-10');
    const mine = async (department?: string) =>
      (await t.ctx.objections.overdue({ department })).filter((s) => s.objectionId === filed.id);
    assert.deepEqual(await mine(), [], 'not yet due');
    // Monday 2026-12-14: 12-11 and 12-14 have passed since the review's last day
    setClock('2026-12-14T02:00:00.000Z');
    assert.deepEqual(
      (await mine()).map((s) => [s.step, s.party, s.due, s.workdaysOverdue]),
      [['review', 'center', '2026-12-10', 2]],
    );
    assert.equal((await mine('HA-GSJ')).length, 1, 'the provider department of the record');
    assert.equal((await mine('HA-SWJ')).length, 0);
  });

  it('A16: who may take which step — one open objection per record, only the subject’s own records, each step by its party and in its turn', async () => {
    const c = others.shift()!;
    const own = await listed(company);
    const theirs = await listed(c);
    const notMine = await api('POST', '/api/v1/me/objections', subject, {
      recordId: theirs.recordId,
      ground: 'wrong_or_incomplete',
      explanation: '不是我的记录',
    });
    assert.deepEqual([notMine.statusCode, notMine.json().error.code], [404, 'OBJECTION_RECORD_NOT_FOUND']);
    const filed = await fileOwn(own.recordId);
    const again = await api('POST', '/api/v1/me/objections', subject, {
      recordId: own.recordId,
      ground: 'past_validity',
      explanation: '再提一次',
    });
    assert.deepEqual([again.statusCode, again.json().error.code], [409, 'OBJECTION_ALREADY_OPEN']);
    const blank = await api('POST', '/api/v1/me/objections', subject, {
      recordId: own.recordId,
      ground: 'wrong_or_incomplete',
      explanation: '   ',
    });
    assert.deepEqual([blank.statusCode, blank.json().error.code], [400, 'OBJECTION_FIELD_MISSING']);

    // the subject follows but does not act; another department sees nothing; the provider does not decide
    assert.equal((await step(filed.id, subject, { kind: 'verification_requested' })).statusCode, 403);
    const elsewhere = await step(filed.id, bearer(otherProviderKey), { kind: 'verification_requested' });
    assert.deepEqual([elsewhere.statusCode, elsewhere.json().error.code], [404, 'OBJECTION_NOT_FOUND']);
    const providerDecides = await step(filed.id, bearer(providerKey), {
      kind: 'decided',
      outcome: 'upheld',
      reasons: '自行认定',
    });
    assert.deepEqual(
      [providerDecides.statusCode, providerDecides.json().error.code],
      [403, 'OBJECTION_STEP_FORBIDDEN'],
    );
    const early = await step(filed.id, bearer(providerKey), {
      kind: 'verified',
      confirmed: false,
      reasons: '无误',
    });
    assert.deepEqual([early.statusCode, early.json().error.code], [409, 'OBJECTION_STEP_NOT_ALLOWED']);
    assert.equal((await step(filed.id, center, { kind: 'verification_requested' })).statusCode, 200);
    const whileVerifying = await step(filed.id, center, {
      kind: 'decided',
      outcome: 'rejected',
      reasons: '不成立',
    });
    assert.deepEqual(
      [whileVerifying.statusCode, whileVerifying.json().error.code],
      [409, 'OBJECTION_STEP_NOT_ALLOWED'],
    );
    const forProvider = (await api('GET', '/api/v1/objections?open=true', bearer(providerKey))).json()
      .objections as Json[];
    assert.deepEqual(
      forProvider.find((o) => o.id === filed.id)?.nextSteps,
      ['verified'],
      'the provider is told what it must do',
    );
    const forOther = (await api('GET', '/api/v1/objections', bearer(otherProviderKey))).json()
      .objections as Json[];
    assert.equal(forOther.length, 0);
  });
});
