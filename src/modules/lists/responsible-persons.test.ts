/**
 * Issue 15 W5, B26: a severe dishonest organization's dishonesty information — every negative record
 * marked 严重, black list or not — is also written into the credit records of its legal representative
 * and responsible persons, as records of their own that they can see and object to (decision 0028).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { fromJson } from '../../platform/db/engine.ts';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { citizenId } from '../catalog/test-support.ts';
import {
  blackOrg,
  type DemoSubject,
  demoSubjects,
  externalDecision,
  listsTestApp,
  push,
  setClock,
} from './test-support.ts';

const PURPOSE = { 'x-purpose': encodeURIComponent('建设工程招标资格审查') };

type RecordRead = {
  id: string;
  recordKey: string;
  item: string;
  severity: string | null;
  state: string;
  stateBasis: string | null;
  providerDepartment: string;
  fields: Record<string, unknown>;
  derivedFrom: {
    basis: string;
    recordId: string;
    recordKey: string;
    role: string;
    organization: { id: string; name: string; code: string } | null;
  } | null;
};

/** A complete administrative penalty (B12(9)) about an organization: on no list. */
function penalty(
  id: string,
  s: { code: string; name: string },
  over: Record<string, unknown> = {},
  fields: Record<string, unknown> = {},
) {
  return {
    item: 'admin-penalty',
    providerRecordId: id,
    subject: { code: s.code, name: s.name },
    severity: '严重',
    identifiedOn: '2026-11-20',
    fields: {
      documentNumber: '淮市监罚〔2026〕56号',
      violationType: '销售不合格产品',
      facts: '销售经抽检不合格的电线电缆',
      legalBasis: '《中华人民共和国产品质量法》第四十九条',
      penaltyType: '罚款',
      penaltyContent: '没收违法所得，并处罚款人民币三万元',
      authority: '淮安市市场监督管理局',
      ...fields,
    },
    ...over,
  };
}

