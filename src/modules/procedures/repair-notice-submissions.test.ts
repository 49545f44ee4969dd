/**
 * Issue 17: anyone objects on the portal to a repair under public notice (A19, B32: "objections during
 * the notice are verified"). The submission is stored for the credit center — name and contact sealed —
 * and told to its inbox; the center records it as the repair's notice objection (counted on the day it
 * arrived, even when recorded after the notice ended) or dismisses it with a reason. Refused outside the
 * notice. Both engines.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import {
  blackOrg,
  blackPerson,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  push,
  setClock,
} from '../lists/test-support.ts';
import { maskPersonName } from '../policy/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

/** 10:00 in China on a date. */
const at = (date: string) => setClock(`${date}T02:00:00.000Z`);

describeEachEngine('procedures: the public objects to a repair notice (issue 17; A19, B32)', (getStore) => {
  let t: TestApp;
  let company: DemoSubject;
  let center: Record<string, string>;
  let gsj: Record<string, string>;

  before(async () => {
    at('2026-03-16');
    t = await listsTestApp(getStore(), { persons: 10, organizations: 10 });
    [company] = (await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise')) as [
      DemoSubject,
    ];
    const key = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-GSJ',
      permissions: ['records.write', 'repairs.read', 'repairs.act', 'inbox.read'] as never,
      label: '市场监管系统',
      createdBy: 'test',
    });
    gsj = { authorization: `Bearer ${key.key}`, 'x-purpose': encodeURIComponent('办理信用修复') };
  });
  after(() => t.close());

  async function day(date: string) {
    at(date);
    center = { ...(await signIn(t.app, 'demo.center')), 'x-purpose': encodeURIComponent('办理信用修复') };
  }
  const api = (
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string> = {},
    payload?: unknown,
  ) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const object = (repairId: string, payload: unknown) =>
    api('POST', `/api/v1/public/repair-notices/${repairId}/objections`, {}, payload);
  const stored = async () =>
    t.ctx.store.db.selectFrom('repair_notice_submissions').selectAll().orderBy('submitted_at').execute();

  it('A19, B32: submitted during the notice (name and contact sealed, the center told), recorded as the notice objection after the notice ended, or dismissed with a reason; refused outside the notice', async () => {
    const pushed = await push(t, 'HA-GSJ', [blackOrg('GSJ-S1', company, { identifiedOn: '2026-03-15' })]);
    const recordId = pushed.results[0]!.recordId!;
    await day('2026-09-21');
    const commitment = await api(
      'GET',
      `/api/v1/repairs/commitment?subjectCode=${company.code}&recordId=${recordId}`,
      center,
    );
    const applied = await api('POST', '/api/v1/repairs', center, {
      subjectCode: company.code,
      recordId,
      stated: { obligationsMetOn: '2026-03-20' },
      proof: '已全面履行',
      commitmentDigest: commitment.json().digest,
    });
    assert.equal(applied.statusCode, 201, applied.body);
    const repairId = applied.json().id as string;
    // before an opinion in favour there is no notice to object to: not disclosed
    assert.equal(
      (await object(repairId, { grounds: '该企业仍在违法经营' })).json().error.code,
      'REPAIR_NOTICE_NOT_FOUND',
    );
    await day('2026-09-24');
    const opinion = await api('POST', `/api/v1/repairs/${repairId}/steps`, gsj, {
      kind: 'opinion',
      agrees: true,
      reasons: '已履行，同意修复',
      judged: { impactRemoved: true },
    });
    assert.equal(opinion.json().notice.from, '2026-09-28', opinion.body);

    // 中秋: the notice has not started
    await day('2026-09-25');
    const early = await object(repairId, { grounds: '该企业仍在违法经营' });
    assert.deepEqual([early.statusCode, early.json().error.code], [409, 'REPAIR_NOTICE_NOT_RUNNING']);
    assert.match(early.json().error.message, /2026-09-28/);

    await day('2026-09-29');
    const notices = (await api('GET', '/api/v1/public/repair-notices')).json();
    const listed = (notices.notices as Json[]).find((n) => n.repairId === repairId)!;
    assert.equal(listed.objectionUrl, `/api/v1/public/repair-notices/${repairId}/objections`);
    // issue 17: what the portal shows of a notice — the record, its provider by name, the opinion
    assert.match(listed.providerName, /市场监督|工商/);
    assert.deepEqual(
      [listed.subjectName, listed.record, listed.opinion, listed.from, listed.until],
      [
        company.name,
        { date: '2026-03-15', dateLabel: '认定日期', documentNumber: '淮财采〔2026〕12号', severity: '严重' },
        { on: '2026-09-24', reasons: '已履行，同意修复' },
        '2026-09-28',
        listed.until,
      ],
    );
    assert.deepEqual([notices.page, notices.total], [1, 1]);
    // bad input stores nothing
    for (const bad of [{ grounds: '短' }, { grounds: '该企业仍在违法经营', phone: '1' }, { name: '王五' }]) {
      const res = await object(repairId, bad);
      assert.equal(res.statusCode, 400, res.body);
    }
    assert.equal((await stored()).length, 0);
    const first = await object(repairId, {
      name: '王五',
      contact: '13800001234',
      grounds: '该企业上月仍在串通投标，有中标公告为证',
    });
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual([first.json().noticeUntil, first.headers['cache-control']], ['2026-10-09', 'no-store']);
    const second = await object(repairId, { grounds: '与该企业无关的投诉内容' });
    assert.equal(second.statusCode, 201, second.body);
    // sealed at rest: neither the name nor the contact is stored as written
    const rows = await stored();
    assert.deepEqual(
      rows.map((r) => [r.status, r.name_sealed === null, r.contact_sealed === null]),
      [
        ['received', false, false],
        ['received', true, true],
      ],
    );
    assert.ok(!String(rows[0]!.contact_sealed).includes('13800001234'));
    assert.ok(!String(rows[0]!.name_sealed).includes('王五'));
    // the center is told in its inbox; it reads the contact, the provider the grounds only
    const inbox = (await api('GET', '/api/v1/inbox', center)).json().notifications as Json[];
    assert.ok(
      inbox.some(
        (n) => n.kind === 'repair.notice_submission' && n.body.submissionId === first.json().submissionId,
      ),
    );
    const asCenter = (await api('GET', `/api/v1/repairs/${repairId}`, center)).json();
    assert.deepEqual(
      asCenter.submissions.map((s: Json) => [s.name, s.contact, s.status]),
      [
        ['王五', '13800001234', 'received'],
        [null, null, 'received'],
      ],
    );
    const asProvider = (await api('GET', `/api/v1/repairs/${repairId}`, gsj)).json();
    assert.deepEqual(
      asProvider.submissions.map((s: Json) => [s.name, s.contact, s.grounds]),
      [
        [null, null, '该企业上月仍在串通投标，有中标公告为证'],
        [null, null, '与该企业无关的投诉内容'],
      ],
    );

    // after the notice (ended 10-09): the public is refused; a letter can no longer be recorded, but
    // the submission that arrived during the notice can
    await day('2026-10-12');
    const late = await object(repairId, { grounds: '该企业仍在违法经营' });
    assert.deepEqual([late.statusCode, late.json().error.code], [409, 'REPAIR_NOTICE_NOT_RUNNING']);
    const letter = await api('POST', `/api/v1/repairs/${repairId}/steps`, center, {
      kind: 'notice_objected',
      statement: '来信反映',
      objector: '匿名',
    });
    assert.equal(letter.json().error.code, 'REPAIR_NOTICE_ENDED');
    const recorded = await api('POST', `/api/v1/repairs/${repairId}/steps`, center, {
      kind: 'notice_objected',
      submissionId: first.json().submissionId,
    });
    assert.equal(recorded.statusCode, 200, recorded.body);
    const view = recorded.json();
    assert.equal(view.state, 'notice_objection');
    assert.deepEqual(
      view.noticeObjections.map((o: Json) => [o.statement, o.submissionId]),
      [['该企业上月仍在串通投标，有中标公告为证', first.json().submissionId]],
    );
    assert.deepEqual(
      view.submissions.map((s: Json) => [s.status, s.stepSeq]),
      [
        ['recorded', 3],
        ['received', null],
      ],
    );
    const twice = await api('POST', `/api/v1/repairs/${repairId}/steps`, center, {
      kind: 'notice_objected',
      submissionId: first.json().submissionId,
    });
    assert.equal(twice.json().error.code, 'REPAIR_SUBMISSION_HANDLED');
    // dismissed with a reason, by the center only
    const dismissUrl = `/api/v1/repairs/${repairId}/submissions/${second.json().submissionId}/dismiss`;
    const byProvider = await api('POST', dismissUrl, gsj, { reason: '与修复事项无关' });
    assert.equal(byProvider.json().error.code, 'REPAIR_STEP_FORBIDDEN');
    const dismissed = await api('POST', dismissUrl, center, { reason: '与修复事项无关' });
    assert.equal(dismissed.statusCode, 200, dismissed.body);
    assert.deepEqual(
      dismissed.json().submissions.map((s: Json) => [s.status, s.dismissalReason]),
      [
        ['recorded', null],
        ['dismissed', '与修复事项无关'],
      ],
    );
    assert.equal(
      (await api('POST', dismissUrl, center, { reason: '重复' })).json().error.code,
      'REPAIR_SUBMISSION_HANDLED',
    );
    // the subject sees the objection as a step, never who submitted it
    const unknown = await object('0190c2b6-0000-7000-8000-00000000abcd', { grounds: '该企业仍在违法经营' });
    assert.deepEqual([unknown.statusCode, unknown.json().error.code], [404, 'REPAIR_NOTICE_NOT_FOUND']);
    // A19: verified unfounded, then adopted: the entry leaves the public black list and the page at once
    const onList = async () =>
      ((await api('GET', '/api/v1/public/lists/black')).json().entries as Json[]).map((e) => e.subject.code);
    assert.ok((await onList()).includes(company.code));
    const verified = await api('POST', `/api/v1/repairs/${repairId}/steps`, gsj, {
      kind: 'notice_objection_verified',
      founded: false,
      reasons: '经核实，所称项目与该企业无关',
    });
    assert.equal(verified.json().state, 'adoption', verified.body);
    const adopted = await api('POST', `/api/v1/repairs/${repairId}/steps`, center, {
      kind: 'decided',
      adopted: true,
      reasons: '公示异议经核实不成立，予以采纳',
    });
    assert.equal(adopted.json().state, 'repaired', adopted.body);
    assert.ok(!(await onList()).includes(company.code));
    const page = (await api('GET', `/api/v1/public/subjects/${company.code}/profile`)).json();
    assert.equal(page.counts.black, 0, JSON.stringify(page.counts));
    // every submission row and its change vouched for by the audit chain
    const report = await verifyAudit(getStore());
    assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
  });

  it('A19: the public’s objections — control and invisible format characters refused, grounds need substance, at most 3 per client address (kept as a keyed digest), one center notice per repair per day; the notice cannot be blocked by one sender', async () => {
    const [, other] = (await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise')) as [
      DemoSubject,
      DemoSubject,
    ];
    const pushed = await push(t, 'HA-GSJ', [blackOrg('GSJ-S2', other, { identifiedOn: '2026-03-15' })]);
    const recordId = pushed.results[0]!.recordId!;
    await day('2026-10-13');
    const commitment = await api(
      'GET',
      `/api/v1/repairs/commitment?subjectCode=${other.code}&recordId=${recordId}`,
      center,
    );
    const applied = await api('POST', '/api/v1/repairs', center, {
      subjectCode: other.code,
      recordId,
      stated: { obligationsMetOn: '2026-03-20' },
      proof: '已全面履行',
      commitmentDigest: commitment.json().digest,
    });
    assert.equal(applied.statusCode, 201, applied.body);
    const repairId = applied.json().id as string;
    const opinion = await api('POST', `/api/v1/repairs/${repairId}/steps`, gsj, {
      kind: 'opinion',
      agrees: true,
      reasons: '已履行，同意修复',
      judged: { impactRemoved: true },
    });
    assert.equal(opinion.statusCode, 200, opinion.body);
    await day(opinion.json().notice.from);
    const from = (address: string, payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/public/repair-notices/${repairId}/objections`,
        remoteAddress: address,
        payload: payload as object,
      });
    const mine = async () =>
      t.ctx.store.db
        .selectFrom('repair_notice_submissions')
        .selectAll()
        .where('repair_id', '=', repairId)
        .orderBy('submitted_at')
        .execute();

    // what a reader would not see as written: refused with the field and the character, nothing stored
    for (const [payload, field, character] of [
      [{ grounds: '\u200b'.repeat(20) }, 'grounds', 'U+200B'],
      [{ grounds: '该企业仍在违法经营\u202e营经法违' }, 'grounds', 'U+202E'],
      [{ grounds: '该企业仍在违法经营\u0000' }, 'grounds', 'U+0000'],
      [{ grounds: '该企业仍在违法经营', name: '王\u200d五' }, 'name', 'U+200D'],
      [{ grounds: '该企业仍在违法经营', contact: '1380000\u00851234' }, 'contact', 'U+0085'],
    ] as const) {
      const res = await from('203.0.113.7', payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'TEXT_CONTROL_CHARACTERS');
      assert.deepEqual(res.json().error.details, { field, character });
    }
    const thin = await from('203.0.113.7', { grounds: '！！！。。。……——' });
    assert.deepEqual([thin.statusCode, thin.json().error.code], [400, 'REPAIR_NOTICE_GROUNDS_TOO_THIN']);
    assert.equal((await mine()).length, 0);

    // lines and tabs are grounds' own; three from one address, the fourth refused, another address taken
    const multiline = await from('203.0.113.7', { grounds: '第一，仍在经营；\r\n\t第二，有公告为证' });
    assert.equal(multiline.statusCode, 201, multiline.body);
    for (const n of [2, 3]) {
      assert.equal(
        (await from('203.0.113.7', { grounds: `该企业仍在违法经营（第${n}条）` })).statusCode,
        201,
      );
    }
    const fourth = await from('203.0.113.7', { grounds: '该企业仍在违法经营（第4条）' });
    assert.deepEqual([fourth.statusCode, fourth.json().error.code], [409, 'REPAIR_SUBMISSIONS_PER_CLIENT']);
    assert.equal((await from('198.51.100.9', { grounds: '另一来源的异议内容' })).statusCode, 201);
    const rows = await mine();
    assert.equal(rows.length, 4);
    assert.equal(rows[0]!.grounds, '第一，仍在经营；\n\t第二，有公告为证');
    // the address is kept as a keyed digest: equal for one address, never the address itself
    const digests = rows.map((r) => r.client_digest);
    assert.equal(new Set(digests.slice(0, 3)).size, 1);
    assert.notEqual(digests[3], digests[0]);
    assert.ok(
      digests.every((d) => typeof d === 'string' && !d.includes('203.0.113') && !d.includes('198.51')),
    );

    // one inbox notice for the repair that day, however many arrived; the next day's first tells again
    const told = async () =>
      ((await api('GET', '/api/v1/inbox', center)).json().notifications as Json[]).filter(
        (n) => n.kind === 'repair.notice_submission' && n.body.repairId === repairId,
      ).length;
    assert.equal(await told(), 1);
    const next = new Date(`${opinion.json().notice.from}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    await day(next.toISOString().slice(0, 10));
    assert.equal((await from('192.0.2.1', { grounds: '次日提出的异议内容' })).statusCode, 201);
    assert.equal(await told(), 2);
    const report = await verifyAudit(getStore());
    assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
  });

  it('A7, A19: a person’s notice names them masked and publishes the opinion’s date without its reasons (free text)', async () => {
    const [person] = (await demoSubjects(t, 'person', (a) => a.employerDepartmentCode === undefined)) as [
      DemoSubject,
    ];
    const key = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-FY',
      permissions: ['records.write', 'repairs.read', 'repairs.act'] as never,
      label: '法院执行系统',
      createdBy: 'test',
    });
    const fy = { authorization: `Bearer ${key.key}`, 'x-purpose': encodeURIComponent('办理信用修复') };
    await day('2026-10-19');
    const pushed = await push(t, 'HA-FY', [blackPerson('FY-P1', person, { identifiedOn: '2026-03-16' })]);
    const recordId = pushed.results[0]!.recordId!;
    const commitment = await api(
      'GET',
      `/api/v1/repairs/commitment?subjectCode=${person.code}&recordId=${recordId}`,
      center,
    );
    const applied = await api('POST', '/api/v1/repairs', center, {
      subjectCode: person.code,
      recordId,
      stated: { obligationsMetOn: '2026-03-20' },
      proof: '已履行判决确定的给付义务',
      commitmentDigest: commitment.json().digest,
    });
    assert.equal(applied.statusCode, 201, applied.body);
    await day('2026-10-20');
    const opinion = await api('POST', `/api/v1/repairs/${applied.json().id}/steps`, fy, {
      kind: 'opinion',
      agrees: true,
      reasons: `${person.name}已履行全部义务，同意修复`,
      judged: { impactRemoved: true },
    });
    assert.equal(opinion.statusCode, 200, opinion.body);
    await day('2026-10-22');
    const res = await api('GET', '/api/v1/public/repair-notices');
    const notice = (res.json().notices as Json[]).find((n) => n.repairId === applied.json().id)!;
    assert.deepEqual(
      [notice.subjectName, notice.subjectKind, notice.opinion, notice.record.dateLabel],
      [maskPersonName(t.ctx.policy, person.name), 'person', { on: '2026-10-20', reasons: null }, '认定日期'],
    );
    assert.ok(!res.body.includes(person.name), 'the person’s name is nowhere in the notices');
  });
});
