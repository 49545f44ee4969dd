/**
 * Issue 17: what the OpenAPI document says beyond the route schemas, derived from what each route
 * declares (openapi.ts, decision 0037).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Credentials,
  completeDocument,
  errorStatusesFor,
  type OperationFacts,
  openApiOperations,
  openApiPath,
  operationIdFor,
  securityFor,
  withRawBody,
} from './openapi.ts';
import { createHttpServer } from './server.ts';

const CREDENTIALS: Credentials = {
  sessionCookie: 'sid',
  csrfHeader: 'X-CSRF-Token',
  apiKeyHeader: 'X-API-Key',
  apiKeyPermissions: ['subjects.read', 'records.write'],
};

const facts = (over: Partial<OperationFacts>): OperationFacts => ({
  method: 'get',
  path: '/api/v1/x',
  operationId: 'getX',
  access: { kind: 'public', reason: 'test' },
  rateLimited: false,
  errors: [],
  ...over,
});

describe('operationId', () => {
  it('issue 17: is derived from the method and URL, readable and stable', () => {
    assert.equal(operationIdFor('GET', '/api/v1/me/records'), 'getMeRecords');
    assert.equal(operationIdFor('GET', '/api/v1/subjects/:code/records'), 'getSubjectsByCodeRecords');
    assert.equal(operationIdFor('POST', '/api/v1/admin/api-keys/:id/rotate'), 'postAdminApiKeysByIdRotate');
    assert.equal(
      operationIdFor('GET', '/api/v1/me/objections/:id/evidence/:evidenceId'),
      'getMeObjectionsByIdEvidenceByEvidenceId',
    );
    assert.equal(
      operationIdFor('GET', '/api/v1/catalog/:code/template.xlsx'),
      'getCatalogByCodeTemplateXlsx',
    );
    assert.equal(operationIdFor('GET', '/api/health'), 'getHealth');
    assert.equal(operationIdFor('GET', '/'), 'getRoot');
  });

  it('issue 17: an id given twice refuses the second route, naming both', () => {
    const operations = openApiOperations();
    operations.add(facts({ path: '/api/v1/a-b', operationId: 'getAB' }));
    assert.throws(
      () => operations.add(facts({ path: '/api/v1/a/b', operationId: 'getAB' })),
      /GET \/api\/v1\/a\/b has the operationId "getAB" of GET \/api\/v1\/a-b/,
    );
  });

  it('issue 17: the server refuses a route whose derived id another route has, unless it gives its own', async () => {
    const server = (ownId?: string) =>
      createHttpServer({
        version: 't',
        logger: false,
        permissions: [],
        routes: [
          (app) => {
            const access = { kind: 'public', reason: 'test' } as const;
            app.get('/api/v1/a-b', { config: { access } }, async () => 'x');
            app.get('/api/v1/a/b', { schema: { operationId: ownId }, config: { access } }, async () => 'y');
          },
        ],
      }).then(async (app) => {
        await app.ready();
        return app;
      });
    await assert.rejects(server(), /operationId "getAB"/);
    const app = await server('getAThenB');
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.equal(doc.paths['/api/v1/a/b'].get.operationId, 'getAThenB');
    assert.equal(doc.paths['/api/v1/a-b'].get.operationId, 'getAB');
    await app.close();
  });

  it('issue 17: OpenAPI paths name parameters in braces', () => {
    assert.equal(
      openApiPath('/api/v1/repairs/:id/evidence/:evidenceId'),
      '/api/v1/repairs/{id}/evidence/{evidenceId}',
    );
  });
});

describe('security of an operation, from its access rule (decision 0006)', () => {
  it('B18: a public route asks for nothing', () => {
    assert.deepEqual(securityFor(facts({}), CREDENTIALS), []);
  });

  it('B19: a permission an API key may carry: a key (bearer or header) or a session', () => {
    const access = { kind: 'permission', permission: 'subjects.read' } as const;
    assert.deepEqual(securityFor(facts({ access }), CREDENTIALS), [
      { apiKey: [] },
      { apiKeyHeader: [] },
      { session: [] },
    ]);
  });

  it('issue 17: an unsafe method with a session also needs the CSRF header', () => {
    const access = { kind: 'permission', permission: 'records.write' } as const;
    assert.deepEqual(securityFor(facts({ method: 'post', access }), CREDENTIALS), [
      { apiKey: [] },
      { apiKeyHeader: [] },
      { session: [], csrf: [] },
    ]);
  });

  it('B21: sessions only where systems are refused, the permission is none a key may carry, or any signed-in person is asked', () => {
    const refused = { kind: 'permission', permission: 'subjects.read', systems: false } as const;
    const notForKeys = { kind: 'permission', permission: 'subjects.read_own' } as const;
    assert.deepEqual(securityFor(facts({ access: refused }), CREDENTIALS), [{ session: [] }]);
    assert.deepEqual(securityFor(facts({ access: notForKeys }), CREDENTIALS), [{ session: [] }]);
    assert.deepEqual(securityFor(facts({ method: 'post', access: { kind: 'signed_in' } }), CREDENTIALS), [
      { session: [], csrf: [] },
    ]);
  });
});

describe('error answers of an operation', () => {
  const shape = { pathParameters: false, body: false };

  it('B18: a public GET answers 400 only; a public POST also 403 (the CSRF header of a session sent along)', () => {
    assert.deepEqual(errorStatusesFor(facts({}), shape), [400]);
    assert.deepEqual(
      errorStatusesFor(facts({ method: 'post' }), { ...shape, body: true }),
      [400, 403, 413, 415],
    );
  });

  it('B33: a protected route answers 401 and 403; a path parameter 404; a rate limit 429; the route’s own 409', () => {
    const access = { kind: 'permission', permission: 'subjects.read', purpose: true } as const;
    assert.deepEqual(
      errorStatusesFor(facts({ access, rateLimited: true, errors: [409] }), {
        ...shape,
        pathParameters: true,
      }),
      [400, 401, 403, 404, 409, 429],
    );
  });
});

describe('completing the document', () => {
  const doc = () => ({
    paths: {
      '/api/v1/subjects/{code}': {
        get: {
          parameters: [{ in: 'path', name: 'code' }],
          responses: { 200: { description: 'ok' }, 404: { description: 'the route’s own' } },
        },
      },
      '/api/v1/login': { post: { requestBody: {}, responses: { 200: { description: 'ok' } } } },
    },
    components: { schemas: { Other: {} } },
  });
  const operations = () => {
    const all = openApiOperations();
    all.add(
      facts({
        path: '/api/v1/subjects/{code}',
        operationId: 'getSubjectsByCode',
        access: { kind: 'permission', permission: 'subjects.read', purpose: true },
      }),
    );
    all.add(facts({ method: 'post', path: '/api/v1/login', operationId: 'postLogin', rateLimited: true }));
    return all;
  };

  it('issue 17: ids, security and error answers on every operation; a route’s own answer wins', () => {
    const done = completeDocument(doc(), operations(), CREDENTIALS);
    const get = done.paths['/api/v1/subjects/{code}'].get as Record<string, unknown>;
    assert.equal(get.operationId, 'getSubjectsByCode');
    assert.deepEqual(get.security, [{ apiKey: [] }, { apiKeyHeader: [] }, { session: [] }]);
    assert.deepEqual(get.responses, {
      200: { description: 'ok' },
      400: { $ref: '#/components/responses/BadRequest' },
      401: { $ref: '#/components/responses/Unauthorized' },
      403: { $ref: '#/components/responses/Forbidden' },
      404: { description: 'the route’s own' },
    });
    // B33: the stated purpose, where the route requires one
    assert.deepEqual(get.parameters, [
      { in: 'path', name: 'code' },
      { $ref: '#/components/parameters/Purpose' },
    ]);
    const post = done.paths['/api/v1/login'].post as Record<string, unknown>;
    assert.deepEqual(post.security, []);
    assert.deepEqual(Object.keys(post.responses as object), ['200', '400', '403', '413', '415', '429']);
  });

  it('issue 17: shared answers only where some operation refers to them, next to the schemas already there', () => {
    const done = completeDocument(doc(), operations(), CREDENTIALS) as { components: Record<string, object> };
    assert.deepEqual(Object.keys(done.components.schemas!), ['Other', 'Error']);
    assert.deepEqual(Object.keys(done.components.responses!).sort(), [
      'BadRequest',
      'Forbidden',
      'PayloadTooLarge',
      'TooManyRequests',
      'Unauthorized',
      'UnsupportedMediaType',
    ]);
    assert.ok(
      'Retry-After' in
        (done.components.responses as Record<string, { headers?: object }>).TooManyRequests!.headers!,
    );
  });

  it('issue 17: an operation no route registered cannot be documented', () => {
    assert.throws(
      () => completeDocument(doc(), openApiOperations(), CREDENTIALS),
      /GET \/api\/v1\/subjects\/\{code\} was documented but never registered/,
    );
  });

  it('issue 17: a raw body named by `consumes` is documented as bytes; a schema’s own body is kept', () => {
    const raw = withRawBody({ url: '/u', schema: { consumes: ['text/csv'] } });
    assert.deepEqual(raw.schema, { consumes: ['text/csv'], body: { type: 'string', format: 'binary' } });
    const json = { url: '/u', schema: { consumes: ['application/json'], body: { type: 'object' } } };
    assert.equal(withRawBody(json), json);
  });
});
