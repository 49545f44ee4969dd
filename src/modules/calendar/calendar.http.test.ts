import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { createTestStore } from '../../testing/engines.ts';

/** The public calendar routes at the edges of the date range (no storage beyond loading the calendar). */
describe('calendar routes at the edges of the date range', () => {
  let t: TestApp;
  let dispose: () => Promise<void>;
  before(async () => {
    const created = await createTestStore('sqlite');
    dispose = created.dispose;
    t = await createTestApp(created.store);
  });
  after(async () => {
    await t.close();
    await dispose();
  });

  it('issue 14 §6: GET /api/v1/calendar/deadline?from=9999-12-30&workdays=3660 is a 400 DATE_OUT_OF_RANGE, not a 500', async () => {
    for (const query of ['from=9999-12-30&workdays=3660', 'from=9999-12-31&workdays=1']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/deadline?${query}` });
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      assert.equal(res.json().error.code, 'DATE_OUT_OF_RANGE', query);
      assert.equal(res.json().error.details.max, '9999-12-31');
    }
    const last = await t.app.inject({
      method: 'GET',
      url: '/api/v1/calendar/deadline?from=9999-12-28&workdays=3',
    });
    assert.equal(last.statusCode, 200, last.body);
    assert.equal(last.json().deadline, '9999-12-31');
    const day = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/days/10000-01-01' });
    assert.equal(day.statusCode, 400, 'a five-digit year is not a date');
  });
});
