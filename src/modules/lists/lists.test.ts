/**
 * Red and black lists through intake (issue 5 points 1–3): entries from pushed decisions, the A4
 * cross-check, A11 notifications, B26 propagation, validity (A12, B27), and the outbox.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { fromJson } from '../../platform/db/engine.ts';
import type { TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { isEffective } from './list-rules.ts';
import { dispatchNotifications, inboxOf, pendingCount } from './notifications.repository.ts';
import {
  blackOrg,
  blackPerson,
  type DemoSubject,
  demoSubjects,
  externalDecision,
  listsTestApp,
  push,
  redOrg,
  redPerson,
  setClock,
} from './test-support.ts';

describeEachEngine('lists: entries, A4 cross-check, A11 and B26', (getStore) => {
  let t: TestApp;
  let companies: DemoSubject[];
  let persons: DemoSubject[];
  let n = 0;
  const nextId = (prefix: string) => `${prefix}-${++n}`;
  const company = () => companies.shift()!;
  const person = () => persons.shift()!;

  before(async () => {
    setClock('2026-11-26T08:00:00.000Z');
    t = await listsTestApp(getStore());
    companies = await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise');
    persons = await demoSubjects(t, 'person', (a) => a.employerDepartmentCode === undefined);
  });
  after(() => t.close());
  beforeEach(() => setClock('2026-11-26T08:00:00.000Z'));

  const db = () => t.ctx.store.db;
  const entriesOf = (subjectId: string) =>
    db()
      .selectFrom('list_entries')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('created_at')
      .execute();
  const notificationsOf = (entryId: string) =>
    db().selectFrom('notifications').selectAll().where('entry_id', '=', entryId).execute();

  it('a pushed list decision becomes an entry with its coded ground, dates and an event (A5, A6, A12)', async () => {
    const c = company();
    const result = await push(t, 'HA-GSJ', [blackOrg(nextId('B'), c)]);
    assert.equal(result.results[0]!.outcome, 'created', JSON.stringify(result.results[0]));
    const [entry] = await entriesOf(c.id);
    assert.equal(entry!.list_type, 'black');
    assert.equal(entry!.ground, 'A6(2)');
    assert.equal(entry!.valid_until, '2029-11-19');
    assert.equal(
      entry!.validity_ends_on,
      '2029-11-20',
      'B27: 严重 → 3 years from 2026-11-20 (policy counting)',
    );
    assert.equal(entry!.status, 'active');
    const events = await db()
      .selectFrom('list_entry_events')
      .selectAll()
      .where('entry_id', '=', entry!.id)
      .execute();
    assert.deepEqual(
      events.map((e) => [e.kind, e.article]),
      [['listed', 'A6']],
    );
  });

  it('A4: black-listing a red-listed subject removes every red entry, with the reason, and tells each owner', async () => {
    const c = company();
    await push(t, 'HA-FGW', [redOrg(nextId('R'), c)]);
    await push(t, 'HA-JRB', [
      redOrg(nextId('R'), c, { providerRecordId: nextId('R') }, { honorName: '守信企业' }),
    ]);
    const reds = await entriesOf(c.id);
    assert.equal(reds.length, 2);
    assert.ok(reds.every((e) => e.status === 'active'));

    setClock('2026-11-27T02:00:00.000Z');
    await push(t, 'HA-GSJ', [blackOrg(nextId('B'), c)]);
    const after = await entriesOf(c.id);
    const black = after.find((e) => e.list_type === 'black')!;
    for (const red of after.filter((e) => e.list_type === 'red')) {
      assert.equal(red.status, 'removed');
      assert.equal(red.removed_by_entry, black.id);
      assert.match(red.status_reason!, /^A4：该主体已列入失信黑名单/);
      const events = await db()
        .selectFrom('list_entry_events')
        .selectAll()
        .where('entry_id', '=', red.id)
        .execute();
      assert.ok(events.some((e) => e.kind === 'removed_cross_check' && e.article === 'A4'));
      const notices = await notificationsOf(red.id);
      assert.equal(notices.length, 1);
      assert.equal(notices[0]!.recipient_department, red.provider_department, 'the red list owner is told');
      assert.equal(notices[0]!.article, 'A4');
    }
    // the audit trail names the change
    const audit = await db()
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'lists.changed')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    assert.equal(fromJson<{ removedByA4: number }>(audit!.detail).removedByA4, 2);
  });

  it('A4: a red list push for a subject with an effective black entry is refused with REDLIST_SUBJECT_BLACKLISTED', async () => {
    const c = company();
    await push(t, 'HA-GSJ', [blackOrg(nextId('B'), c)]);
    const result = await push(t, 'HA-FGW', [redOrg(nextId('R'), c)]);
    assert.equal(result.results[0]!.outcome, 'refused');
    assert.equal(result.results[0]!.errors![0]!.code, 'REDLIST_SUBJECT_BLACKLISTED');
    assert.equal(result.results[0]!.errors![0]!.field, 'subject.code');
    // issue 15, A15–A16: the refusal names the objection procedure's endpoints, now that they exist
    assert.match(result.results[0]!.errors![0]!.message, /POST \/api\/v1\/me\/objections.*cross_check/);
    assert.match(result.results[0]!.errors![0]!.messageEn, /POST \/api\/v1\/objections/);
    assert.equal((await entriesOf(c.id)).filter((e) => e.list_type === 'red').length, 0, 'nothing stored');
  });

  it('W11, A8(1): a black-list row for a person without 工作单位 is refused and lists nobody; 无 is accepted', async () => {
    const p = person();
    const refused = await push(t, 'HA-FY', [blackPerson(nextId('BP'), p, {}, { employer: undefined })]);
    assert.equal(refused.results[0]!.outcome, 'refused');
    assert.deepEqual(
      refused.results[0]!.errors!.map((e) => [e.code, e.field]),
      [['CATALOG_FIELD_MISSING', 'fields.employer']],
    );
    assert.match(refused.results[0]!.errors![0]!.message, /没有的，请填写“无”/);
    assert.equal((await entriesOf(p.id)).length, 0, 'nothing stored');
    const accepted = await push(t, 'HA-FY', [blackPerson(nextId('BP'), p, {}, { employer: '无' })]);
    assert.equal(accepted.results[0]!.outcome, 'created', JSON.stringify(accepted.results[0]));
    assert.equal((await entriesOf(p.id)).length, 1);
  });

  it('A4: black and red rows for one subject in the same batch end with the red entry removed', async () => {
    const c = company();
    await push(t, 'HA-FGW', [
      redOrg(nextId('R'), c),
      blackOrg(nextId('B'), c, { providerRecordId: nextId('B') }),
    ]);
    const entries = await entriesOf(c.id);
    assert.equal(entries.find((e) => e.list_type === 'red')!.status, 'removed');
    assert.equal(entries.find((e) => e.list_type === 'black')!.status, 'active');
  });

  it('A4: an expired black entry blocks nothing and removes nothing (A12, B27)', async () => {
    const c = company();
    // identified long ago: 一般 → valid 1 year (B27), so it no longer counts
    setClock('2024-03-05T02:00:00.000Z');
    await push(t, 'HA-GSJ', [
      blackOrg(
        nextId('B'),
        c,
        { severity: '一般', identifiedOn: '2024-03-01' },
        { validUntil: '2025-02-28' },
      ),
    ]);
    setClock('2026-11-26T08:00:00.000Z');
    const [black] = await entriesOf(c.id);
    assert.equal(isEffective(black!, '2026-11-26'), false);
    const result = await push(t, 'HA-FGW', [redOrg(nextId('R'), c)]);
    assert.equal(result.results[0]!.outcome, 'created', 'an expired black entry does not block a red list');
  });

  it('same code, another name: the entry is written, the conflict flagged for review and noted on the event', async () => {
    const c = company();
    const result = await push(t, 'HA-GSJ', [
      blackOrg(nextId('B'), { code: c.code, name: `${c.name}（原名）` }),
    ]);
    assert.ok(
      result.results[0]!.warnings?.some((w) => w.code === 'SUBJECT_NAME_CONFLICT'),
      JSON.stringify(result.results[0]),
    );
    const [entry] = await entriesOf(c.id);
    const [event] = await db()
      .selectFrom('list_entry_events')
      .selectAll()
      .where('entry_id', '=', entry!.id)
      .execute();
    assert.equal(fromJson<{ nameConflict: boolean }>(event!.detail).nameConflict, true);
    const conflicts = await db()
      .selectFrom('subject_name_conflicts')
      .selectAll()
      .where('subject_id', '=', c.id)
      .execute();
    assert.equal(conflicts.length, 1);
  });

  it('a new version of the decision updates the entry and records why; it is still one entry', async () => {
    const c = company();
    const id = nextId('B');
    await push(t, 'HA-GSJ', [blackOrg(id, c)]);
    await push(t, 'HA-GSJ', [blackOrg(id, c, { reason: '移出日期更正' }, { validUntil: '2030-05-31' })]);
    const entries = await entriesOf(c.id);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.valid_until, '2030-05-31');
    const events = await db()
      .selectFrom('list_entry_events')
      .selectAll()
      .where('entry_id', '=', entries[0]!.id)
      .orderBy('at')
      .execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['listed', 'updated'],
    );
    assert.equal(fromJson<{ reason: string }>(events[1]!.detail).reason, '移出日期更正');
  });

  it('A11: a black-listed state employee is reported to the employer', async () => {
    const [employee] = await demoSubjects(t, 'person', (a) => typeof a.employerDepartmentCode === 'string');
    assert.ok(employee, 'the demo data has state employees');
    await push(t, 'HA-FY', [blackPerson(nextId('BP'), employee!, {}, { stateEmployee: '是' })]);
    const [entry] = await entriesOf(employee!.id);
    const notices = await notificationsOf(entry!.id);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.kind, 'blacklist.state_employee');
    assert.equal(notices[0]!.article, 'A11');
    assert.equal(notices[0]!.recipient_department, employee!.attributes.employerDepartmentCode);
  });

  it('W6, A11: the employer the decision names wins over a stale registered one', async () => {
    const [employee] = await demoSubjects(
      t,
      'person',
      (a) => typeof a.employerDepartmentCode === 'string' && a.employerDepartmentCode !== 'HA-CZJ',
    );
    assert.ok(employee, 'the demo data has state employees');
    const pushed = await push(t, 'HA-FY', [
      blackPerson(nextId('BP'), employee!, {}, { stateEmployee: '是', employer: '淮安市财政局' }),
    ]);
    const entry = (await entriesOf(employee!.id)).find((e) => e.record_id === pushed.results[0]!.recordId);
    assert.deepEqual(
      (await notificationsOf(entry!.id)).map((n) => n.recipient_department),
      ['HA-CZJ'],
      'the named employer, not the registered one',
    );
  });

  it('W6, A11: a correction that makes the person a state employee, or names another employer, tells that employer then; a plain correction tells no one again', async () => {
    const p = person();
    const id = nextId('BP');
    const version = async (fields: Record<string, unknown>, reason?: string) => {
      const result = await push(t, 'HA-FY', [blackPerson(id, p, reason ? { reason } : {}, fields)]);
      assert.match(result.results[0]!.outcome, /created|new_version/, JSON.stringify(result.results[0]));
    };
    await version({ stateEmployee: '否' });
    const [entry] = await entriesOf(p.id);
    assert.deepEqual(await notificationsOf(entry!.id), [], 'not a state employee: no one to tell');
    await version({ stateEmployee: '是', employer: '国家税务总局淮安市税务局' }, '更正：系国家工作人员');
    await version({ stateEmployee: '是', employer: '淮安市财政局' }, '更正：工作单位');
    await version(
      {
        stateEmployee: '是',
        employer: '淮安市财政局',
        facts: '拒不履行（2025）苏0812民初789号民事判决（更正案号）',
      },
      '更正：失信事实',
    );
    const notices = await notificationsOf(entry!.id);
    assert.deepEqual(
      notices.map((n) => [n.article, n.recipient_department, n.title]),
      [
        ['A11', 'HA-TAX', '通报（更正后）：国家工作人员列入失信黑名单（A11）'],
        ['A11', 'HA-CZJ', '通报（更正后）：国家工作人员列入失信黑名单（A11）'],
      ],
    );
    assert.equal(fromJson<{ correctedInVersion: number }>(notices[0]!.body).correctedInVersion, 2);
    // Employers the platform does not know go to the credit center to forward, each once, by name.
    await version({ stateEmployee: '是', employer: '外省某局' }, '更正：工作单位');
    await version({ stateEmployee: '是', employer: '外省另一局' }, '更正：工作单位');
    await version(
      { stateEmployee: '是', employer: '外省另一局', facts: '更正后的失信事实' },
      '更正：失信事实',
    );
    const forwarded = (await notificationsOf(entry!.id)).slice(2);
    assert.deepEqual(
      forwarded.map((n) => [n.recipient_department, fromJson<{ employer: string }>(n.body).employer]),
      [
        ['HA-XYZX', '外省某局'],
        ['HA-XYZX', '外省另一局'],
      ],
    );
  });

  it('A11: an employer named by the row is matched to a department; unknown ones go to the credit center to forward', async () => {
    const p1 = person();
    await push(t, 'HA-FY', [
      blackPerson(nextId('BP'), p1, {}, { stateEmployee: '是', employer: '国家税务总局淮安市税务局' }),
    ]);
    const [e1] = await entriesOf(p1.id);
    const [n1] = await notificationsOf(e1!.id);
    assert.equal(n1!.recipient_department, 'HA-TAX');
    const p2 = person();
    await push(t, 'HA-FY', [
      blackPerson(nextId('BP'), p2, {}, { stateEmployee: '是', employer: '外省某局' }),
    ]);
    const [e2] = await entriesOf(p2.id);
    const [n2] = await notificationsOf(e2!.id);
    assert.equal(n2!.recipient_department, 'HA-XYZX', 'the credit center forwards');
    assert.equal(fromJson<{ forward: boolean }>(n2!.body).forward, true);
    const p3 = person();
    await push(t, 'HA-FY', [blackPerson(nextId('BP'), p3)]);
    const [e3] = await entriesOf(p3.id);
    assert.equal((await notificationsOf(e3!.id)).length, 0, 'not a state employee: no A11 notice');
  });

  it('A11: a black-listed state-owned enterprise or public institution is reported to its superior', async () => {
    const [soe] = await demoSubjects(t, 'organization', (a) => typeof a.superiorDepartmentCode === 'string');
    assert.ok(soe, 'the demo data has units with a superior');
    await push(t, 'HA-GSJ', [blackOrg(nextId('B'), soe!, {}, { unitNature: '国有企业' })]);
    const [entry] = await entriesOf(soe!.id);
    const notices = await notificationsOf(entry!.id);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.kind, 'blacklist.public_unit');
    assert.equal(notices[0]!.recipient_department, soe!.attributes.superiorDepartmentCode);
    const ordinary = company();
    await push(t, 'HA-GSJ', [blackOrg(nextId('B'), ordinary)]);
    const [e2] = await entriesOf(ordinary.id);
    assert.equal((await notificationsOf(e2!.id)).length, 0, 'an ordinary enterprise: no A11 notice');
  });

  it('B26: a severe organization entry is written to its legal representative and registered responsible persons', async () => {
    const c = company();
    const representative = c.attributes.legalRepresentativeId as string;
    assert.ok(representative);
    const responsible = person();
    await t.app.ready();
    const lists = t.ctx.lists;
    await lists.relate(
      { kind: 'operator', name: 'test' },
      c.code,
      { code: responsible.code, name: responsible.name },
      'responsible',
    );
    const id = nextId('B');
    const pushed = await push(t, 'HA-GSJ', [blackOrg(id, c)]);
    const [source] = await entriesOf(c.id);
    const repEntries = await entriesOf(representative);
    assert.equal(repEntries.length, 1);
    assert.equal(repEntries[0]!.origin, 'associated');
    assert.equal(repEntries[0]!.relation_role, 'legal_representative');
    assert.equal(repEntries[0]!.source_entry_id, source!.id);
    const [resp] = await entriesOf(responsible.id);
    assert.equal(resp!.relation_role, 'responsible');

    // the source no longer severe → the associated entries are removed with the reason (B26 follows the source)
    // lowering the severity weakens the record: it rests on a recorded review decision (W3)
    const changeBasis = await externalDecision(t, pushed.results[0]!.recordId!);
    await push(t, 'HA-GSJ', [blackOrg(id, c, { severity: '较重', reason: '复核后调整为较重', changeBasis })]);
    const [afterRep] = await entriesOf(representative);
    assert.equal(afterRep!.status, 'removed');
    assert.match(afterRep!.status_reason!, /^B26/);
  });

  it('B26: a 一般 or 较重 organization entry, or a red list entry, is not written to anyone else', async () => {
    const c = company();
    await push(t, 'HA-GSJ', [blackOrg(nextId('B'), c, { severity: '较重' })]);
    assert.equal((await entriesOf(c.attributes.legalRepresentativeId as string)).length, 0);
    const c2 = company();
    await push(t, 'HA-FGW', [redOrg(nextId('R'), c2)]);
    assert.equal((await entriesOf(c2.attributes.legalRepresentativeId as string)).length, 0);
  });

  it('an all-or-nothing batch refused by A4 writes no entry, no event and no notice', async () => {
    const c = company();
    const c2 = company();
    await push(t, 'HA-GSJ', [blackOrg(nextId('B'), c)]);
    const before = await pendingCount(db());
    const result = await push(
      t,
      'HA-FGW',
      [redOrg(nextId('R'), c2), redOrg(nextId('R'), c, { providerRecordId: nextId('R') })],
      'all_or_nothing',
    );
    assert.equal(result.summary.created, 0);
    assert.equal((await entriesOf(c2.id)).length, 0);
    assert.equal(await pendingCount(db()), before);
  });

  it('the outbox: notices are pending until dispatched, then in the recipient inbox; nothing is lost in between', async () => {
    const c = company();
    await push(t, 'HA-FGW', [redOrg(nextId('R'), c)]);
    await push(t, 'HA-GSJ', [blackOrg(nextId('B'), c)]);
    assert.ok((await pendingCount(db())) > 0, 'written with the change, not yet delivered');
    const inboxBefore = await inboxOf(db(), 'HA-FGW', { limit: 500 });
    // a fresh dispatcher (as after a restart) delivers everything pending
    const delivered = await dispatchNotifications(db(), t.ctx.now, t.ctx.rowWriter);
    assert.ok(delivered > 0);
    assert.equal(await pendingCount(db()), 0);
    const inbox = await inboxOf(db(), 'HA-FGW', { limit: 500 });
    assert.ok(inbox.length > inboxBefore.length);
    assert.ok(inbox.some((n) => n.article === 'A4' && n.body.identifyingDepartment === 'HA-GSJ'));
    assert.equal(await dispatchNotifications(db(), t.ctx.now, t.ctx.rowWriter), 0, 'delivered once');
  });

  it('list types are data: the seeded red, black, debtor (A14(12)), e-commerce (D §5), rural red (A13(4)) and watch lists exist', async () => {
    const types = await db().selectFrom('list_types').select(['code', 'polarity']).orderBy('code').execute();
    assert.deepEqual(
      types.map((x) => [x.code, x.polarity]),
      [
        ['black', 'black'],
        ['debtor', 'black'],
        ['ec-black', 'black'],
        ['ec-red', 'red'],
        ['red', 'red'],
        ['rural-red', 'red'],
        ['watch', 'watch'],
      ],
    );
  });

  it('a red list entry for a person is written and is not touched by a black entry of another subject', async () => {
    const p = person();
    const other = person();
    await push(t, 'HA-FGW', [redPerson(nextId('RP'), p)]);
    await push(t, 'HA-FY', [blackPerson(nextId('BP'), other)]);
    const [red] = await entriesOf(p.id);
    assert.equal(red!.status, 'active');
  });
});
