/**
 * GET /api/v1/subjects/search (issue 5 point 8) through the full application, on both engines:
 * access as for the lookup by code (staff and systems, stated purpose, audited), bad input, and a
 * subject registered by intake found at once.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { signIn } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { citizenId } from '../catalog/test-support.ts';
import { penalty, push, type RecordsTestApp, recordsTestApp } from '../records/test-support.ts';

const PURPOSE = { 'x-purpose': encodeURIComponent('行政许可审查核实主体') };

type Hit = {
  subjectId: string;
  kind: string;
  name: string;
  code: string;
  matchedBy: string[];
  matched: string;
};

describeEachEngine('subject search over HTTP', (getStore) => {
  let t: RecordsTestApp;
  let system: Record<string, string> = {};
  let person = { code: '', name: '' };

  const get = (url: string, headers: Record<string, string> = { ...system, ...PURPOSE }) =>
    t.app.inject({ method: 'GET', url, headers });
  const searchFor = async (q: string, extra = '') => {
    const res = await get(`/api/v1/subjects/search?q=${encodeURIComponent(q)}${extra}`);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { results: Hit[] }).results;
  };
  const refusal = async (url: string, headers?: Record<string, string>) => {
    const res = await get(url, headers);
    return {
      status: res.statusCode,
      ...(res.json().error as { code: string; message: string; message_en: string }),
    };
  };

  before(async () => {
    t = await recordsTestApp(getStore());
    const issued = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-ZJJ',
      permissions: ['subjects.read'],
      label: 'search test',
      createdBy: 'test',
    });
    system = { authorization: `Bearer ${issued.key}` };
    const account = await t.ctx.auth.accounts.findByLogin('demo.person');
    const subject = (await t.ctx.subjects.findById(account!.subjectId!))!;
    person = { code: subject.code, name: subject.name };
  });
  after(async () => t.close());

  it('finds a demo person by name with the identity code, as the staff view shows it (issue 5 point 8)', async () => {
    const results = await searchFor(person.name);
    const hit = results.find((r) => r.code === person.code);
    assert.ok(hit, `${person.name} found`);
    assert.equal(hit.kind, 'person');
    assert.ok(hit.matchedBy.includes('name_exact'));
  });

  it('routes /subjects/search to the search and /subjects/:code to the lookup', async () => {
    const byCode = await get(`/api/v1/subjects/${person.code}`);
    assert.equal(byCode.statusCode, 200, byCode.body);
    assert.equal(byCode.json().name, person.name);
    const search = await get(`/api/v1/subjects/search?q=${encodeURIComponent(person.name)}`);
    assert.ok(Array.isArray(search.json().results));
  });

  it('refuses anonymous callers, callers without a purpose, and subjects themselves', async () => {
    const url = `/api/v1/subjects/search?q=${encodeURIComponent(person.name)}`;
    assert.deepEqual(
      [(await refusal(url, PURPOSE)).code, (await refusal(url, system)).code],
      ['AUTH_REQUIRED', 'PURPOSE_REQUIRED'],
    );
    const own = await refusal(url, { ...(await signIn(t.app, 'demo.person')), ...PURPOSE });
    assert.equal(own.code, 'ACCESS_DENIED');
  });

  it('audits every search with the purpose and the subjects returned (B33)', async () => {
    const results = await searchFor(person.name);
    const entry = await t.ctx.store.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'subject.search')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(entry.purpose, '行政许可审查核实主体');
    assert.equal(entry.result, 'ok');
    const detail = typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail;
    assert.deepEqual(
      detail.subjectIds,
      results.map((r) => r.subjectId),
    );
  });

  it('answers bad input with a stable code and a message in Chinese and English', async () => {
    const cases: [string, string][] = [
      ['/api/v1/subjects/search', 'SUBJECT_SEARCH_QUERY_EMPTY'],
      ['/api/v1/subjects/search?q=%20', 'SUBJECT_SEARCH_QUERY_EMPTY'],
      [`/api/v1/subjects/search?q=${encodeURIComponent('淮'.repeat(51))}`, 'SUBJECT_SEARCH_QUERY_TOO_LONG'],
      [`/api/v1/subjects/search?q=${encodeURIComponent('！？……')}`, 'SUBJECT_SEARCH_QUERY_NO_TEXT'],
      [`/api/v1/subjects/search?q=${encodeURIComponent('王')}`, 'SUBJECT_SEARCH_QUERY_TOO_SHORT'],
      ['/api/v1/subjects/search?q=wf&limit=0', 'REQUEST_INVALID'],
      ['/api/v1/subjects/search?q=wf&limit=101', 'REQUEST_INVALID'],
      ['/api/v1/subjects/search?q=wf&kind=company', 'REQUEST_INVALID'],
    ];
    for (const [url, code] of cases) {
      const error = await refusal(url);
      assert.deepEqual([error.status, error.code], [400, code], url);
      assert.ok(error.message && error.message_en, url);
    }
  });

  it('filters by kind and pages by limit', async () => {
    for (const r of await searchFor('淮安', '&kind=organization&limit=100'))
      assert.equal(r.kind, 'organization');
    assert.equal((await searchFor('淮安', '&kind=person')).length, 0);
    assert.ok((await searchFor('有限公司', '&limit=1')).length <= 1);
  });

  it('finds a subject registered by intake at once, by name, traditional characters and pinyin', async () => {
    const code = citizenId('19780412', '731');
    const result = await push(t, 'HA-GSJ', [penalty(90, { subject: { code, name: '單雄信' } })]);
    assert.equal(result.summary.created, 1, JSON.stringify(result.results));
    for (const q of ['单雄信', '單雄信', 'shanxiongxin', 'sxx']) {
      const hit = (await searchFor(q, '&kind=person')).find((r) => r.code === code);
      assert.ok(hit, q);
      assert.equal(hit.name, '單雄信');
    }
    assert.deepEqual((await searchFor('单雄信'))[0]?.matchedBy, ['name_exact', 'traditional']);
  });
});
