/**
 * Issue 14 §6: write routes refuse unknown body properties. A misspelt property (`nmae`, `mdoe`) is
 * refused rather than silently dropped, so an integrator learns of the typo instead of sending data
 * the platform never read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadDemoData } from '../modules/demo/demo.loader.ts';
import { createTestApp, relaxedPolicy, type TestApp } from '../testing/app.ts';
import { createTestStore } from '../testing/engines.ts';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
};

/** Paths of object schemas with named properties that accept others too. */
function looseObjects(schema: JsonSchema, resolve: (ref: string) => JsonSchema, at: string): string[] {
  if (schema.$ref) return looseObjects(resolve(schema.$ref), resolve, at);
  const found: string[] = [];
  if (schema.properties) {
    if (schema.additionalProperties !== false) found.push(at || '(body)');
    for (const [key, child] of Object.entries(schema.properties))
      found.push(...looseObjects(child, resolve, at ? `${at}.${key}` : key));
  }
  const items = Array.isArray(schema.items) ? schema.items : schema.items ? [schema.items] : [];
  for (const item of items) found.push(...looseObjects(item, resolve, `${at}[]`));
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    found.push(...looseObjects(branch, resolve, at));
  return found;
}

describe('issue 14 §6: request bodies are strict', () => {
  let t: TestApp;
  let dispose: () => Promise<void>;
  let key: string;
  before(async () => {
    const created = await createTestStore('sqlite');
    dispose = created.dispose;
    t = await createTestApp(created.store, { policy: await relaxedPolicy() });
    await loadDemoData(t.ctx, { persons: 2, organizations: 2 });
    key = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-FGW',
        permissions: ['records.write', 'checks.run'],
        label: 'test',
        createdBy: 'test',
      })
    ).key;
  });
  after(async () => {
    await t.close();
    await dispose();
  });

  it('issue 14 §6: every JSON request body in the OpenAPI document refuses unknown properties, nested objects too', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const resolve = (ref: string) =>
      ref
        .replace(/^#\//, '')
        .split('/')
        .reduce(
          (node: Record<string, unknown>, part) => node[part] as Record<string, unknown>,
          doc,
        ) as JsonSchema;
    const loose: string[] = [];
    let bodies = 0;
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = (operation as { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } })
          .requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        bodies++;
        for (const at of looseObjects(schema, resolve, ''))
          loose.push(`${method.toUpperCase()} ${path}: ${at}`);
      }
    }
    assert.ok(bodies >= 15, `found ${bodies} JSON request bodies`);
    assert.deepEqual(loose, []);
  });

  it('issue 14 §6: an unknown property is REQUEST_INVALID naming it, at the top and nested', async () => {
    const headers = { authorization: `Bearer ${key}` };
    const cases = [
      {
        url: '/api/v1/checks',
        payload: { scenario: 'licensing', purpose: '测试', subjects: [{ code: 'x', nmae: '张三' }] },
        field: 'subjects.0.nmae',
      },
      { url: '/api/v1/records', payload: { mdoe: 'all_or_nothing', rows: [{}] }, field: 'mdoe' },
      {
        url: '/api/v1/lists/decisions',
        payload: {
          item: 'blacklist-organization',
          subject: { code: 'x', name: 'y', alias: 'z' },
          identifiedOn: '2026-01-01',
          fields: {},
        },
        field: 'subject.alias',
      },
    ];
    for (const { url, payload, field } of cases) {
      const res = await t.app.inject({ method: 'POST', url, headers, payload });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      const { error } = res.json();
      assert.equal(error.code, 'REQUEST_INVALID', url);
      assert.deepEqual(
        error.details.issues.map((i: { field: string }) => i.field),
        [field],
        url,
      );
      assert.ok(error.message_en.includes(field), error.message_en);
    }
  });
});