describeEachEngine('W5, B26: responsible persons get records of their own', (getStore) => {
  let t: TestApp;
  let companies: DemoSubject[];
  let persons: DemoSubject[];
  let n = 0;
  let sequence = 500;
  const nextId = (prefix: string) => `${prefix}-${++n}`;
  const company = () => companies.shift()!;
  const person = () => persons.shift()!;
  /** a citizen ID number nobody on the platform has */
  const newcomer = () => citizenId('19800214', String(++sequence));
  const session: Record<string, Record<string, string>> = {};

  before(async () => {
    setClock('2026-11-26T08:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 200, organizations: 60 });
    const all = await demoSubjects(t, 'organization');
    const representatives = new Set(all.map((c) => c.attributes.legalRepresentativeId));
    // companies each with a legal representative of its own, so counts per person are the test's
    const count = (id: unknown) => all.filter((c) => c.attributes.legalRepresentativeId === id).length;
    companies = all.filter(
      (c) =>
        c.attributes.organizationKind === 'enterprise' && count(c.attributes.legalRepresentativeId) === 1,
    );
    persons = await demoSubjects(
      t,
      'person',
      (a) => a.employerDepartmentCode === undefined && a.birthDate !== undefined,
    );
    persons = persons.filter((p) => !representatives.has(p.id));
    for (const login of ['demo.user', 'demo.center', 'demo.person'])
      session[login] = await signIn(t.app, login);
  });
  after(() => t.close());
  beforeEach(() => setClock('2026-11-26T08:00:00.000Z'));

  const db = () => t.ctx.store.db;
  /** Every B26 record (all versions) of a person, oldest first. */
  const derivedOf = (subjectId: string) =>
    db()
      .selectFrom('records')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .where('derived_from', 'is not', null)
      .orderBy('received_at')
      .orderBy('version')
      .execute();
  const entriesOf = (subjectId: string) =>
    db().selectFrom('list_entries').selectAll().where('subject_id', '=', subjectId).execute();
  /** A subject's records as a government user reads them (public items, current ones only). */
  const read = async (code: string): Promise<{ records: RecordRead[]; withheld: Record<string, number> }> => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${code}/records`,
      headers: { ...session['demo.user'], ...PURPOSE },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  /** The provider's view: everything it provided about the subject, with its state. */
  const providerView = async (department: string, subjectId: string) =>
    (
      await t.ctx.records.readable(
        {
          kind: 'system',
          apiKeyId: `test-${department}`,
          departmentCode: department,
          regionCode: '320800',
          permissions: ['records.write'],
        },
        subjectId,
      )
    ).records as unknown as RecordRead[];
  const nameOf = async (id: string) => (await t.ctx.subjects.findById(id))!.name;

  it('W5, B26: a 严重 administrative penalty of an organization, on no list, is written into its legal representative’s credit record', async () => {
    const c = company();
    const representative = c.attributes.legalRepresentativeId as string;
    const result = await push(t, 'HA-GSJ', [penalty(nextId('P'), c)]);
    const row = result.results[0]!;
    assert.equal(row.outcome, 'created', JSON.stringify(row));
    const source = (
      await db().selectFrom('records').selectAll().where('id', '=', row.recordId!).execute()
    )[0]!;

    const [derived, ...more] = await derivedOf(representative);
    assert.equal(more.length, 0);
    assert.deepEqual(
      [
        derived!.item_code,
        derived!.provider_department,
        derived!.severity,
        derived!.identified_on,
        derived!.validity_ends_on,
        derived!.derived_from,
        derived!.derived_from_key,
        derived!.derived_basis,
        derived!.derived_role,
        Number(derived!.derived_ended),
      ],
      [
        'admin-penalty',
        'HA-GSJ',
        '严重',
        '2026-11-20',
        source.validity_ends_on,
        source.id,
        source.record_key,
        'B26',
        'legal_representative',
        0,
      ],
    );
    assert.deepEqual(fromJson(derived!.fields), fromJson(source.fields), 'the source’s content');
    assert.equal(derived!.subject_name, await nameOf(representative));
    assert.equal((await entriesOf(representative)).length, 0, 'not a list entry: a record');

    // Read as anyone reads the person's records: current, with where it comes from.
    const seen = (await read((await t.ctx.subjects.findById(representative))!.code)).records.find(
      (r) => r.derivedFrom?.recordKey === source.record_key,
    );
    assert.ok(seen, 'the person’s record is served');
    assert.deepEqual(
      [
        seen.item,
        seen.state,
        seen.derivedFrom!.basis,
        seen.derivedFrom!.role,
        seen.derivedFrom!.organization?.name,
      ],
      ['admin-penalty', 'current', 'B26', 'legal_representative', c.name],
    );
    // The organization's own record is untouched and stays its own.
    const own = (await read(c.code)).records;
    assert.deepEqual(
      own.map((r) => [r.id, r.derivedFrom]),
      [[source.id, null]],
    );
  });

  it('W5, B26: the row’s own legal representative, identified by ID number, gets the record with no relation registered (registered if new); a name alone reaches no one and says so', async () => {
    const c = company();
    const registered = c.attributes.legalRepresentativeId as string;
    const code = newcomer();
    const result = await push(t, 'HA-GSJ', [
      penalty(nextId('P'), c, {}, { legalRepresentative: '李新民', legalRepresentativeCode: code }),
    ]);
    const row = result.results[0]!;
    assert.equal(row.outcome, 'created', JSON.stringify(row));
    assert.equal(row.warnings, undefined, 'identified by the ID number: nothing to say');
    const named = await t.ctx.subjects.findByCode(code);
    assert.ok(named, 'the person the row identifies is registered');
    assert.deepEqual([named.kind, named.name], ['person', '李新民']);
    const [theirs] = await derivedOf(named.id);
    assert.deepEqual([theirs!.derived_role, theirs!.provider_department], ['legal_representative', 'HA-GSJ']);
    assert.equal((await derivedOf(registered)).length, 1, 'and the registered legal representative');
    // No plaintext ID number at rest: the code is sealed in the fields, the subject found by blind index.
    assert.ok(!JSON.stringify(theirs!.fields).includes(code));

    // A name alone: written, with a warning; no one is matched by name (and nobody registered).
    const other = company();
    const before = await t.ctx.subjects.count('person');
    const byName = await push(t, 'HA-GSJ', [
      penalty(nextId('P'), other, {}, { legalRepresentative: '王某某' }),
    ]);
    assert.deepEqual(
      byName.results[0]!.warnings?.map((w) => w.code),
      ['LEGAL_REPRESENTATIVE_UNIDENTIFIED'],
    );
    assert.equal(await t.ctx.subjects.count('person'), before);
    assert.equal((await derivedOf(other.attributes.legalRepresentativeId as string)).length, 1);

    // An ID number without a name cannot register anyone: refused with its code.
    const noName = await push(t, 'HA-GSJ', [
      penalty(nextId('P'), company(), {}, { legalRepresentativeCode: newcomer() }),
    ]);
    assert.deepEqual(
      noName.results[0]!.errors?.map((e) => e.code),
      ['LEGAL_REPRESENTATIVE_NAME_MISSING'],
    );

    // A registered person under another name: the ID number decides, the registered name stays.
    const p = person();
    const conflict = await push(t, 'HA-GSJ', [
      penalty(
        nextId('P'),
        company(),
        {},
        { legalRepresentative: '另一个名字', legalRepresentativeCode: p.code },
      ),
    ]);
    assert.deepEqual(
      conflict.results[0]!.warnings?.map((w) => w.code),
      ['LEGAL_REPRESENTATIVE_NAME_CONFLICT'],
    );
    const [conflicted] = await derivedOf(p.id);
    assert.equal(conflicted!.subject_name, p.name);
  });

  it('W5, B26: a relation registered later applies at once to the organization’s severe records and entries in force, without a re-push — not to an expired one', async () => {
    const c = company();
    const p = person();
    const current = await push(t, 'HA-GSJ', [penalty(nextId('P'), c)]);
    // 严重 is valid 3 years (B27): identified in 2023, it has expired.
    const expired = await push(t, 'HA-GSJ', [penalty(nextId('P'), c, { identifiedOn: '2023-06-01' })]);
    assert.deepEqual(
      expired.results[0]!.warnings?.map((w) => w.code),
      ['ALREADY_EXPIRED'],
    );
    const black = await push(t, 'HA-GSJ', [blackOrg(nextId('B'), c)]);
    assert.equal(black.results[0]!.outcome, 'created', JSON.stringify(black.results[0]));
    assert.equal((await derivedOf(p.id)).length, 0);

    const url = `/api/v1/subjects/${c.code}/relations`;
    const payload = { person: { code: p.code, name: p.name }, role: 'responsible' };
    const add = await t.app.inject({ method: 'POST', url, headers: session['demo.center']!, payload });
    assert.equal(add.statusCode, 201, add.body);
    assert.deepEqual(add.json().applied, { records: 2, entries: 1 });

    const records = await derivedOf(p.id);
    assert.deepEqual(
      records.map((r) => r.derived_from).sort(),
      [current.results[0]!.recordId, black.results[0]!.recordId].sort(),
      'the records in force, not the expired one',
    );
    assert.ok(records.every((r) => r.derived_role === 'responsible' && Number(r.derived_ended) === 0));
    const [entry, ...others] = await entriesOf(p.id);
    assert.equal(others.length, 0);
    assert.deepEqual(
      [entry!.origin, entry!.relation_role, entry!.status],
      ['associated', 'responsible', 'active'],
    );

    // In the relation's transaction, on the audit chain: the relation, the records, the entry.
    const relationId = add.json().id as string;
    const entries = await Array.fromAsync(t.ctx.audit.repository.entries({ action: 'records.b26_written' }));
    const mine = entries.find((e) => e.targetId === relationId);
    assert.ok(mine, 'records.b26_written names the relation');
    assert.equal(mine.targetType, 'subject_relation');
    const added = await Array.fromAsync(t.ctx.audit.repository.entries({ action: 'subject.relation_added' }));
    assert.deepEqual(added.find((e) => e.detail.relationId === relationId)?.detail.applied, {
      records: 2,
      entries: 1,
    });
    assert.equal((await t.ctx.audit.verify()).ok, true);

    // Registered again: nothing new to apply.
    const again = await t.app.inject({ method: 'POST', url, headers: session['demo.center']!, payload });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json().applied, { records: 0, entries: 0 });
  });

  it('W5, B26, B20: the person reads the record as their own (GET /api/v1/me/records), with its state, its source, and their ID number masked', async () => {
    const account = (await t.ctx.auth.accounts.findByLogin('demo.person'))!;
    const me = (await t.ctx.subjects.findById(account.subjectId!))!;
    const c = company();
    const id = nextId('P');
    const pushed = await push(t, 'HA-GSJ', [
      penalty(id, c, {}, { legalRepresentative: me.name, legalRepresentativeCode: me.code }),
    ]);
    const sourceId = pushed.results[0]!.recordId!;
    const mine = async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/records',
        headers: session['demo.person'],
      });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().records as RecordRead[]).filter((r) => r.derivedFrom?.organization?.id === c.id);
    };
    const [record, ...more] = await mine();
    assert.equal(more.length, 0);
    assert.deepEqual(
      [
        record!.item,
        record!.state,
        record!.stateBasis,
        record!.derivedFrom!.recordId,
        record!.derivedFrom!.role,
      ],
      ['admin-penalty', 'current', null, sourceId, 'legal_representative'],
    );
    assert.deepEqual(record!.derivedFrom!.organization, { id: c.id, name: c.name, code: c.code });
    const shown = String(record!.fields.legalRepresentativeCode);
    assert.notEqual(shown, me.code);
    assert.equal(shown, `${me.code.slice(0, 6)}********${me.code.slice(-4)}`);
    // the provider who wrote it sees it in full
    const provided = (await providerView('HA-GSJ', c.id)).find((r) => r.id === sourceId);
    assert.equal(provided!.fields.legalRepresentativeCode, me.code);

    // The provider corrects the source to 一般 (on a recorded review decision, W3): the person's
    // record follows, no longer current.
    const changeBasis = await externalDecision(t, sourceId);
    await push(t, 'HA-GSJ', [
      penalty(
        id,
        c,
        { severity: '一般', reason: '复核后调整为一般失信', changeBasis },
        { legalRepresentative: me.name, legalRepresentativeCode: me.code },
      ),
    ]);
    const [after] = await mine();
    assert.deepEqual([after!.state, after!.stateBasis, after!.severity], ['removed', 'B26', '一般']);
  });

  it('W5, B26: 一般 and 较重 records of an organization reach no one; the same record marked 严重 does', async () => {
    const c = company();
    const representative = c.attributes.legalRepresentativeId as string;
    const code = newcomer();
    const fields = { legalRepresentative: '赵一般', legalRepresentativeCode: code };
    const result = await push(t, 'HA-GSJ', [
      penalty(nextId('P'), c, { severity: '一般' }, fields),
      penalty(nextId('P'), c, { severity: '较重' }, fields),
    ]);
    assert.equal(result.summary.created, 2, JSON.stringify(result.results));
    assert.equal((await derivedOf(representative)).length, 0);
    assert.equal(
      await t.ctx.subjects.findByCode(code),
      undefined,
      'nobody registered for a record that reaches no one',
    );

    const severe = await push(t, 'HA-GSJ', [penalty(nextId('P'), c, {}, fields)]);
    const [one, ...more] = await derivedOf(representative);
    assert.equal(more.length, 0);
    assert.equal(one!.derived_from, severe.results[0]!.recordId);
    const named = (await t.ctx.subjects.findByCode(code))!;
    assert.equal((await derivedOf(named.id)).length, 1);
  });

  it('W5, B26, B27: a correction of the source to 一般 ends the person’s record as current, a correction back revives it, and the source’s expiry ends it', async () => {
    const c = company();
    const representative = c.attributes.legalRepresentativeId as string;
    const code = (await t.ctx.subjects.findById(representative))!.code;
    const id = nextId('P');
    // 严重, identified 2024-01-10: valid for 3 years (B27)
    const first = await push(t, 'HA-GSJ', [penalty(id, c, { identifiedOn: '2024-01-10' })]);
    assert.equal(first.results[0]!.outcome, 'created', JSON.stringify(first.results[0]));
    const state = async () => {
      const view = await providerView('HA-GSJ', representative);
      const r = view.find((x) => x.derivedFrom?.organization?.id === c.id)!;
      return [r.state, r.stateBasis, r.severity];
    };
    assert.deepEqual(await state(), ['current', null, '严重']);

    // lowering the severity rests on a recorded review decision (W3)
    const lowered = await externalDecision(t, first.results[0]!.recordId!, '淮政复决〔2026〕31号');
    await push(t, 'HA-GSJ', [
      penalty(id, c, {
        identifiedOn: '2024-01-10',
        severity: '一般',
        reason: '复核后调整为一般失信',
        changeBasis: lowered,
      }),
    ]);
    assert.deepEqual(await state(), ['removed', 'B26', '一般']);
    // to anyone else it is no longer served
    const others = await read(code);
    assert.equal(
      others.records.some((r) => r.derivedFrom?.organization?.id === c.id),
      false,
    );
    assert.ok((others.withheld.REMOVED ?? 0) >= 1);
    const versions = await derivedOf(representative);
    assert.deepEqual(
      versions.map((v) => [Number(v.version), Number(v.derived_ended)]),
      [
        [1, 0],
        [2, 1],
      ],
      'versioned with its source, never edited',
    );
    assert.match(versions[1]!.reason!, /^B26/);

    // and so does taking that back (W3: a decision-backed version is not undone by a plain correction)
    const restored = await externalDecision(t, first.results[0]!.recordId!, '淮政复决〔2026〕32号');
    await push(t, 'HA-GSJ', [
      penalty(id, c, { identifiedOn: '2024-01-10', reason: '复议后恢复为严重失信', changeBasis: restored }),
    ]);
    assert.deepEqual(await state(), ['current', null, '严重']);

    // The source's validity ends three years on (B27): after it, the person's record is expired too.
    const [source] = await db()
      .selectFrom('records')
      .select('validity_ends_on')
      .where('id', '=', first.results[0]!.recordId!)
      .execute();
    assert.equal(source!.validity_ends_on, '2027-01-10');
    setClock('2027-01-11T08:00:00.000Z');
    assert.deepEqual(await state(), ['expired', 'B27', '严重']);
  });

  it('W5, B26, B27: a correction pushed after the source expired is followed, not ended: the named person’s record stays, expired with it', async () => {
    setClock('2025-01-06T08:00:00.000Z');
    const c = company();
    const code = newcomer();
    const id = nextId('P');
    const fields = { legalRepresentative: '钱后补', legalRepresentativeCode: code };
    await push(t, 'HA-GSJ', [penalty(id, c, { identifiedOn: '2024-06-03' }, fields)]);
    const named = (await t.ctx.subjects.findByCode(code))!;
    setClock('2027-07-01T08:00:00.000Z');
    const corrected = await push(t, 'HA-GSJ', [
      penalty(
        id,
        c,
        { identifiedOn: '2024-06-03', reason: '补正处罚内容' },
        { ...fields, penaltyContent: '罚款人民币五万元' },
      ),
    ]);
    assert.equal(corrected.results[0]!.outcome, 'new_version', JSON.stringify(corrected.results[0]));
    const versions = await derivedOf(named.id);
    assert.deepEqual(
      versions.map((v) => [Number(v.version), Number(v.derived_ended), v.derived_from]),
      [
        [1, 0, versions[0]!.derived_from],
        [2, 0, corrected.results[0]!.recordId],
      ],
    );
    const view = (await providerView('HA-GSJ', named.id)).map((r) => [r.state, r.stateBasis]);
    assert.deepEqual(view, [['expired', 'B27']]);
  });

  it('W5, B26, A12: a person’s record of a black-list entry follows the entry: past its removal date it is expired', async () => {
    const c = company();
    const representative = c.attributes.legalRepresentativeId as string;
    const pushed = await push(t, 'HA-GSJ', [blackOrg(nextId('B'), c, {}, { validUntil: '2026-12-31' })]);
    assert.equal(pushed.results[0]!.outcome, 'created', JSON.stringify(pushed.results[0]));
    const state = async () =>
      (await providerView('HA-GSJ', representative))
        .filter((r) => r.derivedFrom?.organization?.id === c.id)
        .map((r) => [r.item, r.state, r.stateBasis]);
    assert.deepEqual(await state(), [['blacklist-organization', 'current', null]]);
    setClock('2027-01-02T08:00:00.000Z');
    assert.deepEqual(await state(), [['blacklist-organization', 'expired', 'A12']]);
  });

  it('W5, B26, A14(13): an associated black entry still decides a check of the person; a 严重 penalty written to them makes no list entry and no measure by itself', async () => {
    const key = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-RSJ',
        permissions: ['checks.run'],
        label: '招聘审查系统',
        createdBy: 'test',
      })
    ).key;
    const check = async (s: DemoSubject) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/checks',
        headers: { authorization: `Bearer ${key}` },
        payload: {
          scenario: 'recruitment',
          purpose: '招聘资格审查',
          subjects: [{ code: s.code, name: s.name }],
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().results[0].decision as string;
    };
    const penalized = company();
    const penalizedRep = (await demoSubjects(t, 'person', () => true)).find(
      (p) => p.id === penalized.attributes.legalRepresentativeId,
    )!;
    await push(t, 'HA-GSJ', [penalty(nextId('P'), penalized)]);
    assert.equal((await derivedOf(penalizedRep.id)).length, 1, 'the record is written to the person');
    assert.equal((await entriesOf(penalizedRep.id)).length, 0);
    assert.equal(await check(penalizedRep), 'none');

    const blacklisted = company();
    const blacklistedRep = (await demoSubjects(t, 'person', () => true)).find(
      (p) => p.id === blacklisted.attributes.legalRepresentativeId,
    )!;
    await push(t, 'HA-GSJ', [blackOrg(nextId('B'), blacklisted)]);
    assert.equal((await derivedOf(blacklistedRep.id)).length, 1);
    assert.equal(await check(blacklistedRep), 'block');
  });

  it('W5, B26, A20: a person’s record is under row digests, and no provider can push, version or collide with one (RECORD_ID_RESERVED)', async () => {
    const c = company();
    const representative = c.attributes.legalRepresentativeId as string;
    await push(t, 'HA-GSJ', [penalty(nextId('P'), c)]);
    const [derived] = await derivedOf(representative);
    const reserved = await push(t, 'HA-GSJ', [
      penalty(derived!.provider_record_id, c, { reason: '试图修改' }),
    ]);
    assert.deepEqual(
      reserved.results[0]!.errors?.map((e) => e.code),
      ['RECORD_ID_RESERVED'],
    );
    assert.equal((await derivedOf(representative)).length, 1);

    await sql`update records set derived_ended = 1 where id = ${derived!.id}`.execute(db());
    const report = await t.ctx.audit.verify();
    assert.deepEqual(
      report.rowProblems.map((p) => [p.table, p.id, p.reason]),
      [['records', derived!.id, 'row_digest_mismatch']],
    );
    await sql`update records set derived_ended = 0 where id = ${derived!.id}`.execute(db());
    assert.equal((await t.ctx.audit.verify()).ok, true);
  });
});
