/**
 * The lists HTTP routes (issue 5 point 1): a single decision as a form, entries with history, the
 * department inbox (A4, A11), relations for B26, list types as data.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { citizenId } from '../catalog/test-support.ts';
import {
  blackOrg,
  blackPerson,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  redOrg,
  setClock,
} from './test-support.ts';

describeEachEngine('lists HTTP', (getStore) => {
  let t: TestApp;
  let companies: DemoSubject[];
  let persons: DemoSubject[];
  const keys: Record<string, string> = {};
  const session: Record<string, Record<string, string>> = {};

  before(async () => {
    setClock('2026-11-26T08:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 30, organizations: 30 });
    companies = await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise');
    persons = await demoSubjects(t, 'person');
    for (const [department, permissions] of [
      ['HA-GSJ', ['records.write', 'inbox.read', 'lists.read']],
      ['HA-FGW', ['records.write', 'inbox.read', 'lists.read']],
    ] as const) {
      keys[department] = (
        await t.ctx.accountsAdmin.issueApiKey({
          departmentCode: department,
          permissions: [...permissions],
          label: 'test',
          createdBy: 'test',
        })
      ).key;
    }
    for (const login of ['demo.office', 'demo.center']) {
      session[login] = await signIn(t.app, login);
    }
  });
  after(() => t.close());

  const as = (department: string, purpose = true) => ({
    authorization: `Bearer ${keys[department]}`,
    ...(purpose ? { 'x-purpose': encodeURIComponent('名单核查测试') } : {}),
  });

  it('W8, B2: the decision form states the ground of a 17-year-old living on their own labour; without it the refusal says so', async () => {
    const teen = { code: citizenId('20090601', '779'), name: '李小红' };
    const post = (selfSupporting?: boolean) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/lists/decisions',
        headers: as('HA-GSJ'),
        payload: blackPerson(
          'W8-FORM',
          { ...teen },
          {
            subject: { ...teen, ...(selfSupporting === undefined ? {} : { selfSupporting }) },
          },
        ),
      });
    const refused = await post();
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().error.details.errors[0].code, 'RECORD_SUBJECT_MINOR');
    const accepted = await post(true);
    assert.equal(accepted.statusCode, 201, accepted.body);
  });

  it('POST /api/v1/lists/decisions records a black list decision and reports the A4 removals and notices', async () => {
    const c = companies[0]!;
    const red = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lists/decisions',
      headers: as('HA-FGW'),
      payload: redOrg('R-1', c),
    });
    assert.equal(red.statusCode, 201, red.body);
    const redEntry = red.json().entry;
    assert.equal(redEntry.listType, 'red');
    assert.equal(redEntry.state, 'effective');

    const black = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lists/decisions',
      headers: as('HA-GSJ'),
      payload: blackOrg('B-1', c),
    });
    assert.equal(black.statusCode, 201, black.body);
    const body = black.json();
    assert.equal(body.outcome, 'created');
    assert.equal(body.entry.polarity, 'black');
    assert.equal(body.entry.ground, 'A6(2)');
    assert.deepEqual(body.removedFromRedLists, [redEntry.id]);
    assert.ok(
      body.notifications.some(
        (n: { article: string; recipientDepartment: string }) =>
          n.article === 'A4' && n.recipientDepartment === 'HA-FGW',
      ),
    );
    assert.ok(body.associatedEntries.length >= 1, 'B26: the legal representative of a 严重 organization');

    // the same decision again: unchanged, nothing duplicated
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lists/decisions',
      headers: as('HA-GSJ'),
      payload: blackOrg('B-1', c),
    });
    assert.equal(again.json().outcome, 'unchanged');

    // the red list owner finds the notice in its inbox and marks it read
    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inbox?unread=true',
      headers: as('HA-FGW', false),
    });
    assert.equal(inbox.statusCode, 200, inbox.body);
    const notice = inbox.json().notifications.find((n: { article: string }) => n.article === 'A4');
    assert.ok(notice);
    assert.equal(notice.body.redEntryId, redEntry.id);
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inbox/${notice.id}/read`,
      headers: as('HA-FGW', false),
    });
    assert.equal(read.statusCode, 204, read.body);
    const unread = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inbox?unread=true',
      headers: as('HA-FGW', false),
    });
    assert.ok(!unread.json().notifications.some((n: { id: string }) => n.id === notice.id));
    // another department cannot read or mark it
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inbox/${notice.id}/read`,
      headers: as('HA-GSJ', false),
    });
    assert.equal(foreign.statusCode, 404);

    // the removed red entry with its history
    const entry = await t.app.inject({
      method: 'GET',
      url: `/api/v1/lists/entries/${redEntry.id}`,
      headers: as('HA-FGW'),
    });
    assert.equal(entry.statusCode, 200, entry.body);
    assert.equal(entry.json().entry.state, 'removed');
    assert.deepEqual(
      entry.json().events.map((e: { kind: string }) => e.kind),
      ['listed', 'removed_cross_check'],
    );
  });

  it('a refused decision is 422 LIST_DECISION_REFUSED with the row errors; a non-list item is 400', async () => {
    const c = companies[1]!;
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lists/decisions',
      headers: as('HA-GSJ'),
      payload: blackOrg('B-2', c, { severity: undefined, identifiedOn: '2030-01-01' }),
    });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.equal(bad.json().error.code, 'LIST_DECISION_REFUSED');
    const codes = bad.json().error.details.errors.map((e: { code: string }) => e.code);
    assert.ok(codes.length >= 2, bad.body);
    const notList = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lists/decisions',
      headers: as('HA-GSJ'),
      payload: { ...blackOrg('B-3', c), item: 'admin-penalty' },
    });
    assert.equal(notList.statusCode, 400);
    assert.equal(notList.json().error.code, 'LIST_ITEM_REQUIRED');
  });

  it('GET /api/v1/lists/entries filters by list type, state and subject; staff must state a purpose (B33)', async () => {
    const none = await t.app.inject({
      method: 'GET',
      url: '/api/v1/lists/entries',
      headers: as('HA-GSJ', false),
    });
    assert.equal(none.statusCode, 403);
    assert.equal(none.json().error.code, 'PURPOSE_REQUIRED');
    const black = await t.app.inject({
      method: 'GET',
      url: '/api/v1/lists/entries?listType=black&state=effective',
      headers: as('HA-GSJ'),
    });
    assert.equal(black.statusCode, 200, black.body);
    assert.ok(black.json().entries.length >= 1);
    assert.ok(
      black
        .json()
        .entries.every(
          (e: { listType: string; state: string }) => e.listType === 'black' && e.state === 'effective',
        ),
    );
    const bySubject = await t.app.inject({
      method: 'GET',
      url: `/api/v1/lists/entries?subjectCode=${companies[0]!.code}`,
      headers: as('HA-GSJ'),
    });
    assert.deepEqual(
      bySubject
        .json()
        .entries.map((e: { listType: string }) => e.listType)
        .sort(),
      ['black', 'red'],
    );
  });

  it('relations (B26): the center links a responsible person; the next severe entry is written to them', async () => {
    const c = companies[2]!;
    const p = persons.find((x) => x.id !== c.attributes.legalRepresentativeId)!;
    const url = `/api/v1/subjects/${c.code}/relations`;
    const add = await t.app.inject({
      method: 'POST',
      url,
      headers: session['demo.center']!,
      payload: { person: { code: p.code, name: p.name }, role: 'responsible' },
    });
    assert.equal(add.statusCode, 201, add.body);
    const again = await t.app.inject({
      method: 'POST',
      url,
      headers: session['demo.center']!,
      payload: { person: { code: p.code, name: p.name }, role: 'responsible' },
    });
    assert.equal(again.statusCode, 200);
    const badCode = await t.app.inject({
      method: 'POST',
      url,
      headers: session['demo.center']!,
      payload: { person: { code: '320812199003071230', name: '某' }, role: 'responsible' },
    });
    assert.equal(badCode.statusCode, 400);
    assert.equal(badCode.json().error.code, 'RELATION_PERSON_CODE_INVALID');
    const list = await t.app.inject({ method: 'GET', url, headers: as('HA-GSJ') });
    assert.deepEqual(
      list
        .json()
        .relations.map((r: { role: string }) => r.role)
        .sort(),
      ['legal_representative', 'responsible'],
    );

    const black = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lists/decisions',
      headers: as('HA-GSJ'),
      payload: blackOrg('B-9', c),
    });
    assert.equal(black.statusCode, 201, black.body);
    assert.equal(black.json().associatedEntries.length, 2);
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/lists/entries?subjectCode=${p.code}`,
      headers: as('HA-GSJ'),
    });
    const [entry] = mine.json().entries;
    assert.equal(entry.origin, 'associated');
    assert.equal(entry.relationRole, 'responsible');
  });

  it('list types are data: the credit office adds 重点关注名单-like types; duplicates are 409', async () => {
    const type = {
      code: 'key-watch',
      name: '安全生产重点关注名单',
      nameEn: 'work safety watch list',
      polarity: 'watch',
      description: '安全生产领域重点关注对象',
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/list-types',
      headers: session['demo.office']!,
      payload: type,
    });
    assert.equal(res.statusCode, 201, res.body);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/list-types',
      headers: session['demo.office']!,
      payload: type,
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'LIST_TYPE_EXISTS');
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/list-types' });
    assert.ok(all.json().listTypes.some((x: { code: string }) => x.code === 'key-watch'));
  });
});
