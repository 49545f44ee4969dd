/**
 * Issue 17: the web app's API types and integrators' clients are generated from the platform's own
 * OpenAPI document, so it must be complete. Redocly's recommended rules (redocly.yaml) find no error in
 * it, and what it says about the ways in is what the access hook accepts (decision 0037).
 *
 * The document does not depend on the database engine: one engine (SQLite) serves it here.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { loadDemoData } from '../modules/demo/demo.loader.ts';
import { createTestApp, relaxedPolicy, signIn, type TestApp } from '../testing/app.ts';
import { createTestStore } from '../testing/engines.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REDOCLY = path.join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { $ref?: string; in?: string; name?: string }[];
  responses: Record<string, { $ref?: string }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }>;
    responses: Record<string, { headers?: Record<string, unknown> }>;
  };
};
type Problem = { ruleId: string; severity: string; message: string; location: { pointer: string }[] };

/** Redocly's lint of a document (no telemetry, no update check: the machine may be offline). */
async function redoclyLint(doc: unknown): Promise<{ errors: Problem[]; warnings: Problem[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-openapi-lint-'));
  try {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const config = path.join(ROOT, 'redocly.yaml');
    const args = [REDOCLY, 'lint', file, '--config', config, '--format=json', '--max-problems=100000'];
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    let stdout: string;
    try {
      ({ stdout } = await promisify(execFile)(process.execPath, args, { env, maxBuffer: 64 * 1024 * 1024 }));
    } catch (error) {
      // problems found: exit status 1, the report still on stdout
      stdout = (error as { stdout?: string }).stdout ?? '';
      if (!stdout.trim().startsWith('{')) throw error;
    }
    const problems = (JSON.parse(stdout) as { problems: Problem[] }).problems;
    return {
      errors: problems.filter((p) => p.severity === 'error'),
      warnings: problems.filter((p) => p.severity === 'warn'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${p}`, operation })),
  );

describe('issue 17: the OpenAPI document as integrators and the web app consume it', () => {
  let t: TestApp;
  let dispose: () => Promise<void>;
  let doc: Document;
  before(async () => {
    const scratch = await createTestStore('sqlite');
    dispose = scratch.dispose;
    t = await createTestApp(scratch.store, {
      now: () => '2026-11-26T08:00:00.000Z',
      policy: await relaxedPolicy(),
    });
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    doc = res.json();
  });
  after(async () => {
    await t.close();
    await dispose();
  });

  it('issue 17: Redocly’s recommended rules find no error and no warning in the document', async (context) => {
    const { errors, warnings } = await redoclyLint(doc);
    context.diagnostic(`redocly lint: ${errors.length} errors, ${warnings.length} warnings`);
    for (const w of warnings.slice(0, 20)) {
      context.diagnostic(`warning ${w.ruleId}: ${w.message} (${w.location[0]?.pointer})`);
    }
    assert.deepEqual(
      errors.map((e) => `${e.ruleId}: ${e.message} (${e.location[0]?.pointer})`),
      [],
    );
    // the list exports and the public objection documented their answers (issue 17 review): none left
    assert.deepEqual(
      warnings.map((w) => `${w.ruleId}: ${w.message} (${w.location[0]?.pointer})`),
      [],
    );
  });

  it('issue 17 review: the list exports document their file (CSV, xlsx as binary); the public objection its 409', () => {
    // biome-ignore lint/suspicious/noExplicitAny: the document read freely
    const paths = (doc as any).paths;
    for (const polarity of ['red', 'black']) {
      const csv = paths[`/api/v1/public/lists/${polarity}/export.csv`].get.responses['200'];
      assert.deepEqual(Object.keys(csv.content), ['text/csv']);
      const xlsx = paths[`/api/v1/public/lists/${polarity}/export.xlsx`].get.responses['200'];
      const [type] = Object.keys(xlsx.content);
      assert.equal(type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.equal(xlsx.content[type!].schema.format, 'binary');
    }
    const objection = paths['/api/v1/public/repair-notices/{id}/objections'].post;
    assert.ok(objection.responses['409'], JSON.stringify(Object.keys(objection.responses)));
    for (const code of [
      'REPAIR_NOTICE_NOT_RUNNING',
      'REPAIR_SUBMISSIONS_FULL',
      'REPAIR_SUBMISSIONS_PER_CLIENT',
    ])
      assert.match(objection.description, new RegExp(code));
  });

  it('issue 17: every operation has an operationId, all different, those integrators know as they were', () => {
    const ids = operationsOf(doc).map(({ key, operation }) => {
      assert.ok(operation.operationId, `${key} has no operationId`);
      return operation.operationId;
    });
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    assert.equal(doc.paths['/api/v1/me/records']!.get!.operationId, 'getMeRecords');
    assert.equal(doc.paths['/api/v1/subjects/{code}']!.get!.operationId, 'getSubjectsByCode');
    assert.equal(doc.paths['/api/v1/auth/login']!.post!.operationId, 'postAuthLogin');
    assert.equal(doc.paths['/api/v1/checks']!.post!.operationId, 'postChecks');
    assert.equal(doc.paths['/api/v1/public/subjects/{code}']!.get!.operationId, 'getPublicSubjectsByCode');
  });

  it('B18, B19, B21, B33: each operation’s security follows its route’s access rule', () => {
    const security = (p: string, method: string) => doc.paths[p]![method]!.security;
    // B18: public information asks for no credential
    assert.deepEqual(security('/api/v1/public/subjects/{code}', 'get'), []);
    // B19: a department's system with its key, or a clerk signed in; B33: with the stated purpose
    assert.deepEqual(security('/api/v1/subjects/{code}', 'get'), [
      { apiKey: [] },
      { apiKeyHeader: [] },
      { session: [] },
    ]);
    assert.ok(
      doc.paths['/api/v1/subjects/{code}']!.get!.parameters!.some(
        (p) => p.$ref === '#/components/parameters/Purpose',
      ),
    );
    assert.deepEqual(security('/api/v1/records', 'post'), [
      { apiKey: [] },
      { apiKeyHeader: [] },
      { session: [], csrf: [] },
    ]);
    // B21: the subject's own pages, a signed-in person only
    assert.deepEqual(security('/api/v1/me/records', 'get'), [{ session: [] }]);
    assert.deepEqual(security('/api/v1/me/consents', 'post'), [{ session: [], csrf: [] }]);
    // routes that refuse system keys, or whose permission no key may carry
    assert.deepEqual(security('/api/v1/external-decisions', 'post'), [{ session: [], csrf: [] }]);
    assert.deepEqual(security('/api/v1/admin/api-keys', 'post'), [{ session: [], csrf: [] }]);
    assert.deepEqual(security('/api/v1/auth/logout', 'post'), [{ session: [], csrf: [] }]);
    for (const { key, operation } of operationsOf(doc)) {
      assert.ok(Array.isArray(operation.security), `${key} states its security`);
    }
  });

  it('issue 17: every operation documents its error answers with the one error body', () => {
    for (const { key, operation } of operationsOf(doc)) {
      const statuses = Object.keys(operation.responses);
      assert.ok(statuses.includes('400'), `${key} documents 400`);
      if (operation.security!.length > 0) {
        assert.ok(statuses.includes('401') && statuses.includes('403'), `${key} documents 401 and 403`);
      }
      if (operation.parameters?.some((p) => p.in === 'path')) assert.ok(statuses.includes('404'), key);
    }
    const login = doc.paths['/api/v1/auth/login']!.post!.responses;
    assert.deepEqual(login['401'], { $ref: '#/components/responses/Unauthorized' });
    assert.deepEqual(login['429'], { $ref: '#/components/responses/TooManyRequests' });
    assert.ok(doc.components.responses.TooManyRequests!.headers!['Retry-After']);
    assert.deepEqual(doc.paths['/api/v1/me/objections']!.post!.responses['409'], {
      $ref: '#/components/responses/Conflict',
    });
    // the route's own answer is kept: the health check's 503 is its own body, not the error body
    assert.ok(doc.paths['/api/health']!.get!.responses['503']);
  });

  it('issue 17: the error body documented is the one the platform sends', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'nobody', password: 'wrong-password-1' },
    });
    assert.equal(res.statusCode, 401);
    const schema = (doc.components as unknown as { schemas: Record<string, ErrorSchema> }).schemas.Error!;
    const body = res.json();
    assert.deepEqual(Object.keys(body), schema.required);
    const inner = schema.properties.error;
    for (const field of inner.required) assert.equal(typeof body.error[field], 'string', field);
    for (const field of Object.keys(body.error))
      assert.ok(field in inner.properties, `undocumented ${field}`);
  });

  it('B19, B21: the ways in the document names are those the server accepts', async () => {
    await loadDemoData(t.ctx, { persons: 20, organizations: 5 });
    const { apiKey, apiKeyHeader, session, csrf } = doc.components.securitySchemes;
    assert.deepEqual([apiKey!.type, apiKey!.scheme], ['http', 'bearer']);
    assert.deepEqual([session!.in, csrf!.in, apiKeyHeader!.in], ['cookie', 'header', 'header']);

    // a session: the cookie named by the document, and the CSRF header it names on a write
    const signedIn = await signIn(t.app, 'demo.admin');
    const cookieValue = signedIn.cookie!.split('=')[1]!;
    const token = signedIn['x-csrf-token']!;
    const cookie = `${session!.name}=${cookieValue}`;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(me.json().kind, 'account');
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    assert.equal(noCsrf.json().error.code, 'CSRF_INVALID');
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, [csrf!.name!]: token },
    });
    assert.equal(withCsrf.statusCode, 204, withCsrf.body);

    // an API key: as a bearer token, or in the header the document names
    const { key } = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-ZJJ',
      permissions: ['subjects.read'],
      label: 'openapi',
      createdBy: 'test',
    });
    for (const headers of [{ authorization: `Bearer ${key}` }, { [apiKeyHeader!.name!]: key }]) {
      const who = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
      assert.deepEqual(who.json(), { kind: 'system', departmentCode: 'HA-ZJJ' });
    }
  });
});

type ErrorSchema = {
  required: string[];
  properties: { error: { required: string[]; properties: Record<string, unknown> } };
};
