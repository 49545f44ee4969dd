/**
 * Issue 17: demo.person's own file, through the real intake — every kind of record the subject's pages
 * explain (scopes, states, a negative record), and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, relaxedPolicy, signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { loadDemoData } from './demo.loader.ts';
import { DEMO_OBJECTION, DEMO_SUBJECT_FILE, loadDemoSubjectFile } from './demo-subject-file.loader.ts';

describeEachEngine('demo: demo.person’s own file', (getStore) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(getStore(), {
      now: () => '2026-11-26T08:00:00.000Z',
      policy: await relaxedPolicy(),
    });
    await loadDemoData(t.ctx, { persons: 4, organizations: 2 });
  });
  after(async () => t.close());

  it('issue 17, B18, B27: demo.person reads records of every scope, one expired, and negative ones to object to or repair', async () => {
    assert.deepEqual(await loadDemoSubjectFile(t.ctx), { created: DEMO_SUBJECT_FILE.length });
    const person = await signIn(t.app, 'demo.person');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/records', headers: person });
    assert.equal(res.statusCode, 200, res.body);
    const records = res.json().records as Array<{ item: string; usageScope: string; state: string }>;
    assert.equal(records.length, DEMO_SUBJECT_FILE.length);
    assert.deepEqual(
      new Set(records.map((r) => r.usageScope)),
      new Set(['public', 'government', 'authorized']),
    );
    assert.deepEqual(
      records.filter((r) => r.state === 'expired').map((r) => r.item),
      ['admin-penalty'],
      'the 2025 penalty is past its year (B27)',
    );
    assert.equal(records.filter((r) => r.state === 'current').length, DEMO_SUBJECT_FILE.length - 1);

    // B31: the public penalty waits for its 3 months of publication, counted from the day it was
    // loaded; the never-published social insurance arrears may be applied for once a correction date
    // is stated, the provider judging the rest.
    const idOf = (item: string) =>
      (records.find((r) => r.item === item && r.state === 'current') as unknown as { id: string }).id;
    const eligibility = async (item: string, query = '') => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/me/repairs/eligibility?recordId=${idOf(item)}${query}`,
        headers: person,
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const penalty = await eligibility('admin-penalty', '&correctedOn=2026-11-20');
    assert.equal(penalty.path, 'B31');
    assert.equal(penalty.verdict, 'not_yet');
    assert.equal(penalty.earliestDate, '2027-02-26', 'three months after 2026-11-26, the day it was loaded');
    for (const item of ['social-insurance-arrears', 'wage-arrears']) {
      const answer = await eligibility(item, '&correctedOn=2026-11-20');
      assert.equal(answer.verdict, 'needs_judgement', `${item}: ${JSON.stringify(answer.conditions)}`);
    }
  });

  it('issue 17, A15–A16: an objection to the basic information is under review, its receipt in the inbox', async () => {
    const person = await signIn(t.app, 'demo.person');
    const objections = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me/objections', headers: person })
    ).json().objections;
    assert.equal(objections.length, 1);
    assert.equal(objections[0].state, 'review');
    assert.equal(objections[0].filedVia, 'center');
    assert.equal(objections[0].explanation, DEMO_OBJECTION.explanation);
    const inbox = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me/inbox?unread=true', headers: person })
    ).json();
    assert.equal(inbox.unread, 1);
    assert.equal(inbox.notices[0].kind, 'objection.filed');
  });

  it('issue 17: loading the file again changes nothing', async () => {
    assert.deepEqual(await loadDemoSubjectFile(t.ctx), { created: 0 });
    const person = await signIn(t.app, 'demo.person');
    const objections = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me/objections', headers: person })
    ).json().objections;
    assert.equal(objections.length, 1, 'no second objection');
  });
});
