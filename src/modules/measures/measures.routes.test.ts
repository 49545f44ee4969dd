import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { declaredAccess } from '../../platform/http/server.ts';
import { signIn as signInAs, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { ensureSeedMeasures } from './measures.seed.ts';
import { SCENARIOS } from './scenarios.ts';
import { SEED_MEASURES } from './seed.ts';
import { measuresTestApp } from './test-support.ts';

type Headers = Record<string, string>;
const newMeasure = {
  code: 'city-no-bid-deposit-persons',
  title: '个人投标免收投标保证金',
  text: '对纳入红名单投标企业，不收取投标保证金。',
  article: 'A13(4)',
  listTypes: ['red'],
  effect: 'favor',
  scenarios: ['public_resource_trading'],
  appliesTo: ['subject'],
  subjectKinds: ['person'],
  legalBasis: [{ document: '淮政发〔2018〕103号', provision: '第十三条第（四）项' }],
  implementingDepartments: ['HA-FGW'],
};

describeEachEngine(
  'measures routes (the measures are public policy; the credit office edits them)',
  (getStore) => {
    let t: TestApp;
    const as = new Map<string, Headers>();

    const signIn = (login: string): Promise<Headers> => signInAs(t.app, login);

    before(async () => {
      t = await measuresTestApp(getStore());
      await ensureSeedMeasures(t.ctx.store, t.ctx.now(), t.ctx.rowWriter);
      as.set('office', await signIn('demo.office'));
      as.set('center', await signIn('demo.center'));
      as.set('user', await signIn('demo.user'));
    });
    after(async () => t.close());

    it('declares reads public and edits for measures.manage, never by a system key', () => {
      for (const route of ['GET /api/v1/scenarios', 'GET /api/v1/measures', 'GET /api/v1/measures/:code']) {
        assert.equal(declaredAccess.get(route)?.kind, 'public', route);
      }
      for (const route of ['POST /api/v1/measures', 'PUT /api/v1/measures/:code']) {
        assert.deepEqual(declaredAccess.get(route), {
          kind: 'permission',
          permission: 'measures.manage',
          systems: false,
        });
      }
    });

    it('lists the scenarios with the articles that name them', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/scenarios' });
      assert.equal(res.statusCode, 200);
      const { scenarios } = res.json() as { scenarios: { code: string; articles: string[] }[] };
      assert.equal(scenarios.length, SCENARIOS.length);
      assert.ok(scenarios.find((s) => s.code === 'public_resource_trading')?.articles.includes('A14(5)'));
    });

    it('lists the measures of a scenario and list type, with their legal basis', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/measures?scenario=public_resource_trading&listType=black',
      });
      assert.equal(res.statusCode, 200);
      const { measures } = res.json() as {
        measures: { code: string; legalBasis: { document: string; provision?: string }[] }[];
      };
      assert.deepEqual(
        measures.map((m) => m.code),
        ['a14-05-public-resource-trading', 'a14-13-responsible-persons'],
      );
      assert.equal(measures[0]?.legalBasis[0]?.provision, '第十四条第（五）项');
      const all = await t.app.inject({ method: 'GET', url: '/api/v1/measures' });
      assert.equal(all.json().measures.length, SEED_MEASURES.length);
      const bad = await t.app.inject({ method: 'GET', url: '/api/v1/measures?scenario=space_travel' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'REQUEST_INVALID');
    });

    it('creates a measure for the credit office, and refuses the same code twice', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/measures',
        headers: as.get('office'),
        payload: newMeasure,
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().outcome, 'created');
      assert.equal(res.json().measure.version, 1);
      assert.deepEqual(res.json().measure.grounds, []);
      assert.equal(res.json().measure.active, true);
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/measures',
        headers: as.get('office'),
        payload: newMeasure,
      });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'MEASURE_EXISTS');
    });

    it('publishes version 2 with its reason; version 1 stays readable', async () => {
      const { code, ...content } = newMeasure;
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/measures/${code}`,
        headers: as.get('office'),
        payload: {
          ...content,
          implementingDepartments: ['HA-FGW', 'HA-CZJ'],
          reason: '增加财政局为实施部门',
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().measure.version, 2);
      const one = await t.app.inject({ method: 'GET', url: `/api/v1/measures/${code}` });
      assert.equal(one.statusCode, 200);
      const body = one.json() as {
        measure: { version: number };
        versions: { version: number; implementingDepartments: string[]; reason: string | null }[];
      };
      assert.equal(body.measure.version, 2);
      assert.deepEqual(
        body.versions.map((v) => [v.version, v.implementingDepartments, v.reason]),
        [
          [1, ['HA-FGW'], null],
          [2, ['HA-FGW', 'HA-CZJ'], '增加财政局为实施部门'],
        ],
      );
    });

    it('requires a reason for a new version and an existing code', async () => {
      const { code, ...content } = newMeasure;
      const noReason = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/measures/${code}`,
        headers: as.get('office'),
        payload: content,
      });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json().error.code, 'REQUEST_INVALID');
      const unknown = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/measures/no-such-measure',
        headers: as.get('office'),
        payload: { ...content, reason: '修改' },
      });
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'MEASURE_NOT_FOUND');
      const missing = await t.app.inject({ method: 'GET', url: '/api/v1/measures/no-such-measure' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'MEASURE_NOT_FOUND');
    });

    it('answers an unknown scenario or department with MEASURE_INVALID and the field', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/measures',
        headers: as.get('office'),
        payload: {
          ...newMeasure,
          code: 'city-bad',
          scenarios: ['lottery'],
          implementingDepartments: ['HA-GGZY'],
        },
      });
      assert.equal(res.statusCode, 400);
      const { error } = res.json();
      assert.equal(error.code, 'MEASURE_INVALID');
      assert.deepEqual(
        error.details.issues.map((i: { field: string }) => i.field),
        ['scenarios.0', 'implementingDepartments.0'],
      );
      assert.match(error.message, /lottery/);
      assert.match(error.message_en, /unknown department HA-GGZY/);
    });

    it('lets only the credit office edit (anonymous 401, other staff 403)', async () => {
      const post = (headers: Headers | undefined) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/measures',
          ...(headers ? { headers } : {}),
          payload: { ...newMeasure, code: 'city-someone-else' },
        });
      assert.equal((await post(undefined)).statusCode, 401);
      for (const who of ['center', 'user']) {
        const res = await post(as.get(who));
        assert.equal(res.statusCode, 403, who);
        assert.equal(res.json().error.code, 'ACCESS_DENIED');
      }
      const { key } = await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-ZJJ',
        permissions: ['checks.run'],
        label: 'measures test',
        createdBy: 'test',
      });
      const system = await post({ authorization: `Bearer ${key}` });
      assert.equal(system.statusCode, 403);
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/measures/city-someone-else' });
      assert.equal(list.statusCode, 404);
    });
  },
);
