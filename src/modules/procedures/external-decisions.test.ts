/**
 * Issue 15 W3 (A20, B33; A17, B30): a provider cannot weaken a negative record or lift a black listing
 * with a plain "correction". A weakening version is refused unless it names a decision the credit
 * office recorded for that record (administrative review, judgment, revocation); such a decision
 * allows one version, and the check follows it. Plain corrections stay allowed with their reason.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { uuidv7 } from '../../platform/ids.ts';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import { exampleRow } from '../catalog/index.ts';
import {
  blackOrg,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  push,
  setClock,
} from '../lists/test-support.ts';
import type { IntakeResult } from '../records/intake.types.ts';

type Row = Record<string, unknown>;

describeEachEngine('procedures: external decisions and weakening corrections (W3)', (getStore) => {
  let t: TestApp;
  let companies: DemoSubject[];
  let office: Record<string, string>;
  let providerKey = '';
  let checkKey = '';
  let n = 0;
  const nextId = (prefix: string) => `${prefix}-${++n}`;
  const company = () => companies.shift()!;

  before(async () => {
    setClock('2026-11-26T08:00:00.000Z');
    t = await listsTestApp(getStore());
    companies = await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise');
    office = await signIn(t.app, 'demo.office');
    providerKey = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-GSJ',
        permissions: ['records.write', 'procedures.read', 'inbox.read', 'subjects.read'],
        label: '市场监管归集系统',
        createdBy: 'test',
      })
    ).key;
    checkKey = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-CZJ',
        permissions: ['checks.run'],
        label: '政府采购系统',
        createdBy: 'test',
      })
    ).key;
  });
  after(() => t.close());
  beforeEach(() => setClock('2026-11-26T08:00:00.000Z'));

  const decisionOf = async (subject: DemoSubject) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { authorization: `Bearer ${checkKey}` },
      payload: {
        scenario: 'public_resource_trading',
        purpose: '投标资格审查',
        subjects: [{ code: subject.code }],
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().results[0].decision as string;
  };
  const versionsOf = (recordId: string) =>
    t.ctx.store.db
      .selectFrom('records as r')
      .innerJoin('records as first', 'first.record_key', 'r.record_key')
      .select(['r.id', 'r.version', 'r.severity', 'r.change_basis_kind', 'r.change_basis_id'])
      .where('first.id', '=', recordId)
      .orderBy('r.version')
      .execute();
  const only = (result: IntakeResult) => result.results[0]!;
  const record = (payload: Row, headers: Record<string, string> = office) =>
    t.app.inject({ method: 'POST', url: '/api/v1/external-decisions', headers, payload });
  const review = (recordId: string, over: Row = {}) => ({
    recordId,
    kind: 'administrative_review',
    documentNumber: '淮政复决〔2026〕15号',
    authority: '淮安市人民政府',
    decidedOn: '2026-11-25',
    summary: '撤销原认定中关于严重失信程度的认定，变更为一般失信，移出日期变更为2026年11月25日',
    ...over,
  });

  /** A black listing of `c` pushed and created; its record id. */
  async function listed(c: DemoSubject, id = nextId('B')) {
    const created = only(await push(t, 'HA-GSJ', [blackOrg(id, c)]));
    assert.equal(created.outcome, 'created', JSON.stringify(created));
    return { providerRecordId: id, recordId: created.recordId! };
  }

  it('W3, A20, B33: version 2 of a 严重 black record with reason 更正, severity 一般 and an older identification date is refused, and the check still blocks', async () => {
    const c = company();
    const { providerRecordId, recordId } = await listed(c);
    assert.equal(await decisionOf(c), 'block');
    const row = only(
      await push(t, 'HA-GSJ', [
        blackOrg(providerRecordId, c, { severity: '一般', identifiedOn: '2025-06-01', reason: '更正' }),
      ]),
    );
    assert.equal(row.outcome, 'refused');
    assert.deepEqual(
      row.errors!.map((e) => [e.code, e.field, e.actual]),
      [['RECORD_WEAKENING_NEEDS_BASIS', 'severity', 'severity,identifiedOn']],
    );
    assert.match(row.errors![0]!.message, /降低失信程度、提前认定日期。.*A20、B33.*变更依据编号/);
    assert.match(row.errors![0]!.messageEn, /lowers the severity, moves the identification date earlier/);
    assert.deepEqual(
      (await versionsOf(recordId)).map((v) => [v.version, v.severity]),
      [[1, '严重']],
      'nothing was written',
    );
    assert.equal(await decisionOf(c), 'block', 'the listing stands');
  });

  it('W3, A20, A12, B33: each weakening on its own is refused — removal date brought forward, ground changed, another subject, a fact dropped', async () => {
    const cases: [string, (id: string, c: DemoSubject) => Row, string][] = [
      [
        'validUntil',
        (id, c) => blackOrg(id, c, { reason: '更正' }, { validUntil: '2027-01-31' }),
        'fields.validUntil',
      ],
      [
        'ground',
        (id, c) =>
          blackOrg(id, c, { reason: '更正' }, { dishonestyType: 'A6(1) 严重危害人民群众身体健康和公共安全' }),
        'fields.dishonestyType',
      ],
      [
        'facts emptied to a placeholder',
        (id, c) => blackOrg(id, c, { reason: '更正' }, { facts: '无', documentNumber: '-' }),
        'fields.facts,fields.documentNumber',
      ],
    ];
    for (const [what, build, field] of cases) {
      const c = company();
      const { providerRecordId } = await listed(c);
      const row = only(await push(t, 'HA-GSJ', [build(providerRecordId, c)]));
      assert.deepEqual(
        [row.outcome, row.errors?.map((e) => [e.code, e.actual])],
        ['refused', [['RECORD_WEAKENING_NEEDS_BASIS', field]]],
        what,
      );
      assert.equal(await decisionOf(c), 'block', what);
    }
    // a negative record off the lists (B12(9)): a fine dropped from a penalty is a weakening too
    const c = company();
    const example = exampleRow((await t.ctx.catalog.current('admin-penalty'))!) as Row & { fields: Row };
    const penalty = {
      ...example,
      providerRecordId: nextId('P'),
      subject: { code: c.code, name: c.name },
      severity: '较重',
      identifiedOn: '2026-11-02',
    };
    assert.equal(only(await push(t, 'HA-GSJ', [penalty])).outcome, 'created');
    const { fineAmount: _, ...withoutFine } = penalty.fields;
    const dropped = only(await push(t, 'HA-GSJ', [{ ...penalty, fields: withoutFine, reason: '更正' }]));
    assert.deepEqual(
      [dropped.outcome, dropped.errors?.map((e) => [e.code, e.actual])],
      ['refused', [['RECORD_WEAKENING_NEEDS_BASIS', 'fields.fineAmount']]],
    );
    assert.match(dropped.errors![0]!.message, /删去已报送的事实（罚款金额（万元））/, 'named by its column');
    const lowered = only(
      await push(t, 'HA-GSJ', [
        { ...penalty, fields: { ...penalty.fields, fineAmount: 0.01 }, reason: '更正' },
      ]),
    );
    assert.deepEqual(
      lowered.errors?.map((e) => [e.code, e.actual]),
      [['RECORD_WEAKENING_NEEDS_BASIS', 'fields.fineAmount']],
    );
  });

  it('W3, A20, B33: a correction that weakens nothing — a fact reworded, a later removal date, a higher severity — is a new version with its reason', async () => {
    const c = company();
    const { providerRecordId, recordId } = await listed(c);
    const row = only(
      await push(t, 'HA-GSJ', [
        blackOrg(
          providerRecordId,
          c,
          { reason: '补充失信事实，更正移出日期笔误' },
          { facts: '以围标串标方式参与政府采购项目，涉案金额较大', validUntil: '2029-11-20' },
        ),
      ]),
    );
    assert.deepEqual([row.outcome, row.version, row.errors], ['new_version', 2, undefined]);
    const penaltyCo = company();
    const example = exampleRow((await t.ctx.catalog.current('admin-penalty'))!) as Row & { fields: Row };
    const penalty = {
      ...example,
      providerRecordId: nextId('P'),
      subject: { code: penaltyCo.code, name: penaltyCo.name },
      severity: '一般',
      identifiedOn: '2026-11-02',
    };
    assert.equal(only(await push(t, 'HA-GSJ', [penalty])).outcome, 'created');
    const raised = only(
      await push(t, 'HA-GSJ', [{ ...penalty, severity: '严重', reason: '复核后认定为严重' }]),
    );
    assert.equal(raised.outcome, 'new_version', JSON.stringify(raised));
    assert.equal((await versionsOf(recordId)).at(-1)!.change_basis_id, null);
    // still no change without a reason (A20, B33)
    const bare = only(await push(t, 'HA-GSJ', [blackOrg(providerRecordId, c, {}, { facts: '再次补充' })]));
    assert.deepEqual(
      bare.errors?.map((e) => e.code),
      ['RECORD_REASON_REQUIRED'],
    );
  });

  it('W3, A17, B30, A20: the credit office records an administrative review decision; the provider is told, pushes the correction naming it, and the check follows', async () => {
    const c = company();
    const { providerRecordId, recordId } = await listed(c);
    const res = await record(review(recordId));
    assert.equal(res.statusCode, 201, res.body);
    const decision = res.json();
    assert.deepEqual(
      [decision.recordId, decision.providerDepartment, decision.kindLabel, decision.appliedBy],
      [recordId, 'HA-GSJ', '行政复议决定', null],
    );

    // the provider learns of it in its inbox and through the API, with what to do
    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inbox',
      headers: { authorization: `Bearer ${providerKey}` },
    });
    const notice = inbox
      .json()
      .notifications.find((x: { kind: string; body: Row }) => x.body.decisionId === decision.id);
    assert.ok(notice, inbox.body);
    assert.equal(notice.kind, 'external_decision.recorded');
    assert.equal(notice.body.providerRecordId, providerRecordId);
    assert.match(String(notice.body.howTo), /changeBasis/);
    const listedForProvider = await t.app.inject({
      method: 'GET',
      url: `/api/v1/external-decisions?recordId=${recordId}`,
      headers: { authorization: `Bearer ${providerKey}`, 'x-purpose': encodeURIComponent('按复议决定更正') },
    });
    assert.deepEqual(
      listedForProvider.json().decisions.map((d: { id: string }) => d.id),
      [decision.id],
    );

    // the weakening correction, resting on the decision, is a new version tied to it
    const corrected = only(
      await push(t, 'HA-GSJ', [
        blackOrg(
          providerRecordId,
          c,
          { severity: '一般', reason: '依行政复议决定更正', changeBasis: decision.id.toUpperCase() },
          { validUntil: '2026-11-25' },
        ),
      ]),
    );
    assert.deepEqual([corrected.outcome, corrected.version], ['new_version', 2], JSON.stringify(corrected));
    const versions = await versionsOf(recordId);
    assert.deepEqual(
      versions.map((v) => [v.version, v.severity, v.change_basis_kind, v.change_basis_id]),
      [
        [1, '严重', null, null],
        [2, '一般', 'external_decision', decision.id],
      ],
    );
    assert.equal(await decisionOf(c), 'none', 'the removal date the decision set has passed');
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${c.code}/records`,
      // the provider still sees its record past its removal date (B4); others no longer do (A12)
      headers: { authorization: `Bearer ${providerKey}`, 'x-purpose': encodeURIComponent('复核外部决定') },
    });
    const shown = read.json().records.find((r: { recordKey: string }) => r.recordKey === versions[0]!.id);
    assert.deepEqual(
      [shown.version, shown.changeBasis],
      [2, { kind: 'external_decision', id: decision.id }],
      'a reader sees which decision the version rests on',
    );
    const after = await record(review(recordId), office);
    assert.deepEqual([after.statusCode, after.json().error.code], [409, 'EXTERNAL_DECISION_DUPLICATE']);
    const seen = await t.app.inject({
      method: 'GET',
      url: `/api/v1/external-decisions?recordId=${recordId}`,
      headers: { ...office, 'x-purpose': encodeURIComponent('复核外部决定') },
    });
    assert.deepEqual(seen.json().decisions[0].appliedBy, { recordId: corrected.recordId, version: 2 });
    const report = await verifyAudit(t.ctx.store);
    assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
  });

  it('W3, A20: a decision allows one version of its own record; an unknown, malformed or misplaced basis is refused', async () => {
    const c = company();
    const { providerRecordId, recordId } = await listed(c);
    const other = company();
    const otherListing = await listed(other);
    const decision = (
      await record(review(recordId, { kind: 'court_judgment', documentNumber: '（2026）苏08行终3号' }))
    ).json();
    const refusedWith = async (rows: Row[]) => only(await push(t, 'HA-GSJ', rows)).errors?.map((e) => e.code);

    assert.deepEqual(
      await refusedWith([
        blackOrg(otherListing.providerRecordId, other, {
          severity: '一般',
          reason: '更正',
          changeBasis: decision.id,
        }),
      ]),
      ['CHANGE_BASIS_OTHER_RECORD'],
    );
    assert.deepEqual(
      await refusedWith([
        blackOrg(providerRecordId, c, { severity: '一般', reason: '更正', changeBasis: uuidv7() }),
      ]),
      ['CHANGE_BASIS_UNKNOWN'],
    );
    assert.deepEqual(
      await refusedWith([
        blackOrg(providerRecordId, c, { severity: '一般', reason: '更正', changeBasis: '15号' }),
      ]),
      ['CHANGE_BASIS_INVALID'],
    );
    assert.deepEqual(await refusedWith([blackOrg(nextId('B'), company(), { changeBasis: decision.id })]), [
      'CHANGE_BASIS_NOT_FOR_NEW',
    ]);
    const first = only(
      await push(t, 'HA-GSJ', [
        blackOrg(providerRecordId, c, { severity: '较重', reason: '依判决更正', changeBasis: decision.id }),
      ]),
    );
    assert.equal(first.outcome, 'new_version', JSON.stringify(first));
    // the same push again is an unchanged retry, not a second use
    const retried = only(
      await push(t, 'HA-GSJ', [
        blackOrg(providerRecordId, c, { severity: '较重', reason: '依判决更正', changeBasis: decision.id }),
      ]),
    );
    assert.equal(retried.outcome, 'unchanged');
    const again = only(
      await push(t, 'HA-GSJ', [
        blackOrg(providerRecordId, c, { severity: '一般', reason: '再次更正', changeBasis: decision.id }),
      ]),
    );
    assert.deepEqual([again.outcome, again.errors?.map((e) => e.code)], ['refused', ['CHANGE_BASIS_USED']]);
    assert.match(again.errors![0]!.message, /第 2 版/);
  });

  it('W3, A20, B4: a record never moves to another subject, even on a decision; a decision-backed version is not undone by a plain correction', async () => {
    const c = company();
    const { providerRecordId, recordId } = await listed(c);
    const decision = (await record(review(recordId, { documentNumber: '淮政复决〔2026〕21号' }))).json();
    const moved = only(
      await push(t, 'HA-GSJ', [
        blackOrg(providerRecordId, companies[0]!, { reason: '认定对象更正', changeBasis: decision.id }),
      ]),
    );
    assert.deepEqual(
      moved.errors?.map((e) => e.code),
      ['RECORD_SUBJECT_CHANGED'],
    );
    assert.equal(
      await decisionOf(c),
      'block',
      'the listing stays where it is until it is ended on the decision',
    );
    const lowered = only(
      await push(t, 'HA-GSJ', [
        blackOrg(providerRecordId, c, {
          severity: '较重',
          reason: '依复议决定更正',
          changeBasis: decision.id,
        }),
      ]),
    );
    assert.equal(lowered.outcome, 'new_version', JSON.stringify(lowered));
    const undone = only(
      await push(t, 'HA-GSJ', [blackOrg(providerRecordId, c, { severity: '严重', reason: '恢复' })]),
    );
    assert.deepEqual(
      [undone.outcome, undone.errors?.map((e) => [e.code, e.actual])],
      ['refused', [['RECORD_DECISION_UNDONE', 'severity']]],
    );
    // a change the decision's version did not touch stays a plain correction
    const reworded = only(
      await push(t, 'HA-GSJ', [
        blackOrg(
          providerRecordId,
          c,
          { severity: '较重', reason: '补充事实' },
          { facts: '以围标串标方式参与政府采购项目，涉及三个标段' },
        ),
      ]),
    );
    assert.equal(reworded.outcome, 'new_version', JSON.stringify(reworded));
  });

  it('W3, A20, A14(12): a judgment annulling a debtor listing withdraws the record on its recorded decision — the check stops, the entry is removed with the reason, the record reads withdrawn and takes no further version', async () => {
    const [debtor] = await demoSubjects(t, 'person', (a) => a.employerDepartmentCode === undefined);
    const example = exampleRow((await t.ctx.catalog.current('judgment-debtor'))!) as Row & { fields: Row };
    const row = {
      ...example,
      providerRecordId: nextId('JD'),
      subject: { code: debtor!.code, name: debtor!.name },
      severity: '严重',
      identifiedOn: '2026-11-20',
    };
    const created = only(await push(t, 'HA-FY', [row]));
    assert.equal(created.outcome, 'created', JSON.stringify(created));
    assert.equal(await decisionOf(debtor!), 'block');
    assert.deepEqual(
      only(await push(t, 'HA-FY', [{ ...row, withdrawn: '是', reason: '撤销' }])).errors?.map((e) => [
        e.code,
        e.actual,
      ]),
      [['RECORD_WEAKENING_NEEDS_BASIS', 'withdrawn']],
      'a withdrawal is a weakening: it needs its decision',
    );
    assert.deepEqual(
      only(await push(t, 'HA-FY', [{ ...row, providerRecordId: nextId('JD'), withdrawn: true }])).errors?.map(
        (e) => e.code,
      ),
      ['RECORD_WITHDRAWAL_NOT_FOR_NEW'],
    );
    const judgment = (
      await record(
        review(created.recordId!, {
          kind: 'court_judgment',
          documentNumber: '（2026）苏08执复7号',
          authority: '江苏省淮安市中级人民法院',
          summary: '撤销将被执行人纳入失信被执行人名单的决定',
        }),
      )
    ).json();
    const withdrawn = only(
      await push(t, 'HA-FY', [
        { ...row, withdrawn: true, reason: '依执行复议裁定撤销失信被执行人名单', changeBasis: judgment.id },
      ]),
    );
    assert.deepEqual(
      [withdrawn.outcome, withdrawn.warnings],
      ['new_version', undefined],
      JSON.stringify(withdrawn),
    );
    assert.equal(await decisionOf(debtor!), 'none', 'the listing no longer punishes (A14(12))');
    const entry = await t.ctx.store.db
      .selectFrom('list_entries')
      .selectAll()
      .where('subject_id', '=', debtor!.id)
      .where('origin', '=', 'listed')
      .executeTakeFirstOrThrow();
    assert.equal(entry.status, 'removed');
    assert.match(String(entry.status_reason), /^A20：记录已依据外部决定撤销/);
    const events = await t.ctx.store.db
      .selectFrom('list_entry_events')
      .select(['kind', 'article'])
      .where('entry_id', '=', entry.id)
      .orderBy('at')
      .execute();
    assert.deepEqual(events.map((e) => [e.kind, e.article]).at(-1), ['withdrawn', 'A20']);
    const courtKey = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-FY',
        permissions: ['subjects.read'],
        label: '法院执行系统',
        createdBy: 'test',
      })
    ).key;
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${debtor!.code}/records`,
      headers: { authorization: `Bearer ${courtKey}`, 'x-purpose': encodeURIComponent('核对撤销结果') },
    });
    const mine = read.json().records.find((r: { id: string }) => r.id === withdrawn.recordId);
    assert.deepEqual([mine.state, mine.stateBasis], ['withdrawn', 'A20']);
    const office2 = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${debtor!.code}/records`,
      headers: { ...office, 'x-purpose': encodeURIComponent('核对撤销结果') },
    });
    assert.equal(
      office2.json().withheld.WITHDRAWN,
      1,
      'no longer served to anyone but its subject and provider',
    );
    const after = only(await push(t, 'HA-FY', [{ ...row, reason: '恢复' }]));
    assert.deepEqual(
      after.errors?.map((e) => e.code),
      ['RECORD_WITHDRAWN'],
    );
  });

  it('W3, W5, B26, A20: withdrawing a severe organization record ends its legal representative’s record too', async () => {
    const c = company();
    const representative = c.attributes.legalRepresentativeId as string;
    const { providerRecordId, recordId } = await listed(c);
    const derived = () =>
      t.ctx.store.db
        .selectFrom('records')
        .select(['version', 'derived_ended'])
        .where('subject_id', '=', representative)
        .where('derived_from_key', '=', recordId)
        .orderBy('version')
        .execute();
    assert.deepEqual(
      (await derived()).map((r) => [Number(r.version), Number(r.derived_ended)]),
      [[1, 0]],
    );
    const decision = (await record(review(recordId, { documentNumber: '淮政复决〔2026〕41号' }))).json();
    const withdrawn = only(
      await push(t, 'HA-GSJ', [
        blackOrg(providerRecordId, c, { withdrawn: true, reason: '复议撤销', changeBasis: decision.id }),
      ]),
    );
    assert.equal(withdrawn.outcome, 'new_version', JSON.stringify(withdrawn));
    assert.deepEqual(
      (await derived()).map((r) => [Number(r.version), Number(r.derived_ended)]),
      [
        [1, 0],
        [2, 1],
      ],
    );
  });

  it('W3, A17, B30: only the credit office records an external decision; bad input gets a stable code and stores nothing', async () => {
    const c = company();
    const { recordId } = await listed(c);
    const count = async () =>
      Number(
        (
          await t.ctx.store.db
            .selectFrom('external_decisions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const provider = await signIn(t.app, 'demo.provider');
    const center = await signIn(t.app, 'demo.center');
    assert.equal((await record(review(recordId), provider)).statusCode, 403);
    assert.equal((await record(review(recordId), center)).statusCode, 403);
    // a department's system cannot record one: no key may carry the permission (SYSTEM_PERMISSIONS)
    const system = await record(review(recordId), { authorization: `Bearer ${providerKey}` });
    assert.equal(system.statusCode, 403);
    const cases: [Row, number, string][] = [
      [review(recordId, { documentNumber: '   ' }), 400, 'EXTERNAL_DECISION_FIELD_MISSING'],
      [review(recordId, { decidedOn: '2026-11-27' }), 400, 'EXTERNAL_DECISION_DATE_IN_FUTURE'],
      [review(recordId, { decidedOn: '2026-02-30' }), 400, 'EXTERNAL_DECISION_DATE_INVALID'],
      [review(recordId, { decidedOn: '2026-11-19' }), 400, 'EXTERNAL_DECISION_BEFORE_RECORD'],
      [review(uuidv7()), 404, 'EXTERNAL_DECISION_RECORD_NOT_FOUND'],
      [review(recordId, { kind: 'rumour' }), 400, 'REQUEST_INVALID'],
      [{ ...review(recordId), note: 'x' }, 400, 'REQUEST_INVALID'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await record(payload);
      assert.deepEqual([res.statusCode, res.json().error.code], [status, code], JSON.stringify(payload));
      assert.ok(res.json().error.message && res.json().error.message_en, 'a message in Chinese and English');
    }
    assert.equal(await count(), before, 'nothing stored');
    // a provider sees only decisions about its own records
    assert.equal((await record(review(recordId))).statusCode, 201);
    const elsewhere = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-SWJ',
        permissions: ['procedures.read'],
        label: '商务局系统',
        createdBy: 'test',
      })
    ).key;
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/external-decisions?recordId=${recordId}`,
      headers: { authorization: `Bearer ${elsewhere}`, 'x-purpose': encodeURIComponent('查看外部决定') },
    });
    assert.deepEqual([theirs.statusCode, theirs.json().decisions], [200, []]);
    // every read is registered with its stated purpose (B33, C §4(1))
    const reads = await t.ctx.store.db
      .selectFrom('audit_entries')
      .select(['purpose', 'detail'])
      .where('action', '=', 'procedures.read')
      .execute();
    assert.ok(
      reads.some((r) => r.purpose === '查看外部决定'),
      JSON.stringify(reads),
    );
  });
});
