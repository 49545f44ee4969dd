/**
 * The demo city's portal data (issue 17): licences, penalties and commitments of demo companies, and
 * one repair whose public notice (A19: 5 working days from the working day after the opinion) runs on
 * the day the demo is loaded — a Saturday included — so 修复公示 has a notice to object to. Both engines.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { listsTestApp, setClock } from '../lists/test-support.ts';
import { DEMO_REPAIR_ORGANIZATION, loadDemoPortal } from './demo-portal.loader.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

describeEachEngine('demo: the portal’s data (issue 17)', (getStore) => {
  let t: TestApp;
  before(async () => {
    // a Saturday: the last working day is Friday 12-11, the opinion's Thursday 12-10
    setClock('2026-12-12T02:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 60, organizations: DEMO_REPAIR_ORGANIZATION + 1 });
  });
  after(() => t.close());

  const get = async (url: string): Promise<Json> => {
    const res = await t.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  it('A19, B32: loaded on a Saturday, the demo repair is under public notice that day; its company’s page marks the entry 信用修复办理中', async () => {
    const loaded = await loadDemoPortal(t.ctx);
    assert.deepEqual(loaded, { created: 68, repairNotice: 'created' });
    const { notices } = await get('/api/v1/public/repair-notices');
    assert.equal(notices.length, 1, JSON.stringify(notices));
    const notice = notices[0] as Json;
    assert.deepEqual(
      [notice.opinion.on, notice.from, notice.until, notice.providerDepartment, notice.item],
      ['2026-12-10', '2026-12-11', '2026-12-17', 'HA-TAX', 'blacklist-organization'],
    );
    const [company] = await t.ctx.subjects
      .firstRegistered('organization', DEMO_REPAIR_ORGANIZATION + 1)
      .then((all) => all.slice(DEMO_REPAIR_ORGANIZATION));
    assert.equal(notice.subjectName, company!.name);
    const page = await get(`/api/v1/public/subjects/${company!.code}/profile`);
    const entry = (page.groups as Json[]).find((g) => g.group === 'black')!.items[0];
    assert.equal(entry.procedure.kind, 'repair');
  });

  it('B10(2), B10(3), B12(9), B13(2): the first demo companies have their registration, licences, penalties and commitments on their public page', async () => {
    const [first] = await t.ctx.subjects.firstRegistered('organization', 1);
    const page = await get(`/api/v1/public/subjects/${first!.code}/profile`);
    assert.deepEqual(
      [page.counts.basic, page.counts.licensing, page.counts.penalties, page.counts.commitments],
      [1, 1, 1, 1],
    );
    const registration = (page.groups as Json[]).find((g) => g.group === 'basic')!.items[0];
    const field = (key: string) => registration.fields.find((f: Json) => f.key === key)?.value;
    assert.equal(field('address'), first!.attributes.registeredAddress);
    // A7: the legal representative's name as registered, masked for the public
    assert.match(field('legalRepresentative'), /^\p{Script=Han}\*+$/u);
    const penalty = (page.groups as Json[]).find((g) => g.group === 'penalties')!.items[0];
    assert.match(penalty.legalBasis.text, /《中华人民共和国.+法》/);
  });

  it('a second load adds nothing, even once the notice has ended', async () => {
    setClock('2027-01-04T02:00:00.000Z');
    assert.deepEqual(await loadDemoPortal(t.ctx), { created: 0, repairNotice: 'exists' });
    assert.deepEqual((await get('/api/v1/public/repair-notices')).notices, []);
  });
});
