import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { nextTurn } from '../concurrency/loop-turns.ts';
import { createHttpServer, type HttpApp } from './server.ts';
import { LARGE_JSON_BODY, malformedQueryComponent } from './well-formed-text.ts';

describe('the HTTP edge refuses text that is not well-formed (issue 14 §2)', () => {
  let app: HttpApp;
  const seen: unknown[] = [];
  before(async () => {
    app = await createHttpServer({
      version: 'test',
      logger: false,
      permissions: [],
      routes: [
        (a) => {
          const access = { kind: 'public', reason: 'test' } as const;
          a.post(
            '/echo',
            { schema: { body: z.record(z.string(), z.unknown()) }, config: { access } },
            async (r) => {
              seen.push(r.body);
              return { ok: true };
            },
          );
          a.get('/items/:code', { config: { access } }, async (r) => {
            seen.push(r.params);
            return { ok: true };
          });
          a.get('/search', { config: { access } }, async (r) => {
            seen.push(r.query);
            return { ok: true };
          });
        },
      ],
    });
    await app.ready();
  });
  after(() => app.close());

  const refused = (res: { statusCode: number; json(): unknown }, part: string, field: string) => {
    assert.equal(res.statusCode, 400);
    const { error } = res.json() as {
      error: { code: string; message: string; message_en: string; details: unknown };
    };
    assert.equal(error.code, 'TEXT_NOT_WELL_FORMED');
    assert.deepEqual(error.details, { in: part, field });
    assert.match(error.message, /UTF-8/);
    assert.match(error.message_en, /not well-formed Unicode/);
  };

  it('issue 14 §6: a large JSON body is parsed in a turn of its own, after the slices of work already waiting', async () => {
    // Eight half-megabyte bodies arriving together were decoded, parsed and validated in one turn.
    const order: string[] = [];
    const waiting = Promise.all(
      Array.from({ length: 8 }, (_, i) => nextTurn().then(() => order.push(`slice ${i}`))),
    );
    const big = JSON.stringify({ rows: 'x'.repeat(LARGE_JSON_BODY) });
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    order.push('the large body handled');
    await waiting;
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(order, [...Array.from({ length: 8 }, (_, i) => `slice ${i}`), 'the large body handled']);
    assert.deepEqual(seen.at(-1), JSON.parse(big), 'parsed as sent');
  });

  it('a lone surrogate escaped in a JSON body, naming the field; the route never runs', async () => {
    const before = seen.length;
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"login":"nobody\\ud800","rows":[{"name":"ok"},{"name":"\\udc00"}]}',
    });
    refused(res, 'body', 'login');
    assert.equal(seen.length, before);
  });

  it('invalid UTF-8 bytes in a JSON body are refused, not silently replaced', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    });
    refused(res, 'body', '');
  });

  it('well-formed JSON (Chinese, emoji, escapes of whole pairs) passes; poisoning checks still hold', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":"诚信 \\ud83d\\ude00 😀"}',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(seen.at(-1), { name: '诚信 😀 😀' });
    const poisoned = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__":{"x":1}}',
    });
    assert.equal(poisoned.statusCode, 400);
  });

  it('a query component that is not percent-encoded UTF-8, and a path that is not', async () => {
    refused(await app.inject({ url: '/search?q=ok&name=%ED%A0%80' }), 'querystring', 'name');
    refused(await app.inject({ url: '/search?%FF=1' }), 'querystring', '%FF');
    refused(await app.inject({ url: '/items/%ED%A0%80' }), 'params', '');
    const ok = await app.inject({ url: '/search?q=%E8%AF%9A%E4%BF%A1+x' });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual({ ...(seen.at(-1) as object) }, { q: '诚信 x' });
  });

  it('malformedQueryComponent: only components with % are decoded; + is a space', () => {
    assert.equal(malformedQueryComponent('a=1&b=2'), undefined);
    assert.equal(malformedQueryComponent('a=%E8%AF%9A&b=%'), 'b');
    assert.equal(malformedQueryComponent('a=%uD800'), 'a');
    assert.equal(malformedQueryComponent('x%20y=%ED%A0%80'), 'x y');
    assert.equal(malformedQueryComponent('q=100%25+sure'), undefined);
  });
});
