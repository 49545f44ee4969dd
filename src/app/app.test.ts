import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { PERMISSIONS } from '../modules/access/roles.ts';
import { loadConfig } from '../platform/config.ts';
import { createHttpServer, declaredAccess } from '../platform/http/server.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { describeEachEngine } from '../testing/engines.ts';

describeEachEngine('HTTP application', (getStore) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(getStore(), { now: () => '2026-11-26T08:00:00.000Z' });
  });
  after(async () => t.close());

  it('answers GET /api/health with the engine and policy in force', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.database.engine, getStore().engine);
    assert.equal(body.policy.id, 'huaian-2018');
  });

  it('国办发〔2025〕22号 / NDRC Order 36: XINYONG_POLICY=national-2026 runs the platform under the national policy, said by /api/health and /api/v1/policy', async () => {
    const national = await createTestApp(getStore(), {
      now: () => '2026-11-26T08:00:00.000Z',
      config: { policyPath: loadConfig({ XINYONG_POLICY: 'national-2026' }).policyPath },
    });
    try {
      const health = await national.app.inject({ method: 'GET', url: '/api/health' });
      assert.deepEqual(health.json().policy, { id: 'national-2026', version: '1.1.0' });
      const policy = (await national.app.inject({ method: 'GET', url: '/api/v1/policy' })).json();
      assert.equal(policy.id, 'national-2026');
      assert.equal(policy.policy.publicationClasses.severe.minPublicationBeforeRepair.years, 1);
      assert.equal(policy.policy.repairProcedure.adoption.from, 'application');
    } finally {
      await national.close();
    }
  });

  it('sends security headers on every response', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['strict-transport-security']), /max-age=/);
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
  });

  it('publishes an OpenAPI 3 document generated from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\./);
    for (const p of [
      '/api/health',
      '/api/v1/codes/{code}',
      '/api/v1/calendar/deadline',
      '/api/v1/codes/check',
    ]) {
      assert.ok(doc.paths[p], `missing ${p}`);
    }
    const params = doc.paths['/api/v1/calendar/deadline'].get.parameters.map((x: { name: string }) => x.name);
    assert.deepEqual(params.sort(), ['from', 'workdays']);
  });

  it('serves the interactive API reference at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /api\/openapi\.json/);
    assert.match(res.headers['content-type'] as string, /text\/html/);
  });

  it('issue 17 review, A7: the API reference loads no web fonts from elsewhere and carries a CSP of its own', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /"withDefaultFonts":\s*false/);
    assert.doesNotMatch(res.body, /fonts\.scalar\.com/);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /font-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    // the script the page loads is served from here (a relative path)
    const script = /<script[^>]+src="([^"]+)"/.exec(res.body)?.[1];
    assert.ok(script && !/^(?:[a-z]+:)?\/\//i.test(script), `script from ${script}`);
  });

  it('checks a code: a GB 11643 example is valid with region and birth date', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/codes/11010519491231002x' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.valid, true);
    assert.equal(body.normalized, '11010519491231002X');
    assert.equal(body.kind, 'citizen_id');
    assert.equal(body.birthDate, '1949-12-31');
    assert.equal(body.region.code.slice(0, 2), '11');
  });

  it('says which check character is wrong, expected vs given (GB 11643)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/codes/110105194912310021' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.valid, false);
    assert.equal(body.error.code, 'CODE_CHECKSUM');
    assert.equal(body.error.position, 18);
    assert.equal(body.error.expected, 'X');
    assert.equal(body.error.actual, '1');
    assert.ok(body.error.message && body.error.message_en);
  });

  it('accepts a registered exception with a warning, never silently', async () => {
    await t.ctx.codes.registerException({
      code: '110105194912310021',
      reason: '1990 年代早期签发，经公安机关核实',
      registeredBy: 'test',
      now: t.ctx.now(),
    });
    const body = (await t.app.inject({ method: 'GET', url: '/api/v1/codes/110105194912310021' })).json();
    assert.equal(body.valid, true);
    assert.equal(body.warnings[0].code, 'CODE_EXCEPTION_ACCEPTED');
  });

  it('checks a batch of codes in request order', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/codes/check',
      payload: { codes: ['440524188001010014', 'abc', '11010519491231002X'] },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(
      body.results.map((r: { valid: boolean }) => r.valid),
      [true, false, true],
    );
    assert.equal(body.invalid, 1);
  });

  it('computes a working-day deadline across the 2025 Spring Festival (Civil Code art. 201)', async () => {
    // 2025-01-24 (Fri) + 3: Sat 25 off, Sun 26 makeup workday (1), Mon 27 (2), 28 Jan–4 Feb holiday, 5 Feb (3).
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/calendar/deadline?from=2025-01-24&workdays=3',
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      from: '2025-01-24',
      workdays: 3,
      deadline: '2025-02-05',
      provisional: false,
      missingYears: [],
    });
  });

  it('marks a deadline in a year without an official schedule as provisional', async () => {
    const body = (
      await t.app.inject({ method: 'GET', url: '/api/v1/calendar/deadline?from=2026-12-28&workdays=10' })
    ).json();
    assert.equal(body.provisional, true);
    assert.deepEqual(body.missingYears, [2027]);
  });

  it('lists departments and regions for integrators', async () => {
    const deps = await t.app.inject({ method: 'GET', url: '/api/v1/departments' });
    assert.equal(deps.statusCode, 200);
    assert.ok(Array.isArray(deps.json().departments));
    const policy = (await t.app.inject({ method: 'GET', url: '/api/v1/policy' })).json();
    assert.equal(policy.id, 'huaian-2018');
    assert.match(policy.digest, /^[0-9a-f]{64}$/);
  });

  const BAD_REQUESTS: [string, string, string, number, string][] = [
    ['GET', '/api/v1/calendar/deadline?from=2025-02-30&workdays=3', '', 400, 'REQUEST_INVALID'],
    ['GET', '/api/v1/calendar/deadline?from=2025-02-01&workdays=-1', '', 400, 'REQUEST_INVALID'],
    ['GET', '/api/v1/calendar/deadline?from=2025-02-01&workdays=abc', '', 400, 'REQUEST_INVALID'],
    ['GET', '/api/v1/calendar/deadline?from=2025-02-01&workdays=1.5', '', 400, 'REQUEST_INVALID'],
    ['GET', '/api/v1/calendar/deadline?from=2025-02-01&workdays=99999', '', 400, 'REQUEST_INVALID'],
    ['GET', '/api/v1/calendar/deadline', '', 400, 'REQUEST_INVALID'],
    ['GET', '/api/v1/calendar/days/20250101', '', 400, 'REQUEST_INVALID'],
    ['GET', `/api/v1/codes/${'9'.repeat(65)}`, '', 400, 'REQUEST_INVALID'],
    ['GET', '/api/v1/regions?parent=32', '', 400, 'REQUEST_INVALID'],
    ['GET', '/api/v1/departments?kind=bank', '', 400, 'REQUEST_INVALID'],
    ['POST', '/api/v1/codes/check', '{"codes": []}', 400, 'REQUEST_INVALID'],
    ['POST', '/api/v1/codes/check', '{"codes": "x"}', 400, 'REQUEST_INVALID'],
    ['POST', '/api/v1/codes/check', '{"codes": ["x"], "extra": 1}', 400, 'REQUEST_INVALID'],
    ['POST', '/api/v1/codes/check', '{"codes": [', 400, 'REQUEST_JSON_INVALID'],
    ['POST', '/api/v1/codes/check', JSON.stringify({ codes: Array(1001).fill('x') }), 400, 'REQUEST_INVALID'],
    [
      'POST',
      '/api/v1/codes/check',
      JSON.stringify({ codes: ['x'.repeat(64)], pad: 'y'.repeat(2_000_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['GET', '/api/v1/nothing-here', '', 404, 'ROUTE_NOT_FOUND'],
    ['DELETE', '/api/health', '', 404, 'ROUTE_NOT_FOUND'],
  ];
  for (const [method, url, payload, status, code] of BAD_REQUESTS) {
    it(`refuses ${method} ${url.slice(0, 60)} ${payload.slice(0, 30)} with ${status} ${code}`, async () => {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        ...(payload ? { payload, headers: { 'content-type': 'application/json' } } : {}),
      });
      assert.equal(res.statusCode, status, res.body);
      const body = res.json();
      assert.equal(body.error.code, code);
      assert.ok(body.error.message.length > 0);
      assert.ok(body.error.message_en.length > 0);
    });
  }

  it('refuses a body that is not JSON with 415, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/codes/check',
      payload: 'codes=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'MEDIA_TYPE_UNSUPPORTED');
  });

  it('never answers 500 to odd inputs on any endpoint', async () => {
    const odd = ['%E4%BD', '%00', '..%2F..%2Fetc%2Fpasswd', '　', 'ｘ', '320812😀', "1' or '1'='1"];
    for (const value of odd) {
      for (const url of [
        `/api/v1/codes/${value}`,
        `/api/v1/calendar/deadline?from=${value}&workdays=${value}`,
        `/api/v1/calendar/days/${value}`,
        `/api/v1/regions?parent=${value}`,
        `/api/v1/departments?region=${value}`,
      ]) {
        const res = await t.app.inject({ method: 'GET', url });
        assert.ok(res.statusCode < 500, `${url} → ${res.statusCode} ${res.body}`);
      }
    }
  });

  it('declares an access rule on every route', () => {
    assert.ok(declaredAccess.size >= 8);
    for (const [route, access] of declaredAccess) {
      if (access.kind === 'public') assert.ok(access.reason.length > 0, route);
    }
  });
});

it('refuses to register a route that declares no access rule', async () => {
  await assert.rejects(
    createHttpServer({
      version: 't',
      logger: false,
      permissions: PERMISSIONS,
      routes: [(app) => app.get('/api/v1/unprotected', async () => 'x')],
    }).then((app) => app.ready()),
    /declares no access rule/,
  );
});

it('refuses to register a route that requires a permission the access module does not know', async () => {
  // The platform cannot type-check permission names (it knows no domain); the server checks them.
  await assert.rejects(
    createHttpServer({
      version: 't',
      logger: false,
      permissions: PERMISSIONS,
      routes: [
        (app) =>
          app.get(
            '/api/v1/misspelt',
            { config: { access: { kind: 'permission', permission: 'checks.runn' } } },
            async () => 'x',
          ),
      ],
    }).then((app) => app.ready()),
    /unknown permission "checks.runn"/,
  );
});
