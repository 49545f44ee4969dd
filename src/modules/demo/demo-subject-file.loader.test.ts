/**
 * Issue 17: demo.person's own file, through the real intake — every kind of record the subject's pages
 * explain (scopes, states, a negative record), and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, relaxedPolicy, signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { loadDemoData } from './demo.loader.ts';
import { DEMO_SUBJECT_FILE, loadDemoSubjectFile } from './demo-subject-file.loader.ts';

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

    // The current penalty is negative information its subject may ask to repair (B31).
    const penalty = records.find((r) => r.item === 'admin-penalty' && r.state === 'current') as unknown as {
      id: string;
    };
    const eligibility = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/repairs/eligibility?recordId=${penalty.id}`,
      headers: person,
    });
    assert.equal(eligibility.statusCode, 200, eligibility.body);
    assert.equal(eligibility.json().path, 'B31');
  });

  it('issue 17: loading the file again changes nothing', async () => {
    assert.deepEqual(await loadDemoSubjectFile(t.ctx), { created: 0 });
  });
});
