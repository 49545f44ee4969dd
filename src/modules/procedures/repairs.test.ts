/**
 * Credit repair end to end through the HTTP API (issue 16; A18–A19, B31–B32): a black-listed company
 * first listed in March 2026 asks whether it may apply (not before its six months, A18(1)), applies
 * with the signed commitment, the provider gives its opinion, the opinion is publicized for 5 working
 * days across 国庆, an objection during the notice is verified, the center adopts after the notice, the
 * record becomes an archive and the check stops counting it at once, the department that checked the
 * company is told, and the decision can be downloaded. B31 repairs are refused by each exclusion with
 * the reason.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { SHIPPED_POLICY_DIR } from '../../platform/config.ts';
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
  systemOf,
} from '../lists/test-support.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

/** 10:00 in China on a date. */
const at = (date: string) => setClock(`${date}T02:00:00.000Z`);

describeEachEngine('procedures: credit repair (A18–A19, B31–B32)', (getStore) => {
  let t: TestApp;
  let company: DemoSubject;
  let others: DemoSubject[];
  let subject: Record<string, string>;
  let center: Record<string, string>;
  let gsjKey = '';
  let zjjKey = '';
  let checkKey = '';
  let n = 0;

  before(async () => {
    at('2026-03-16');
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
    gsjKey = await issue('HA-GSJ', ['records.write', 'repairs.read', 'repairs.act', 'inbox.read']);
    zjjKey = await issue('HA-ZJJ', [
      'records.write',
      'repairs.read',
      'repairs.act',
      'inbox.read',
      'checks.run',
    ]);
    checkKey = await issue('HA-CZJ', ['checks.run', 'inbox.read']);
  });
  after(() => t.close());
  /** Moves the clock to 10:00 China time on a date; sessions (8 hours) are opened again. */
  async function day(date: string) {
    at(date);
    subject = await signIn(t.app, 'demo.company');
    center = await signIn(t.app, 'demo.center');
  }

  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const bearer = (key: string, purpose = '办理信用修复') => ({
    authorization: `Bearer ${key}`,
    'x-purpose': encodeURIComponent(purpose),
  });
  const window = (headers: Record<string, string>) => ({
    ...headers,
    'x-purpose': encodeURIComponent('窗口受理信用修复'),
  });
  const check = async (s: DemoSubject) => {
    const res = await api('POST', '/api/v1/checks', bearer(checkKey, '投标资格审查'), {
      scenario: 'public_resource_trading',
      purpose: '投标资格审查',
      subjects: [{ code: s.code }],
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().results[0] as Json;
  };
  const step = (id: string, headers: Record<string, string>, body: Json) =>
    api('POST', `/api/v1/repairs/${id}/steps`, headers, body);
  const bidding = (s: DemoSubject, severity: string, identifiedOn: string, conduct = '围标串标') => ({
    item: 'bidding-fraud',
    providerRecordId: `ZJJ-${++n}`,
    subject: { code: s.code, name: s.name },
    severity,
    identifiedOn,
    fields: {
      projectName: '淮安市示例道路改造工程',
      conduct,
      facts: '与其他投标人相互串通投标报价',
      handling: '取消中标资格，罚款',
      documentNumber: `淮住建罚〔2026〕${n}号`,
      authority: '淮安市住房和城乡建设局',
    },
  });
  async function pushed(department: string, row: Json) {
    const result = await push(t, department, [row]);
    assert.equal(result.results[0]!.outcome, 'created', JSON.stringify(result.results[0]));
    return result.results[0]!.recordId!;
  }
  /** The center files at a window for `s` (B31, A18): commitment fetched and signed, then the application. */
  async function applyAtWindow(
    s: DemoSubject,
    recordId: string,
    stated: Json,
    proof = '已缴清罚款，整改报告附后',
  ) {
    const commitment = await api(
      'GET',
      `/api/v1/repairs/commitment?subjectCode=${s.code}&recordId=${recordId}`,
      window(center),
    );
    assert.equal(commitment.statusCode, 200, commitment.body);
    return api('POST', '/api/v1/repairs', window(center), {
      subjectCode: s.code,
      recordId,
      stated,
      proof,
      commitmentDigest: commitment.json().digest,
    });
  }
  const unmet = (body: Json) => (body.error.details.conditions as Json[]).map((c) => [c.code, c.status]);

  it('A18(1), A19: a first listing repaired — eligibility explained with its 6-month date, applied with the signed commitment, the opinion publicized 5 working days across 国庆, an objection during the notice verified, adopted after it; the record is archived, the check stops counting it, the checking department is told, the decision downloads', async () => {
    // listed on 2026-03-15 (identified), pushed the next day; obligations met on 2026-03-20
    const recordId = await pushed(
      'HA-GSJ',
      blackOrg(
        'GSJ-R1',
        company,
        { identifiedOn: '2026-03-15' },
        { validUntil: '2029-03-14', legalRepresentative: '李四' },
      ),
    );
    await day('2026-06-01');
    assert.equal((await check(company)).decision, 'block');
    // B26: the company's legal representative carries the listing too; another department checks him
    const representative = (await t.ctx.subjects.findById(
      company.attributes.legalRepresentativeId as string,
    ))!;
    const personCheck = await api('POST', '/api/v1/checks', bearer(zjjKey, '招标投标资格审查'), {
      scenario: 'public_resource_trading',
      purpose: '招标投标资格审查',
      subjects: [{ code: representative.code }],
    });
    assert.equal(personCheck.json().results[0].decision, 'warn', personCheck.body); // A14(13) for the person

    // Before the six months: not yet, and from when (6 months after 2026-03-20: 2026-09-20)
    await day('2026-09-18');
    const early = await api(
      'GET',
      `/api/v1/me/repairs/eligibility?recordId=${recordId}&obligationsMetOn=2026-03-20`,
      subject,
    );
    assert.equal(early.statusCode, 200, early.body);
    const e = early.json();
    assert.deepEqual([e.path, e.verdict, e.earliestDate], ['A18(1)', 'not_yet', '2026-09-20']);
    const quiet = (e.conditions as Json[]).find((c) => c.code === 'quiet_period')!;
    assert.deepEqual([quiet.status, quiet.metFrom], ['not_met', '2026-09-20']);
    assert.match(quiet.zh, /2026-03-20 起算，2026-09-20 满足/);
    assert.match(e.free.zh, /不收取任何费用/);
    // applying now is refused with the same reasons
    const commitmentEarly = (
      await api('GET', `/api/v1/me/repairs/commitment?recordId=${recordId}`, subject)
    ).json();
    const refused = await api('POST', '/api/v1/me/repairs', subject, {
      recordId,
      stated: { obligationsMetOn: '2026-03-20' },
      proof: '已履行',
      commitmentDigest: commitmentEarly.digest,
    });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, 'REPAIR_NOT_ELIGIBLE');
    assert.ok(unmet(refused.json()).some(([code]) => code === 'quiet_period'));

    // Monday 2026-09-21: the commitment of the day, signed; the application accepted
    await day('2026-09-21');
    const commitment = (
      await api('GET', `/api/v1/me/repairs/commitment?recordId=${recordId}`, subject)
    ).json();
    assert.match(commitment.text, /信用承诺书[\s\S]*承诺日期：2026-09-21/);
    // yesterday's commitment is not today's
    const stale = await api('POST', '/api/v1/me/repairs', subject, {
      recordId,
      stated: { obligationsMetOn: '2026-03-20' },
      proof: '已缴清罚款',
      commitmentDigest: commitmentEarly.digest,
    });
    assert.equal(stale.json().error.code, 'REPAIR_COMMITMENT_MISMATCH');
    const applied = await api('POST', '/api/v1/me/repairs', subject, {
      recordId,
      stated: { obligationsMetOn: '2026-03-20' },
      proof: '已缴清罚款（缴款书号 3208001），整改报告附后',
      commitmentDigest: commitment.digest,
    });
    assert.equal(applied.statusCode, 201, applied.body);
    const repair = applied.json();
    // the provider's opinion: 10 working days → 2026-10-12 (中秋 09-25…27, 国庆 10-01…07, 10-10 make-up)
    assert.deepEqual(
      [repair.state, repair.path, repair.steps.map((s: Json) => [s.step, s.due])],
      ['opinion', 'A18(1)', [['opinion', '2026-10-12']]],
    );
    // one application at a time
    const again = await api('POST', '/api/v1/me/repairs', subject, {
      recordId,
      stated: { obligationsMetOn: '2026-03-20' },
      proof: 'x',
      commitmentDigest: commitment.digest,
    });
    assert.equal(again.json().error.code, 'REPAIR_ALREADY_OPEN');
    // the record says so; the provider was told
    const mine = (await api('GET', '/api/v1/me/records', subject)).json().records as Json[];
    assert.deepEqual(mine.find((r) => r.id === recordId)?.procedure, { kind: 'repair', id: repair.id });
    const inbox = (await api('GET', '/api/v1/inbox', bearer(gsjKey))).json().notifications as Json[];
    assert.ok(inbox.some((x) => x.kind === 'repair.applied' && x.body.repairId === repair.id));

    // only the provider gives the opinion; agreeing needs every condition (the impact is its judgement)
    const byCenter = await step(repair.id, center, { kind: 'opinion', agrees: true, reasons: '同意' });
    assert.equal(byCenter.json().error.code, 'REPAIR_STEP_FORBIDDEN');
    await day('2026-09-24');
    const unjudged = await step(repair.id, bearer(gsjKey), {
      kind: 'opinion',
      agrees: true,
      reasons: '同意',
    });
    assert.equal(unjudged.json().error.code, 'REPAIR_OPINION_CONDITIONS_UNMET');
    assert.deepEqual(unmet(unjudged.json()), [['impact_removed', 'judgement']]);
    const opinion = await step(repair.id, bearer(gsjKey), {
      kind: 'opinion',
      agrees: true,
      reasons: '已全面履行，不良影响基本消除，同意修复',
      judged: { impactRemoved: true },
    });
    assert.equal(opinion.statusCode, 200, opinion.body);
    // the notice: the 5 working days after 09-24 (中秋 09-25…27) → 09-28, 09-29, 09-30, 10-08, 10-09
    assert.deepEqual(opinion.json().notice, {
      from: '2026-09-28',
      until: '2026-10-09',
      provisional: false,
      running: false, // on the portal from its first working day
    });
    // adoption: 5 working days after the notice → 10-10 (make-up), 10-12, 10-13, 10-14, 10-15
    assert.equal(opinion.json().steps.at(-1).due, '2026-10-15');

    // on the portal while it runs (no login); an objection during it, verified by the provider
    await day('2026-09-29');
    const notices = (await api('GET', '/api/v1/public/repair-notices', {})).json();
    assert.match(notices.objections.zh, /公示期满前.*信用中心/);
    assert.deepEqual(
      notices.notices
        .filter((x: Json) => x.repairId === repair.id)
        .map((x: Json) => [x.subjectName, x.until]),
      [[company.name, '2026-10-09']],
    );
    const objected = await step(repair.id, center, {
      kind: 'notice_objected',
      statement: '该企业仍有围标行为',
      objector: '匿名举报',
    });
    assert.equal(objected.json().state, 'notice_objection');
    await day('2026-09-30');
    const verified = await step(repair.id, bearer(gsjKey), {
      kind: 'notice_objection_verified',
      founded: false,
      reasons: '经核实，举报所称项目与该企业无关',
    });
    assert.equal(verified.json().state, 'notice');

    // not before the notice ends; then adopted on the make-up Saturday 10-10
    await day('2026-10-09');
    const tooEarly = await step(repair.id, center, { kind: 'decided', adopted: true, reasons: '公示无异议' });
    assert.equal(tooEarly.json().error.code, 'REPAIR_NOTICE_RUNNING');
    assert.equal((await check(company)).decision, 'block');
    await day('2026-10-10');
    const adopted = await step(repair.id, center, {
      kind: 'decided',
      adopted: true,
      reasons: '公示期间异议经核实不成立，予以采纳',
    });
    assert.equal(adopted.statusCode, 200, adopted.body);
    assert.deepEqual(
      [adopted.json().state, adopted.json().steps.at(-1).standing.state],
      ['repaired', 'closed_on_time'],
    );

    // at once: the check stops counting it; every read says archived (A19)
    assert.equal((await check(company)).decision, 'none');
    const after = (await api('GET', '/api/v1/me/records', subject)).json().records as Json[];
    assert.deepEqual(
      [after.find((r) => r.id === recordId)?.state, after.find((r) => r.id === recordId)?.stateBasis],
      ['repaired', 'A19'],
    );
    // the department whose check hit the company is told to stop its measures
    // ... and the one that checked the legal representative, whose B26 entry ends with it
    const toldZjj = (await api('GET', '/api/v1/inbox', bearer(zjjKey))).json().notifications as Json[];
    assert.ok(toldZjj.some((x) => x.kind === 'repair.adopted' && x.body.repairId === repair.id));
    const told = (await api('GET', '/api/v1/inbox', bearer(checkKey))).json().notifications as Json[];
    assert.ok(told.some((x) => x.kind === 'repair.adopted' && x.body.repairId === repair.id));
    // the company was told of each step in its own inbox, the adoption with the decision's number
    const inboxOfCompany = (await api('GET', '/api/v1/me/inbox?limit=100', subject)).json().notices as Json[];
    const mineTold = inboxOfCompany.filter((x) => x.procedure?.id === repair.id);
    assert.deepEqual(mineTold.map((x) => x.kind).sort(), [
      'repair.adopted',
      'repair.applied',
      'repair.notice_objected',
      'repair.notice_objection_unfounded',
      'repair.opinion_favourable',
    ]);
    assert.match(mineTold.find((x) => x.kind === 'repair.adopted')?.message, /决定书编号 XYXF-20261010-/);
    // the decision downloads, as an attachment that runs nothing
    const decision = await api('GET', `/api/v1/me/repairs/${repair.id}/decision`, subject);
    assert.equal(decision.statusCode, 200);
    assert.match(String(decision.headers['content-disposition']), /^attachment/);
    assert.match(String(decision.headers['content-security-policy']), /sandbox/);
    assert.match(decision.body, /信用修复决定书[\s\S]*XYXF-20261010-/);
    // a second repair of an archived record is refused (not in use)
    const twice = await api(
      'GET',
      `/api/v1/me/repairs/eligibility?recordId=${recordId}&obligationsMetOn=2026-03-20`,
      subject,
    );
    assert.equal(twice.json().verdict, 'excluded');
    // another subject cannot read it
    const stranger = await api('GET', `/api/v1/repairs/${repair.id}`, bearer(zjjKey));
    assert.equal(stranger.statusCode, 404);

    const report = await verifyAudit(getStore());
    assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
  });

  it('B28, B31: a code mistyped at the window says what is wrong with it, not that the subject does not exist', async () => {
    await day('2026-09-21');
    const code = others[4]!.code;
    const last = code.at(-1) === '0' ? '1' : '0';
    const res = await api(
      'GET',
      `/api/v1/repairs/eligibility?subjectCode=${code.slice(0, -1)}${last}&recordId=${others[4]!.id}`,
      window(center),
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'SUBJECT_CODE_INVALID');
    assert.match(res.json().error.message, /信息主体代码有误：.*校验/);
    const objection = await api('POST', '/api/v1/objections', window(center), {
      subjectCode: `${code.slice(0, -1)}${last}`,
      recordId: others[4]!.id,
      ground: 'wrong_or_incomplete',
      explanation: '窗口代为提交',
    });
    assert.equal(objection.json().error.code, 'SUBJECT_CODE_INVALID');
  });

  it('B31(2)1: a severe act within the year, or three 较重 acts, exclude a B31 repair, with the reason', async () => {
    const [a, b] = others;
    await day('2026-04-02');
    const target = await pushed('HA-ZJJ', bidding(a!, '一般', '2026-01-05'));
    const targetB = await pushed('HA-ZJJ', bidding(b!, '一般', '2026-01-05'));
    await pushed('HA-ZJJ', bidding(a!, '严重', '2026-02-01', '弄虚作假骗取中标'));
    for (const d of ['2026-02-01', '2026-03-01', '2026-04-01']) {
      await pushed('HA-ZJJ', bidding(b!, '较重', d, '出借资质投标'));
    }
    await day('2026-09-21');
    const severe = await applyAtWindow(a!, target, {
      correctedOn: '2026-01-20',
      creditManagementSystemOn: '2026-01-20',
    });
    assert.equal(severe.json().error.code, 'REPAIR_NOT_ELIGIBLE', severe.body);
    assert.deepEqual(
      unmet(severe.json()).filter(([c]) => c === 'no_severe_act'),
      [['no_severe_act', 'not_met']],
    );
    const three = await applyAtWindow(b!, targetB, {
      correctedOn: '2026-01-20',
      creditManagementSystemOn: '2026-01-20',
    });
    assert.equal(three.json().error.code, 'REPAIR_NOT_ELIGIBLE', three.body);
    assert.ok(unmet(three.json()).some(([c, s]) => c === 'few_more_serious_acts' && s === 'not_met'));
    assert.match(three.json().error.message, /较重/);
  });

  it("B31(2)2, 6, 7: bankruptcy, ignored reminders and a department's exclusion, found by the provider, refuse its opinion in favour; an opinion against refuses the repair", async () => {
    const c = others[2]!;
    await day('2026-01-06');
    const recordId = await pushed('HA-ZJJ', bidding(c, '一般', '2026-01-05'));
    await day('2026-09-21');
    const applied = await applyAtWindow(c, recordId, {
      correctedOn: '2026-01-20',
      creditManagementSystemOn: '2026-01-20',
    });
    assert.equal(applied.statusCode, 201, applied.body);
    const id = applied.json().id;
    assert.equal(applied.json().path, 'B31');
    const opinion = (findings: Json) =>
      step(id, bearer(zjjKey), {
        kind: 'opinion',
        agrees: true,
        reasons: '同意',
        judged: { impactRemoved: true },
        findings,
      });
    for (const [findings, code] of [
      [{ inBankruptcyProceedings: true }, 'not_in_bankruptcy'],
      [{ ignoredRemindersOrInterviews: true }, 'reminders_heeded'],
      [
        { declaredExclusion: { reason: '涉及重大安全事故', reasonEn: 'a major safety accident' } },
        'no_department_exclusion',
      ],
    ] as const) {
      const res = await opinion(findings);
      assert.equal(res.json().error.code, 'REPAIR_OPINION_CONDITIONS_UNMET', res.body);
      assert.deepEqual(unmet(res.json()), [[code, 'not_met']]);
    }
    // the provider's opinion was due 2026-10-12 (10 working days across 中秋 and 国庆): on 10-14 the
    // scheduler tells it and escalates to the credit office, once (decision 0031)
    await day('2026-10-14');
    const tick = await t.ctx.scheduler.tick();
    const fired = tick.fired.filter((f) => f.procedureId === id);
    assert.deepEqual(
      fired.map((f) => [f.procedure, f.step, f.kind, f.due, f.workdays]),
      [['repair', 'opinion', 'overdue', '2026-10-12', 2]],
    );
    assert.deepEqual(
      (await t.ctx.scheduler.tick()).fired.filter((f) => f.procedureId === id),
      [],
      'fired once',
    );
    const escalated = await t.ctx.store.db
      .selectFrom('notifications')
      .select(['recipient_department', 'kind'])
      .where('kind', 'in', ['procedure.overdue', 'procedure.escalated'])
      .execute();
    assert.ok(escalated.some((x) => x.kind === 'procedure.overdue' && x.recipient_department === 'HA-ZJJ'));
    assert.ok(escalated.some((x) => x.kind === 'procedure.escalated'));
    const against = await step(id, bearer(zjjKey), {
      kind: 'opinion',
      agrees: false,
      reasons: '企业正在破产清算程序中，不予修复（B31(2)2）',
      findings: { inBankruptcyProceedings: true },
    });
    assert.deepEqual([against.json().state, against.json().refusedBy], ['refused', 'provider']);
    // the subject is told why (its account is the demo company's only; here the center filed for it)
    const told = await t.ctx.store.db
      .selectFrom('subject_notices')
      .select(['kind'])
      .where('subject_id', '=', c.id)
      .execute();
    assert.deepEqual(told.map((x) => x.kind).sort(), ['repair.applied', 'repair.refused']);
    // the record stands
    assert.equal((await api('GET', `/api/v1/repairs/${id}`, window(center))).json().open, false);
  });

  it('A19, B32: objections to the notice are verified in turn; the center is not chased while it cannot adopt, and is once its late deadline passes (decision 0031)', async () => {
    const s = others[6]!;
    await day('2026-04-02');
    const recordId = await pushed('HA-ZJJ', bidding(s, '一般', '2026-01-05'));
    await day('2026-09-21');
    const applied = await applyAtWindow(s, recordId, {
      correctedOn: '2026-01-20',
      creditManagementSystemOn: '2026-01-20',
    });
    const id = applied.json().id as string;
    await day('2026-09-24');
    await t.ctx.repairs.act(systemOf('HA-ZJJ'), id, {
      kind: 'opinion',
      agrees: true,
      reasons: '已纠正',
      judged: { impactRemoved: true },
    });
    // two objections during the notice (09-28…10-09): the second while the first is being verified
    await day('2026-09-29');
    const first = await step(id, center, {
      kind: 'notice_objected',
      statement: '仍有串标',
      objector: '举报人甲',
    });
    await day('2026-09-30');
    const second = await step(id, center, {
      kind: 'notice_objected',
      statement: '仍欠工资',
      objector: '举报人乙',
    });
    assert.deepEqual([first.statusCode, second.statusCode], [200, 200], second.body);
    // verifications due 10-12 and 10-13 (中秋/国庆): on 10-14 both are overdue; the adoption is not
    await day('2026-10-14');
    const late = (await t.ctx.scheduler.tick()).fired.filter((f) => f.procedureId === id);
    assert.deepEqual(
      late.map((f) => [f.step, f.kind, f.due]).sort((a, b) => a[2]!.localeCompare(b[2]!)),
      [
        ['notice_verification', 'overdue', '2026-10-12'],
        ['notice_verification#2', 'overdue', '2026-10-13'],
      ],
    );
    // both unfounded on 10-15: the center's 5 working days count from then (10-22)
    await day('2026-10-15');
    for (const reasons of ['举报项目与该企业无关', '工资已结清']) {
      const r = await t.ctx.repairs.act(systemOf('HA-ZJJ'), id, {
        kind: 'notice_objection_verified',
        founded: false,
        reasons,
      });
      assert.equal(
        r.noticeObjections.filter((o) => o.founded === null).length,
        reasons === '工资已结清' ? 0 : 1,
      );
    }
    await day('2026-10-23');
    const overdue = (await t.ctx.scheduler.tick()).fired.filter((f) => f.procedureId === id);
    assert.deepEqual(
      overdue.map((f) => [f.step, f.kind, f.due]),
      [['adoption@2026-10-15', 'overdue', '2026-10-22']],
    );
  });

  it('A20: a record withdrawn during its repair notice ends the repair — off the portal, closed, the subject told', async () => {
    const s = others[7]!;
    await day('2026-04-02');
    const row = bidding(s, '一般', '2026-01-05');
    const recordId = await pushed('HA-ZJJ', row);
    await day('2026-09-21');
    const id = (
      await applyAtWindow(s, recordId, { correctedOn: '2026-01-20', creditManagementSystemOn: '2026-01-20' })
    ).json().id as string;
    await day('2026-09-24');
    await t.ctx.repairs.act(systemOf('HA-ZJJ'), id, {
      kind: 'opinion',
      agrees: true,
      reasons: '已纠正',
      judged: { impactRemoved: true },
    });
    await day('2026-09-29');
    const listed = async () =>
      ((await api('GET', '/api/v1/public/repair-notices', {})).json().notices as Json[]).some(
        (x) => x.repairId === id,
      );
    assert.equal(await listed(), true);
    const changeBasis = await externalDecision(t, recordId, '淮政复决〔2026〕88号');
    const withdrawn = await push(t, 'HA-ZJJ', [
      { ...row, withdrawn: true, reason: '处罚决定被撤销', changeBasis },
    ]);
    assert.equal(withdrawn.results[0]!.outcome, 'new_version', JSON.stringify(withdrawn.results[0]));
    assert.equal(await listed(), false);
    const repair = await api('GET', `/api/v1/repairs/${id}`, window(center));
    assert.deepEqual(
      [repair.json().state, repair.json().open, repair.json().nextSteps],
      ['lapsed', false, []],
    );
    const told = await t.ctx.store.db
      .selectFrom('subject_notices')
      .select(['kind'])
      .where('procedure_id', '=', id)
      .execute();
    assert.ok(told.some((x) => x.kind === 'repair.lapsed'));
  });

  it('A15, A19: one procedure at a time on a record — no objection while a repair is open, no repair while an objection is', async () => {
    const s = others[8]!;
    await day('2026-04-02');
    const repaired = await pushed('HA-ZJJ', bidding(s, '一般', '2026-01-05'));
    const objected = await pushed('HA-ZJJ', bidding(s, '一般', '2026-01-05', '出借资质投标'));
    await day('2026-09-21');
    const applied = await applyAtWindow(s, repaired, {
      correctedOn: '2026-01-20',
      creditManagementSystemOn: '2026-01-20',
    });
    assert.equal(applied.statusCode, 201, applied.body);
    const objection = (recordId: string) =>
      api('POST', '/api/v1/objections', window(center), {
        subjectCode: s.code,
        recordId,
        ground: 'wrong_or_incomplete',
        explanation: '认定有误',
      });
    const refused = await objection(repaired);
    assert.deepEqual([refused.statusCode, refused.json().error.code], [409, 'OBJECTION_REPAIR_OPEN']);
    assert.equal((await objection(objected)).statusCode, 201);
    const repairRefused = await applyAtWindow(s, objected, {
      correctedOn: '2026-01-20',
      creditManagementSystemOn: '2026-01-20',
    });
    assert.deepEqual(
      [repairRefused.statusCode, repairRefused.json().error.code],
      [409, 'REPAIR_OBJECTION_OPEN'],
    );
  });

  it('B31(2)4: two repairs within five years exclude a third, even a year after the last and of another kind', async () => {
    const e = others[5]!;
    const provider = (code: string) => systemOf(code);
    /** applied at the window, the provider's opinion in favour, adopted after the notice: a completed repair */
    async function repaired(
      recordId: string,
      department: string,
      applyOn: string,
      opinionOn: string,
      adoptOn: string,
    ) {
      await day(applyOn);
      const applied = await applyAtWindow(e, recordId, {
        correctedOn: '2026-01-20',
        creditManagementSystemOn: '2026-01-20',
      });
      assert.equal(applied.statusCode, 201, applied.body);
      await day(opinionOn);
      await t.ctx.repairs.act(provider(department), applied.json().id, {
        kind: 'opinion',
        agrees: true,
        reasons: '已纠正，效果明显',
        judged: { impactRemoved: true },
      });
      await day(adoptOn);
      const adopted = await step(applied.json().id, center, {
        kind: 'decided',
        adopted: true,
        reasons: '公示无异议',
      });
      assert.equal(adopted.json().state, 'repaired', adopted.body);
    }
    // three 较重 acts of three kinds, a year or more apart in their repairs
    await day('2026-01-06');
    const first = await pushed('HA-ZJJ', bidding(e, '较重', '2026-01-05'));
    await repaired(first, 'HA-ZJJ', '2026-04-07', '2026-04-08', '2026-04-16');
    await day('2026-06-02');
    const second = await pushed('HA-RSJ', {
      item: 'wage-arrears',
      providerRecordId: `RSJ-${++n}`,
      subject: { code: e.code, name: e.name },
      severity: '较重',
      identifiedOn: '2026-06-01',
      fields: {
        workersAffected: 12,
        amount: 240000,
        handling: '责令限期支付',
        authority: '淮安市人力资源和社会保障局',
      },
    });
    // a year after the first repair (2026-04-16): 2027-04-20
    await repaired(second, 'HA-RSJ', '2027-04-20', '2027-04-21', '2027-04-29');
    await day('2027-06-02');
    const third = await pushed('HA-RSJ', {
      item: 'social-insurance-arrears',
      providerRecordId: `RSJ-${++n}`,
      subject: { code: e.code, name: e.name },
      severity: '较重',
      identifiedOn: '2027-06-01',
      fields: {
        insuranceType: '企业职工基本养老保险',
        arrearsAmount: 38000,
        months: 6,
        agency: '淮安市社会保险基金管理中心',
      },
    });
    // more than a year after the second (2027-04-29), within five of the first: the third is excluded
    await day('2028-05-08');
    const refused = await applyAtWindow(e, third, {
      correctedOn: '2027-06-20',
      creditManagementSystemOn: '2026-01-20',
    });
    assert.equal(refused.json().error.code, 'REPAIR_NOT_ELIGIBLE', refused.body);
    // excluded by the count alone: the last repair is over a year old and of another kind; and as the
    // exclusion lifts only on 2031-04-16, after the record's last day of use, it is out of use too
    const notMet = unmet(refused.json())
      .filter(([, status]) => status === 'not_met')
      .map(([code]) => code);
    assert.deepEqual(notMet.sort(), ['in_validity', 'repair_count']);
  });

  it('B31(2)3, 5: after a repair, another of the same kind within the year is refused (recent repair, same kind)', async () => {
    const d = others[3]!;
    await day('2026-01-06');
    const first = await pushed('HA-ZJJ', bidding(d, '一般', '2026-01-05'));
    const second = await pushed('HA-ZJJ', bidding(d, '一般', '2026-01-05'));
    await day('2026-04-07');
    const applied = await applyAtWindow(d, first, {
      correctedOn: '2026-01-20',
      creditManagementSystemOn: '2026-01-20',
    });
    assert.equal(applied.statusCode, 201, applied.body);
    const id = applied.json().id;
    const op = await step(id, bearer(zjjKey), {
      kind: 'opinion',
      agrees: true,
      reasons: '已纠正，效果明显',
      judged: { impactRemoved: true },
    });
    assert.equal(op.statusCode, 200, op.body);
    // the notice: 04-08, 04-09, 04-10, 04-13, 04-14; adopted on 04-15
    assert.equal(op.json().notice.until, '2026-04-14');
    await day('2026-04-15');
    const adopted = await step(id, center, { kind: 'decided', adopted: true, reasons: '公示无异议' });
    assert.equal(adopted.json().state, 'repaired', adopted.body);
    // the record is archived for everyone reading the company with a purpose
    await day('2026-06-01');
    const refused = await applyAtWindow(d, second, {
      correctedOn: '2026-01-20',
      creditManagementSystemOn: '2026-01-20',
    });
    assert.equal(refused.json().error.code, 'REPAIR_NOT_ELIGIBLE', refused.body);
    const codes = unmet(refused.json()).map(([c]) => c);
    assert.ok(codes.includes('no_recent_repair'), JSON.stringify(codes));
    assert.ok(codes.includes('same_kind_not_repaired'), JSON.stringify(codes));
  });
});

describeEachEngine(
  'procedures: credit repair under the national-2026 policy (国办发〔2025〕22号, NDRC Order 36)',
  (getStore) => {
    let t: TestApp;
    let company: DemoSubject;
    let center: Record<string, string>;
    let zjjKey = '';

    before(async () => {
      at('2026-04-02');
      t = await listsTestApp(getStore(), undefined, path.join(SHIPPED_POLICY_DIR, 'national-2026.json'));
      company = (await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise'))[0]!;
      zjjKey = (
        await t.ctx.accountsAdmin.issueApiKey({
          departmentCode: 'HA-ZJJ',
          permissions: ['records.write', 'repairs.read', 'repairs.act', 'inbox.read'],
          label: 'HA-ZJJ 系统',
          createdBy: 'test',
        })
      ).key;
    });
    after(() => t.close());
    async function day(date: string) {
      at(date);
      center = await signIn(t.app, 'demo.center');
    }
    const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const window = (headers: Record<string, string>) => ({
      ...headers,
      'x-purpose': encodeURIComponent('窗口受理信用修复'),
    });

    it('国办发〔2025〕22号: a 一般 record repaired after its 3 months of publication — no notice, the deciding department within 3 working days, the answer within 10 of the application; the policy version recorded', async () => {
      const result = await push(t, 'HA-ZJJ', [
        {
          item: 'bidding-fraud',
          providerRecordId: 'N-1',
          subject: { code: company!.code, name: company!.name },
          severity: '一般',
          identifiedOn: '2026-04-01',
          fields: {
            projectName: '淮安市示例道路改造工程',
            conduct: '围标串标',
            facts: '与其他投标人相互串通投标报价',
            handling: '罚款',
            documentNumber: '淮住建罚〔2026〕9号',
            authority: '淮安市住房和城乡建设局',
          },
        },
      ]);
      const recordId = result.results[0]!.recordId!;
      // published 2026-04-02: the 一般 class's 3 months are complete on 2026-07-02
      await day('2026-07-01');
      const early = await api(
        'GET',
        `/api/v1/repairs/eligibility?subjectCode=${company!.code}&recordId=${recordId}&obligationsMetOn=2026-04-10`,
        window(center),
      );
      assert.deepEqual(
        [early.json().path, early.json().verdict, early.json().earliestDate],
        ['N2026', 'not_yet', '2026-07-02'],
      );

      // Monday 2026-09-28
      await day('2026-09-28');
      const commitment = (
        await api(
          'GET',
          `/api/v1/repairs/commitment?subjectCode=${company!.code}&recordId=${recordId}`,
          window(center),
        )
      ).json();
      const applied = await api('POST', '/api/v1/repairs', window(center), {
        subjectCode: company!.code,
        recordId,
        stated: { obligationsMetOn: '2026-04-10' },
        proof: '罚款已缴清（缴款书号 3208009）',
        commitmentDigest: commitment.digest,
      });
      assert.equal(applied.statusCode, 201, applied.body);
      const repair = applied.json();
      // the deciding department: 3 working days → 09-29, 09-30, 10-08 (国庆)
      assert.deepEqual(
        [repair.path, repair.article, repair.steps.map((s: Json) => [s.step, s.due]), repair.policy.id],
        ['N2026', '国办发〔2025〕22号', [['opinion', '2026-10-08']], 'national-2026'],
      );
      await day('2026-09-30');
      const opinion = await api(
        'POST',
        `/api/v1/repairs/${repair.id}/steps`,
        { authorization: `Bearer ${zjjKey}` },
        {
          kind: 'opinion',
          agrees: true,
          reasons: '义务已履行，同意修复',
        },
      );
      assert.equal(opinion.statusCode, 200, opinion.body);
      // no public notice; the applicant hears back within 10 working days of the application → 10-16
      assert.deepEqual(
        [opinion.json().state, opinion.json().notice, opinion.json().steps.at(-1).due],
        ['adoption', null, '2026-10-16'],
      );
      await day('2026-10-09');
      const adopted = await api('POST', `/api/v1/repairs/${repair.id}/steps`, center, {
        kind: 'decided',
        adopted: true,
        reasons: '符合修复条件，予以修复，停止公示和共享',
      });
      assert.equal(adopted.json().state, 'repaired', adopted.body);
      const read = await api('GET', `/api/v1/subjects/${company!.code}/records`, window(center));
      assert.equal(read.statusCode, 200, read.body);
      // publication and sharing stop: the credit center no longer reads it, and is told why
      assert.equal(
        (read.json().records as Json[]).some((r) => r.id === recordId),
        false,
      );
      assert.equal(read.json().withheld.REPAIRED, 1);
    });
  },
);
