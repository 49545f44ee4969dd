/**
 * The subject's inbox (issue 16, decision 0032): "the subject is told the outcome with reasons, in
 * their inbox and by the API". Through the HTTP API on both engines: a company's own account reads,
 * after each step of its objection, what the step means for it (receipt with the review deadline,
 * verification asked, the decision with reasons and — for a rejection — how to appeal, the
 * correction's new version, the appeal's receipt and decision); marks a notice read; nobody else reads
 * its notices; and a step that fails tells no one.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import type { Actor } from '../access/actor.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import {
  blackOrg,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  push,
  setClock,
} from '../lists/test-support.ts';
import { tellSubject } from './subject-notices.repository.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

describeEachEngine('procedures: the subject inbox (A16–A17, B29–B30)', (getStore) => {
  let t: TestApp;
  let company: DemoSubject;
  let others: DemoSubject[];
  let subject: Record<string, string>;
  let person: Record<string, string>;
  let center: Record<string, string>;
  let office: Record<string, string>;
  let provider: Record<string, string>;
  let providerKey = '';
  let n = 0;

  before(async () => {
    setClock('2026-11-26T02:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 20, organizations: 30 });
    const account = (await t.ctx.auth.accounts.findByLogin('demo.company'))!;
    const own = (await t.ctx.subjects.findById(account.subjectId!))!;
    company = { id: own.id, code: own.code, name: own.name, attributes: own.attributes };
    others = (await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise')).filter(
      (c) => c.id !== company.id,
    );
    subject = await signIn(t.app, 'demo.company');
    person = await signIn(t.app, 'demo.person');
    center = await signIn(t.app, 'demo.center');
    office = await signIn(t.app, 'demo.office');
    provider = await signIn(t.app, 'demo.provider');
    providerKey = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-GSJ',
        permissions: ['records.write', 'objections.read', 'objections.act', 'inbox.read'],
        label: 'HA-GSJ 系统',
        createdBy: 'test',
      })
    ).key;
  });
  after(() => t.close());
  beforeEach(() => setClock('2026-11-26T02:00:00.000Z'));

  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const bearer = (key: string) => ({
    authorization: `Bearer ${key}`,
    'x-purpose': encodeURIComponent('处理信用异议'),
  });
  const withPurpose = (headers: Record<string, string>) => ({
    ...headers,
    'x-purpose': encodeURIComponent('窗口受理信用异议'),
  });
  const step = async (id: string, headers: Record<string, string>, body: Json) => {
    const res = await api('POST', `/api/v1/objections/${id}/steps`, headers, body);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Json;
  };
  async function listed(s: DemoSubject) {
    const id = `IN-${++n}`;
    const result = await push(t, 'HA-GSJ', [blackOrg(id, s)]);
    assert.equal(result.results[0]!.outcome, 'created', JSON.stringify(result.results[0]));
    return { providerRecordId: id, recordId: result.results[0]!.recordId! };
  }
  async function fileOwn(recordId: string) {
    const res = await api('POST', '/api/v1/me/objections', subject, {
      recordId,
      ground: 'wrong_or_incomplete',
      explanation: '本公司未参与该采购项目，认定对象有误',
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Json;
  }
  /** The subject's inbox through its own account. */
  async function inbox(headers = subject, query = '') {
    const res = await api('GET', `/api/v1/me/inbox${query}`, headers);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { notices: Json[]; unread: number; next: string | null };
  }
  /** This objection's notices, oldest first. */
  const about = async (objectionId: string, headers = subject) =>
    (await inbox(headers, '?limit=200')).notices.filter((x) => x.procedure?.id === objectionId).reverse();
  /** A subject's own account, for a subject that has none in the demo (the center files for it). */
  const accountOf = (s: DemoSubject): Actor => ({
    kind: 'account',
    accountId: `account-of-${s.id}`,
    login: `login-${s.id}`,
    role: 'subject',
    departmentCode: null,
    regionCode: null,
    subjectId: s.id,
    sessionId: 'test',
  });

  it('A16, B29: the subject is told at each step of an upheld objection — the receipt with the review deadline, verification asked (the deadline unchanged), upheld with the reasons and the correction’s deadline, then the corrected version', async () => {
    const { providerRecordId, recordId } = await listed(company);
    const filed = await fileOwn(recordId);

    // filed Thursday 2026-11-26: the review is due in 10 working days, 2026-12-10
    let told = await about(filed.id);
    assert.deepEqual(
      told.map((x) => [x.kind, x.article, x.recordId, x.detail.reviewDue, x.readAt]),
      [['objection.filed', 'A16, B29', recordId, '2026-12-10', null]],
    );
    assert.deepEqual(told[0]!.procedure, { kind: 'objection', id: filed.id });
    assert.match(told[0]!.message, /已受理.*2026-12-10 前完成审核（A16、B29：10 个工作日）/);
    assert.match(told[0]!.messageEn, /reviews it by 2026-12-10 \(A16, B29: 10 working days\)/);

    // verification asked: due 2026-12-03 (5 working days); the review's deadline stays 2026-12-10
    await step(filed.id, center, { kind: 'verification_requested' });
    told = await about(filed.id);
    assert.deepEqual(
      told.map((x) => x.kind),
      ['objection.filed', 'objection.verification_requested'],
    );
    assert.deepEqual(
      [told[1]!.detail.verificationDue, told[1]!.detail.reviewDue],
      ['2026-12-03', '2026-12-10'],
    );
    assert.match(told[1]!.message, /审核期限不变，仍为 2026-12-10/);

    // the provider's verification is not a notice of its own: it is told with the decision
    await step(filed.id, bearer(providerKey), {
      kind: 'verified',
      confirmed: true,
      reasons: '经核，被认定的是另一家同名企业',
    });
    assert.equal((await about(filed.id)).length, 2);
    await step(filed.id, center, {
      kind: 'decided',
      outcome: 'upheld',
      reasons: '提供单位核实认定对象有误，异议成立',
    });
    told = await about(filed.id);
    const upheld = told[2]!;
    assert.deepEqual(
      [upheld.kind, upheld.detail.outcome, upheld.detail.reasons, upheld.detail.correctionDue],
      ['objection.upheld', 'upheld', '提供单位核实认定对象有误，异议成立', '2026-12-01'],
    );
    assert.equal(upheld.detail.verification.confirmed, true);
    assert.match(upheld.message, /理由：提供单位核实认定对象有误，异议成立/);

    // the correction (a version naming the objection, through intake) tells the new version
    const corrected = await push(t, 'HA-GSJ', [
      blackOrg(
        providerRecordId,
        company,
        { reason: '依异议审核结果更正：认定对象有误', changeBasis: filed.id },
        { validUntil: '2026-11-25' },
      ),
    ]);
    assert.equal(corrected.results[0]!.outcome, 'new_version', JSON.stringify(corrected.results[0]));
    told = await about(filed.id);
    assert.deepEqual(
      told.map((x) => x.kind),
      ['objection.filed', 'objection.verification_requested', 'objection.upheld', 'objection.corrected'],
    );
    assert.deepEqual(
      [told[3]!.detail.version, told[3]!.detail.recordId],
      [2, corrected.results[0]!.recordId],
    );
    assert.match(told[3]!.message, /第 2 版/);

    // no personal data beyond the subject's own: not even the company's own name or code is repeated
    const text = JSON.stringify(told);
    assert.ok(!text.includes(company.code) && !text.includes(company.name), text);
    const report = await verifyAudit(t.ctx.store);
    assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
  });

  it('A16, A17, B30: a rejection tells the reasons and how to appeal (the endpoint, A17); the appeal is acknowledged and its rejection told with the reasons and what lies beyond', async () => {
    const { recordId } = await listed(company);
    const filed = await fileOwn(recordId);
    await step(filed.id, center, { kind: 'decided', outcome: 'rejected', reasons: '认定事实清楚，依据充分' });
    let told = await about(filed.id);
    const rejected = told.at(-1)!;
    assert.deepEqual(
      [rejected.kind, rejected.detail.outcome, rejected.detail.reasons, rejected.detail.appeal],
      [
        'objection.rejected',
        'rejected',
        '认定事实清楚，依据充分',
        { how: `POST /api/v1/me/objections/${filed.id}/appeal`, to: 'credit_office', article: 'A17, B30' },
      ],
    );
    assert.match(rejected.message, /理由：认定事实清楚，依据充分.*向市信用办申诉（A17、B30）/);
    assert.match(rejected.messageEn, /appeal to the city's credit office \(A17, B30\)/);

    // the subject appeals where the notice says
    const appealed = await api('POST', rejected.detail.appeal.how.replace('POST ', ''), subject, {
      reasons: '认定对象有误，请信用办复查',
    });
    assert.equal(appealed.statusCode, 200, appealed.body);
    told = await about(filed.id);
    assert.deepEqual(
      [told.at(-1)!.kind, told.at(-1)!.article, told.at(-1)!.detail.reasons],
      ['objection.appeal_received', 'A17, B30', '认定对象有误，请信用办复查'],
    );
    await step(filed.id, office, { kind: 'appeal_decided', outcome: 'rejected', reasons: '维持原认定' });
    told = await about(filed.id);
    assert.deepEqual(
      told.map((x) => x.kind),
      ['objection.filed', 'objection.rejected', 'objection.appeal_received', 'objection.appeal_rejected'],
    );
    assert.deepEqual(
      [told[3]!.detail.reasons, told[3]!.detail.beyond],
      ['维持原认定', ['administrative_review', 'litigation']],
    );
    assert.match(told[3]!.message, /行政复议或者提起行政诉讼/);
  });

  it('B30, A17: a subject without an account, whose objection the center filed at a window, is told too — the appeal upheld with the correction’s deadline — and reads it once it signs in', async () => {
    const c = others.shift()!;
    const { providerRecordId, recordId } = await listed(c);
    const filed = await api('POST', '/api/v1/objections', withPurpose(center), {
      subjectCode: c.code,
      recordId,
      ground: 'wrong_or_incomplete',
      explanation: '窗口代为提交：处罚已被撤销',
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const id = filed.json().id as string;
    await step(id, center, { kind: 'decided', outcome: 'rejected', reasons: '未提供撤销文书' });
    await step(id, center, { kind: 'appealed', reasons: '补充提交撤销决定书' });
    await step(id, office, { kind: 'appeal_decided', outcome: 'upheld', reasons: '撤销决定书真实有效' });
    const page = await t.ctx.subjectInbox.inbox(accountOf(c), { unread: false, limit: 50 });
    const told = page.notices.filter((x) => x.procedure?.id === id).reverse();
    assert.deepEqual(
      told.map((x) => [x.kind, x.article]),
      [
        ['objection.filed', 'A16, B29'],
        ['objection.rejected', 'A16, A17, B30'],
        ['objection.appeal_received', 'A17, B30'],
        ['objection.appeal_upheld', 'A17, B30'],
      ],
    );
    // decided Thursday 2026-11-26: the correction is due in 3 working days
    assert.deepEqual(
      [told[3]!.detail.reasons, told[3]!.detail.correctionDue],
      ['撤销决定书真实有效', '2026-12-01'],
    );
    assert.equal(told[0]!.detail.filedVia, 'center');
    // the provider withdraws the record on the upheld appeal (A20): the subject is told so
    const withdrawn = await push(t, 'HA-GSJ', [
      blackOrg(providerRecordId, c, { withdrawn: true, reason: '依申诉决定撤销', changeBasis: id }),
    ]);
    assert.equal(withdrawn.results[0]!.outcome, 'new_version', JSON.stringify(withdrawn.results[0]));
    const last = (await t.ctx.subjectInbox.inbox(accountOf(c), { unread: true, limit: 1 })).notices[0]!;
    assert.deepEqual(
      [last.kind, last.title, last.detail.withdrawn, last.detail.version],
      ['objection.corrected', '记录已撤销', true, 2],
    );
    assert.match(last.message, /不再公开和使用/);
    // the company's own account does not see another subject's notices
    assert.deepEqual(await about(id), []);
  });

  it('A16: the subject marks a notice read — the unread filter and count follow, a second mark changes nothing; the inbox pages newest first', async () => {
    const { recordId } = await listed(company);
    const filed = await fileOwn(recordId);
    await step(filed.id, center, { kind: 'verification_requested' });
    const [asked, receipt] = (await inbox(subject, '?limit=200')).notices.filter(
      (x) => x.procedure?.id === filed.id,
    );
    assert.deepEqual([asked!.kind, receipt!.kind], ['objection.verification_requested', 'objection.filed']);
    const unreadBefore = (await inbox()).unread;
    const marked = await api('POST', `/api/v1/me/inbox/${receipt!.id}/read`, subject);
    assert.equal(marked.statusCode, 204, marked.body);
    const all = await inbox(subject, '?limit=200');
    const readAt = all.notices.find((x) => x.id === receipt!.id)!.readAt;
    assert.ok(readAt);
    assert.equal(all.unread, unreadBefore - 1);
    const unread = await inbox(subject, '?unread=true&limit=200');
    assert.ok(!unread.notices.some((x) => x.id === receipt!.id));
    assert.ok(unread.notices.some((x) => x.id === asked!.id));
    assert.ok(unread.notices.every((x) => x.readAt === null));
    assert.equal(unread.unread, unreadBefore - 1);
    setClock('2026-11-26T02:05:00.000Z');
    assert.equal((await api('POST', `/api/v1/me/inbox/${receipt!.id}/read`, subject)).statusCode, 204);
    const again = (await inbox(subject, '?limit=200')).notices.find((x) => x.id === receipt!.id)!;
    assert.equal(again.readAt, readAt, 'read once: the first mark stands');

    // pages: newest first, `next` leads to the older ones without overlap, the last page says null
    const first = await inbox(subject, '?limit=1');
    assert.equal(first.notices.length, 1);
    assert.ok(first.next);
    const second = await inbox(subject, `?limit=1&before=${first.next}`);
    assert.ok(second.notices[0]!.id < first.notices[0]!.id);
    const everything = await inbox(subject, '?limit=200');
    assert.equal(everything.next, null);
    const ids = everything.notices.map((x) => x.id);
    assert.deepEqual(ids, [...ids].sort().reverse());
    assert.deepEqual(ids.slice(0, 2), [first.notices[0]!.id, second.notices[0]!.id]);

    // the mark is under the row's digest: verify holds the row to it
    const report = await verifyAudit(t.ctx.store);
    assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
  });

  it('A16: the inbox is in the API reference (OpenAPI), with its unread filter and paging', async () => {
    const doc = (await api('GET', '/api/openapi.json', {})).json() as Json;
    const params = doc.paths['/api/v1/me/inbox'].get.parameters.map((p: Json) => p.name);
    assert.deepEqual(params.sort(), ['before', 'limit', 'unread']);
    assert.ok(doc.paths['/api/v1/me/inbox/{id}/read'].post);
  });

  it('A16: nobody else reads a subject’s notices — another subject is not found (404), a department is refused and its own inbox holds none of them', async () => {
    const { recordId } = await listed(company);
    const filed = await fileOwn(recordId);
    const [receipt] = await about(filed.id);
    assert.ok(receipt);
    // another subject's own account: its inbox does not hold it, and marking it is "not found"
    assert.ok(!(await inbox(person, '?limit=200')).notices.some((x) => x.id === receipt.id));
    const byPerson = await api('POST', `/api/v1/me/inbox/${receipt.id}/read`, person);
    assert.deepEqual([byPerson.statusCode, byPerson.json().error.code], [404, 'SUBJECT_NOTICE_NOT_FOUND']);
    // department staff and systems have no subject inbox
    for (const headers of [provider, center, bearer(providerKey)]) {
      const read = await api('GET', '/api/v1/me/inbox', headers);
      assert.deepEqual([read.statusCode, read.json().error.code], [403, 'ACCESS_DENIED']);
      const mark = await api('POST', `/api/v1/me/inbox/${receipt.id}/read`, headers);
      assert.deepEqual([mark.statusCode, mark.json().error.code], [403, 'ACCESS_DENIED']);
    }
    // the provider's department inbox has its own notice of the filing, never the subject's
    const departmental = (await api('GET', '/api/v1/inbox?limit=200', bearer(providerKey))).json()
      .notifications as Json[];
    assert.ok(departmental.some((x) => x.body.objectionId === filed.id));
    assert.ok(!departmental.some((x) => x.id === receipt.id));
    const unread = await api('GET', '/api/v1/me/inbox', subject);
    assert.equal(unread.json().notices.find((x: Json) => x.id === receipt.id).readAt, null, 'still unread');
  });

  it('A16, A17: a step that fails tells no one — refused steps and the losing one of two filings at once write no notice', async () => {
    const c = others.shift()!;
    const { recordId } = await listed(c);
    const file = () =>
      api('POST', '/api/v1/objections', withPurpose(center), {
        subjectCode: c.code,
        recordId,
        ground: 'wrong_or_incomplete',
        explanation: '窗口代为提交',
      });
    const [one, two] = await Promise.all([file(), file()]);
    assert.deepEqual([one.statusCode, two.statusCode].sort(), [201, 409], `${one.body} ${two.body}`);
    const id = (one.statusCode === 201 ? one : two).json().id as string;
    const notices = async () =>
      (
        await t.ctx.store.db
          .selectFrom('subject_notices')
          .select(['kind'])
          .where('subject_id', '=', c.id)
          .execute()
      ).map((r) => r.kind);
    assert.deepEqual(await notices(), ['objection.filed'], 'one objection, one receipt');
    const refused = [
      // an appeal before any decision
      await api('POST', `/api/v1/objections/${id}/steps`, center, { kind: 'appealed', reasons: '不服' }),
      // the provider cannot decide
      await api('POST', `/api/v1/objections/${id}/steps`, bearer(providerKey), {
        kind: 'decided',
        outcome: 'upheld',
        reasons: '自行认定',
      }),
      // a decision needs its reasons
      await api('POST', `/api/v1/objections/${id}/steps`, center, {
        kind: 'decided',
        outcome: 'rejected',
        reasons: '  ',
      }),
    ];
    assert.deepEqual(
      refused.map((r) => [r.statusCode, r.json().error.code]),
      [
        [409, 'OBJECTION_STEP_NOT_ALLOWED'],
        [403, 'OBJECTION_STEP_FORBIDDEN'],
        [400, 'OBJECTION_FIELD_MISSING'],
      ],
    );
    assert.deepEqual(await notices(), ['objection.filed']);
  });

  it('A16, B29: tellSubject writes in the caller’s transaction — a step that rolls back after telling leaves no notice, one that commits leaves it under its row digest', async () => {
    const c = others.shift()!;
    const notice = {
      subjectId: c.id,
      kind: 'repair.test',
      article: 'A19',
      procedure: null,
      recordId: null,
      title: { zh: '测试', en: 'test' },
      message: { zh: '测试通知', en: 'a test notice' },
      detail: {},
    };
    const writer = { ...t.ctx.rowWriter, at: t.ctx.now() };
    await assert.rejects(
      t.ctx.store.db.transaction().execute(async (trx) => {
        await tellSubject(trx, [notice], writer);
        throw new Error('the step fails after telling');
      }),
      /the step fails after telling/,
    );
    const stored = () =>
      t.ctx.store.db.selectFrom('subject_notices').select(['id']).where('subject_id', '=', c.id).execute();
    assert.deepEqual(await stored(), []);
    const [id] = await t.ctx.store.db.transaction().execute((trx) => tellSubject(trx, [notice], writer));
    assert.deepEqual(
      (await stored()).map((r) => r.id),
      [id],
    );
    // a row without its digest would be named here as slipped in
    const report = await verifyAudit(t.ctx.store);
    assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
  });
});
